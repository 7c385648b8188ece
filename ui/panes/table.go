package panes

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/immtui/immtui/safetext"
)

// column is one table column. When the columns do not fit, those with the
// lowest drop value go first (drop 0 never goes); then the flex column
// shrinks down to min.
type column struct {
	title string
	width int // preferred width in cells
	drop  int
	right bool // numbers align right
	flex  bool // takes the space left over (at most one column)
	min   int  // flex column's smallest width
}

// fitColumns chooses the columns shown at width w and their widths, one
// space between columns. Dropped columns get width 0.
func fitColumns(cols []column, w int) []int {
	widths := make([]int, len(cols))
	for i, c := range cols {
		widths[i] = c.width
	}
	total := func() int {
		t, n := 0, 0
		for _, x := range widths {
			if x > 0 {
				t += x
				n++
			}
		}
		return t + max(n-1, 0)
	}
	for total() > w {
		victim := -1
		for i, c := range cols {
			if widths[i] > 0 && c.drop > 0 && (victim < 0 || c.drop < cols[victim].drop) {
				victim = i
			}
		}
		if victim < 0 {
			break
		}
		widths[victim] = 0
	}
	for i, c := range cols {
		if !c.flex {
			continue
		}
		if spare := w - total(); spare > 0 {
			widths[i] += spare
		} else if spare < 0 {
			widths[i] = max(widths[i]+spare, c.min, 1)
		}
	}
	return widths
}

// cell is one rendered table cell: text and the style to draw it in.
type cell struct {
	text  string
	style *lipgloss.Style
	// styled marks text that is already styled (a bar): it is padded and
	// cut as is, without the cell style.
	styled bool
}

// tableRow pads each shown cell to its column width (cut with the ellipsis
// when longer) and joins them with one space. Styles apply after padding so
// a cut never splits an escape sequence.
func tableRow(cols []column, widths []int, cells []cell, base lipgloss.Style) string {
	var b strings.Builder
	first := true
	for i, c := range cols {
		if widths[i] <= 0 {
			continue
		}
		if !first {
			b.WriteString(base.Render(" "))
		}
		first = false
		if i < len(cells) && cells[i].styled {
			t := safetext.Truncate(cells[i].text, widths[i])
			b.WriteString(t + base.Render(strings.Repeat(" ", max(widths[i]-safetext.Width(t), 0))))
			continue
		}
		var t string
		st := base
		if i < len(cells) {
			t = safetext.Line(cells[i].text)
			if cells[i].style != nil {
				st = cells[i].style.Inherit(base)
			}
		}
		if c.right {
			t = safetext.PadLeft(t, widths[i])
		} else {
			t = safetext.Pad(t, widths[i])
		}
		b.WriteString(st.Render(t))
	}
	return b.String()
}

// tableHeader renders the column titles.
func tableHeader(cols []column, widths []int, st lipgloss.Style) string {
	cells := make([]cell, len(cols))
	for i, c := range cols {
		cells[i] = cell{text: c.title}
	}
	return tableRow(cols, widths, cells, st)
}
