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

// clusterPageMsg is the reply to one ClusterPage request.
type clusterPageMsg struct {
	req  int64
	page state.ClusterPage
	err  error
}

// segment is a run of the list fetched from one of its ends: the head in
// the list's order, or the tail through the reversed order (G/End), so the
// last rows of 100,000 cost one request instead of 1,000.
type segment struct {
	rows []state.ClusterRow // in fetch order (the tail's is reversed)
	next string             // NextToken for the page after rows
	done bool               // the query has no page left
	// guard stops a server whose pages make no progress (empty pages
	// with a NextToken, a NextToken seen before).
	guard state.PageGuard
}

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
	// head is the list from its first row; tail, when G/End asked for it,
	// the list from its last row. tailMode says which one is on screen.
	head, tail segment
	tailMode   bool
	pageRows   int // rows of a first page: how much one request brings
	total      int64
	err        error
	started    bool

	// The page request in flight: its id (0 when none), token, segment
	// and cancel.
	pending       int64
	pendingTail   bool
	cancelPending context.CancelFunc

	// rv is the review half: the pinned unclustered rows, the strips'
	// columns, the sorts by them, the marks and the :review walk.
	rv clustersReview

	width, height int
}

// NewClusters makes the clusters list; Init fetches its first page.
func NewClusters(env *Env) *Clusters {
	ctx, cancel := context.WithCancel(context.Background())
	v := &Clusters{env: env, ctx: ctx, cancel: cancel, query: DefaultSort}
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
	v.started = true
	return tea.Batch(v.request("", false), v.fetchUnclustered())
}

// Crumb names the view in the breadcrumbs.
func (v *Clusters) Crumb() string { return "Clusters" }

// Err is the last page request's error, else the last strip step's.
func (v *Clusters) Err() error {
	if v.err != nil {
		return v.err
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
func (v *Clusters) Tail() bool { return v.tailMode }

// shown is the segment on screen.
func (v *Clusters) shown() *segment {
	if v.tailMode {
		return &v.tail
	}
	return &v.head
}

// row is display row i: a pinned unclustered row, then the segment on
// screen (in the order of a sort by computed figures, when one is set).
func (v *Clusters) row(i int) *state.ClusterRow {
	if v.tailMode {
		return &v.tail.rows[len(v.tail.rows)-1-i]
	}
	if i < len(v.rv.pinned) {
		return &v.rv.pinned[i]
	}
	i -= len(v.rv.pinned)
	if v.rv.order != nil && i < len(v.rv.order) {
		return &v.head.rows[v.rv.order[i]]
	}
	return &v.head.rows[i]
}

// pin is the number of pinned rows on screen: none in tail mode (they
// stand at the top), nor before the first page (a key pressed then would
// land on them, not on the clusters that come).
func (v *Clusters) pin() int {
	if v.tailMode || (len(v.head.rows) == 0 && !v.head.done) {
		return 0
	}
	return len(v.rv.pinned)
}

// rowCount is the number of display rows.
func (v *Clusters) rowCount() int { return v.pin() + len(v.shown().rows) }

// reversed is q in the opposite order: its first page is the list's last.
func reversed(q state.ClusterQuery) state.ClusterQuery {
	if q.Order == "desc" {
		q.Order = "asc"
	} else {
		q.Order = "desc" // "" is the API's default, asc
	}
	return q
}

// Cursor is the selected row.
func (v *Clusters) Cursor() int { return v.table.Cursor() }

// SetSize lays the list out: one title line, then the table.
func (v *Clusters) SetSize(w, h int) {
	v.width, v.height = w, h
	v.table.SetSize(w, max(h-1, 0))
}

// request asks for the page after token of the head (or, with tail, of the
// reversed order), superseding any request in flight.
func (v *Clusters) request(token string, tail bool) tea.Cmd {
	v.cancelRequest()
	ctx, cancel := context.WithCancel(v.ctx)
	id := v.env.NextID()
	v.pending, v.pendingTail, v.cancelPending = id, tail, cancel
	data, q := v.env.Data, v.query
	if tail {
		q = reversed(q)
	}
	return func() tea.Msg {
		page, err := data.ClusterPage(ctx, q, token)
		return clusterPageMsg{req: id, page: page, err: err}
	}
}

// cancelRequest drops the page request in flight, if any.
func (v *Clusters) cancelRequest() {
	if v.cancelPending != nil {
		v.cancelPending()
	}
	v.pending, v.cancelPending = 0, nil
}

// reload starts over from the first page (a new sort, or r).
func (v *Clusters) reload() tea.Cmd {
	v.head, v.tail, v.tailMode, v.total, v.err = segment{}, segment{}, false, 0, nil
	v.rv.order, v.rv.qErr, v.rv.settled = nil, nil, ""
	v.table.SetSource(clusterRows{v})
	v.table.SetCursor(0)
	return v.request("", false)
}

// prefetch asks for the next page once the cursor is within one screen of
// the end of what is loaded (in tail mode: of its top); never more than
// one page at a time.
func (v *Clusters) prefetch() tea.Cmd {
	seg := v.shown()
	// No NextToken yet means no page came: the first is asked for by
	// whoever started the segment. An empty page with a token goes on.
	if seg.done || v.pending != 0 || v.err != nil || !v.started || seg.next == "" {
		return nil
	}
	if v.tailMode {
		if v.table.Cursor() >= v.table.PageSize() {
			return nil
		}
	} else if v.table.Cursor() < v.rowCount()-v.table.PageSize() {
		return nil
	}
	return v.request(seg.next, v.tailMode)
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

func (v *Clusters) onPage(msg clusterPageMsg) tea.Cmd {
	if msg.req != v.pending {
		return nil // a superseded request (older sort, or left behind)
	}
	tail := v.pendingTail
	v.pending, v.cancelPending = 0, nil
	if msg.err != nil {
		if !errview.Quiet(msg.err) {
			v.err = msg.err
		}
		return nil
	}
	v.err = nil
	seg := &v.head
	if tail {
		seg = &v.tail
	}
	first := len(seg.rows) == 0
	seg.rows = append(seg.rows, msg.page.Rows...)
	seg.next = msg.page.NextToken
	seg.done = msg.page.NextToken == ""
	if err := seg.guard.Page(msg.page.Token, len(msg.page.Rows), seg.next); err != nil {
		v.err = err // shown like a failed page, so no prefetch asks again; r reloads
	}
	if msg.page.Token == "" {
		v.total = msg.page.TotalCount
		v.pageRows = max(v.pageRows, len(msg.page.Rows))
	}
	if tail != v.tailMode {
		return nil // the other end's page; kept for when it is back on screen
	}
	if !tail {
		v.onHeadPage()
	}
	cursor := v.table.Cursor()
	v.table.SetSource(clusterRows{v})
	if tail && first {
		v.table.SetCursor(len(seg.rows) - 1) // G/End: the last row
	} else if tail {
		// The rows came in above the screen: keep the same row selected,
		// at the top of the screen where the cursor was heading.
		n := len(msg.page.Rows)
		v.table.SetCursor(cursor + n + v.table.PageSize() - 1)
		v.table.SetCursor(cursor + n)
	}
	// A short first page, or a cursor already at the end, wants more.
	return tea.Batch(v.prefetch(), v.kickQuality())
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
		if v.err == nil && v.rv.qErr != nil { // a strip failed: go on computing
			v.rv.qErr, v.rv.settled = nil, ""
			return v.kickQuality()
		}
		if seg := v.shown(); v.err != nil && len(seg.rows) > 0 && !state.IsPagingStalled(v.err) {
			v.err = nil
			return v.request(seg.next, v.tailMode) // retry the page that failed
		}
		return v.reload()
	case key.Matches(msg, v.table.Keys.Last):
		return v.end()
	case key.Matches(msg, v.table.Keys.First):
		return v.home()
	case v.table.Moves(msg):
		v.table.Update(msg)
		return tea.Batch(v.prefetch(), v.kickQuality())
	}
	return nil
}

// end shows the last row. When more than one page is left after the head,
// it asks for the first page of the reversed order and shows that, so the
// end of 100,000 clusters is one request away instead of 1,000; moving up
// from there pages further back. A tail fetched before is shown again at
// no cost.
func (v *Clusters) end() tea.Cmd {
	if !v.tailMode && v.rv.sort == "" && !v.head.done && len(v.head.rows) > 0 && v.err == nil &&
		(v.total <= 0 || v.total-int64(len(v.head.rows)) > int64(v.pageRows)) {
		v.tailMode = true
		v.table.SetSource(clusterRows{v})
		if len(v.tail.rows) == 0 {
			return v.request("", true)
		}
		if v.pending != 0 && !v.pendingTail {
			v.cancelRequest() // the head's prefetch: nobody looks there now
		}
	}
	v.table.SetCursor(v.rowCount() - 1)
	return tea.Batch(v.prefetch(), v.kickQuality())
}

// home shows the first row; from the tail it goes back to the head, whose
// rows were kept.
func (v *Clusters) home() tea.Cmd {
	if v.tailMode {
		v.tailMode = false
		if v.pending != 0 && v.pendingTail {
			v.cancelRequest()
		}
		v.table.SetSource(clusterRows{v})
		if len(v.head.rows) == 0 && v.pending == 0 {
			v.table.SetCursor(0)
			return v.request("", false)
		}
	}
	v.table.SetCursor(0)
	return tea.Batch(v.prefetch(), v.kickQuality())
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
	seg := v.shown()
	total := "" // unknown until the first page answers
	if v.total > 0 || len(seg.rows) > 0 || seg.done {
		total = format.Count(v.total) + " total, "
	}
	loaded := ", " + strconv.Itoa(len(seg.rows)) + " loaded"
	switch {
	case v.tailMode && len(seg.rows) == 0 && !seg.done:
		loaded = ", asking for the last rows"
	case v.tailMode && !seg.done:
		// Say that these are the last rows, not the first.
		loaded = ", showing the last " + strconv.Itoa(len(seg.rows)) + " (g: top)"
	}
	sorted := "sorted by " + v.query.Sort + " " + v.query.Order
	if v.rv.sort != "" {
		sorted = v.reviewSortPhrase()
	}
	b.WriteString(st.Muted.Render(" " + total + sorted + loaded + v.reviewPhrase()))
	switch {
	case v.pending != 0 && len(seg.rows) == 0:
		b.WriteString(st.Muted.Render(", loading"))
	case v.pending != 0:
		b.WriteString(st.Muted.Render(", loading more"))
	case state.IsPagingStalled(v.err) && len(seg.rows) > 0:
		b.WriteString(st.Error.Render(", paging stopped: r reloads"))
	case v.err != nil && len(seg.rows) > 0:
		b.WriteString(st.Error.Render(", a page failed: r retries"))
	}
	return v.env.Styles.Truncate(b.String(), v.width)
}

func (v *Clusters) emptyBody() string {
	var lines []string
	switch {
	case v.err != nil:
		lines = errview.Lines(v.err)
	case !v.shown().done:
		lines = []string{"Loading clusters..."}
	default:
		lines = []string{"This dataset has no figure clusters yet."}
	}
	return fitLines(lines, v.width, max(v.height-1, 0))
}

// ShortHelp is the list's one-line help.
func (v *Clusters) ShortHelp() []key.Binding {
	t := v.table.Keys
	if v.err != nil { // the error says "press r": keep r on a narrow line
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
