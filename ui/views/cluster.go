package views

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/component"
	"github.com/immtui/immtui/ui/panes"
)

// clusterMsg is the reply to a cluster fetch.
type clusterMsg struct {
	req int64
	c   *imm.FigureCluster
	err error
}

type clusterKeys struct {
	Refresh, Header, Members, Cover, Raw, Grid, Next key.Binding
}

// Cluster is one figure cluster: a header with its fields, and under it
// its cover file through the panes as tabs (the default), its Members,
// every face of the cluster outliers first, or the cluster's own JSON; c,
// m and 0 switch. A pane's fields are fetched on its first visit only, the
// members on their first showing.
type Cluster struct {
	env    *Env
	ctx    context.Context
	cancel context.CancelFunc
	keys   clusterKeys
	// spin turns while the cluster itself loads (the pane's place says so
	// before the cover is known); the panes and the members have their own.
	spin spin

	id      string
	pseudo  bool // an unclustered pseudo-cluster: no cluster to fetch
	row     *state.ClusterRow
	cluster *imm.FigureCluster
	cReq    int64 // cluster request in flight (0: none)
	cErr    error
	sReq    int64 // quality step in flight (0: none)
	sErr    error
	// next, during :review, opens the next worst cluster (n); nil otherwise.
	next func() tea.Cmd

	// files shows the cover file (its URI: "" until known, or none).
	files *FilePanes
	// members lists the cluster's faces; showMembers says it is shown in
	// place of the cover's tabs.
	members     *Members
	showMembers bool
	// raw shows the cluster's JSON; showRaw says it is shown in place of
	// the cover's tabs (then showMembers is false).
	raw     *panes.ClusterRaw
	showRaw bool

	width, height int
	// laidHeaderH is the header's height the parts were last sized for:
	// the header grows and shrinks with data that arrives after SetSize.
	laidHeaderH int
	// rev moves whenever the cluster's own data does (the cluster, its
	// fetch, the strip's step, their errors): with the parts' own
	// counters it says when the cached header is out of date.
	rev    int
	header headerCache
	// headerMode is what `i` chose: the full box or the compact summary;
	// headerAuto until then, which picks by the view's height.
	headerMode headerMode
	// cover is the header's picture of the cover face (grid_cover.go).
	cover *coverFace
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
	v := &Cluster{env: env, ctx: ctx, cancel: cancel, id: id, pseudo: review.Pseudo(id), spin: newSpin(env.Styles)}
	if row != nil {
		r := *row
		v.row = &r
	}
	v.keys = clusterKeys{
		Refresh: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		Header:  key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "header size")),
		Members: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "members")),
		Cover:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "cover file")),
		Raw:     key.NewBinding(key.WithKeys("0"), key.WithHelp("0", "cluster JSON")),
		Grid:    key.NewBinding(key.WithKeys("g"), key.WithHelp("g", "face grid")),
		Next:    key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next worst")),
	}
	v.cover = newCoverFace(env, ctx, id)
	// The cover may hold faces of other clusters: its Faces pane starts on
	// this cluster's.
	pctx := panes.Context{Styles: env.Styles, ClusterID: id, StartInCluster: true, ClusterName: env.Data.ClusterName}
	v.members = NewMembers(env, ctx, id, env.MemberLimit)
	v.raw = panes.NewClusterRaw(pctx)
	v.files = NewFilePanes(env, ctx, pctx)
	// g opens the face grid here, so every part's first row is Home only.
	v.members.table.Keys.First = homeFirstKey()
	v.raw.SetFirstKey(homeFirstKey())
	v.files.SetFirstKey(homeFirstKey())
	if row != nil {
		v.files.SetURI(row.CoverURI)
	}
	if c, ok := env.Data.CachedCluster(id); ok {
		v.setCluster(c)
	}
	return v
}

// NewClusterMembers is the view of cluster id opened on its Members
// (`:members ID`).
func NewClusterMembers(env *Env, id string) *Cluster {
	v := NewCluster(env, id, nil)
	v.showMembers = true
	return v
}

// Init fetches the cluster and the first pane (or the first members page).
// A cluster already cached (a list page carries whole clusters) is shown
// at once and revalidated with one BatchGetFigureCluster, so the header is
// never older than the moment the view opened.
func (v *Cluster) Init() tea.Cmd {
	return tea.Batch(v.fetchCluster(v.cluster != nil), v.shownContent(), v.startStrip())
}

// SetNext makes n open the next cluster of a :review walk.
func (v *Cluster) SetNext(next func() tea.Cmd) { v.next = next }

// Notice is the members' note (which threshold + changed) when shown.
func (v *Cluster) Notice() string {
	if v.showMembers {
		return v.members.Notice()
	}
	return ""
}

// shownContent starts what the shown part needs: the members' paging, or
// the shown pane's fields.
func (v *Cluster) shownContent() tea.Cmd {
	if v.showMembers {
		return v.members.Show()
	}
	return v.files.Ensure()
}

// ShowingMembers reports whether the members are shown (else the cover).
func (v *Cluster) ShowingMembers() bool { return v.showMembers }

// Members is the cluster's members list.
func (v *Cluster) Members() *Members { return v.members }

// Pause stops the members' paging while another view covers this one.
func (v *Cluster) Pause() { v.members.Hide() }

// Resume restarts the members' paging when the view is back on top.
func (v *Cluster) Resume() tea.Cmd {
	if v.showMembers {
		return v.shownContent()
	}
	return nil
}

// setMembers shows the members (on) or the cover's panes; paging runs only
// while the members are shown.
func (v *Cluster) setMembers(on bool) tea.Cmd {
	v.showRaw = false
	v.showMembers = on
	if !on {
		v.members.Hide()
	}
	return v.shownContent()
}

// Crumb is the cluster's name (ClusterLabel: a reserved ID's words), or
// its short ID.
func (v *Cluster) Crumb() string {
	switch {
	case v.cluster != nil:
		return ClusterLabel(v.env.Styles.Glyphs, v.cluster.Name, v.id)
	case v.row != nil:
		return ClusterLabel(v.env.Styles.Glyphs, v.row.Name, v.id)
	}
	return ClusterLabel(v.env.Styles.Glyphs, "", v.id)
}

// Err is the cluster's error, or the members' or shown pane's.
func (v *Cluster) Err() error {
	switch {
	case v.cErr != nil:
		return v.cErr
	case v.sErr != nil:
		return v.sErr
	case v.showRaw:
		return nil
	case v.showMembers:
		return v.members.Err()
	}
	return v.files.Err()
}

// Close cancels every request of the view.
func (v *Cluster) Close() { v.cancel() }

// ID is the cluster shown.
func (v *Cluster) ID() string { return v.id }

// Active is the index of the shown pane.
func (v *Cluster) Active() int { return v.files.Active() }

func (v *Cluster) setCluster(c *imm.FigureCluster) {
	v.cluster = c
	v.rev++
	if v.showRaw {
		v.raw.SetCluster(c)
	}
	uri := ""
	if c != nil && c.Cover != nil {
		uri = c.Cover.URI
	}
	// A different cover: what the panes hold is of another file.
	v.files.SetURI(uri)
}

func (v *Cluster) fetchCluster(refresh bool) tea.Cmd {
	if v.pseudo {
		return nil // IMM has no cluster for faces it did not cluster
	}
	id, data, ctx := v.id, v.env.Data, v.ctx
	req := v.env.NextID()
	v.cReq = req
	v.rev++
	return tea.Batch(v.spin.start(), func() tea.Msg {
		var c *imm.FigureCluster
		var err error
		if refresh {
			c, err = data.RefreshCluster(ctx, id)
		} else {
			c, err = data.Cluster(ctx, id)
		}
		return clusterMsg{req: req, c: c, err: err}
	})
}

// Update is the cluster as a plain container: a key goes to its own keys,
// else to the part shown (the mouse too); every other message goes to the
// cluster's own handling and to every part (the members, the cover's
// panes, the cluster JSON, the cover picture), each keeping what it asked
// for by request or spinner id. Then the cover picture the header now
// shows is asked for.
// Last, the parts are laid out again if the header's height moved.
func (v *Cluster) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyMsg:
		cmd = tea.Batch(v.onKey(msg), v.followCover())
	case tea.MouseMsg:
		cmd = v.shownPart().Update(msg)
	default:
		cmd = tea.Batch(v.own(msg), v.members.Update(msg), v.files.Update(msg), v.raw.Update(msg), v.cover.Update(msg), v.followCover())
	}
	return tea.Batch(cmd, v.relayout())
}

// own handles the cluster's own replies and spinner ticks.
func (v *Cluster) own(msg tea.Msg) tea.Cmd {
	if cmd, mine := v.spin.update(msg, v.cReq != 0); mine {
		return cmd
	}
	switch msg := msg.(type) {
	case clusterMsg:
		if !answers(&v.cReq, msg.req) {
			return nil
		}
		v.rev++ // the header says loading, failed or the cluster
		if !keepFailure(msg.err, &v.cErr) {
			return nil
		}
		v.setCluster(msg.c)
		v.members.SetCluster(msg.c)
		if v.showMembers || v.showRaw {
			return nil // the cover's panes wait until c shows them
		}
		return v.files.Ensure()
	case qualityMsg:
		return v.onQuality(msg)
	}
	return nil
}

// shownPart is the part in the header's place below: the cluster JSON,
// the members or the cover's panes.
func (v *Cluster) shownPart() component.Model {
	switch {
	case v.showRaw:
		return v.raw
	case v.showMembers:
		return v.members
	}
	return v.files
}

func (v *Cluster) onKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, v.keys.Refresh):
		return v.refresh()
	case key.Matches(msg, v.keys.Header):
		v.toggleHeader() // Update lays the parts out for the new header
		return nil
	case key.Matches(msg, v.keys.Members):
		return v.setMembers(true)
	case key.Matches(msg, v.keys.Cover):
		return v.setMembers(false)
	case key.Matches(msg, v.keys.Raw):
		return v.toggleRaw()
	case key.Matches(msg, v.keys.Grid):
		return Push(NewGrid(v.env, v))
	case v.next != nil && key.Matches(msg, v.keys.Next):
		return v.next()
	}
	if v.showRaw {
		if v.files.IsPaneKey(msg) { // tab or 1-7: back to the cover, on that pane
			return tea.Batch(v.setMembers(false), v.files.Update(msg))
		}
		return v.raw.Update(msg)
	}
	if v.showMembers {
		if v.files.IsPaneKey(msg) { // tab or 1-7: back to the cover, on that pane
			return tea.Batch(v.setMembers(false), v.files.Update(msg))
		}
		return v.members.Update(msg)
	}
	return v.files.Update(msg)
}

// refresh refetches the cluster and what is shown: the pane's fields past
// the cache, or the members (the failed page, else from the start).
func (v *Cluster) refresh() tea.Cmd {
	var strip tea.Cmd
	if v.sErr != nil && v.sReq == 0 {
		v.sErr = nil
		strip = v.startStrip()
	}
	return tea.Batch(strip, v.refreshShown())
}

func (v *Cluster) refreshShown() tea.Cmd {
	if v.showRaw {
		return v.fetchCluster(true)
	}
	if v.showMembers {
		return tea.Batch(v.fetchCluster(true), v.members.Refresh())
	}
	return tea.Batch(v.fetchCluster(true), v.files.Refresh())
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
	if v.showRaw {
		if len(out) < v.height {
			out = append(out, v.rawTitle())
		}
		if paneH > 0 {
			out = append(out, v.rawBody(paneH))
		}
		return strings.Join(out, "\n")
	}
	if v.showMembers {
		if body := v.members.View(); len(out) < v.height && body != "" {
			out = append(out, body)
		}
		return strings.Join(out, "\n")
	}
	if len(out) < v.height {
		out = append(out, v.coverPanes(paneH))
	}
	return strings.Join(out, "\n")
}

// coverPanes is the cover file's tabs and pane, or before the cover is
// known the tabs over what stands in the pane's place (paneH lines).
func (v *Cluster) coverPanes(paneH int) string {
	if v.files.URI() != "" {
		return v.files.View()
	}
	idle := "This cluster has no cover file, so there is no file to show."
	switch {
	case v.cluster == nil && v.cErr == nil:
		idle = v.spin.frame() + " Loading the cluster to find its cover file..."
	case v.cluster == nil && v.cErr != nil:
		idle = "The cluster could not be loaded, so its cover file is unknown (see above; r retries)."
	}
	if paneH <= 0 {
		return v.files.Tabs()
	}
	return v.files.Tabs() + "\n" + fitLines([]string{idle}, v.width, paneH)
}
