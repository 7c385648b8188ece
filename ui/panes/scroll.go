package panes

import (
	"fmt"
	"strings"

	"github.com/immtui/immtui/ui/widgets/move"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/ui/theme"
)

// scrollKeys are the movement keys every pane shares.
type scrollKeys = move.Keys

func newScrollKeys(st *theme.Styles) scrollKeys { return move.NewWith(st.Glyphs, st.Bindings) }

// scroller shows a window of prepared lines. It never measures or styles
// lines it does not show, so its cost follows the pane height, not the
// content length (the Raw pane of a 1 MB file).
type scroller struct {
	styles *theme.Styles
	keys   scrollKeys
	lines  []string
	lazy   []func() string // see doc.lazy; may be shorter than lines
	off    int
	w, h   int
}

// setLines replaces the content, keeping the offset when keep is true.
func (s *scroller) setLines(lines []string, keep bool) {
	s.lines, s.lazy = lines, nil
	if !keep {
		s.off = 0
	}
	s.clamp()
}

func (s *scroller) setSize(w, h int) {
	s.w, s.h = max(w, 0), max(h, 0)
	s.clamp()
}

// rows is how many content lines fit: one line is kept for the position
// indicator when the content does not fit and there is room for it.
func (s *scroller) rows() int {
	if len(s.lines) > s.h && s.h >= 3 {
		return s.h - 1
	}
	return s.h
}

func (s *scroller) maxOff() int { return max(len(s.lines)-s.rows(), 0) }

func (s *scroller) clamp() { s.off = min(max(s.off, 0), s.maxOff()) }

// handle moves the window for a movement key or the mouse wheel; it
// reports whether the message was used.
func (s *scroller) handle(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		d, ok := s.keys.Delta(msg, s.rows()-1) // a page keeps one line of the last
		if !ok {
			return false
		}
		s.off = min(max(s.off+d, 0), s.maxOff())
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			s.off -= 3
		case tea.MouseButtonWheelDown:
			s.off += 3
		default:
			return false
		}
	default:
		return false
	}
	s.clamp()
	return true
}

// view renders the visible lines and, when the content is taller than the
// pane, a muted "lines 1-23 of 80" indicator on the last line.
func (s *scroller) view() string {
	if s.w <= 0 || s.h <= 0 || len(s.lines) == 0 {
		return ""
	}
	n := s.rows()
	end := min(s.off+n, len(s.lines))
	var b strings.Builder
	for i := s.off; i < end; i++ {
		if i > s.off {
			b.WriteByte('\n')
		}
		if i < len(s.lazy) && s.lazy[i] != nil {
			s.lines[i], s.lazy[i] = s.lazy[i](), nil
		}
		b.WriteString(s.styles.Truncate(s.lines[i], s.w))
	}
	if n < s.h {
		ind := fmt.Sprintf("-- lines %d-%d of %d --", s.off+1, end, len(s.lines))
		b.WriteByte('\n')
		b.WriteString(s.styles.Muted.Render(s.styles.Truncate(ind, s.w)))
	}
	return b.String()
}
