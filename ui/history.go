package ui

import (
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/ui/views"
)

// maxPlaces bounds the history: older places are forgotten (and their
// views closed once no place holds them).
const maxPlaces = 50

// history is the places visited, as k9s keeps them: each place is the
// stack as it stood (so going back to a cluster shows its breadcrumbs
// too). `[` and `]` move through it, `-` returns to the place shown before
// the current one. A view stays open (paused) while some place holds it.
type history struct {
	places [][]views.View
	at     int // the place shown
	prev   int // the place shown before it (-: go back there)
}

// visit records the stack as a new place after the one shown; places
// ahead of it (gone back from) are dropped.
func (m *Model) visit() {
	h := &m.hist
	prev := h.at
	if len(h.places) > 0 {
		h.places = h.places[:h.at+1]
	}
	h.places = append(h.places, slices.Clone(m.stack))
	if n := len(h.places) - maxPlaces; n > 0 {
		h.places = slices.Delete(h.places, 0, n)
		prev -= n
	}
	h.at, h.prev = len(h.places)-1, max(prev, 0)
	m.relive()
}

// goPlace shows place i of the history.
func (m *Model) goPlace(i int) tea.Cmd {
	h := &m.hist
	if i < 0 || i >= len(h.places) || i == h.at {
		return nil
	}
	old := m.top()
	h.prev, h.at = h.at, i
	m.stack = slices.Clone(h.places[i])
	return m.switched(old)
}

// switched pauses the view that was on top and resumes the one now there.
func (m *Model) switched(old views.View) tea.Cmd {
	m.resize()
	if old == m.top() {
		return nil
	}
	if p, ok := old.(views.Pauser); ok {
		p.Pause()
	}
	var resume tea.Cmd
	if r, ok := m.top().(views.Resumer); ok {
		resume = r.Resume()
	}
	return tea.Batch(resume, m.loadVisible())
}

// relive recomputes the open views (every view of the stack and of the
// history's places, each once, the stack's first) and closes those no
// longer held.
func (m *Model) relive() {
	old := m.live
	live := make([]views.View, 0, len(m.stack))
	seen := make(map[views.View]bool, len(old)+len(m.stack))
	add := func(vs []views.View) {
		for _, v := range vs {
			if !seen[v] {
				seen[v] = true
				live = append(live, v)
			}
		}
	}
	add(m.stack)
	for _, p := range m.hist.places {
		add(p)
	}
	for _, v := range old {
		if !seen[v] {
			v.Close()
		}
	}
	m.live = live
}

// Places is the number of places in the history and the one shown.
func (m *Model) Places() (n, at int) { return len(m.hist.places), m.hist.at }
