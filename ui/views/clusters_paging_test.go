package views

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/state"
)

// The transitions of the clusters list's paging machine, event by event,
// without a view: each case drives a fresh machine and checks the step the
// last event returned and the state it left.

func newPaging() *clusterPaging {
	var n int64
	return &clusterPaging{newID: func() int64 { n++; return n }}
}

// pagingScreen is a table 20 rows high with the cursor at the top and no pins.
var pagingScreen = viewport{cursor: 0, page: 20}

func pagingAt(cursor int) viewport { return viewport{cursor: cursor, page: 20} }

// answer replies to the request in flight with n rows, the NextToken next
// and the list's total.
func pagingAnswer(p *clusterPaging, n int, next string, total int64, v viewport) pagingStep {
	f := p.flight
	rows := make([]state.ClusterRow, n)
	for i := range rows {
		rows[i].ID = "c-" + f.token + "-" + strconv.Itoa(i)
	}
	return p.pageReply(f.id, state.ClusterPage{Rows: rows, Token: f.token, NextToken: next, TotalCount: total}, nil, v)
}

// fail replies to the request in flight with err.
func pagingFail(p *clusterPaging, err error) pagingStep {
	return p.pageReply(p.flight.id, state.ClusterPage{}, err, pagingScreen)
}

// opened is a machine whose first page (100 rows of total) came.
func pagingOpened(total int64) *clusterPaging {
	p := newPaging()
	p.reload()
	pagingAnswer(p, 100, "100", total, pagingScreen)
	return p
}

// fetch is a wanted request; tests compare ids as "some request".
func pagingFetch(e listEnd, token string) pageFetch { return pageFetch{id: 1, end: e, token: token} }

var pagingThrottled = &imm.Error{Kind: imm.KindThrottled, Code: "Throttling.User"}

func TestClusterPagingTransitions(t *testing.T) {
	type shape struct {
		shown      listEnd
		head, tail int // rows
		headPhase  segPhase
		tailPhase  segPhase
		inFlight   bool
	}
	cases := []struct {
		name  string
		event func(p *clusterPaging) pagingStep // from a fresh machine; the last event's step
		want  pagingStep
		after shape
	}{
		{
			name:  "start asks for the head's first page",
			event: func(p *clusterPaging) pagingStep { return p.reload() },
			want:  pagingStep{restart: true, rows: true, cursor: cursorTo, fetch: pagingFetch(headEnd, "")},
			after: shape{inFlight: true},
		},
		{
			name: "the head's first rows put the cursor below the pins",
			event: func(p *clusterPaging) pagingStep {
				p.reload()
				return pagingAnswer(p, 100, "100", 1000, viewport{page: 20, pins: 2})
			},
			want:  pagingStep{rows: true, headGrew: true, cursor: cursorTo, row: 2},
			after: shape{head: 100, headPhase: segPartial},
		},
		{
			name: "a short first page asks for the next at once",
			event: func(p *clusterPaging) pagingStep {
				p.reload()
				return pagingAnswer(p, 10, "10", 1000, pagingScreen)
			},
			want:  pagingStep{rows: true, headGrew: true, cursor: cursorTo, fetch: pagingFetch(headEnd, "10")},
			after: shape{head: 10, headPhase: segPartial, inFlight: true},
		},
		{
			name: "the last page ends the head",
			event: func(p *clusterPaging) pagingStep {
				p.reload()
				return pagingAnswer(p, 7, "", 7, pagingScreen)
			},
			want:  pagingStep{rows: true, headGrew: true, cursor: cursorTo},
			after: shape{head: 7, headPhase: segDone},
		},
		{
			name: "a stale reply is dropped",
			event: func(p *clusterPaging) pagingStep {
				p.reload()
				stale := p.flight.id
				p.reload() // a new sort
				return p.pageReply(stale, state.ClusterPage{Rows: make([]state.ClusterRow, 100), NextToken: "100"}, nil, pagingScreen)
			},
			want:  pagingStep{},
			after: shape{inFlight: true},
		},
		{
			name:  "a cursor more than a pagingScreen from the end asks nothing",
			event: func(p *clusterPaging) pagingStep { *p = *pagingOpened(1000); return p.cursorMoved(pagingAt(79)) },
			want:  pagingStep{},
			after: shape{head: 100, headPhase: segPartial},
		},
		{
			name:  "a cursor within a pagingScreen of the end prefetches",
			event: func(p *clusterPaging) pagingStep { *p = *pagingOpened(1000); return p.cursorMoved(pagingAt(80)) },
			want:  pagingStep{fetch: pagingFetch(headEnd, "100")},
			after: shape{head: 100, headPhase: segPartial, inFlight: true},
		},
		{
			name: "one page at a time",
			event: func(p *clusterPaging) pagingStep {
				*p = *pagingOpened(1000)
				p.cursorMoved(pagingAt(90))
				return p.cursorMoved(pagingAt(95))
			},
			want:  pagingStep{},
			after: shape{head: 100, headPhase: segPartial, inFlight: true},
		},
		{
			name: "an empty page with a token goes on",
			event: func(p *clusterPaging) pagingStep {
				p.reload()
				return pagingAnswer(p, 0, "t1", 0, pagingScreen)
			},
			want:  pagingStep{rows: true, headGrew: true, fetch: pagingFetch(headEnd, "t1")},
			after: shape{headPhase: segPartial, inFlight: true},
		},
		{
			name: "a PageGuard stall (empty pages) stops prefetch",
			event: func(p *clusterPaging) pagingStep {
				p.reload()
				for i := range state.MaxEmptyPages {
					pagingAnswer(p, 0, "t"+strconv.Itoa(i), 0, pagingScreen)
				}
				return p.cursorMoved(pagingScreen)
			},
			want:  pagingStep{},
			after: shape{headPhase: segStalled},
		},
		{
			name: "a PageGuard stall (a repeated token) stops prefetch",
			event: func(p *clusterPaging) pagingStep {
				p.reload()
				pagingAnswer(p, 5, "loop", 500, pagingScreen)     // the cursor is at the end: the next is asked
				return pagingAnswer(p, 5, "loop", 0, pagingAt(4)) // and names the same token again
			},
			want:  pagingStep{rows: true, headGrew: true},
			after: shape{head: 10, headPhase: segStalled},
		},
		{
			name:  "G with one page or less left stays on the head",
			event: func(p *clusterPaging) pagingStep { *p = *pagingOpened(200); return p.toLast(pagingScreen, false) },
			want:  pagingStep{cursor: cursorTo, row: 99, fetch: pagingFetch(headEnd, "100")},
			after: shape{head: 100, headPhase: segPartial, inFlight: true},
		},
		{
			name:  "G with more than a page left asks for the tail",
			event: func(p *clusterPaging) pagingStep { *p = *pagingOpened(201); return p.toLast(pagingScreen, false) },
			want:  pagingStep{rows: true, cursor: cursorTo, fetch: pagingFetch(tailEnd, "")},
			after: shape{shown: tailEnd, head: 100, headPhase: segPartial, inFlight: true},
		},
		{
			name:  "G under a sort by computed figures stays on the head",
			event: func(p *clusterPaging) pagingStep { *p = *pagingOpened(1000); return p.toLast(pagingScreen, true) },
			want:  pagingStep{cursor: cursorTo, row: 99, fetch: pagingFetch(headEnd, "100")},
			after: shape{head: 100, headPhase: segPartial, inFlight: true},
		},
		{
			name: "G on a failed head stays on it",
			event: func(p *clusterPaging) pagingStep {
				*p = *pagingOpened(1000)
				p.cursorMoved(pagingAt(99))
				pagingFail(p, pagingThrottled)
				return p.toLast(pagingAt(99), false)
			},
			want:  pagingStep{cursor: cursorTo, row: 99},
			after: shape{head: 100, headPhase: segFailed},
		},
		{
			name: "G cancels the head's prefetch it supersedes",
			event: func(p *clusterPaging) pagingStep {
				*p = *pagingOpened(1000)
				p.cursorMoved(pagingAt(99))
				return p.toLast(pagingAt(99), false)
			},
			want:  pagingStep{rows: true, cursor: cursorTo, fetch: pagingFetch(tailEnd, "")},
			after: shape{shown: tailEnd, head: 100, headPhase: segPartial, inFlight: true},
		},
		{
			name: "the tail's first page selects the last row",
			event: func(p *clusterPaging) pagingStep {
				*p = *pagingOpened(1000)
				p.toLast(pagingScreen, false)
				return pagingAnswer(p, 100, "100", 1000, pagingScreen)
			},
			want:  pagingStep{rows: true, cursor: cursorTo, row: 99},
			after: shape{shown: tailEnd, head: 100, tail: 100, headPhase: segPartial, tailPhase: segPartial},
		},
		{
			name: "a tail page near the top keeps the row selected",
			event: func(p *clusterPaging) pagingStep {
				*p = *pagingOpened(1000)
				p.toLast(pagingScreen, false)
				pagingAnswer(p, 100, "100", 1000, pagingScreen)
				p.cursorMoved(pagingAt(19))
				return pagingAnswer(p, 100, "200", 0, pagingAt(19))
			},
			want:  pagingStep{rows: true, cursor: cursorAbove, row: 119},
			after: shape{shown: tailEnd, head: 100, tail: 200, headPhase: segPartial, tailPhase: segPartial},
		},
		{
			name: "G then g keeps the head's rows and cancels the tail's request",
			event: func(p *clusterPaging) pagingStep {
				*p = *pagingOpened(1000)
				p.toLast(pagingScreen, false)
				return p.toFirst(pagingAt(0))
			},
			want:  pagingStep{rows: true, cursor: cursorTo, cancel: true},
			after: shape{head: 100, headPhase: segPartial},
		},
		{
			name: "the cancelled tail's late reply is dropped",
			event: func(p *clusterPaging) pagingStep {
				*p = *pagingOpened(1000)
				p.toLast(pagingScreen, false)
				tail := p.flight
				p.toFirst(pagingAt(0))
				return p.pageReply(tail.id, state.ClusterPage{Rows: make([]state.ClusterRow, 100), NextToken: "100"}, nil, pagingScreen)
			},
			want:  pagingStep{},
			after: shape{head: 100, headPhase: segPartial},
		},
		{
			name: "a tail page while the head is shown is kept for later",
			event: func(p *clusterPaging) pagingStep {
				*p = *pagingOpened(1000)
				p.toLast(pagingScreen, false)
				p.shownEnd = headEnd // the head is back on pagingScreen, the tail's page still coming
				return pagingAnswer(p, 100, "100", 1000, pagingScreen)
			},
			want:  pagingStep{},
			after: shape{head: 100, tail: 100, headPhase: segPartial, tailPhase: segPartial},
		},
		{
			name: "G again shows the kept tail at no cost, cancelling the head's prefetch",
			event: func(p *clusterPaging) pagingStep {
				*p = *pagingOpened(1000)
				p.toLast(pagingScreen, false)
				pagingAnswer(p, 100, "100", 1000, pagingScreen)
				p.toFirst(pagingAt(99))
				p.cursorMoved(pagingAt(99))
				return p.toLast(pagingAt(99), false)
			},
			want:  pagingStep{rows: true, cursor: cursorTo, row: 99, cancel: true},
			after: shape{shown: tailEnd, head: 100, tail: 100, headPhase: segPartial, tailPhase: segPartial},
		},
		{
			name: "a failed page marks its segment and asks nothing",
			event: func(p *clusterPaging) pagingStep {
				*p = *pagingOpened(1000)
				p.cursorMoved(pagingAt(99))
				return pagingFail(p, pagingThrottled)
			},
			want:  pagingStep{},
			after: shape{head: 100, headPhase: segFailed},
		},
		{
			name: "no prefetch after a failure",
			event: func(p *clusterPaging) pagingStep {
				*p = *pagingOpened(1000)
				p.cursorMoved(pagingAt(99))
				pagingFail(p, pagingThrottled)
				return p.cursorMoved(pagingAt(99))
			},
			want:  pagingStep{},
			after: shape{head: 100, headPhase: segFailed},
		},
		{
			name: "a cancelled request is no failure",
			event: func(p *clusterPaging) pagingStep {
				*p = *pagingOpened(1000)
				p.cursorMoved(pagingAt(99))
				return pagingFail(p, context.Canceled)
			},
			want:  pagingStep{},
			after: shape{head: 100, headPhase: segPartial},
		},
		{
			name: "r retries the page that failed",
			event: func(p *clusterPaging) pagingStep {
				*p = *pagingOpened(1000)
				p.cursorMoved(pagingAt(99))
				pagingFail(p, pagingThrottled)
				return p.retry()
			},
			want:  pagingStep{fetch: pagingFetch(headEnd, "100")},
			after: shape{head: 100, headPhase: segPartial, inFlight: true},
		},
		{
			name: "r with nothing loaded reloads",
			event: func(p *clusterPaging) pagingStep {
				p.reload()
				pagingFail(p, pagingThrottled)
				return p.retry()
			},
			want:  pagingStep{restart: true, rows: true, cursor: cursorTo, fetch: pagingFetch(headEnd, "")},
			after: shape{inFlight: true},
		},
		{
			name: "r after a stall reloads",
			event: func(p *clusterPaging) pagingStep {
				p.reload()
				pagingAnswer(p, 5, "loop", 500, pagingScreen)
				pagingAnswer(p, 5, "loop", 0, pagingAt(4))
				return p.retry()
			},
			want:  pagingStep{restart: true, rows: true, cursor: cursorTo, fetch: pagingFetch(headEnd, "")},
			after: shape{inFlight: true},
		},
		{
			name: "r in the tail, nothing failed, starts over at the head",
			event: func(p *clusterPaging) pagingStep {
				*p = *pagingOpened(1000)
				p.toLast(pagingScreen, false)
				pagingAnswer(p, 100, "100", 1000, pagingScreen)
				return p.retry()
			},
			want:  pagingStep{restart: true, rows: true, cursor: cursorTo, fetch: pagingFetch(headEnd, "")},
			after: shape{inFlight: true},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := newPaging()
			got := tc.event(p)
			if got.fetch.id != 0 {
				if got.fetch != p.flight {
					t.Errorf("the step asks for %+v, but %+v is in flight", got.fetch, p.flight)
				}
				got.fetch.id = 1
			}
			if got != tc.want {
				t.Errorf("step\n got %+v\nwant %+v", got, tc.want)
			}
			st := shape{shown: p.shownEnd, head: len(p.head.rows), tail: len(p.tail.rows),
				headPhase: p.head.phase, tailPhase: p.tail.phase, inFlight: p.flight.id != 0}
			if st != tc.after {
				t.Errorf("state\n got %+v\nwant %+v", st, tc.after)
			}
		})
	}
}

func TestClusterPagingSaysWhySegmentsStopped(t *testing.T) {
	p := pagingOpened(1000)
	p.cursorMoved(pagingAt(99))
	pagingFail(p, pagingThrottled)
	if !errors.Is(p.err(), pagingThrottled) {
		t.Fatalf("failed: err %v, want the page's", p.err())
	}
	p.retry()
	if p.err() != nil || !p.loading() {
		t.Fatalf("retrying: err %v, loading %v", p.err(), p.loading())
	}
	pagingAnswer(p, 0, "200", 0, pagingAt(99))
	pagingAnswer(p, 0, "300", 0, pagingAt(99))
	pagingAnswer(p, 0, "400", 0, pagingAt(99))
	if !state.IsPagingStalled(p.err()) || p.loading() {
		t.Fatalf("after empty pages: err %v, loading %v, want a stall and nothing asked", p.err(), p.loading())
	}
	// The tail's state is its own: the head's stall does not show there.
	q := pagingOpened(1000)
	q.toLast(pagingScreen, false)
	pagingFail(q, pagingThrottled)
	q.toFirst(pagingScreen)
	if q.err() != nil || q.head.phase != segPartial {
		t.Fatalf("the tail failed, the head shows err %v phase %v", q.err(), q.head.phase)
	}
}

func TestClusterPagingPinsShowWithTheHeadsRows(t *testing.T) {
	p := newPaging()
	p.reload()
	if p.showsPins() || p.shownLen(2) != 0 {
		t.Fatalf("before any page: pins shown %v, rows %d", p.showsPins(), p.shownLen(2))
	}
	pagingAnswer(p, 0, "", 0, pagingScreen) // an empty dataset: the pins are all there is
	if !p.showsPins() || p.shownLen(2) != 2 {
		t.Fatalf("empty dataset: pins shown %v, rows %d", p.showsPins(), p.shownLen(2))
	}
	q := pagingOpened(1000)
	q.toLast(pagingScreen, false)
	pagingAnswer(q, 100, "100", 1000, pagingScreen)
	if q.showsPins() || q.shownLen(2) != 100 {
		t.Fatalf("tail: pins shown %v, rows %d", q.showsPins(), q.shownLen(2))
	}
}
