package cmdline

import (
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/search"
	"github.com/immtui/immtui/ui/theme"
)

// FindPrompt is the `/` prompt for search queries (`:find` without a
// query opens it too): its own history, Tab completion of field names and
// of values from the overview's aggregations, `?` to show the compiled
// SimpleQuery as JSON, and a query that does not compile kept in the
// prompt with a caret under the wrong word. Build it with NewFindPrompt.
type FindPrompt struct {
	st    *theme.Styles
	input textinput.Model
	open  bool
	loc   *time.Location
	snap  search.Snapshot

	history lineHistory
	hint    []string

	err      *search.Error // the last Enter's error, for the text it was on
	errText  string
	showJSON bool
}

// maxHint bounds the candidates a hint line lists.
const maxHint = 12

// NewFindPrompt makes a closed find prompt; dates typed are in loc (nil:
// time.Local).
func NewFindPrompt(st *theme.Styles, loc *time.Location) *FindPrompt {
	ti := textinput.New()
	ti.Prompt = "find "
	ti.CharLimit = maxLine
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.Cursor.Style = st.Key.Reverse(true)
	ti.TextStyle = st.Value
	ti.Placeholder = "label:狗 city:杭州 type:video after:2024-01 (Tab completes, ? shows the query)"
	ti.PlaceholderStyle = st.Muted
	ti.KeyMap.NextSuggestion.SetEnabled(false)
	ti.KeyMap.PrevSuggestion.SetEnabled(false)
	ti.Focus()
	return &FindPrompt{st: st, input: ti, loc: loc}
}

// SetSnapshot sets the values Tab offers (from the overview).
func (p *FindPrompt) SetSnapshot(s search.Snapshot) { p.snap = s }

// Open shows the prompt holding text (the query shown, or "").
func (p *FindPrompt) Open(text string) {
	p.open = true
	p.input.SetValue(text)
	p.input.CursorEnd()
	p.history.reset()
	p.hint, p.err, p.showJSON = nil, nil, false
}

// Fail opens the prompt on text with err pointing at the wrong word (a
// `:find` whose query did not compile).
func (p *FindPrompt) Fail(text string, err error) {
	p.Open(text)
	p.remember(text)
	p.setErr(text, err)
}

func (p *FindPrompt) setErr(text string, err error) {
	var se *search.Error
	if errors.As(err, &se) {
		p.err, p.errText = se, text
		// The cursor goes to the wrong word, to fix it in place.
		p.input.SetCursor(len([]rune(text[:min(se.Offset, len(text))])))
	}
}

// Close hides the prompt.
func (p *FindPrompt) Close() { p.open, p.hint, p.err, p.showJSON = false, nil, nil, false }

// IsOpen reports whether the prompt reads keys.
func (p *FindPrompt) IsOpen() bool { return p.open }

// Value is the text typed.
func (p *FindPrompt) Value() string { return p.input.Value() }

// Error is the error shown (nil: none).
func (p *FindPrompt) Error() *search.Error { return p.err }

// ShowsJSON reports whether the compiled query is shown.
func (p *FindPrompt) ShowsJSON() bool { return p.showJSON }

// History is the queries entered, oldest first.
func (p *FindPrompt) History() []string { return slices.Clone(p.history.lines) }

// Key handles a key while open. Enter compiles the text: a query that does
// not compile stays in the prompt with its error (Editing); one that does
// is Submitted with its text and query.
func (p *FindPrompt) Key(msg tea.KeyMsg) (res Result, text string, q *imm.SimpleQuery) {
	p.hint = nil
	switch msg.Type {
	case tea.KeyEnter:
		text = strings.TrimSpace(p.input.Value())
		p.remember(text)
		q, err := search.Compile(text, search.Options{Location: p.loc})
		if err != nil {
			p.setErr(p.input.Value(), err)
			return Editing, "", nil
		}
		p.Close()
		return Submitted, text, q
	case tea.KeyEsc:
		p.Close()
		return Cancelled, "", nil
	case tea.KeyUp, tea.KeyDown:
		p.walk(map[bool]int{true: -1, false: 1}[msg.Type == tea.KeyUp])
		return Editing, "", nil
	case tea.KeyTab:
		p.complete()
		return Editing, "", nil
	case tea.KeyShiftTab:
		return Editing, "", nil
	}
	if msg.Type == tea.KeyRunes && len(msg.Runes) == 1 && msg.Runes[0] == '?' && !msg.Paste && !p.inQuote() {
		p.showJSON = !p.showJSON
		return Editing, "", nil
	}
	if msg.Type == tea.KeyRunes {
		msg.Runes = slices.DeleteFunc(slices.Clone(msg.Runes), safetext.Dangerous)
	}
	p.input, _ = p.input.Update(msg)
	if p.err != nil && p.input.Value() != p.errText {
		p.err = nil // edited: the caret would point at the wrong place
	}
	return Editing, "", nil
}

// remember adds text to the history (not twice in a row).
func (p *FindPrompt) remember(text string) {
	p.history.add(text)
}

// inQuote reports whether the cursor is inside a double-quoted value,
// where ? is text.
func (p *FindPrompt) inQuote() bool {
	v := []rune(p.input.Value())
	in := false
	for i := 0; i < min(p.input.Position(), len(v)); i++ {
		switch {
		case v[i] == '\\' && in:
			i++
		case v[i] == '"':
			in = !in
		}
	}
	return in
}

func (p *FindPrompt) walk(d int) {
	if p.history.walk(&p.input, d) {
		p.err = nil
	}
}

// complete replaces the word at the cursor with its one candidate, or
// with what all candidates share (listing them).
func (p *FindPrompt) complete() {
	text := p.input.Value()
	runes := []rune(text)
	at := len(string(runes[:min(p.input.Position(), len(runes))]))
	c := search.Complete(text, at, p.snap)
	if len(c.Candidates) == 0 {
		return
	}
	ins := c.Candidates[0].Insert
	if len(c.Candidates) == 1 {
		if !strings.HasSuffix(ins, ":") {
			ins += " "
		}
	} else {
		for _, k := range c.Candidates[1:] {
			ins = commonPrefix(ins, k.Insert)
		}
		for i, k := range c.Candidates {
			if i == maxHint {
				p.hint = append(p.hint, p.st.Glyphs.Ellipsis())
				break
			}
			p.hint = append(p.hint, k.Display)
		}
		if len(ins) <= at-c.Start {
			return // nothing more in common: the hint lists them
		}
	}
	out := text[:c.Start] + ins + text[c.End:]
	p.input.SetValue(out)
	p.input.SetCursor(len([]rune(text[:c.Start] + ins)))
}

// commonPrefix is the longest prefix of a and b, whole runes.
func commonPrefix(a, b string) string {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	for n > 0 && n < len(a) && !isRuneStart(a[n]) {
		n--
	}
	return a[:n]
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// Height is the lines View takes at width w with at most most lines.
func (p *FindPrompt) Height(w, most int) int {
	return strings.Count(p.View(w, most), "\n") + 1
}

// View is the prompt in w cells and at most most lines: the compiled JSON
// when asked (?), the error with a caret under the wrong word, then the
// prompt line (with Tab's candidates).
func (p *FindPrompt) View(w, most int) string {
	if w <= 0 {
		return ""
	}
	most = max(most, 1)
	var above []string
	if p.showJSON {
		room := most - 1
		if p.err != nil {
			room -= 3
		}
		above = p.jsonLines(w)
		// The query's head says most: cut its end, and say so.
		if len(above) > room && room > 0 {
			above = append(above[:room-1], p.st.Muted.Render(p.st.Glyphs.Ellipsis()+" (i in the results shows it all)"))
		}
	}
	line := p.promptLine(w)
	if p.err == nil {
		return joinLast(above, []string{line}, most)
	}
	msg := safetext.Wrap(safetext.Line(p.err.Message), w)
	text := safetext.Line(p.errText)
	// The caret goes under the prompt's text when it is all in sight;
	// otherwise under a copy of the text around the wrong word.
	pw := safetext.Width(p.input.Prompt)
	if pw+safetext.Width(text)+1 <= w {
		caret := p.caret(pw + p.err.Column)
		return joinLast(append(above, p.errLines(msg)...), []string{line, caret}, most)
	}
	start := max(p.err.Column-w/2, 0)
	excerpt := p.st.Truncate(cutCells(text, start), w)
	lines := append(p.errLines(msg), p.st.Muted.Render(excerpt), p.caret(p.err.Column-start))
	return joinLast(append(above, lines...), []string{line}, most)
}

func (p *FindPrompt) errLines(msg []string) []string {
	out := make([]string, len(msg))
	for i, m := range msg {
		out[i] = p.st.Error.Render(m)
	}
	return out
}

// caret is "     ^^^^" under the wrong word, at column col.
func (p *FindPrompt) caret(col int) string {
	return strings.Repeat(" ", max(col, 0)) + p.st.Error.Render(strings.Repeat("^", max(p.err.Width, 1)))
}

// cutCells drops the first n cells of s (plain text).
func cutCells(s string, n int) string {
	for i, r := range s {
		if n <= 0 {
			return s[i:]
		}
		n -= safetext.Width(string(r))
	}
	return ""
}

// joinLast keeps tail whole and as much of head's end as most allows.
func joinLast(head, tail []string, most int) string {
	room := max(most-len(tail), 0)
	if len(head) > room {
		head = head[len(head)-room:]
	}
	return strings.Join(append(slices.Clone(head), tail...), "\n")
}

// jsonLines is the text's SimpleQuery as JSON, or why it does not compile.
func (p *FindPrompt) jsonLines(w int) []string {
	q, err := search.Compile(p.input.Value(), search.Options{Location: p.loc})
	if err != nil {
		return []string{p.st.Error.Render(p.st.Fit("does not compile: "+err.Error(), w))}
	}
	lines := strings.Split(search.JSON(q), "\n")
	if q == nil {
		lines = []string{"no Query: every file"}
	}
	for i, l := range lines {
		lines[i] = p.st.Muted.Render(p.st.Fit(l, w))
	}
	return lines
}

// promptLine is "/query" with the cursor, and Tab's candidates.
func (p *FindPrompt) promptLine(w int) string {
	hint := ""
	if len(p.hint) > 0 {
		hint = "  " + p.st.Muted.Render(p.st.Fit(strings.Join(p.hint, " "), max(w/2, 10)))
	}
	in := p.input
	in.Width = max(w-2-safetext.Width(hint), 1)
	in.SetCursor(in.Position())
	return p.st.Truncate(in.View()+hint, w)
}
