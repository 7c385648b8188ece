package views

import (
	"context"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/panes"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/widgets/errview"
	"github.com/immtui/immtui/ui/widgets/tabs"
)

// fileMsg is the reply to one pane's fetch of the file.
type fileMsg struct {
	req  int64
	pane int
	f    *imm.File
	err  error
}

// paneState is where one pane's data stands.
type paneState struct {
	req    int64 // request in flight (0: none)
	loaded bool  // the pane has its file
	err    error
}

type filePanesKeys struct {
	Next, Prev key.Binding
	Jump       []key.Binding // 1..7
}

// FilePanes shows one file through the panes as tabs: the part of a view
// that hosts them (the cluster view for its cover, the file view for its
// file), a component.Model like the panes it holds. A pane's fields are
// fetched on its first visit only, each fetch with a request id so a reply
// for another file or an older request is dropped, and every fetch ends
// with the host's context. It owns its spinner, which turns while the
// shown pane loads.
//
// The host owns the refresh key and the layout around it; it passes every
// message to Update, gives it a size (the tab bar and the pane below) and
// draws View.
type FilePanes struct {
	env  *Env
	ctx  context.Context
	keys filePanesKeys
	spin spin

	uri    string // the file shown ("" until known, or none)
	panes  []panes.Pane
	state  []paneState
	active int
	width  int
	height int // the tab bar's line and the pane's
}

// NewFilePanes builds the panes for pctx; their fetches end with ctx.
func NewFilePanes(env *Env, ctx context.Context, pctx panes.Context) *FilePanes {
	fp := &FilePanes{env: env, ctx: ctx, spin: newSpin(env.Styles)}
	fp.keys = filePanesKeys{
		Next: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		Prev: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "prev pane")),
	}
	for i := range panes.Names {
		n := strconv.Itoa(i + 1)
		fp.keys.Jump = append(fp.keys.Jump, key.NewBinding(key.WithKeys(n), key.WithHelp(n, panes.Names[i])))
	}
	if pctx.Language == "" {
		pctx.Language = env.Language()
	}
	if pctx.Ctx == nil {
		pctx.Ctx = ctx
	}
	if pctx.Thresholds == nil {
		pctx.Thresholds = env.Thresholds
	}
	fp.panes = env.NewPanes(pctx)
	fp.state = make([]paneState, len(fp.panes))
	return fp
}

// URI is the file shown ("" when none).
func (fp *FilePanes) URI() string { return fp.uri }

// Active is the index of the shown pane.
func (fp *FilePanes) Active() int { return fp.active }

// SetURI shows another file: what the panes held is of the old one, so it
// is dropped, and replies still coming for it no longer match.
func (fp *FilePanes) SetURI(uri string) {
	if uri == fp.uri {
		return
	}
	fp.uri = uri
	for i, p := range fp.panes {
		p.SetFile(nil)
		fp.state[i] = paneState{}
	}
}

// Err is the shown pane's error.
func (fp *FilePanes) Err() error {
	if fp.active < len(fp.state) {
		return fp.state[fp.active].err
	}
	return nil
}

// Loading reports whether the shown pane is being fetched.
func (fp *FilePanes) Loading() bool {
	return fp.active < len(fp.state) && fp.state[fp.active].req != 0
}

// Ensure gives the shown pane its file (see ensure).
func (fp *FilePanes) Ensure() tea.Cmd { return fp.ensure(fp.active) }

// ensure gives pane i its file: from the cache when the fields are there
// (no request), else by fetching exactly the pane's fields.
func (fp *FilePanes) ensure(i int) tea.Cmd {
	if i >= len(fp.panes) || fp.uri == "" {
		return nil
	}
	s := &fp.state[i]
	if s.loaded || s.req != 0 || s.err != nil {
		return nil
	}
	fields := fp.panes[i].Fields()
	if f, ok := fp.env.Data.CachedFile(fp.uri, fields); ok {
		fp.panes[i].SetFile(f)
		s.loaded = true
		return fp.load(i)
	}
	return fp.fetch(i, false)
}

// Refresh refetches the shown pane's fields past the cache.
func (fp *FilePanes) Refresh() tea.Cmd {
	if fp.active >= len(fp.panes) {
		return nil
	}
	return fp.fetch(fp.active, true)
}

func (fp *FilePanes) fetch(i int, refresh bool) tea.Cmd {
	if fp.uri == "" {
		return nil
	}
	uri, fields, data, ctx := fp.uri, fp.panes[i].Fields(), fp.env.Data, fp.ctx
	req := fp.env.NextID()
	fp.state[i].req, fp.state[i].err = req, nil
	return tea.Batch(fp.spin.start(), func() tea.Msg {
		var f *imm.File
		var err error
		if refresh {
			f, err = data.RefreshFile(ctx, uri, fields)
		} else {
			f, err = data.File(ctx, uri, fields)
		}
		return fileMsg{req: req, pane: i, f: f, err: err}
	})
}

// Update handles its own pane replies and spinner ticks, and keys (tabs,
// 1-7, then the shown pane's own); input (keys, the mouse) goes to the
// shown pane only, every other message to every pane, each keeping what
// it asked for (a picture reaches its pane, shown or not). A Faces pane's
// OpenClusterMsg comes back as its command.
func (fp *FilePanes) Update(msg tea.Msg) tea.Cmd {
	if cmd, mine := fp.spin.update(msg, fp.Loading()); mine {
		return cmd
	}
	switch msg := msg.(type) {
	case fileMsg:
		if msg.pane >= len(fp.state) {
			return nil
		}
		s := &fp.state[msg.pane]
		if !takeReply(&s.req, msg.req, msg.err, &s.err) {
			return nil
		}
		s.loaded = true
		fp.panes[msg.pane].SetFile(msg.f)
		return fp.load(msg.pane)
	case tea.KeyMsg:
		return fp.onKey(msg)
	case tea.MouseMsg:
		if fp.active < len(fp.panes) {
			return fp.panes[fp.active].Update(msg)
		}
		return nil
	}
	cmds := make([]tea.Cmd, 0, len(fp.panes))
	for _, p := range fp.panes {
		cmds = append(cmds, p.Update(msg))
	}
	return tea.Batch(cmds...)
}

func (fp *FilePanes) onKey(msg tea.KeyMsg) tea.Cmd {
	if len(fp.panes) == 0 {
		return nil
	}
	switch {
	case key.Matches(msg, fp.keys.Next):
		return fp.Show((fp.active + 1) % len(fp.panes))
	case key.Matches(msg, fp.keys.Prev):
		return fp.Show((fp.active + len(fp.panes) - 1) % len(fp.panes))
	}
	for i, b := range fp.keys.Jump {
		if i < len(fp.panes) && key.Matches(msg, b) {
			return fp.Show(i)
		}
	}
	if fp.active < len(fp.panes) && fp.state[fp.active].loaded {
		return fp.panes[fp.active].Update(msg)
	}
	return nil
}

// IsPaneKey reports whether msg is one of the tab keys (tab, shift+tab,
// 1-7): a host showing something else in the panes' place goes back to
// them on it.
func (fp *FilePanes) IsPaneKey(msg tea.KeyMsg) bool {
	return key.Matches(msg, fp.keys.Next, fp.keys.Prev) || key.Matches(msg, fp.keys.Jump...)
}

// Load asks for the pictures the shown pane draws (after a resize).
func (fp *FilePanes) Load() tea.Cmd { return fp.load(fp.active) }

// load asks pane i for its pictures, when it draws some and has its file.
func (fp *FilePanes) load(i int) tea.Cmd {
	if i >= len(fp.panes) || !fp.state[i].loaded {
		return nil
	}
	if l, ok := fp.panes[i].(panes.Loader); ok {
		return l.Load()
	}
	return nil
}

// Show switches to pane i, fetching its fields on a first visit.
func (fp *FilePanes) Show(i int) tea.Cmd {
	fp.active = i
	if fp.state[i].loaded {
		return fp.load(i)
	}
	return fp.ensure(i)
}

// Select makes pane i the shown one without fetching: for a host that
// has not started (its Init calls Ensure). An i out of range is ignored.
func (fp *FilePanes) Select(i int) {
	if i >= 0 && i < len(fp.panes) {
		fp.active = i
	}
}

// SetSize gives the tab bar a line and every pane the area below it.
func (fp *FilePanes) SetSize(w, h int) {
	fp.width, fp.height = w, h
	for _, p := range fp.panes {
		p.SetSize(w, max(h-1, 0))
	}
}

// Tabs is the tab bar, one line: for a host that draws its own word in the
// pane's place while there is no file (View draws it otherwise).
func (fp *FilePanes) Tabs() string {
	return tabs.Render(fp.env.Styles, panes.Names, fp.active, fp.width)
}

// View is the tab bar over the pane's area: the pane, its error (with how
// to retry), or a spinner while it loads; nothing under the tabs before
// there is a file to fetch (the host says why, see Tabs).
func (fp *FilePanes) View() string {
	if fp.width <= 0 || fp.height <= 0 {
		return ""
	}
	if body := fp.body(fp.height - 1); fp.height > 1 && body != "" {
		return fp.Tabs() + "\n" + body
	}
	return fp.Tabs()
}

func (fp *FilePanes) body(h int) string {
	st := fp.env.Styles
	if fp.active >= len(fp.panes) || h <= 0 {
		return ""
	}
	s := fp.state[fp.active]
	title := fp.panes[fp.active].Title()
	switch {
	case s.loaded:
		return clip(fp.env.Styles, fp.panes[fp.active].View(), fp.width, h)
	case s.err != nil:
		lines := errview.Lines(s.err)
		if !strings.Contains(strings.ToLower(strings.Join(lines, " ")), "r to retry") {
			lines = append(lines, "Press r to retry.")
		}
		return st.Error.Render(fitLines(lines, fp.width, h))
	case s.req != 0:
		return fitLines([]string{fp.spin.frame() + " Loading " + title + " of " + safetext.Line(fp.uri) + "..."}, fp.width, h)
	}
	return ""
}

// clip keeps a pane's output inside its area whatever the pane drew.
func clip(st *theme.Styles, s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if safetext.Width(l) > w {
			lines[i] = st.Truncate(l, w)
		}
	}
	return strings.Join(lines, "\n")
}

// NextKey and PrevKey are tab and shift+tab, for the host's help.
func (fp *FilePanes) NextKey() key.Binding { return fp.keys.Next }

// PrevKey is shift+tab.
func (fp *FilePanes) PrevKey() key.Binding { return fp.keys.Prev }

// SetFirstKey gives every pane that lets its host choose (panes.FirstKeyer)
// b as its first-row key.
func (fp *FilePanes) SetFirstKey(b key.Binding) {
	for _, p := range fp.panes {
		if k, ok := p.(panes.FirstKeyer); ok {
			k.SetFirstKey(b)
		}
	}
}

// JumpKeys are 1-7, one per pane.
func (fp *FilePanes) JumpKeys() []key.Binding { return fp.keys.Jump }

// ShortHelp is tab and the shown pane's keys.
func (fp *FilePanes) ShortHelp() []key.Binding {
	return append([]key.Binding{fp.keys.Next}, fp.PaneShortHelp()...)
}

// FullHelp is the tab keys, the pane numbers and the shown pane's keys.
func (fp *FilePanes) FullHelp() [][]key.Binding {
	return append([][]key.Binding{{fp.keys.Next, fp.keys.Prev}, fp.keys.Jump}, fp.PaneFullHelp()...)
}

// PaneShortHelp is the shown pane's one-line help.
func (fp *FilePanes) PaneShortHelp() []key.Binding {
	if fp.active < len(fp.panes) {
		return fp.panes[fp.active].ShortHelp()
	}
	return nil
}

// PaneFullHelp is the shown pane's full help.
func (fp *FilePanes) PaneFullHelp() [][]key.Binding {
	if fp.active < len(fp.panes) {
		return fp.panes[fp.active].FullHelp()
	}
	return nil
}

// Shown is the file as the shown pane has it (its fields; nil until
// loaded).
func (fp *FilePanes) Shown() *imm.File {
	if fp.active >= len(fp.panes) || !fp.state[fp.active].loaded {
		return nil
	}
	f, _ := fp.env.Data.CachedFile(fp.uri, fp.panes[fp.active].Fields())
	return f
}

// Loaded is the file with the fields of every pane loaded so far (nil
// when none is; a loaded Raw pane, whose fields are nil, means the whole
// file).
func (fp *FilePanes) Loaded() *imm.File {
	var fields []string
	found := false
	for i, p := range fp.panes {
		if !fp.state[i].loaded {
			continue
		}
		if p.Fields() == nil {
			fields, found = nil, true
			break
		}
		found = true
		fields = append(fields, p.Fields()...)
	}
	if !found {
		return nil
	}
	f, _ := fp.env.Data.CachedFile(fp.uri, fields)
	return f
}
