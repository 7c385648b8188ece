package cmdline

import "github.com/charmbracelet/bubbles/textinput"

// lineHistory is what a prompt remembers of the lines entered: ↑/↓ walk
// them, and past the newest entry is the draft typed before ↑ was pressed.
// The command line and the find prompt each keep one.
type lineHistory struct {
	lines []string // oldest first
	pos   int      // the entry shown; len(lines) is the draft
	draft string
}

// reset shows the draft again (an empty one), as a prompt opens.
func (h *lineHistory) reset() { h.pos, h.draft = len(h.lines), "" }

// add remembers line (not an empty one, nor twice in a row).
func (h *lineHistory) add(line string) {
	if line != "" && (len(h.lines) == 0 || h.lines[len(h.lines)-1] != line) {
		h.lines = append(h.lines, line)
	}
	h.pos = len(h.lines)
}

// walk moves d entries (-1 older, +1 newer) and puts the entry in in;
// it reports false at either end, where nothing changes.
func (h *lineHistory) walk(in *textinput.Model, d int) bool {
	n := h.pos + d
	if n < 0 || n > len(h.lines) {
		return false
	}
	if h.pos == len(h.lines) {
		h.draft = in.Value()
	}
	h.pos = n
	if n == len(h.lines) {
		in.SetValue(h.draft)
	} else {
		in.SetValue(h.lines[n])
	}
	in.CursorEnd()
	return true
}
