package cmdline

import (
	"unicode"

	tea "github.com/charmbracelet/bubbletea"
)

// lineEdit is a one-line text editor: the keys of a shell prompt on a rune
// slice. (bubbles/textinput would do, but it imports
// github.com/atotto/clipboard, which go.mod does not require yet.)
type lineEdit struct {
	value []rune
	pos   int // cursor, 0..len(value)
	limit int // most runes kept
}

func (e *lineEdit) String() string { return string(e.value) }

// set replaces the text and puts the cursor at its end.
func (e *lineEdit) set(s string) {
	e.value = []rune(s)
	if e.limit > 0 && len(e.value) > e.limit {
		e.value = e.value[:e.limit]
	}
	e.pos = len(e.value)
}

// key edits by one key press; it reports whether the key was an edit.
func (e *lineEdit) key(msg tea.KeyMsg) bool {
	switch msg.Type {
	case tea.KeyRunes, tea.KeySpace:
		r := msg.Runes
		if msg.Type == tea.KeySpace {
			r = []rune{' '}
		}
		e.insert(r)
	case tea.KeyLeft, tea.KeyCtrlB:
		e.pos = max(e.pos-1, 0)
	case tea.KeyRight, tea.KeyCtrlF:
		e.pos = min(e.pos+1, len(e.value))
	case tea.KeyHome, tea.KeyCtrlA:
		e.pos = 0
	case tea.KeyEnd, tea.KeyCtrlE:
		e.pos = len(e.value)
	case tea.KeyBackspace, tea.KeyCtrlH:
		if e.pos > 0 {
			e.value = append(e.value[:e.pos-1], e.value[e.pos:]...)
			e.pos--
		}
	case tea.KeyDelete, tea.KeyCtrlD:
		if e.pos < len(e.value) {
			e.value = append(e.value[:e.pos], e.value[e.pos+1:]...)
		}
	case tea.KeyCtrlU:
		e.value = append([]rune(nil), e.value[e.pos:]...)
		e.pos = 0
	case tea.KeyCtrlK:
		e.value = e.value[:e.pos]
	case tea.KeyCtrlW:
		i := e.pos
		for i > 0 && unicode.IsSpace(e.value[i-1]) {
			i--
		}
		for i > 0 && !unicode.IsSpace(e.value[i-1]) {
			i--
		}
		e.value = append(e.value[:i], e.value[e.pos:]...)
		e.pos = i
	default:
		return false
	}
	return true
}

// insert puts runes at the cursor; a pasted newline or tab is a space
// (the line is one line), other controls are dropped.
func (e *lineEdit) insert(rs []rune) {
	add := make([]rune, 0, len(rs))
	for _, r := range rs {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			add = append(add, ' ')
		case unicode.IsControl(r):
		default:
			add = append(add, r)
		}
	}
	if e.limit > 0 {
		add = add[:min(len(add), max(e.limit-len(e.value), 0))]
	}
	v := make([]rune, 0, len(e.value)+len(add))
	v = append(v, e.value[:e.pos]...)
	v = append(v, add...)
	e.value = append(v, e.value[e.pos:]...)
	e.pos += len(add)
}
