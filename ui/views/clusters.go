package views

import (
	"context"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/widgets/errview"
	"github.com/immtui/immtui/ui/widgets/table"
)

// DefaultSort is the order the list opens in: the biggest clusters first,
// the ones a reviewer looks at first.
var DefaultSort = state.ClusterQuery{Sort: "FaceCount", Order: "desc"}

type clustersKeys struct {
	Open, Sort, Order, Refresh, Problems, Mark, Compare key.Binding
}

// Clusters is the dataset's figure clusters, paged in as the cursor nears
// the end of what is loaded.
type Clusters struct {
	env    *Env
	ctx    context.Context
	cancel context.CancelFunc
	keys   clustersKeys
	table  *table.Model

	query state.ClusterQuery
	// paging is the head and tail segments and the request in flight
	// (clusters_paging.go); cancelPage cancels that request.
	paging     clusterPaging
	cancelPage context.CancelFunc

	// rv is the review half: the pinned unclustered rows, the strips'
	// columns, the sorts by them, the marks and the :review walk.
	rv clustersReview

	width, height int
}

// NewClusters makes the clusters list; Init fetches its first page.
func NewClusters(env *Env) *Clusters {
	ctx, cancel := context.WithCancel(context.Background())
	v := &Clusters{env: env, ctx: ctx, cancel: cancel, query: DefaultSort}
	v.paging.newID = env.NextID
	v.keys = clustersKeys{
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Sort:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort key")),
		Order:   key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "asc/desc")),
		Refresh: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload")),
		// p: the files not indexed, for triage (also :problems).
		Problems: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "problems")),
		Mark:     key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "mark")),
		Compare:  key.NewBinding(key.WithKeys("="), key.WithHelp("=", "compare marked")),
	}
	v.table = table.New(clusterColumns(env.Quality != nil), env.Styles)
	v.table.SetSource(clusterRows{v})
	return v
}

// Init requests the first page.
func (v *Clusters) Init() tea.Cmd {
	return tea.Batch(v.apply(v.paging.reload()), v.fetchUnclustered())
}

// Crumb names the view in the breadcrumbs.
func (v *Clusters) Crumb() string { return "Clusters" }

// Err is the last page request's error, else the last strip step's.
func (v *Clusters) Err() error {
	if err := v.paging.err(); err != nil {
		return err
	}
	return v.rv.qErr
}

// Close cancels the page request in flight.
func (v *Clusters) Close() { v.cancel() }

// Query is the sort the list shows.
func (v *Clusters) Query() state.ClusterQuery { return v.query }

// Rows are the list's rows in display order, as the cursor counts them:
// the pinned unclustered rows and the head loaded so far, or in tail mode
// the tail loaded so far.
func (v *Clusters) Rows() []state.ClusterRow {
	out := make([]state.ClusterRow, v.rowCount())
	for i := range out {
		out[i] = *v.row(i)
	}
	return out
}

// Tail reports whether the list shows its last rows (after G/End with
// pages left) rather than its first.
func (v *Clusters) Tail() bool { return v.paging.tailShown() }

// shown is the segment on screen.
func (v *Clusters) shown() *segment { return v.paging.shown() }

// row is display row i: a pinned unclustered row, then the segment on
// screen (in the order of a sort by computed figures, when one is set).
func (v *Clusters) row(i int) *state.ClusterRow {
	if v.paging.tailShown() {
		tail := v.paging.tail.rows
		return &tail[len(tail)-1-i]
	}
	if i < v.pin() {
		return &v.rv.pinned[i]
	}
	i -= v.pin()
	if v.rv.order != nil && i < len(v.rv.order) {
		return &v.paging.head.rows[v.rv.order[i]]
	}
	return &v.paging.head.rows[i]
}

// pin is the number of pinned rows on screen (clusterPaging.showsPins).
func (v *Clusters) pin() int {
	if !v.paging.showsPins() {
		return 0
	}
	return len(v.rv.pinned)
}

// rowCount is the number of display rows.
func (v *Clusters) rowCount() int { return v.paging.shownLen(len(v.rv.pinned)) }

// Cursor is the selected row.
func (v *Clusters) Cursor() int { return v.table.Cursor() }

// SetSize lays the list out: one title line, then the table.
func (v *Clusters) SetSize(w, h int) {
	v.width, v.height = w, h
	v.table.SetSize(w, max(h-1, 0))
}

// Update handles keys and page replies.
func (v *Clusters) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case clusterPageMsg:
		return v.onPage(msg)
	case qualityMsg, unclusteredMsg, ThresholdsMsg:
		return v.onReview(msg)
	case tea.KeyMsg:
		return v.onKey(msg)
	}
	return nil
}

func (v *Clusters) onKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, v.keys.Open):
		if v.rowCount() == 0 || v.table.Cursor() >= v.rowCount() { // none, or a filter shows none
			return nil
		}
		row := *v.row(v.table.Cursor())
		if v.table.Cursor() < v.pin() {
			return Push(NewClusterMembers(v.env, row.ID))
		}
		return Push(NewCluster(v.env, row.ID, &row))
	case key.Matches(msg, v.keys.Mark):
		v.toggleMark()
		return nil
	case key.Matches(msg, v.keys.Compare):
		return v.compareMarked()
	case key.Matches(msg, v.keys.Problems):
		return Push(NewProblems(v.env))
	case key.Matches(msg, v.keys.Sort):
		v.rv.sort = ""
		v.query.Sort = nextSortKey(v.query.Sort)
		return v.reload()
	case key.Matches(msg, v.keys.Order) && v.rv.sort != "":
		v.rv.reverse = !v.rv.reverse
		v.reorder()
		return nil
	case key.Matches(msg, v.keys.Order):
		if v.query.Order == "desc" {
			v.query.Order = "asc"
		} else {
			v.query.Order = "desc"
		}
		return v.reload()
	case key.Matches(msg, v.keys.Refresh):
		if v.paging.err() == nil && v.rv.qErr != nil { // a strip failed: go on computing
			v.rv.qErr, v.rv.settled = nil, ""
			return v.kickQuality()
		}
		return v.apply(v.paging.retry())
	case key.Matches(msg, v.table.Keys.Last):
		return tea.Batch(v.apply(v.paging.toLast(v.at(), v.rv.sort != "")), v.kickQuality())
	case key.Matches(msg, v.table.Keys.First):
		return tea.Batch(v.apply(v.paging.toFirst(v.at())), v.kickQuality())
	case v.table.Moves(msg):
		v.table.Update(msg)
		return tea.Batch(v.apply(v.paging.cursorMoved(v.at())), v.kickQuality())
	}
	return nil
}

// nextSortKey cycles through the sort keys the API offers.
func nextSortKey(cur string) string {
	for i, k := range imm.SortKeys {
		if k == cur {
			return imm.SortKeys[(i+1)%len(imm.SortKeys)]
		}
	}
	return imm.SortKeys[0]
}

// View renders the title line and the table.
func (v *Clusters) View() string {
	if v.width <= 0 || v.height <= 0 {
		return ""
	}
	title := v.titleLine()
	if v.height == 1 {
		return title
	}
	body := v.table.View()
	if v.rowCount() == 0 {
		body = v.emptyBody()
	}
	return title + "\n" + body
}

func (v *Clusters) titleLine() string {
	st := v.env.Styles
	var b strings.Builder
	b.WriteString(st.Title.Render("Clusters"))
	seg, tail := v.shown(), v.paging.tailShown()
	total := "" // unknown until the first page answers
	if v.paging.total > 0 || len(seg.rows) > 0 || seg.phase == segDone {
		total = format.Count(v.paging.total) + " total, "
		if n := len(v.rv.pinned); n > 0 {
			// The pinned rows are rows too: `/` counts them, so the title
			// says them beside the clusters' total.
			total = format.Count(v.paging.total) + " total + " + strconv.Itoa(n) + " unclustered, "
		}
	}
	loaded := ", " + strconv.Itoa(len(seg.rows)) + " loaded"
	switch {
	case tail && len(seg.rows) == 0 && seg.phase != segDone:
		loaded = ", asking for the last rows"
	case tail && seg.phase != segDone:
		// Say that these are the last rows, not the first.
		loaded = ", showing the last " + strconv.Itoa(len(seg.rows)) + " (g: top)"
	}
	sorted := "sorted by " + v.query.Sort + " " + v.query.Order
	if v.rv.sort != "" {
		sorted = v.reviewSortPhrase()
	}
	b.WriteString(st.Muted.Render(" " + total + sorted + loaded + v.reviewPhrase()))
	switch {
	case v.paging.loading() && len(seg.rows) == 0:
		b.WriteString(st.Muted.Render(", loading"))
	case v.paging.loading():
		b.WriteString(st.Muted.Render(", loading more"))
	case seg.phase == segStalled && len(seg.rows) > 0:
		b.WriteString(st.Error.Render(", paging stopped: r reloads"))
	case seg.phase == segFailed && len(seg.rows) > 0:
		b.WriteString(st.Error.Render(", a page failed: r retries"))
	}
	return v.env.Styles.Truncate(b.String(), v.width)
}

func (v *Clusters) emptyBody() string {
	var lines []string
	switch {
	case v.paging.err() != nil:
		lines = errview.Lines(v.paging.err())
	case v.shown().phase != segDone:
		lines = []string{"Loading clusters..."}
	default:
		lines = []string{"This dataset has no figure clusters yet."}
	}
	return fitLines(lines, v.width, max(v.height-1, 0))
}

// ShortHelp is the list's one-line help.
func (v *Clusters) ShortHelp() []key.Binding {
	t := v.table.Keys
	if v.paging.err() != nil { // the error says "press r": keep r on a narrow line
		return []key.Binding{v.keys.Refresh, t.Up, t.Down, v.keys.Open, v.keys.Sort, v.keys.Order, t.Last}
	}
	return v.reviewKeys([]key.Binding{t.Up, t.Down, v.keys.Open, v.keys.Sort, v.keys.Order, t.Last, v.keys.Refresh, v.keys.Problems})
}

// FullHelp groups every key of the list.
func (v *Clusters) FullHelp() [][]key.Binding {
	t := v.table.Keys
	return [][]key.Binding{
		{t.Up, t.Down, t.PageUp, t.PageDown, t.First, t.Last},
		v.reviewKeys([]key.Binding{v.keys.Open, v.keys.Sort, v.keys.Order, v.keys.Refresh, v.keys.Problems}),
	}
}
