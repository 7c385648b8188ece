package views

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/state"
)

// The clusters list's side of its paging: it turns page replies into the
// machine's events (clusters_paging.go) and carries out the steps it
// decides on, as table moves and page requests.

// clusterPageMsg is the reply to one ClusterPage request.
type clusterPageMsg struct {
	req  int64
	page state.ClusterPage
	err  error
}

// at is where the table stands, for the machine.
func (v *Clusters) at() viewport {
	return viewport{cursor: v.table.Cursor(), page: v.table.PageSize(), pins: len(v.rv.pinned)}
}

// reload starts over from the first page (a new sort, or r).
func (v *Clusters) reload() tea.Cmd { return v.apply(v.paging.reload()) }

func (v *Clusters) onPage(msg clusterPageMsg) tea.Cmd {
	if msg.req != 0 && msg.req == v.paging.flight.id {
		v.cancelRequest() // answered: its context is done with
	}
	step := v.paging.pageReply(msg.req, msg.page, msg.err, v.at())
	if step == (pagingStep{}) {
		return nil // stale, failed, or the other end's page
	}
	cmd := v.apply(step)
	// A :review begun before the rows came opens now if their strips
	// were all computed already (no step is left to finish it).
	if open := v.reviewReady(); open != nil {
		return tea.Batch(cmd, open)
	}
	return tea.Batch(cmd, v.kickQuality())
}

// apply carries out a step of the machine: the rows and the cursor first,
// then the request it cancels or asks for.
func (v *Clusters) apply(s pagingStep) tea.Cmd {
	if s.restart {
		v.rv.order, v.rv.qErr, v.rv.settled = nil, nil, ""
	}
	if s.rows {
		v.table.SetSource(clusterRows{v})
	}
	switch s.cursor {
	case cursorTo:
		v.table.SetCursor(s.row)
	case cursorAbove:
		// Scroll so the row ends up at the top of the screen, then
		// select it.
		v.table.SetCursor(s.row + v.table.PageSize() - 1)
		v.table.SetCursor(s.row)
	}
	if s.headGrew {
		v.reorder()
	}
	if s.cancel || s.fetch.id != 0 {
		v.cancelRequest()
	}
	if s.fetch.id == 0 {
		return nil
	}
	return v.request(s.fetch)
}

// request is the command that fetches f's page (the tail's through the
// reversed order).
func (v *Clusters) request(f pageFetch) tea.Cmd {
	ctx, cancel := context.WithCancel(v.ctx)
	v.cancelPage = cancel
	data, q := v.env.Data, v.query
	if f.end == tailEnd {
		q = reversed(q)
	}
	return func() tea.Msg {
		page, err := data.ClusterPage(ctx, q, f.token)
		return clusterPageMsg{req: f.id, page: page, err: err}
	}
}

// cancelRequest cancels the page request in flight, if any.
func (v *Clusters) cancelRequest() {
	if v.cancelPage != nil {
		v.cancelPage()
	}
	v.cancelPage = nil
}

// reversed is q in the opposite order: its first page is the list's last.
func reversed(q state.ClusterQuery) state.ClusterQuery {
	if q.Order == "desc" {
		q.Order = "asc"
	} else {
		q.Order = "desc" // "" is the API's default, asc
	}
	return q
}
