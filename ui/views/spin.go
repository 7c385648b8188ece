package views

import (
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/ui/theme"
)

// spin is the spinner one part owns (the file panes, every fileList,
// the cluster's own fetch): it turns while its part loads and stops on the
// first tick after, so an idle screen schedules nothing. Each has its own
// id, so a part keeps only its own ticks and none is shared.
type spin struct {
	m       spinner.Model
	ticking bool
}

func newSpin(st *theme.Styles) spin {
	return spin{m: spinner.New(spinner.WithSpinner(spinner.Line), spinner.WithStyle(st.Spinner))}
}

// start starts the spinner unless it turns already.
func (s *spin) start() tea.Cmd {
	if s.ticking {
		return nil
	}
	s.ticking = true
	return s.m.Tick
}

// update takes a tick of this spinner (mine false for any other message)
// and schedules the next one while busy.
func (s *spin) update(msg tea.Msg, busy bool) (cmd tea.Cmd, mine bool) {
	t, ok := msg.(spinner.TickMsg)
	if !ok || t.ID != s.m.ID() {
		return nil, false
	}
	if !busy {
		s.ticking = false
		return nil, true
	}
	s.m, cmd = s.m.Update(t)
	return cmd, true
}

// frame is the spinner's current frame.
func (s *spin) frame() string { return s.m.View() }
