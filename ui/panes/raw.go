package panes

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/theme"
)

// rawPane shows the file's complete JSON as the server sent it, unknown
// keys included, pretty-printed. The outline (raw_doc.go) is built once
// per file and per e; View draws only the visible lines, wrapping them
// when asked, so the work of a key follows the pane's height and a
// hostile reply cannot make a frame cost more than a screenful.
type rawPane struct {
	styles *theme.Styles
	keys   rawKeys
	file   *imm.File
	src    []byte // the file's compact JSON
	doc    *rawDoc
	err    error
	wrap   bool

	depth, maxLines int // the outline's limits, raised by e
	w, h            int
	// top is the first line shown and sub, when wrapping, the first of
	// its rows shown.
	top, sub int
	rows     map[int][]string // wrapped rows of lines drawn at width w
}

type rawKeys struct {
	scrollKeys
	Expand, Wrap key.Binding
}

func newRawPane(ctx Context) *rawPane {
	return &rawPane{
		styles: stylesOf(ctx),
		keys: rawKeys{
			scrollKeys: newScrollKeys(ctx.Styles),
			Expand:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "expand {…} and more lines")),
			Wrap:       key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "wrap long lines")),
		},
		depth: rawDepthStep, maxLines: rawLinesStep,
	}
}

// SetFirstKey replaces the key that scrolls to the top (FirstKeyer).
func (p *rawPane) SetFirstKey(b key.Binding) { p.keys.First = b }

func (p *rawPane) Title() string    { return "Raw" }
func (p *rawPane) Fields() []string { return nil }

func (p *rawPane) ShortHelp() []key.Binding {
	return []key.Binding{p.keys.Up, p.keys.Down, p.keys.PageDown, p.expandKey(), p.wrapKey()}
}

func (p *rawPane) FullHelp() [][]key.Binding {
	return [][]key.Binding{p.keys.All(), {p.expandKey(), p.wrapKey()}}
}

// wrapKey is w with help that says what pressing it does now.
func (p *rawPane) wrapKey() key.Binding {
	b := p.keys.Wrap
	if p.wrap {
		b.SetHelp("w", "cut long lines")
	}
	return b
}

// expandKey is e, shown only when something is left out, with help that
// says what it shows.
func (p *rawPane) expandKey() key.Binding {
	b := p.keys.Expand
	switch {
	case p.doc == nil || p.doc.collapsed == 0 && p.doc.more == 0:
		b.SetEnabled(false)
	case p.doc.more == 0:
		b.SetHelp("e", fmt.Sprintf("expand {%s} %d levels deeper", p.styles.Glyphs.Ellipsis(), rawDepthStep))
	case p.doc.collapsed == 0:
		b.SetHelp("e", "show more lines")
	}
	return b
}

// SetFile shows f. A new version of the same file (more fields merged in)
// keeps the scroll position and the limits; another file starts at the
// top with the first limits.
func (p *rawPane) SetFile(f *imm.File) {
	same := f != nil && p.file != nil && f.URI == p.file.URI
	p.file, p.src, p.doc, p.err = f, nil, nil, nil
	if !same {
		p.top, p.sub = 0, 0
		p.depth, p.maxLines = rawDepthStep, rawLinesStep
	}
	if f != nil {
		p.src, p.err = encodeRaw(f)
		if len(p.src) > math.MaxInt32 { // the outline's offsets are 32-bit
			p.src, p.err = nil, errors.New("its JSON is over 2 GiB")
		}
	}
	if p.err == nil && p.src != nil {
		p.doc = buildRawDoc(p.src, p.depth, p.maxLines)
	}
	p.rows = nil
	p.clamp()
}

func (p *rawPane) SetSize(w, h int) {
	if w != p.w {
		p.rows = nil
	}
	p.w, p.h = max(w, 0), max(h, 0)
	p.clamp()
}

// expand raises the limits that left something out and rebuilds the
// outline with the same text on top.
func (p *rawPane) expand() {
	d := p.doc
	if d == nil || d.collapsed == 0 && d.more == 0 {
		return
	}
	if d.collapsed > 0 {
		p.depth += rawDepthStep
	}
	if d.more > 0 {
		p.maxLines += rawLinesStep
	}
	anchor := d.lines[p.top].val
	p.doc = buildRawDoc(p.src, p.depth, p.maxLines)
	p.top, p.sub, p.rows = p.doc.lineAt(anchor), 0, nil
	p.clamp()
}

func (p *rawPane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, p.keys.Wrap):
			p.wrap = !p.wrap
			p.top, p.sub, p.rows = 0, 0, nil
		case key.Matches(msg, p.keys.Expand):
			p.expand()
		case key.Matches(msg, p.keys.Up):
			p.back(1)
		case key.Matches(msg, p.keys.Down):
			p.forward(1)
		case key.Matches(msg, p.keys.PageUp):
			p.back(max(p.viewRows()-1, 1))
		case key.Matches(msg, p.keys.PageDown):
			p.forward(max(p.viewRows()-1, 1))
		case key.Matches(msg, p.keys.First):
			p.top, p.sub = 0, 0
		case key.Matches(msg, p.keys.Last):
			p.top, p.sub = p.bottom()
		}
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			p.back(3)
		case tea.MouseButtonWheelDown:
			p.forward(3)
		}
	}
	return nil
}

// View draws the visible rows and, when the content is taller than the
// pane, a muted "lines 1-23 of 80" indicator on the last line.
func (p *rawPane) View() string {
	if p.w <= 0 || p.h <= 0 {
		return ""
	}
	if p.err != nil {
		msg := "cannot show this file as JSON: " + safetext.Line(p.err.Error())
		return p.styles.Error.Render(p.styles.Truncate(msg, p.w))
	}
	n := p.lineCount()
	if n == 0 {
		return ""
	}
	want := p.viewRows()
	var out []string
	last := p.top
	for i, skip := p.top, p.sub; i < n && len(out) < want; i, skip = i+1, 0 {
		rows := p.lineRows(i)
		out = append(out, rows[min(skip, len(rows)-1):]...)
		last = i
	}
	if len(out) > want {
		out = out[:want]
	}
	if want < p.h {
		ind := fmt.Sprintf("-- lines %d-%d of %d --", p.top+1, last+1, n)
		out = append(out, p.styles.Muted.Render(p.styles.Truncate(ind, p.w)))
	}
	return strings.Join(out, "\n")
}

func (p *rawPane) lineCount() int {
	if p.doc == nil {
		return 0
	}
	return len(p.doc.lines)
}

// lineRows is line i as drawn: one row cut to the width, or its rows
// wrapped at the width (cached while the width stays).
func (p *rawPane) lineRows(i int) []string {
	if !p.wrap {
		text, _ := p.lineText(i, rawCutBytes)
		return []string{p.styles.Truncate(text, p.w)}
	}
	if rows, ok := p.rows[i]; ok {
		return rows
	}
	if p.rows == nil || len(p.rows) > 4*p.h+64 {
		p.rows = map[int][]string{} // only lines near the window are kept
	}
	l := &p.doc.lines[i]
	var rows []string
	if l.kind == rawMore {
		rows = []string{p.styles.Muted.Render(p.styles.Truncate(p.moreText(), p.w))}
	} else {
		text, cut := p.doc.text(l, rawWrapBytes, p.styles.Glyphs.Ellipsis())
		rows = hardWrap(text, p.w)
		if h := p.hint(l, cut); h != "" {
			rows = append(rows, p.styles.Muted.Render(p.styles.Truncate(strings.TrimLeft(h, " "), p.w)))
		}
	}
	p.rows[i] = rows
	return rows
}

// lineText is line i unwrapped, with at most limit bytes of its source
// and its muted hint, if any.
func (p *rawPane) lineText(i, limit int) (string, int) {
	l := &p.doc.lines[i]
	if l.kind == rawMore {
		return p.styles.Muted.Render(p.moreText()), 0
	}
	text, cut := p.doc.text(l, limit, p.styles.Glyphs.Ellipsis())
	if h := p.hint(l, cut); h != "" {
		text += p.styles.Muted.Render(h)
	}
	return text, cut
}

// hint says what a line leaves out and how to see it.
func (p *rawPane) hint(l *rawLine, cut int) string {
	switch {
	case l.kind == rawCollapsed:
		return "  (" + format.Size(int64(l.valEnd-l.val)) + ": e expands)"
	case cut > 0 && p.wrap:
		return fmt.Sprintf("  (%s more not shown)", format.Size(int64(cut)))
	}
	return ""
}

func (p *rawPane) moreText() string {
	return fmt.Sprintf("%s %s more lines: e shows them", p.styles.Glyphs.Ellipsis(), format.Count(int64(p.doc.more)))
}

// rowsOf is how many rows line i takes.
func (p *rawPane) rowsOf(i int) int {
	if !p.wrap {
		return 1
	}
	return len(p.lineRows(i))
}

// fits reports whether every row fits the pane, looking at no more lines
// than a screenful.
func (p *rawPane) fits() bool {
	n := p.lineCount()
	if !p.wrap || n > p.h {
		return n <= p.h
	}
	rows := 0
	for i := 0; i < n && rows <= p.h; i++ {
		rows += p.rowsOf(i)
	}
	return rows <= p.h
}

// viewRows is how many content rows are drawn: one row is kept for the
// position indicator when the content does not fit and there is room.
func (p *rawPane) viewRows() int {
	if p.h >= 3 && !p.fits() {
		return p.h - 1
	}
	return p.h
}

// bottom is the position that shows the last row on the last screen row.
func (p *rawPane) bottom() (top, sub int) {
	n, want := p.lineCount(), p.viewRows()
	if n == 0 {
		return 0, 0
	}
	if !p.wrap {
		return max(n-want, 0), 0
	}
	i, rows := n-1, p.rowsOf(n-1)
	for rows < want && i > 0 {
		i--
		rows += p.rowsOf(i)
	}
	return i, max(rows-want, 0)
}

// forward scrolls down n rows, no further than the bottom.
func (p *rawPane) forward(n int) {
	if !p.wrap {
		p.top += n
	} else {
		p.sub += n
		for p.top < p.lineCount()-1 && p.sub >= p.rowsOf(p.top) {
			p.sub -= p.rowsOf(p.top)
			p.top++
		}
	}
	p.clamp()
}

// back scrolls up n rows, no further than the top.
func (p *rawPane) back(n int) {
	if !p.wrap {
		p.top -= n
	} else {
		p.sub -= n
		for p.sub < 0 && p.top > 0 {
			p.top--
			p.sub += p.rowsOf(p.top)
		}
	}
	p.clamp()
}

// clamp keeps the position between the top and the bottom.
func (p *rawPane) clamp() {
	if n := p.lineCount(); n == 0 || p.w <= 0 || p.h <= 0 {
		// Nothing to measure against yet: keep the line, drop the row.
		p.top, p.sub = max(min(p.top, n-1), 0), 0
		return
	}
	bt, bs := p.bottom()
	if p.top > bt || p.top == bt && p.sub > bs {
		p.top, p.sub = bt, bs
	}
	if p.top < 0 {
		p.top, p.sub = 0, 0
	}
	p.sub = max(min(p.sub, p.rowsOf(p.top)-1), 0)
}
