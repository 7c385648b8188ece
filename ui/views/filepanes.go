package views

import (
	"context"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/panes"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/widgets/errview"
	"github.com/immtui/immtui/ui/widgets/faceimg"
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
// file). A pane's fields are fetched on its first visit only, each fetch
// with a request id so a reply for another file or an older request is
// dropped, and every fetch ends with the host's context.
//
// The host owns the refresh key and the layout around the tabs; it passes
// every message to Update and draws Tabs and Body.
type FilePanes struct {
	env  *Env
	ctx  context.Context
	keys filePanesKeys
	spin spinner.Model
	// hostBusy reports the host's own loading (the cluster view's cluster
	// fetch), which keeps the shared spinner turning.
	hostBusy func() bool
	ticking  bool

	uri    string // the file shown ("" until known, or none)
	panes  []panes.Pane
	state  []paneState
	active int
	width  int
}

// NewFilePanes builds the panes for pctx; their fetches end with ctx.
// hostBusy may be nil.
func NewFilePanes(env *Env, ctx context.Context, pctx panes.Context, hostBusy func() bool) *FilePanes {
	fp := &FilePanes{env: env, ctx: ctx, hostBusy: hostBusy}
	fp.spin = spinner.New(spinner.WithSpinner(spinner.Line), spinner.WithStyle(env.Styles.Spinner))
	fp.keys = filePanesKeys{
		Next: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		Prev: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "prev pane")),
	}
	for i := range panes.Names {
		n := strconv.Itoa(i + 1)
		fp.keys.Jump = append(fp.keys.Jump, key.NewBinding(key.WithKeys(n), key.WithHelp(n, panes.Names[i])))
	}
	if pctx.Language == "" {
		pctx.Language = env.Language
	}
	if pctx.Ctx == nil {
		pctx.Ctx = ctx
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
	return tea.Batch(fp.StartSpin(), func() tea.Msg {
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

// StartSpin starts the spinner unless it runs; it stops itself on the
// first tick after loading (the panes' and the host's) ends, so an idle
// view schedules nothing.
func (fp *FilePanes) StartSpin() tea.Cmd {
	if fp.ticking {
		return nil
	}
	fp.ticking = true
	return fp.spin.Tick
}

// Spinner is the spinner's current frame, for the host's own messages.
func (fp *FilePanes) Spinner() string { return fp.spin.View() }

func (fp *FilePanes) busy() bool {
	return fp.Loading() || (fp.hostBusy != nil && fp.hostBusy())
}

// Update handles pane replies, spinner ticks and keys (tabs, 1-7, then the
// shown pane's own); any other message goes to the shown pane. A Faces
// pane's OpenClusterMsg comes back as its command.
func (fp *FilePanes) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case fileMsg:
		if msg.pane >= len(fp.state) || msg.req != fp.state[msg.pane].req {
			return nil
		}
		s := &fp.state[msg.pane]
		s.req = 0
		if msg.err != nil {
			if !errview.Quiet(msg.err) {
				s.err = msg.err
			}
			return nil
		}
		s.err, s.loaded = nil, true
		fp.panes[msg.pane].SetFile(msg.f)
		return fp.load(msg.pane)
	case spinner.TickMsg:
		if msg.ID != fp.spin.ID() {
			return nil
		}
		if !fp.busy() {
			fp.ticking = false
			return nil
		}
		var cmd tea.Cmd
		fp.spin, cmd = fp.spin.Update(msg)
		return cmd
	case tea.KeyMsg:
		return fp.onKey(msg)
	}
	if faceimg.IsReply(msg) { // a picture for a pane, shown or not
		var cmds []tea.Cmd
		for i, p := range fp.panes {
			var cmd tea.Cmd
			fp.panes[i], cmd = p.Update(msg)
			cmds = append(cmds, cmd)
		}
		return tea.Batch(cmds...)
	}
	if fp.active < len(fp.panes) {
		p, cmd := fp.panes[fp.active].Update(msg)
		fp.panes[fp.active] = p
		return cmd
	}
	return nil
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
		p, cmd := fp.panes[fp.active].Update(msg)
		fp.panes[fp.active] = p
		return cmd
	}
	return nil
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

// SetSize gives every pane the area below the tab bar.
func (fp *FilePanes) SetSize(w, paneH int) {
	fp.width = w
	for _, p := range fp.panes {
		p.SetSize(w, paneH)
	}
}

// Tabs is the tab bar, one line.
func (fp *FilePanes) Tabs() string {
	return tabs.Render(fp.env.Styles, panes.Names, fp.active, fp.width)
}

// Body is the pane's area, h lines at most: the pane, its error (with how
// to retry), or a spinner while it loads. With no pane state to show it
// returns idle, the host's word on why there is no file.
func (fp *FilePanes) Body(h int, idle string) string {
	st := fp.env.Styles
	if fp.active >= len(fp.panes) {
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
		return fitLines([]string{fp.spin.View() + " Loading " + title + " of " + safetext.Line(fp.uri) + "..."}, fp.width, h)
	case idle != "":
		return fitLines([]string{idle}, fp.width, h)
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

// JumpKeys are 1-7, one per pane.
func (fp *FilePanes) JumpKeys() []key.Binding { return fp.keys.Jump }

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
