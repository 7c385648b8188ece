package cmdline

import (
	"slices"
	"strconv"
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

// View is the prompt in w cells and at most most lines: Tab's
// candidates in columns above the line (as many rows as fit, the last cell
// "+N more" when some do not), then ':' and the text with the cursor. With
// one line the candidates follow the text on it. textinput scrolls the
// text so the cursor stays in sight; the typed text is shown through
// safetext (its own input filter drops controls, and the line is cut to w
// by x/ansi's widths).
func (p *Prompt) View(w, most int) string {
	if w <= 0 {
		return ""
	}
	above := p.hintRows(w, most-1)
	hint := ""
	if len(above) == 0 && len(p.hint) > 0 {
		hint = p.inlineHint(w)
	}
	in := p.input
	// One cell for ':' and one for the cursor; a wide rune at the edge is
	// cut by Truncate below rather than wrapping.
	in.Width = max(w-2-safetext.Width(hint), 1)
	in.SetCursor(in.Position()) // scrolls this copy for this width
	line := p.st.Truncate(in.View()+hint, w)
	return strings.Join(append(above, line), "\n")
}

// hintRows lays the candidates out in columns over at most rows lines of
// w cells (none when rows < 1).
func (p *Prompt) hintRows(w, rows int) []string {
	n := len(p.hint)
	if n == 0 || rows < 1 {
		return nil
	}
	colW := 0
	for _, c := range p.hint {
		colW = max(colW, safetext.Width(c))
	}
	colW += 2
	cols := max((w+2)/colW, 1) // the last column needs no gap after it
	cells := slices.Clone(p.hint)
	if need := (n + cols - 1) / cols; need > rows {
		shown := rows*cols - 1
		cells = append(cells[:shown], "+"+strconv.Itoa(n-shown)+" more")
	}
	var out []string
	for r := 0; r*cols < len(cells); r++ {
		row := cells[r*cols : min((r+1)*cols, len(cells))]
		var b strings.Builder
		for i, c := range row {
			if i < len(row)-1 {
				c = safetext.Pad(c, colW)
			}
			b.WriteString(c)
		}
		out = append(out, p.st.Muted.Render(p.st.Truncate(b.String(), w)))
	}
	return out
}

// inlineHint is the candidates after the text on one line: those that fit
// in what the text leaves of w, then "+N more" for the rest.
func (p *Prompt) inlineHint(w int) string {
	room := w - 2 - max(safetext.Width(p.input.Value()), 1) // textinput draws at least one cell
	var shown []string
	used := 2 // the gap after the text
	for i, c := range p.hint {
		more := ""
		if i < len(p.hint)-1 {
			more = " +" + strconv.Itoa(len(p.hint)-i-1) + " more"
		}
		if used+safetext.Width(c)+len(more) > room {
			shown = append(shown, "+"+strconv.Itoa(len(p.hint)-i)+" more")
			break
		}
		shown = append(shown, c)
		used += safetext.Width(c) + 1
	}
	return "  " + p.st.Muted.Render(strings.Join(shown, " "))
}
