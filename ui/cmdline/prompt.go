package cmdline

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/theme"
)

// Result is what a key did to the prompt.
type Result int

// Results of Prompt.Key.
const (
	Editing   Result = iota // the prompt is still open
	Submitted               // Enter: the line is in Line
	Cancelled               // Esc: closed, nothing to run
)

// Prompt is the one-line `:` prompt: a line editor with this session's
// history on Up/Down and completion on Tab. The zero value is
// not usable; build it with NewPrompt.
type Prompt struct {
	st    *theme.Styles
	input lineEdit
	open  bool

	history []string // lines entered, oldest first
	pos     int      // the history entry shown; len(history) is the draft
	draft   string   // what was typed before Up was pressed
	hint    []string // candidates left by an ambiguous Tab
}

// maxLine bounds a line: more than any URI, little enough to draw.
const maxLine = 4096

// NewPrompt makes a closed prompt.
func NewPrompt(st *theme.Styles) *Prompt {
	// The cursor does not blink: a blinking one would redraw the screen
	// twice a second for nothing.
	return &Prompt{st: st, input: lineEdit{limit: maxLine}}
}

// Open shows an empty prompt at the end of the history.
func (p *Prompt) Open() {
	p.open = true
	p.input.set("")
	p.pos, p.draft, p.hint = len(p.history), "", nil
}

// Close hides the prompt.
func (p *Prompt) Close() {
	p.open = false
	p.hint = nil
}

// IsOpen reports whether the prompt reads keys.
func (p *Prompt) IsOpen() bool { return p.open }

// Value is the text typed so far.
func (p *Prompt) Value() string { return p.input.String() }

// History is this session's lines, oldest first.
func (p *Prompt) History() []string { return append([]string(nil), p.history...) }

// Key handles a key while the prompt is open. On Submitted, line is what
// was entered (already in the history).
func (p *Prompt) Key(msg tea.KeyMsg) (res Result, line string) {
	p.hint = nil
	switch msg.Type {
	case tea.KeyEnter:
		line = strings.TrimSpace(p.input.String())
		if line != "" && (len(p.history) == 0 || p.history[len(p.history)-1] != line) {
			p.history = append(p.history, line)
		}
		p.Close()
		return Submitted, line
	case tea.KeyEsc:
		p.Close()
		return Cancelled, ""
	case tea.KeyUp:
		p.walk(-1)
		return Editing, ""
	case tea.KeyDown:
		p.walk(+1)
		return Editing, ""
	case tea.KeyTab:
		before := string(p.input.value[:p.input.pos])
		after := string(p.input.value[p.input.pos:])
		done, cands := Complete(before)
		p.input.set(done + after)
		p.input.pos = len([]rune(done))
		p.hint = cands
		return Editing, ""
	case tea.KeyShiftTab:
		return Editing, "" // no backwards completion; not a character either
	}
	p.input.key(msg)
	return Editing, ""
}

// walk moves through the history; past the newest entry is the draft.
func (p *Prompt) walk(d int) {
	n := p.pos + d
	if n < 0 || n > len(p.history) {
		return
	}
	if p.pos == len(p.history) {
		p.draft = p.input.String()
	}
	p.pos = n
	if n == len(p.history) {
		p.input.set(p.draft)
	} else {
		p.input.set(p.history[n])
	}
}

// View is the prompt in w cells: ':', the text (sanitised: a pasted
// escape shows as \x1b) with the cursor, and Tab's candidates. When the
// text is wider than the line, its start gives way so the cursor stays in
// sight.
func (p *Prompt) View(w int) string {
	if w <= 0 {
		return ""
	}
	r := p.input.value
	pos := min(p.input.pos, len(r))
	before := safetext.Line(string(r[:pos]))
	at := " "
	after := ""
	if pos < len(r) {
		at = safetext.Line(string(r[pos]))
		after = safetext.Line(string(r[pos+1:]))
	}
	room := w - 1 - safetext.Width(at) // ':' and the cursor
	if bw := safetext.Width(before); bw > room && room > 3 {
		tail := ansi.TruncateLeft(before, bw-(room-3), "")
		if safetext.Width(tail) > room-3 { // the cut fell inside a wide rune
			tail = ansi.TruncateLeft(before, bw-(room-3)+1, "")
		}
		before = "..." + tail
	}
	cur := p.st.Key.Reverse(true).Render(at)
	line := ":" + before + cur + after
	if len(p.hint) > 0 {
		line += "  " + p.st.Muted.Render(strings.Join(p.hint, " "))
	}
	return safetext.Truncate(line, w)
}
