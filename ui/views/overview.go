package views

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/search"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/widgets/move"
)

// overviewMsg is the reply to the Overview request.
type overviewMsg struct {
	req int64
	o   state.Overview
	err error
}

// yearsMsg is the reply to the Years request.
type yearsMsg struct {
	req   int64
	years []state.YearCount
	err   error
}

type overviewKeys struct {
	Open, Clusters, Files, Labels, Places, Refresh key.Binding
}

// Overview is what a dataset holds, counted on IMM's side: its statistics
// and a bar chart per grouping (media type, status, content type, year,
// labels, countries, cities). Enter on a group opens its files. It is the
// first screen of a dataset; the clusters are one key away (c).
type Overview struct {
	env    *Env
	ctx    context.Context
	cancel context.CancelFunc
	keys   overviewKeys
	move   move.Keys

	o        state.Overview
	loaded   bool
	err      error
	pending  int64 // the Overview request in flight (0: none)
	years    []state.YearCount
	yearsErr error
	yearsReq int64 // the Years request in flight (0: none)

	lines  []ovLine // built for the width
	picks  []int    // the lines Enter can open, in order
	cursor int      // index into picks
	offset int      // first line shown

	width, height int
}

// NewOverview makes the overview; Init asks for it.
func NewOverview(env *Env) *Overview {
	ctx, cancel := context.WithCancel(context.Background())
	v := &Overview{env: env, ctx: ctx, cancel: cancel, move: move.New(env.Styles.Glyphs)}
	v.keys = overviewKeys{
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "its files")),
		Clusters: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "clusters")),
		Files:    key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "all files")),
		Labels:   key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "labels")),
		Places:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "places")),
		Refresh:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload")),
	}
	return v
}

// Init asks for the overview (one round trip: statistics, clusters and
// aggregations in parallel) and, beside it, the files per year.
func (v *Overview) Init() tea.Cmd { return tea.Batch(v.request(), v.requestYears()) }

func (v *Overview) request() tea.Cmd {
	id := v.env.NextID()
	v.pending = id
	data, ctx := v.env.Data, v.ctx
	return func() tea.Msg {
		o, err := data.Overview(ctx)
		return overviewMsg{req: id, o: o, err: err}
	}
}

func (v *Overview) requestYears() tea.Cmd {
	id := v.env.NextID()
	v.yearsReq = id
	data, ctx, loc := v.env.Data, v.ctx, v.env.Location
	return func() tea.Msg {
		y, err := data.Years(ctx, loc)
		return yearsMsg{req: id, years: y, err: err}
	}
}

// Crumb names the view.
func (v *Overview) Crumb() string { return "Overview" }

// Err is the overview request's error.
func (v *Overview) Err() error { return v.err }

// Close cancels the requests in flight.
func (v *Overview) Close() { v.cancel() }

// Loaded reports whether the overview arrived.
func (v *Overview) Loaded() bool { return v.loaded }

// Data is the overview shown (zero until Loaded).
func (v *Overview) Data() state.Overview { return v.o }

// Snapshot is the aggregated values for search completion; false until
// the overview arrived.
func (v *Overview) Snapshot() (search.Snapshot, bool) {
	if !v.loaded {
		return search.Snapshot{}, false
	}
	return v.o.Snapshot(), true
}

// Selected is the search text of the group under the cursor ("" none).
func (v *Overview) Selected() string {
	if v.cursor < len(v.picks) {
		return v.lines[v.picks[v.cursor]].search
	}
	return ""
}

// Update handles the replies and the keys.
func (v *Overview) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case overviewMsg:
		if !takeReply(&v.pending, msg.req, msg.err, &v.err) {
			return nil
		}
		v.o, v.loaded = msg.o, true
		v.layout()
	case yearsMsg:
		if !answers(&v.yearsReq, msg.req) {
			return nil
		}
		v.years = msg.years
		keepFailure(msg.err, &v.yearsErr)
		v.layout()
	case tea.KeyMsg:
		return v.onKey(msg)
	}
	return nil
}

func (v *Overview) onKey(msg tea.KeyMsg) tea.Cmd {
	k := v.move
	switch {
	case key.Matches(msg, v.keys.Open):
		if s := v.Selected(); s != "" {
			return Push(NewFiles(v.env, s))
		}
	case key.Matches(msg, v.keys.Clusters):
		return Push(NewClusters(v.env))
	case key.Matches(msg, v.keys.Files):
		return Push(NewFiles(v.env, ""))
	case key.Matches(msg, v.keys.Labels):
		return Push(NewLabels(v.env))
	case key.Matches(msg, v.keys.Places):
		return Push(NewPlaces(v.env))
	case key.Matches(msg, v.keys.Refresh):
		v.err = nil
		return tea.Batch(v.request(), v.requestYears())
	case key.Matches(msg, k.Up):
		v.moveBy(-1)
	case key.Matches(msg, k.Down):
		v.moveBy(1)
	case key.Matches(msg, k.PageUp):
		v.moveBy(-max(v.height/2, 1))
	case key.Matches(msg, k.PageDown):
		v.moveBy(max(v.height/2, 1))
	case key.Matches(msg, k.First):
		v.moveBy(-len(v.picks))
	case key.Matches(msg, k.Last):
		v.moveBy(len(v.picks))
	}
	return nil
}

// moveBy moves the cursor n groups and scrolls it into view.
func (v *Overview) moveBy(n int) {
	if len(v.picks) == 0 {
		return
	}
	v.cursor = min(max(v.cursor+n, 0), len(v.picks)-1)
	v.scroll()
}

// scroll keeps the cursor's line on screen, with its section's heading
// when the cursor is on the first group (and the top when on the first).
func (v *Overview) scroll() {
	h := v.bodyHeight()
	if len(v.picks) == 0 || h <= 0 {
		v.offset = 0
		return
	}
	at := v.picks[v.cursor]
	top := at
	for top > 0 && v.lines[top-1].search == "" && at-top < 2 {
		top-- // the heading above the first group of a section
	}
	if v.cursor == 0 {
		top = 0
	}
	if top < v.offset {
		v.offset = top
	}
	if at >= v.offset+h {
		v.offset = at - h + 1
	}
	v.offset = max(min(v.offset, len(v.lines)-h), 0)
}

func (v *Overview) bodyHeight() int { return max(v.height-1, 0) }

// SetSize lays the chart out again for the width.
func (v *Overview) SetSize(w, h int) {
	v.width, v.height = w, h
	v.layout()
}

// ShortHelp is the overview's keys.
func (v *Overview) ShortHelp() []key.Binding {
	if v.err != nil {
		return []key.Binding{v.keys.Refresh, v.keys.Clusters}
	}
	return []key.Binding{v.keys.Clusters, v.move.Up, v.move.Down, v.keys.Open, v.keys.Files, v.keys.Labels, v.keys.Places}
}

// FullHelp is every key of the overview.
func (v *Overview) FullHelp() [][]key.Binding {
	k := v.move
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.First, k.Last},
		{v.keys.Open, v.keys.Clusters, v.keys.Files, v.keys.Labels, v.keys.Places, v.keys.Refresh}}
}
