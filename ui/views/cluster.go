package views

import (
	"context"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/panes"
	"github.com/immtui/immtui/ui/widgets/errview"
	"github.com/immtui/immtui/ui/widgets/tabs"
)

// clusterMsg is the reply to a cluster fetch.
type clusterMsg struct {
	req int64
	c   *client.FigureCluster
	err error
}

// fileMsg is the reply to one pane's fetch of the cover file.
type fileMsg struct {
	req  int64
	pane int
	f    *client.File
	err  error
}

// paneState is where one pane's data stands.
type paneState struct {
	req    int64 // request in flight (0: none)
	loaded bool  // the pane has its file
	err    error
}

type clusterKeys struct {
	Next, Prev, Refresh, Header key.Binding
	Jump                        []key.Binding // 1..7
}

// Cluster is one figure cluster: a header with its fields, and its cover
// file through the panes as tabs. A pane's fields are fetched on its first
// visit only.
type Cluster struct {
	env    *Env
	ctx    context.Context
	cancel context.CancelFunc
	keys   clusterKeys
	spin   spinner.Model

	id      string
	row     *state.ClusterRow
	cluster *client.FigureCluster
	cReq    int64 // cluster request in flight (0: none)
	cErr    error

	cover   string // the cover file's URI ("" until known, or none)
	panes   []panes.Pane
	state   []paneState
	active  int
	ticking bool

	width, height int
	headerCache   string // the header, rebuilt when data, size or mode change
	headerDirty   bool
	// headerMode is what `i` chose: the full box or the compact summary;
	// headerAuto until then, which picks by the view's height.
	headerMode headerMode
}

type headerMode int

const (
	headerAuto headerMode = iota
	headerFull
	headerCompact
)

// NewCluster makes the view of cluster id. row, when the list had it, lets
// the header and the cover's panes start before the cluster arrives.
func NewCluster(env *Env, id string, row *state.ClusterRow) *Cluster {
	ctx, cancel := context.WithCancel(context.Background())
	v := &Cluster{env: env, ctx: ctx, cancel: cancel, id: id, headerDirty: true}
	if row != nil {
		r := *row
		v.row = &r
		v.cover = r.CoverURI
	}
	v.spin = spinner.New(spinner.WithSpinner(spinner.Line), spinner.WithStyle(env.Styles.Spinner))
	v.keys = clusterKeys{
		Next:    key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		Prev:    key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "prev pane")),
		Refresh: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		Header:  key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "full header")),
	}
	for i := range panes.Names {
		n := strconv.Itoa(i + 1)
		v.keys.Jump = append(v.keys.Jump, key.NewBinding(key.WithKeys(n), key.WithHelp(n, panes.Names[i])))
	}
	pctx := panes.Context{Styles: env.Styles, ClusterID: id, ClusterName: env.Data.ClusterName}
	v.panes = env.NewPanes(pctx)
	v.state = make([]paneState, len(v.panes))
	if c, ok := env.Data.CachedCluster(id); ok {
		v.setCluster(c)
	}
	return v
}

// Init fetches the cluster and the first pane. A cluster already cached
// (a list page carries whole clusters) is shown at once and revalidated
// with one BatchGetFigureCluster, so the header is never older than the
// moment the view opened.
func (v *Cluster) Init() tea.Cmd {
	return tea.Batch(v.fetchCluster(v.cluster != nil), v.ensurePane(v.active))
}

// Crumb is the cluster's name, or its short ID.
func (v *Cluster) Crumb() string {
	switch {
	case v.cluster != nil:
		return ClusterLabel(v.cluster.Name, v.id)
	case v.row != nil:
		return ClusterLabel(v.row.Name, v.id)
	}
	return ShortID(v.id)
}

// Err is the cluster's or the shown pane's error.
func (v *Cluster) Err() error {
	if v.cErr != nil {
		return v.cErr
	}
	if v.active < len(v.state) {
		return v.state[v.active].err
	}
	return nil
}

// Close cancels every request of the view.
func (v *Cluster) Close() { v.cancel() }

// ID is the cluster shown.
func (v *Cluster) ID() string { return v.id }

// Active is the index of the shown pane.
func (v *Cluster) Active() int { return v.active }

func (v *Cluster) setCluster(c *client.FigureCluster) {
	v.cluster = c
	v.headerDirty = true
	uri := ""
	if c != nil && c.Cover != nil {
		uri = c.Cover.URI
	}
	if uri != v.cover {
		// A different cover: what the panes hold is of another file.
		v.cover = uri
		for i, p := range v.panes {
			p.SetFile(nil)
			v.state[i] = paneState{}
		}
	}
}

func (v *Cluster) fetchCluster(refresh bool) tea.Cmd {
	id, data, ctx := v.id, v.env.Data, v.ctx
	req := NextRequestID()
	v.cReq = req
	v.headerDirty = true
	return tea.Batch(v.startSpin(), func() tea.Msg {
		var c *client.FigureCluster
		var err error
		if refresh {
			c, err = data.RefreshCluster(ctx, id)
		} else {
			c, err = data.Cluster(ctx, id)
		}
		return clusterMsg{req: req, c: c, err: err}
	})
}

// ensurePane gives pane i its file: from the cache when the fields are
// there (no request), else by fetching exactly the pane's fields.
func (v *Cluster) ensurePane(i int) tea.Cmd {
	if i >= len(v.panes) || v.cover == "" {
		return nil
	}
	s := &v.state[i]
	if s.loaded || s.req != 0 || s.err != nil {
		return nil
	}
	fields := v.panes[i].Fields()
	if f, ok := v.env.Data.CachedFile(v.cover, fields); ok {
		v.panes[i].SetFile(f)
		s.loaded = true
		return nil
	}
	return v.fetchFile(i, false)
}

func (v *Cluster) fetchFile(i int, refresh bool) tea.Cmd {
	if v.cover == "" {
		return nil
	}
	uri, fields, data, ctx := v.cover, v.panes[i].Fields(), v.env.Data, v.ctx
	req := NextRequestID()
	v.state[i].req, v.state[i].err = req, nil
	return tea.Batch(v.startSpin(), func() tea.Msg {
		var f *client.File
		var err error
		if refresh {
			f, err = data.RefreshFile(ctx, uri, fields)
		} else {
			f, err = data.File(ctx, uri, fields)
		}
		return fileMsg{req: req, pane: i, f: f, err: err}
	})
}

// loading reports whether anything the screen shows is being fetched.
func (v *Cluster) loading() bool {
	return v.cReq != 0 || (v.active < len(v.state) && v.state[v.active].req != 0)
}

// startSpin starts the spinner unless it runs; it stops itself on the first
// tick after loading ends, so an idle view schedules nothing.
func (v *Cluster) startSpin() tea.Cmd {
	if v.ticking {
		return nil
	}
	v.ticking = true
	return v.spin.Tick
}

// Update handles replies, spinner ticks and keys.
func (v *Cluster) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case clusterMsg:
		if msg.req != v.cReq {
			return nil
		}
		v.cReq = 0
		v.headerDirty = true
		if msg.err != nil {
			if !errview.Quiet(msg.err) {
				v.cErr = msg.err
			}
			return nil
		}
		v.cErr = nil
		v.setCluster(msg.c)
		return v.ensurePane(v.active)
	case fileMsg:
		if msg.pane >= len(v.state) || msg.req != v.state[msg.pane].req {
			return nil
		}
		s := &v.state[msg.pane]
		s.req = 0
		if msg.err != nil {
			if !errview.Quiet(msg.err) {
				s.err = msg.err
			}
			return nil
		}
		s.err, s.loaded = nil, true
		v.panes[msg.pane].SetFile(msg.f)
		return nil
	case spinner.TickMsg:
		if msg.ID != v.spin.ID() {
			return nil
		}
		if !v.loading() {
			v.ticking = false
			return nil
		}
		var cmd tea.Cmd
		v.spin, cmd = v.spin.Update(msg)
		return cmd
	case tea.KeyMsg:
		return v.onKey(msg)
	}
	if v.active < len(v.panes) {
		p, cmd := v.panes[v.active].Update(msg)
		v.panes[v.active] = p
		return cmd
	}
	return nil
}

func (v *Cluster) onKey(msg tea.KeyMsg) tea.Cmd {
	if len(v.panes) == 0 {
		return nil
	}
	switch {
	case key.Matches(msg, v.keys.Next):
		return v.show((v.active + 1) % len(v.panes))
	case key.Matches(msg, v.keys.Prev):
		return v.show((v.active + len(v.panes) - 1) % len(v.panes))
	case key.Matches(msg, v.keys.Refresh):
		return v.refresh()
	case key.Matches(msg, v.keys.Header):
		v.toggleHeader()
		return nil
	}
	for i, b := range v.keys.Jump {
		if i < len(v.panes) && key.Matches(msg, b) {
			return v.show(i)
		}
	}
	if v.active < len(v.panes) && v.state[v.active].loaded {
		p, cmd := v.panes[v.active].Update(msg)
		v.panes[v.active] = p
		return cmd
	}
	return nil
}

// show switches to pane i, fetching its fields on a first visit.
func (v *Cluster) show(i int) tea.Cmd {
	v.active = i
	return v.ensurePane(i)
}

// refresh refetches the cluster and the shown pane's fields past the cache.
func (v *Cluster) refresh() tea.Cmd {
	cmds := []tea.Cmd{v.fetchCluster(true)}
	if v.active < len(v.panes) && v.cover != "" {
		cmds = append(cmds, v.fetchFile(v.active, true))
	}
	return tea.Batch(cmds...)
}

// SetSize lays out the header, the tab bar and the panes.
func (v *Cluster) SetSize(w, h int) {
	v.width, v.height = w, h
	v.headerDirty = true
	_, paneH := v.layout()
	for _, p := range v.panes {
		p.SetSize(w, paneH)
	}
}

// FullHeader reports whether the header is the full box (else the compact
// summary): what `i` chose, or by default whether the view is tall enough.
func (v *Cluster) FullHeader() bool {
	switch v.headerMode {
	case headerFull:
		return true
	case headerCompact:
		return false
	}
	return v.height >= FullHeaderMinHeight
}

// toggleHeader flips between the full box and the compact summary; the
// choice holds for this view through resizes.
func (v *Cluster) toggleHeader() {
	if v.FullHeader() {
		v.headerMode = headerCompact
	} else {
		v.headerMode = headerFull
	}
	v.SetSize(v.width, v.height) // the panes' height changes
}

// layout splits the height: the header, one line of tabs, the pane.
func (v *Cluster) layout() (headerH, paneH int) {
	lines := v.headerLines()
	headerH = len(lines)
	if headerH+2 > v.height {
		headerH = max(v.height-2, 0)
	}
	return headerH, max(v.height-headerH-1, 0)
}

// headerLines renders the header: the full box, or the two-line summary
// (see FullHeader).
func (v *Cluster) headerLines() []string {
	if !v.headerDirty && v.headerCache != "" {
		return strings.Split(v.headerCache, "\n")
	}
	st := v.env.Styles
	fields := clusterFields(v.id, v.cluster, v.row)
	errLine := ""
	if v.cErr != nil && v.cReq == 0 {
		// Say what failed: with a cluster on screen it is a refresh, and
		// what is shown is the last good answer.
		what := "could not load the cluster: "
		if v.cluster != nil {
			what = "could not refresh the cluster (r retries): "
		}
		errLine = what + errview.Summary(v.cErr)
	}
	var lines []string
	if v.FullHeader() && v.width >= 20 {
		inner := flowFields(st, fields, v.width-4)
		if errLine != "" {
			inner = append(inner, st.Error.Render(safetext.Truncate(errLine, v.width-4)))
		}
		box := st.Box.Width(v.width-2).Padding(0, 1).Render(strings.Join(inner, "\n"))
		lines = strings.Split(box, "\n")
	} else {
		lines = compactHeader(st, fields, v.width, errLine)
	}
	v.headerCache = strings.Join(lines, "\n")
	v.headerDirty = false
	return lines
}

// View renders the header, the tabs and the shown pane.
func (v *Cluster) View() string {
	if v.width <= 0 || v.height <= 0 {
		return ""
	}
	headerH, paneH := v.layout()
	lines := v.headerLines()
	if len(lines) > headerH {
		lines = lines[:headerH]
	}
	out := make([]string, 0, v.height)
	out = append(out, lines...)
	if len(out) < v.height {
		out = append(out, tabs.Render(v.env.Styles, panes.Names, v.active, v.width))
	}
	if paneH > 0 {
		out = append(out, v.paneBody(paneH))
	}
	return strings.Join(out, "\n")
}

// paneBody is the pane's area: the pane, or what stands in its place.
func (v *Cluster) paneBody(h int) string {
	st := v.env.Styles
	if v.active >= len(v.panes) {
		return ""
	}
	s := v.state[v.active]
	title := v.panes[v.active].Title()
	switch {
	case s.loaded:
		return clip(v.panes[v.active].View(), v.width, h)
	case s.err != nil:
		lines := errview.Lines(s.err)
		if !strings.Contains(strings.ToLower(strings.Join(lines, " ")), "r to retry") {
			lines = append(lines, "Press r to retry.")
		}
		return st.Error.Render(fitLines(lines, v.width, h))
	case s.req != 0:
		return fitLines([]string{v.spin.View() + " Loading " + title + " of " + safetext.Line(v.cover) + "..."}, v.width, h)
	case v.cover == "" && v.cluster == nil && v.cErr == nil:
		return fitLines([]string{v.spin.View() + " Loading the cluster to find its cover file..."}, v.width, h)
	case v.cover == "":
		return fitLines([]string{"This cluster has no cover file, so there is no file to show."}, v.width, h)
	}
	return ""
}

// clip keeps a pane's output inside its area whatever the pane drew.
func clip(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if safetext.Width(l) > w {
			lines[i] = safetext.Truncate(l, w)
		}
	}
	return strings.Join(lines, "\n")
}

// headerKey is `i` with help that says what it will do now.
func (v *Cluster) headerKey() key.Binding {
	b := v.keys.Header
	if v.FullHeader() {
		b.SetHelp("i", "short header")
	}
	return b
}

// ShortHelp is the view's keys and then the shown pane's.
func (v *Cluster) ShortHelp() []key.Binding {
	b := []key.Binding{v.keys.Next, v.keys.Refresh, v.headerKey()}
	if v.active < len(v.panes) {
		b = append(b, v.panes[v.active].ShortHelp()...)
	}
	return b
}

// FullHelp groups the view's keys, the pane numbers and the pane's keys.
func (v *Cluster) FullHelp() [][]key.Binding {
	g := [][]key.Binding{{v.keys.Next, v.keys.Prev, v.keys.Refresh, v.headerKey()}, v.keys.Jump}
	if v.active < len(v.panes) {
		g = append(g, v.panes[v.active].FullHelp()...)
	}
	return g
}
