package views

import (
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/widgets/errview"
)

// The clusters list's paging as a state machine (docs/clusters-paging.md).
// It knows no Bubble Tea and no table: the view turns keys and page
// replies into the events below (reload, pageReply, toLast, toFirst,
// cursorMoved, retry) and carries out the pagingStep each returns.

// listEnd is an end of the list. The head is fetched in the list's order;
// the tail (G/End) as the first pages of the reversed order, so the last
// rows of 100,000 cost one request instead of 1,000.
type listEnd int

const (
	headEnd listEnd = iota
	tailEnd
)

// segPhase is how far the paging of one segment has come.
type segPhase int

const (
	segEmpty   segPhase = iota // no page came yet
	segPartial                 // pages came, and a NextToken says more are left
	segDone                    // the last page came
	segStalled                 // the PageGuard stopped a server making no progress: r reloads
	segFailed                  // the last request failed: r retries it
)

// segment is the run of the list fetched from one end.
type segment struct {
	rows  []state.ClusterRow // in fetch order (the tail's is reversed)
	next  string             // NextToken for the page after rows
	phase segPhase
	err   error // why the segment is stalled or failed
	// guard stops a server whose pages make no progress (empty pages
	// with a NextToken, a NextToken seen before).
	guard state.PageGuard
}

// pageFetch is a page request: its id (0: none), the end it extends and
// the token it asks with.
type pageFetch struct {
	id    int64
	end   listEnd
	token string
}

// viewport is what the machine needs of the table: the selected row, the
// rows on one screen and the pinned rows that stand above the head once it
// has rows.
type viewport struct{ cursor, page, pins int }

// cursorMove is what a step does to the cursor.
type cursorMove int

const (
	cursorStays cursorMove = iota
	cursorTo               // select row
	// cursorAbove: rows came in above the screen; the same row stays
	// selected (now at row), at the top of the screen where the cursor
	// was heading.
	cursorAbove
)

// pagingStep is what the view does after an event: re-source the table,
// move the cursor, let the review re-sort the head, cancel the request in
// flight, ask for a page (which supersedes the one in flight). The zero
// step does nothing.
type pagingStep struct {
	restart  bool // the list starts over: what was computed for its rows goes
	rows     bool
	cursor   cursorMove
	row      int
	headGrew bool
	cancel   bool
	fetch    pageFetch
}

// clusterPaging is the state of the list's paging: the two segments,
// which end is on screen, what is in flight, and what the first page
// said of the whole list.
type clusterPaging struct {
	newID      func() int64
	head, tail segment
	shownEnd   listEnd
	flight     pageFetch // the request in flight (id 0: none)
	pageRows   int       // rows of a first page: how much one request brings
	total      int64     // the first page's TotalCount
}

func (p *clusterPaging) seg(e listEnd) *segment {
	if e == tailEnd {
		return &p.tail
	}
	return &p.head
}

// shown is the segment on screen.
func (p *clusterPaging) shown() *segment { return p.seg(p.shownEnd) }

// tailShown reports whether the list shows its last rows.
func (p *clusterPaging) tailShown() bool { return p.shownEnd == tailEnd }

// showsPins reports whether the pinned rows are on screen: not with the
// tail (they stand at the top), nor before the head's first rows (a key
// pressed then would land on them, not on the clusters that come).
func (p *clusterPaging) showsPins() bool {
	return p.shownEnd == headEnd && (len(p.head.rows) > 0 || p.head.phase == segDone)
}

// shownLen is the number of rows on screen, pins standing above the head.
func (p *clusterPaging) shownLen(pins int) int {
	if !p.showsPins() {
		pins = 0
	}
	return pins + len(p.shown().rows)
}

// loading reports whether a page of the end on screen is in flight.
func (p *clusterPaging) loading() bool { return p.flight.id != 0 && p.flight.end == p.shownEnd }

// err is why the segment on screen stopped: stalled or failed.
func (p *clusterPaging) err() error { return p.shown().err }

// ask puts a request for the page after token of end in flight.
func (p *clusterPaging) ask(e listEnd, token string) pageFetch {
	p.flight = pageFetch{id: p.newID(), end: e, token: token}
	return p.flight
}

// reload is the first page asked (start, a new sort, r with nothing to
// retry): both segments are forgotten and the head starts over.
func (p *clusterPaging) reload() pagingStep {
	p.head, p.tail, p.shownEnd, p.total = segment{}, segment{}, headEnd, 0
	return pagingStep{restart: true, rows: true, cursor: cursorTo, row: 0, fetch: p.ask(headEnd, "")}
}

// pageReply is the one place that decides what a page reply does: a stale
// one (another id than the request in flight) is dropped; a failure marks
// its segment failed; rows extend the segment of the end they were asked
// for, stalled when the PageGuard says so. A page of the end not on screen
// is kept for when it is back; one on screen moves the cursor (the tail's
// first page to its last row, a later one keeping the row selected; the
// head's first rows to the first cluster, below the pins) and, when the
// cursor is then within a screen of the edge, asks for the next page.
func (p *clusterPaging) pageReply(id int64, page state.ClusterPage, err error, at viewport) pagingStep {
	if id == 0 || id != p.flight.id {
		return pagingStep{} // a superseded request (older sort, or left behind)
	}
	e := p.flight.end
	p.flight = pageFetch{}
	seg := p.seg(e)
	if err != nil {
		if !errview.Quiet(err) {
			seg.phase, seg.err = segFailed, err
		}
		return pagingStep{}
	}
	hadRows := len(seg.rows) > 0
	seg.rows = append(seg.rows, page.Rows...)
	seg.next, seg.phase, seg.err = page.NextToken, segPartial, nil
	if seg.next == "" {
		seg.phase = segDone
	}
	if gerr := seg.guard.Page(page.Token, len(page.Rows), seg.next); gerr != nil {
		seg.phase, seg.err = segStalled, gerr // shown like a failed page; no prefetch asks again
	}
	if page.Token == "" {
		p.total = page.TotalCount
		p.pageRows = max(p.pageRows, len(page.Rows))
	}
	if e != p.shownEnd {
		return pagingStep{} // kept for when that end is back on screen
	}
	step := pagingStep{rows: true, headGrew: e == headEnd}
	switch {
	case e == headEnd && !hadRows && len(seg.rows) > 0:
		step.cursor, step.row = cursorTo, at.pins
	case e == tailEnd && !hadRows:
		step.cursor, step.row = cursorTo, max(len(seg.rows)-1, 0) // G/End: the last row
	case e == tailEnd:
		step.cursor, step.row = cursorAbove, at.cursor+len(page.Rows)
	}
	if step.cursor != cursorStays {
		at.cursor = step.row
	}
	// A short first page, or a cursor already at the edge, wants more.
	step.fetch = p.prefetch(at)
	return step
}

// prefetch asks for the next page of the end on screen once the cursor is
// within one screen of the edge of what is loaded (the tail's edge is its
// top), one page at a time. A segment with no page yet is asked for by
// whoever started it; an empty page with a NextToken goes on.
func (p *clusterPaging) prefetch(at viewport) pageFetch {
	seg := p.shown()
	if p.flight.id != 0 || seg.phase != segPartial {
		return pageFetch{}
	}
	if p.tailShown() {
		if at.cursor >= at.page {
			return pageFetch{}
		}
	} else if at.cursor < p.shownLen(at.pins)-at.page {
		return pageFetch{}
	}
	return p.ask(p.shownEnd, seg.next)
}

// cursorMoved is the cursor moved: a page is asked for near the edge.
func (p *clusterPaging) cursorMoved(at viewport) pagingStep {
	return pagingStep{fetch: p.prefetch(at)}
}

// toLast is G/End: the last row. With more than one page left after the
// head, the tail is shown instead, its first page asked for (or the rows
// fetched before shown again, at no cost); the head's prefetch is then
// cancelled, as nobody looks there. headOnly (a sort by computed figures,
// which orders the head alone) keeps the head.
func (p *clusterPaging) toLast(at viewport, headOnly bool) pagingStep {
	step := pagingStep{}
	if !p.tailShown() && !headOnly && p.head.phase == segPartial && len(p.head.rows) > 0 && p.pagesLeft() {
		p.shownEnd, step.rows = tailEnd, true
		if len(p.tail.rows) == 0 {
			p.tail = segment{}
			step.cursor, step.fetch = cursorTo, p.ask(tailEnd, "")
			return step
		}
		if p.flight.id != 0 && p.flight.end == headEnd {
			p.flight, step.cancel = pageFetch{}, true
		}
	}
	step.cursor, step.row = cursorTo, max(p.shownLen(at.pins)-1, 0)
	at.cursor = step.row
	step.fetch = p.prefetch(at)
	return step
}

// pagesLeft reports whether more than one page is left after the head
// (or the total is unknown): then the tail is worth its request.
func (p *clusterPaging) pagesLeft() bool {
	return p.total <= 0 || p.total-int64(len(p.head.rows)) > int64(p.pageRows)
}

// toFirst is g/Home: the first row. From the tail it goes back to the
// head, whose rows were kept, and cancels the tail's request in flight.
func (p *clusterPaging) toFirst(at viewport) pagingStep {
	step := pagingStep{cursor: cursorTo, row: 0}
	if p.tailShown() {
		p.shownEnd, step.rows = headEnd, true
		if p.flight.id != 0 && p.flight.end == tailEnd {
			p.flight, step.cancel = pageFetch{}, true
		}
		if len(p.head.rows) == 0 && p.flight.id == 0 {
			step.fetch = p.ask(headEnd, "")
			return step
		}
	}
	at.cursor = 0
	step.fetch = p.prefetch(at)
	return step
}

// retry is r: the page that failed again when rows came before it, else
// (nothing loaded, or a stall that would stall again) the list from its
// first page.
func (p *clusterPaging) retry() pagingStep {
	if seg := p.shown(); seg.phase == segFailed && len(seg.rows) > 0 {
		seg.phase, seg.err = segPartial, nil
		return pagingStep{fetch: p.ask(p.shownEnd, seg.next)}
	}
	return p.reload()
}
