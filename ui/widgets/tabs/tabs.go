// Package tabs draws a one-line tab bar that always fits its width.
package tabs

import (
	"strconv"
	"strings"

	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/theme"
)

// Render draws names as tabs with the active one highlighted. When there is
// room each tab carries its number key ("1 Overview"); when there is not,
// the numbers go, and then the line is cut.
func Render(st *theme.Styles, names []string, active, width int) string {
	if width <= 0 {
		return ""
	}
	for _, numbered := range []bool{true, false} {
		plain := 0
		for i, n := range names {
			plain += safetext.Width(label(n, i, numbered)) + 2
		}
		if plain-1 <= width || !numbered {
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
	var b strings.Builder
	used := 0
	for i, n := range names {
		l := label(n, i, numbered)
		w := safetext.Width(l)
		sep := 0
		if i > 0 {
			sep = 2
		}
		if used+sep+w > width {
			// Cut the tab that does not fit; the active one should stay
			// visible, so the caller keeps names short enough in practice.
			rest := width - used - sep
			if rest > 1 {
				b.WriteString("  ")
				b.WriteString(st.TabIdle.Render(safetext.Truncate(l, rest)))
			}
			break
		}
		if i > 0 {
			b.WriteString("  ")
		}
		if i == active {
			b.WriteString(st.TabActive.Render(l))
		} else {
			b.WriteString(st.TabIdle.Render(l))
		}
		used += sep + w
	}
	return b.String()
}
