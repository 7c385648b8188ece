// Package tabs draws a one-line tab bar that always fits its width.
package tabs

import (
	"strconv"
	"strings"

	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/theme"
)

// Render draws names as tabs with the active one highlighted and in
// brackets ("[2 Faces]"), so it reads without colour too (NO_COLOR, the
// ASCII profile). Every tab takes its label and a cell either side, so the
// bar does not move when the active tab changes. When there is room each
// tab carries its number key ("1 Overview"); when there is not, the
// numbers go, and then the line is cut, keeping the active tab in view.
func Render(st *theme.Styles, names []string, active, width int) string {
	if width <= 0 {
		return ""
	}
	for _, numbered := range []bool{true, false} {
		total := 0
		for i, n := range names {
			total += safetext.Width(label(n, i, numbered)) + 2
		}
		if total <= width || !numbered {
			return draw(st, names, active, width, numbered)
		}
	}
	return ""
}

func label(name string, i int, numbered bool) string {
	name = safetext.Line(name)
	if numbered {
		return strconv.Itoa(i+1) + " " + name
	}
	return name
}

func draw(st *theme.Styles, names []string, active, width int, numbered bool) string {
	// When the bar is cut, start late enough that the active tab fits.
	first := 0
	for first < active && span(names, first, active, numbered) > width {
		first++
	}
	var b strings.Builder
	used := 0
	for i := first; i < len(names); i++ {
		l := label(names[i], i, numbered)
		w := safetext.Width(l) + 2
		if used+w > width {
			// The tab that does not fit is cut.
			if rest := width - used; rest > 2 {
				b.WriteString(st.TabIdle.Render(" " + st.Truncate(l, rest-1)))
			}
			break
		}
		if i == active {
			b.WriteString(st.TabActive.Render("[" + l + "]"))
		} else {
			b.WriteString(st.TabIdle.Render(" " + l + " "))
		}
		used += w
	}
	return strings.TrimRight(b.String(), " ")
}

// span is the width of tabs first..last.
func span(names []string, first, last int, numbered bool) int {
	n := 0
	for i := first; i <= last; i++ {
		n += safetext.Width(label(names[i], i, numbered)) + 2
	}
	return n
}
