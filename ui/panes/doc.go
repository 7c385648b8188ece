package panes

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/theme"
)

// doc builds the lines of a text pane for one width: section titles,
// key/value rows with wrapped values, and wrapped paragraphs. Every line it
// produces is at most w cells, so the pane's View only has to slice.
//
// The models hold text exactly as IMM sent it, so this is where it is made
// safe: every string goes through safetext here. Whether a value keeps its
// line breaks is the pane's call, made per row (kv.block) or by drawing it
// with para: a file name with a newline is one line, OCR text is a block.
type doc struct {
	s     *theme.Styles
	w     int
	lines []string
	// lazy[i], when set, renders line i the first time it is shown: a
	// file with 10,000 labels then costs one styled row per visible line,
	// not 10,000 on every resize.
	lazy []func() string
	// lang is which languages to show of multilingual text.
	lang langChoice
	// langHides is set when the user's language alone hides some entry:
	// only then does L change what is shown.
	langHides bool
}

func newDoc(s *theme.Styles, w int) *doc { return &doc{s: s, w: w} }

// add appends one already styled line, cut to the width.
func (d *doc) add(line string) {
	d.lines = append(d.lines, d.s.Truncate(line, d.w))
}

// addLazy appends a line rendered by f when first shown; f's result is
// cut to the width.
func (d *doc) addLazy(f func() string) {
	if d.lazy == nil {
		d.lazy = make([]func() string, len(d.lines), cap(d.lines))
	}
	for len(d.lazy) < len(d.lines) {
		d.lazy = append(d.lazy, nil)
	}
	d.lines = append(d.lines, "")
	d.lazy = append(d.lazy, f)
}

// blank appends an empty line unless the document is empty or already
// ends with one.
func (d *doc) blank() {
	if n := len(d.lines); n > 0 && d.lines[n-1] != "" {
		d.lines = append(d.lines, "")
	}
}

// title starts a section.
func (d *doc) title(t string) {
	d.blank()
	d.add(d.s.Title.Render(d.s.Truncate(safetext.Line(t), d.w)))
}

// para appends text wrapped to the width minus indent, in style st. Line
// breaks in the text are kept: para is for text that is a block.
func (d *doc) para(text string, st lipgloss.Style, indent int) {
	if indent >= d.w {
		indent = 0
	}
	pad := strings.Repeat(" ", indent)
	for _, l := range safetext.Wrap(safetext.Block(text), d.w-indent) {
		d.add(pad + st.Render(l))
	}
}

// note appends a muted line, wrapped.
func (d *doc) note(text string) { d.para(text, d.s.Muted, 0) }

// kvs appends rows as an aligned two-column list. Values wrap under
// themselves; on a narrow pane they go under their key instead.
func (d *doc) kvs(rows []kv) {
	kw := 0
	for _, r := range rows {
		if w := safetext.Width(safetext.Line(r.k)); w > kw && r.v != "" {
			kw = w
		}
	}
	if limit := max(d.w/3, 8); kw > limit {
		kw = limit
	}
	vw := d.w - kw - 2
	stacked := vw < 12
	for _, r := range rows {
		if r.v == "" {
			continue
		}
		st := d.s.Value
		if r.style != nil {
			st = *r.style
		}
		key := safetext.Line(r.k)
		val := safetext.Line(r.v)
		if r.block {
			val = safetext.Block(r.v)
		}
		if stacked {
			d.add(d.s.Key.Render(d.s.Truncate(key, d.w)))
			d.para(val, st, 2)
			continue
		}
		for i, l := range safetext.Wrap(val, vw) {
			k := strings.Repeat(" ", kw)
			if i == 0 {
				k = d.s.Key.Render(safetext.Pad(key, kw))
			}
			d.add(k + "  " + st.Render(l))
		}
	}
}

// section appends a titled key/value list, or nothing when no row has a
// value.
func (d *doc) section(title string, rows []kv) {
	if !anyValue(rows) {
		return
	}
	d.title(title)
	d.kvs(rows)
}
