// Package bars draws horizontal bar charts in terminal cells: one line per
// group with its label, a bar, its count and its share. The bar is made of
// glyphs, not colour alone, so it reads the same in 16 colours, in
// NO_COLOR and on a monochrome terminal; colour only adds to it.
package bars

import (
	"strings"

	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/theme"
)

// Row is one group: its label, its count, and Frac, the bar's length as
// a part of the longest possible (0..1). Note is what follows the count
// ("42.0%", or "" where a share would not be true).
type Row struct {
	Label string
	Count int64
	Frac  float64
	Note  string
}

// eighths are the Unicode partial blocks, one to seven eighths of a cell.
var eighths = []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// Bar is frac (0..1) of w cells, exactly w cells wide: full blocks and an
// eighth for the rest (Unicode), or '#' (ASCII, where block glyphs may be
// drawn two cells wide). A nonzero minimum shows as a sliver, so a group
// of one file among millions is still seen to exist.
func Bar(st *theme.Styles, frac float64, w int) string {
	if w <= 0 {
		return ""
	}
	frac = min(max(frac, 0), 1)
	var b strings.Builder
	cells := 0
	if st.Glyphs.ASCII {
		n := int(frac*float64(w) + 0.5)
		if n == 0 && frac > 0 {
			n = 1
		}
		b.WriteString(st.BarFull.Render(strings.Repeat("#", n)))
		cells = n
	} else {
		e := int(frac*float64(w*8) + 0.5)
		if e == 0 && frac > 0 {
			e = 1
		}
		s := strings.Repeat("█", e/8) + eighths[e%8]
		b.WriteString(st.BarFull.Render(s))
		cells = e/8 + min(e%8, 1)
	}
	b.WriteString(strings.Repeat(" ", max(w-cells, 0)))
	return b.String()
}

// Layout is the widths of a chart's columns, the same for every line so
// the bars start in one column.
type Layout struct {
	Width                 int // the whole line
	LabelW, CountW, NoteW int
}

// barMin is the narrowest bar worth drawing; below it the label gives way.
const barMin = 8

// barMax is the widest bar drawn.
const barMax = 50

// NewLayout fits rows in width cells: labels up to maxLabel cells, counts
// and notes as wide as their widest.
func NewLayout(rows []Row, width, maxLabel int) Layout {
	l := Layout{Width: width}
	for _, r := range rows {
		l.LabelW = max(l.LabelW, min(safetext.Width(safetext.Line(r.Label)), maxLabel))
		l.CountW = max(l.CountW, len(format.Count(r.Count)))
		l.NoteW = max(l.NoteW, safetext.Width(r.Note))
	}
	// A bar narrower than barMin takes its cells from the label.
	if over := l.LabelW + l.fixed() + barMin - width; over > 0 {
		l.LabelW = max(l.LabelW-over, 4)
	}
	// Past barMax cells a longer bar tells no more, and the count moves
	// away from the label it belongs to.
	l.Width = min(width, l.LabelW+l.fixed()+barMax)
	return l
}

// fixed is the cells besides the label and the bar: the gaps, the count
// and the note.
func (l Layout) fixed() int {
	n := 1 + 1 + l.CountW
	if l.NoteW > 0 {
		n += 1 + l.NoteW
	}
	return n
}

// BarW is the bar's width.
func (l Layout) BarW() int { return max(l.Width-l.LabelW-l.fixed(), 0) }

// Line draws r: "label   ████▍    1,204  42.0%", exactly l.Width cells
// (the label escaped and cut with the terminal's ellipsis).
func (l Layout) Line(st *theme.Styles, r Row) string {
	var b strings.Builder
	label := st.Fit(r.Label, l.LabelW)
	b.WriteString(label)
	b.WriteString(strings.Repeat(" ", max(l.LabelW-safetext.Width(label), 0)+1))
	b.WriteString(Bar(st, r.Frac, l.BarW()))
	b.WriteByte(' ')
	c := format.Count(r.Count)
	b.WriteString(strings.Repeat(" ", max(l.CountW-len(c), 0)))
	b.WriteString(c)
	if l.NoteW > 0 {
		b.WriteByte(' ')
		b.WriteString(strings.Repeat(" ", max(l.NoteW-safetext.Width(r.Note), 0)))
		b.WriteString(st.Muted.Render(r.Note))
	}
	return st.Truncate(b.String(), l.Width)
}

// Share is n of total as "42.0%" ("<0.1%" for a sliver, "" without a
// total).
func Share(n, total int64) string {
	if total <= 0 {
		return ""
	}
	p := float64(n) * 100 / float64(total)
	if p > 0 && p < 0.1 {
		return "<0.1%"
	}
	return format.Decimal(p, 1) + "%"
}
