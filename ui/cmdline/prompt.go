package cmdline

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

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

// Prompt is the one-line `:` prompt: bubbles/textinput for editing (the
// shell keys, paste with controls dropped, horizontal scrolling that keeps
// the cursor in sight), plus this session's history on Up/Down and
// completion on Tab. The zero value is not usable; build it with NewPrompt.
type Prompt struct {
	st    *theme.Styles
	input textinput.Model
	open  bool

	history lineHistory
	hint    []string // candidates left by an ambiguous Tab
}

// maxLine bounds a line: more than any URI, little enough to draw.
const maxLine = 4096

// NewPrompt makes a closed prompt.
func NewPrompt(st *theme.Styles) *Prompt {
	ti := textinput.New()
	ti.Prompt = ":"
	ti.CharLimit = maxLine
	// The cursor does not blink: a blinking one would redraw the screen
	// twice a second for nothing (and static, it needs no tea.Cmd).
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.Cursor.Style = st.Key.Reverse(true)
	ti.TextStyle = st.Value
	// Up and Down walk the history; textinput would use them for its
	// suggestions, which are off.
	ti.KeyMap.NextSuggestion.SetEnabled(false)
	ti.KeyMap.PrevSuggestion.SetEnabled(false)
	ti.Focus()
	return &Prompt{st: st, input: ti}
}

// Open shows an empty prompt at the end of the history.
func (p *Prompt) Open() {
	p.open = true
	p.input.SetValue("")
	p.history.reset()
	p.hint = nil
}

// Close hides the prompt.
func (p *Prompt) Close() {
	p.open = false
	p.hint = nil
}

// IsOpen reports whether the prompt reads keys.
func (p *Prompt) IsOpen() bool { return p.open }

// Value is the text typed so far.
func (p *Prompt) Value() string { return p.input.Value() }

// History is this session's lines, oldest first.
func (p *Prompt) History() []string { return append([]string(nil), p.history.lines...) }

// Key handles a key while the prompt is open. On Submitted, line is what
// was entered (already in the history).
func (p *Prompt) Key(msg tea.KeyMsg) (res Result, line string) {
	p.hint = nil
	switch msg.Type {
	case tea.KeyEnter:
		line = strings.TrimSpace(p.input.Value())
		p.history.add(line)
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
		v := []rune(p.input.Value())
		pos := min(p.input.Position(), len(v))
		done, cands := Complete(string(v[:pos]))
		p.input.SetValue(done + string(v[pos:]))
		p.input.SetCursor(len([]rune(done)))
		p.hint = cands
		return Editing, ""
	case tea.KeyShiftTab:
		return Editing, "" // no backwards completion; not a character either
	}
	if msg.Type == tea.KeyRunes {
		// textinput drops control characters (Cc) but keeps format ones
		// (Cf): a pasted U+202E would reorder the prompt line.
		msg.Runes = slices.DeleteFunc(slices.Clone(msg.Runes), safetext.Dangerous)
	}
	p.input, _ = p.input.Update(msg) // static cursor: no blink command
	return Editing, ""
}

// walk moves through the history; past the newest entry is the draft.
func (p *Prompt) walk(d int) { p.history.walk(&p.input, d) }

// View is the prompt in w cells: ':', the text with the cursor, and Tab's
// candidates. textinput scrolls the text so the cursor stays in sight; the
// typed text is shown through safetext (its own input filter drops
// controls, and the line is cut to w by x/ansi's widths).
func (p *Prompt) View(w int) string {
	if w <= 0 {
		return ""
	}
	hint := ""
	if len(p.hint) > 0 {
		hint = "  " + p.st.Muted.Render(strings.Join(p.hint, " "))
	}
	in := p.input
	// One cell for ':' and one for the cursor; a wide rune at the edge is
	// cut by Truncate below rather than wrapping.
	in.Width = max(w-2-safetext.Width(hint), 1)
	in.SetCursor(in.Position()) // scrolls this copy for this width
	return p.st.Truncate(in.View()+hint, w)
}
