package table

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/immtui/immtui/safetext"
)

// fitColumns picks the columns shown in avail cells (one-cell gaps) and
// their widths: while the columns' Min do not fit, the highest Drop goes
// (0 never; with none left to drop, the last column goes), then spare
// cells go to the Flex columns by share, up to their Max. visible and
// widths are reused buffers.
func fitColumns(cols []Column, avail int, visible, widths []int) ([]int, []int) {
	for i := range cols {
		visible = append(visible, i)
	}
	need := func() int {
		n := len(visible) - 1 // one-cell gaps
		for _, i := range visible {
			n += cols[i].Min
		}
		return n
	}
	for len(visible) > 1 && need() > avail {
		drop := -1
		for k, i := range visible {
			if c := cols[i]; c.Drop > 0 && (drop < 0 || c.Drop > cols[visible[drop]].Drop) {
				drop = k
			}
		}
		if drop < 0 {
			drop = len(visible) - 1
		}
		visible = append(visible[:drop], visible[drop+1:]...)
	}
	flex := 0
	for _, i := range visible {
		widths = append(widths, cols[i].Min)
		flex += cols[i].Flex
	}
	spare := avail - need()
	if len(visible) == 1 {
		widths[0] = max(avail, 0)
		spare = 0
	}
	// Hand out spare cells to flexible columns by share, then round-robin
	// what rounding left over, respecting Max.
	for spare > 0 && flex > 0 {
		given := 0
		for k, i := range visible {
			c := cols[i]
			if c.Flex == 0 || (c.Max > 0 && widths[k] >= c.Max) {
				continue
			}
			add := max(spare*c.Flex/flex, 1)
			if c.Max > 0 {
				add = min(add, c.Max-widths[k])
			}
			add = min(add, spare-given)
			widths[k] += add
			given += add
			if given == spare {
				break
			}
		}
		if given == 0 {
			break
		}
		spare -= given
	}
	return visible, widths
}

// Widths lays cols out in width cells by the table's rule (see Column): the
// width of each column, 0 for one hidden. It is for tables drawn line by
// line inside a document (a file's labels, its faces), which share the
// list's columns and drop convention but not its cursor.
func Widths(cols []Column, width int) []int {
	visible, w := fitColumns(cols, width, nil, nil)
	out := make([]int, len(cols))
	for k, i := range visible {
		out[i] = w[k]
	}
	return out
}

// Cell is one cell of a line drawn with Line: its text and the style to
// draw it in (nil: the line's).
type Cell struct {
	Text  string
	Style *lipgloss.Style
	// Styled marks text that is already styled (a bar): it is cut and
	// padded as it is, without the cell style and without escaping.
	Styled bool
}

// Line draws one row of cells at the widths of Widths, one space between
// the columns shown. Text is escaped and cut to its column; styles apply
// after padding, so a cut never splits an escape sequence.
func Line(cols []Column, widths []int, cells []Cell, base lipgloss.Style) string {
	var b strings.Builder
	first := true
	for i, c := range cols {
		if i >= len(widths) || widths[i] <= 0 {
			continue
		}
		if !first {
			b.WriteString(base.Render(" "))
		}
		first = false
		if i < len(cells) && cells[i].Styled {
			t := safetext.Truncate(cells[i].Text, widths[i])
			b.WriteString(t + base.Render(strings.Repeat(" ", max(widths[i]-safetext.Width(t), 0))))
			continue
		}
		var t string
		st := base
		if i < len(cells) {
			t = safetext.Line(cells[i].Text)
			if cells[i].Style != nil {
				st = cells[i].Style.Inherit(base)
			}
		}
		if c.Right {
			t = safetext.PadLeft(t, widths[i])
		} else {
			t = safetext.Pad(t, widths[i])
		}
		b.WriteString(st.Render(t))
	}
	return b.String()
}

// Header draws the column titles at the widths of Widths.
func Header(cols []Column, widths []int, st lipgloss.Style) string {
	cells := make([]Cell, len(cols))
	for i, c := range cols {
		cells[i] = Cell{Text: c.Title}
	}
	return Line(cols, widths, cells, st)
}
