package safetext

import (
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
)

// Ellipsis marks cut text. It is "…" unless the terminal counts East Asian
// ambiguous characters as wide (RUNEWIDTH_EASTASIAN), where "…" takes two
// cells in some terminals and one in others; then it is "~".
var Ellipsis = "…"

// Init makes every width table in the process agree with x/ansi, which
// Bubble Tea's renderer and lipgloss use: go-runewidth (bubbles/table,
// textinput) otherwise guesses from LANG and disagrees under zh_CN
// (performance-notes.md §2). Call it once at start-up.
func Init() {
	ea, _ := strconv.ParseBool(os.Getenv("RUNEWIDTH_EASTASIAN"))
	runewidth.DefaultCondition.EastAsianWidth = ea
	runewidth.EastAsianWidth = ea
	if ea {
		Ellipsis = "~"
	}
}

// Width is the number of terminal cells s takes (escape sequences count 0).
func Width(s string) int { return ansi.StringWidth(s) }

// Truncate cuts s to at most w cells, marking a cut with Ellipsis. It never
// splits a wide character or a grapheme cluster.
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, Ellipsis)
}

// Pad truncates s to w cells and pads it with spaces to exactly w cells.
func Pad(s string, w int) string {
	s = Truncate(s, w)
	if n := w - ansi.StringWidth(s); n > 0 {
		s += strings.Repeat(" ", n)
	}
	return s
}

// PadLeft is Pad with the text aligned right (for numbers).
func PadLeft(s string, w int) string {
	s = Truncate(s, w)
	if n := w - ansi.StringWidth(s); n > 0 {
		s = strings.Repeat(" ", n) + s
	}
	return s
}

// Wrap breaks s into lines of at most w cells, on spaces where it can and
// inside words (CJK has no spaces) where it must. Newlines in s are kept.
func Wrap(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		if ansi.StringWidth(para) <= w {
			out = append(out, para)
			continue
		}
		wrapped := ansi.Wrap(para, w, " -/")
		for _, l := range strings.Split(wrapped, "\n") {
			// ansi.Wrap can leave a line one cell long when a wide rune
			// meets the edge; cut rather than trust it.
			out = append(out, Truncate(strings.TrimRight(l, " "), w))
		}
	}
	return out
}
