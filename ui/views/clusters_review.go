package views

import (
	"context"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/widgets/errview"
	"github.com/immtui/immtui/ui/widgets/table"
)

// clustersReview is the clusters list's review state: the pinned rows of
// faces IMM did not cluster, the quality strips computed for the rows on
// screen (and a little ahead), the sort by them, the marked clusters and
// the :review walk.
type clustersReview struct {
	// pinned are the unclustered pseudo-clusters as rows (Name says what
	// they are, FaceCount their faces); uReq is their request.
	pinned []state.ClusterRow
	uReq   int64
	uRows  []state.UnclusteredRow

	// The quality step in flight: its id, the ids it computes (as one
	// key) and its cancel, called when the rows wanted change (a scroll).
	qReq    int64
	qKey    string
	qCancel context.CancelFunc
	qErr    error
	paused  bool
	// settled is the key of ids a step found nothing more to do for (a
	// stalled cluster stays partial): not asked for again.
	settled string

	// sort is a sort by computed figures ("" for the API's sort); order
	// holds the head's indexes in that order.
	sort    state.QualitySort
	reverse bool
	order   []int

	marked []string // up to two cluster IDs, for =
	notice string

	// reviewing: :review waits for every loaded cluster's strip, then
	// opens the worst; walk is the order, at the position shown.
	reviewing bool
	walk      []string
}

// UnclusteredData is a Data that can count the faces IMM did not cluster
// (*state.Store); the list pins their rows only with one.
type UnclusteredData interface {
	Unclustered(ctx context.Context) ([]state.UnclusteredRow, error)
}

// unclusteredMsg is the reply to the unclustered rows' request.
type unclusteredMsg struct {
	req  int64
	rows []state.UnclusteredRow
	err  error
}

// clusterColumns are the list's columns; with strips, their figures stand
// after Faces.
func clusterColumns(strips bool) []table.Column {
	cols := []table.Column{
		{Title: "Name", Min: 12, Max: 40, Flex: 2},
		{Title: "Gender", Min: 6, Drop: 2},
		{Title: "Faces", Min: 6, Right: true},
	}
	if strips {
		// The review's figures go after the ID and the counts, before
		// the cluster's own min-avg-max.
		cols = append(cols,
			table.Column{Title: "Flagged", Min: 7, Right: true},
			table.Column{Title: "MinConf", Min: 7, Right: true, Drop: 4},
			table.Column{Title: "Born", Min: 4, Right: true, Drop: 5},
		)
	}
	return append(cols,
		table.Column{Title: "Images", Min: 6, Right: true, Drop: 6},
		table.Column{Title: "Videos", Min: 6, Right: true, Drop: 7},
		table.Column{Title: "Ages", Min: 8, Max: 11, Flex: 1, Drop: 8},
		table.Column{Title: "Updated", Min: 16, Drop: 1},
		// The ID only when there is room: it is dropped first.
		table.Column{Title: "ID", Min: 16, Max: 48, Flex: 1, Drop: 9},
	)
}

// fetchUnclustered asks for the two pinned rows' counts.
func (v *Clusters) fetchUnclustered() tea.Cmd {
	u, ok := v.env.Data.(UnclusteredData)
	if !ok {
		return nil
	}
	req := v.env.NextID()
	v.rv.uReq = req
	ctx := v.ctx
	return func() tea.Msg {
		rows, err := u.Unclustered(ctx)
		return unclusteredMsg{req: req, rows: rows, err: err}
	}
}

// Pinned are the unclustered rows at the top of the list.
func (v *Clusters) Pinned() []state.ClusterRow { return v.rv.pinned }

// Marked are the clusters marked with Space, for =.
func (v *Clusters) Marked() []string { return v.rv.marked }

// Notice is what the last mark or = said, for the status line.
func (v *Clusters) Notice() string { return v.rv.notice }

func (v *Clusters) onReview(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case unclusteredMsg:
		if !answers(&v.rv.uReq, msg.req) {
			return nil
		}
		if msg.err != nil {
			return nil // the rows stay away; the clusters are what matters
		}
		v.rv.uRows = msg.rows
		v.setPinned()
		return v.kickQuality()
	case qualityMsg:
		if !answers(&v.rv.qReq, msg.req) {
			return nil
		}
		key := v.rv.qKey
		v.rv.qKey = ""
		if !msg.p.More {
			v.rv.settled = key
		}
		err := msg.err
		if state.IsPagingStalled(err) {
			err = nil // a stalled strip ends with what it read: the order holds
		}
		if !keepFailure(err, &v.rv.qErr) {
			return nil
		}
		if len(msg.p.Updated) > 0 {
			v.setPinned()
			v.reorder()
		}
		if cmd := v.reviewReady(); cmd != nil {
			return cmd
		}
		return v.kickQuality()
	case ThresholdsMsg:
		v.reorder()
	}
	return nil
}

// setPinned builds the pinned rows: the face count is the strip's once
// every page was read, else what the first page held.
func (v *Clusters) setPinned() {
	grew := len(v.rv.pinned) == 0 && len(v.rv.uRows) > 0
	v.rv.pinned = v.rv.pinned[:0]
	for _, u := range v.rv.uRows {
		faces := u.Faces
		if v.env.Quality != nil {
			if s, ok := v.env.Quality.Strip(u.ID); ok && s.Complete {
				faces = int64(s.Examined)
			}
		}
		v.rv.pinned = append(v.rv.pinned, state.ClusterRow{ID: u.ID, Name: "(" + u.Label + ")", FaceCount: int32(faces)})
	}
	v.table.SetSource(clusterRows{v})
	if grew && len(v.paging.head.rows) > 0 && !v.paging.tailShown() {
		// Stay on the row. Before the head's first rows the pins are not
		// shown; those rows put the cursor below them (pageReply).
		v.table.SetCursor(v.table.Cursor() + len(v.rv.pinned))
	}
}

// wantStrips are the clusters whose strips the list computes now: every
// loaded one for a sort by them or :review, else the rows on screen and
// a screen ahead (and behind).
func (v *Clusters) wantStrips() []string {
	n := v.rowCount()
	lo, hi := 0, n
	if v.rv.sort == "" && !v.rv.reviewing {
		page := v.table.PageSize()
		lo, hi = max(v.table.Cursor()-page, 0), min(v.table.Cursor()+2*page, n)
	}
	ids := make([]string, 0, hi-lo)
	for i := lo; i < hi; i++ {
		ids = append(ids, v.row(i).ID)
	}
	return ids
}

// kickQuality asks for the next step of the wanted strips, unless that
// step is in flight or they are all computed; a step for other rows (the
// user scrolled away) is cancelled.
func (v *Clusters) kickQuality() tea.Cmd {
	q := v.env.Quality
	if q == nil || v.rv.paused || v.rv.qErr != nil {
		return nil
	}
	ids := v.wantStrips()
	k := strings.Join(ids, "\x00")
	if (v.rv.qReq != 0 && k == v.rv.qKey) || k == v.rv.settled {
		return nil
	}
	v.cancelQuality()
	if done, total := q.Computed(ids); done == total {
		return nil
	}
	ctx, cancel := context.WithCancel(v.ctx)
	v.rv.qReq, v.rv.qKey, v.rv.qCancel = v.env.NextID(), k, cancel
	return qualityStep(q, ctx, v.rv.qReq, ids)
}

func (v *Clusters) cancelQuality() {
	if v.rv.qCancel != nil {
		v.rv.qCancel()
	}
	v.rv.qReq, v.rv.qKey, v.rv.qCancel = 0, "", nil
}

// Pause stops computing strips while another view covers the list.
func (v *Clusters) Pause() {
	v.rv.paused = true
	v.cancelQuality()
}

// Resume computes the strips of the rows on screen again.
func (v *Clusters) Resume() tea.Cmd {
	v.rv.paused = false
	return v.kickQuality()
}

// reorder puts the head in the order of the sort by computed figures (the
// computed first), keeping the cursor on its cluster.
func (v *Clusters) reorder() {
	if v.rv.sort == "" || v.env.Quality == nil {
		v.rv.order = nil
		return
	}
	var sel string
	if c := v.table.Cursor(); c < v.rowCount() {
		sel = v.row(c).ID
	}
	ids := make([]string, len(v.paging.head.rows))
	at := make(map[string]int, len(ids))
	for i, r := range v.paging.head.rows {
		ids[i], at[r.ID] = r.ID, i
	}
	sorted, _ := v.env.Quality.Sort(ids, v.rv.sort, v.rv.reverse)
	v.rv.order = make([]int, len(sorted))
	for i, id := range sorted {
		v.rv.order[i] = at[id]
	}
	v.table.SetSource(clusterRows{v})
	for i := range v.rowCount() {
		if v.row(i).ID == sel {
			v.table.SetCursor(i)
			break
		}
	}
}

// setReviewSort sorts the loaded clusters by a computed figure (natural
// order: worst first; reverse flips), computing every loaded strip.
func (v *Clusters) setReviewSort(by state.QualitySort, reverse bool) tea.Cmd {
	if v.env.Quality == nil {
		v.rv.notice = "sorting by review figures needs the IMM store (not this data source)"
		return nil
	}
	v.rv.sort, v.rv.reverse = by, reverse
	var home tea.Cmd
	if v.paging.tailShown() { // the sort orders the head
		home = v.apply(v.paging.toFirst(v.at()))
	}
	v.reorder()
	return tea.Batch(home, v.kickQuality())
}

// reviewSortPhrase is the title's sort: "sorted by flagged, 12 of 80
// computed".
func (v *Clusters) reviewSortPhrase() string {
	ids := make([]string, len(v.paging.head.rows))
	for i, r := range v.paging.head.rows {
		ids[i] = r.ID
	}
	done, total := v.env.Quality.Computed(ids)
	order := ""
	if v.rv.reverse {
		order = " reversed"
	}
	return "sorted by " + string(v.rv.sort) + order + ", " + format.Count(int64(done)) + " of " + format.Count(int64(total)) + " computed"
}

// reviewPhrase is what the title adds: the marks, a :review waiting, a
// strip that failed.
func (v *Clusters) reviewPhrase() string {
	var out string
	if n := len(v.rv.marked); n > 0 {
		out += ", " + format.Count(int64(n)) + " marked"
	}
	if v.rv.reviewing {
		out += ", :review waits for every strip"
	}
	if v.rv.qErr != nil {
		out += ", strips stopped: " + errview.Summary(v.rv.qErr)
	}
	return out
}

// toggleMark marks the selected cluster for = (two at most: a third mark
// drops the oldest).
func (v *Clusters) toggleMark() {
	if v.rowCount() == 0 {
		return
	}
	id := v.row(v.table.Cursor()).ID
	if i := slices.Index(v.rv.marked, id); i >= 0 {
		v.rv.marked = slices.Delete(v.rv.marked, i, i+1)
		v.rv.notice = "unmarked " + ClusterLabel(v.env.Styles.Glyphs, "", id)
	} else {
		if len(v.rv.marked) == 2 {
			v.rv.marked = v.rv.marked[1:]
		}
		v.rv.marked = append(v.rv.marked, id)
		v.rv.notice = "marked " + ClusterLabel(v.env.Styles.Glyphs, "", id)
		if len(v.rv.marked) == 2 {
			v.rv.notice += "; = compares the two"
		}
	}
	v.table.Move(1) // as a file manager's mark: on to the next row
}

func (v *Clusters) compareMarked() tea.Cmd {
	if len(v.rv.marked) != 2 {
		v.rv.notice = "mark two clusters with space, then = compares them"
		return nil
	}
	return Push(NewCompare(v.env, v.rv.marked[0], v.rv.marked[1]))
}

// StartReview is :review: every loaded cluster's strip is computed, then
// the worst (most faces that may be someone else) opens on its Members;
// n there opens the next worst.
func (v *Clusters) StartReview() tea.Cmd {
	if v.env.Quality == nil {
		v.rv.notice = ":review needs the IMM store (not this data source)"
		return nil
	}
	v.rv.reviewing = true
	cmd := v.setReviewSort(state.SortWorst, false)
	if open := v.reviewReady(); open != nil {
		return open
	}
	return cmd
}

// reviewReady opens the walk once every loaded strip is computed.
func (v *Clusters) reviewReady() tea.Cmd {
	if !v.rv.reviewing {
		return nil
	}
	ids := make([]string, 0, len(v.paging.head.rows))
	for _, r := range v.paging.head.rows {
		ids = append(ids, r.ID)
	}
	if done, total := v.env.Quality.Computed(ids); done < total || total == 0 {
		return nil
	}
	v.rv.reviewing = false
	v.rv.walk, _ = v.env.Quality.Sort(ids, state.SortWorst, false)
	return v.openWalk(0)
}

// openWalk opens cluster i of the walk on its Members, with n to the next.
func (v *Clusters) openWalk(i int) tea.Cmd {
	if i >= len(v.rv.walk) {
		return nil
	}
	return Push(v.openWalkView(i))
}

func (v *Clusters) openWalkView(i int) View {
	c := NewClusterMembers(v.env, v.rv.walk[i])
	if i+1 < len(v.rv.walk) {
		c.SetNext(func() tea.Cmd { return Replace(v.openWalkView(i + 1)) })
	}
	return c
}

// reviewKeys adds mark and compare to b when strips can be computed.
func (v *Clusters) reviewKeys(b []key.Binding) []key.Binding {
	if v.env.Quality == nil {
		return b
	}
	return append(b, v.keys.Mark, v.keys.Compare)
}

// stripCells fills the strip's columns of a row: blank until computed, a
// partial count with "+".
func (v *Clusters) stripCells(id string, dst []string) {
	dst[0], dst[1], dst[2] = "", "", ""
	s, ok := v.env.Quality.Strip(id)
	if !ok {
		return
	}
	dst[0] = format.Count(int64(s.Flagged))
	if !s.Complete {
		dst[0] += "+"
	}
	dst[1] = format.Confidence(s.MinConf)
	dst[2] = bornCell(s.Curve)
}
