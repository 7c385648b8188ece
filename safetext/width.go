package safetext

import (
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
)

// Ellipsis marks text cut by Truncate and Fit. Where the terminal counts
// East Asian ambiguous characters as wide, "…" takes two cells in some
// terminals and one in others: callers that know the terminal (the UI,
// through its environment) use TruncateWith and FitWith with "~" there.
const Ellipsis = "…"

// Init makes every width table in the process agree with x/ansi, which
// Bubble Tea's renderer and lipgloss use: go-runewidth (bubbles/table,
// textinput) otherwise guesses from LANG and disagrees under zh_CN
// (docs/performance.md §2). Call it once at start-up. It reports whether
// ambiguous-width characters count as wide, so the caller can pick ASCII
// glyphs; it sets no state of this package.
func Init() (eastAsian bool) {
	ea, _ := strconv.ParseBool(os.Getenv("RUNEWIDTH_EASTASIAN"))
	runewidth.DefaultCondition.EastAsianWidth = ea
	runewidth.EastAsianWidth = ea
	return ea
}

// Width is the number of terminal cells s takes (escape sequences count 0).
func Width(s string) int { return ansi.StringWidth(s) }

// Truncate cuts s to at most w cells, marking a cut with Ellipsis. It never
// splits a wide character or a grapheme cluster.
func Truncate(s string, w int) string { return TruncateWith(s, w, Ellipsis) }

// TruncateWith is Truncate with the cut marked by ellipsis.
func TruncateWith(s string, w int, ellipsis string) string {
	if w <= 0 {
		return ""
	}
	if len(s) > prefixBytes(w) {
		// A 1 MB name must not cost 1 MB of grapheme segmentation per
		// frame: when a prefix is already too wide, the cut falls inside
		// it and the rest of s cannot change the result.
		if p := prefix(s, prefixBytes(w)); ansi.StringWidth(p) > w {
			return ansi.Truncate(p, w, ellipsis)
		}
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, ellipsis)
}

// Fit is Truncate(Line(s), w) at a cost bounded by w rather than len(s):
// for text that is drawn on every frame and may be megabytes long.
func Fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if n := prefixBytes(w); len(s) > n {
		// Line of a prefix is a prefix of Line (single-line mode maps
		// every rune on its own), and escaping only widens text.
		if p := Line(prefix(s, n)); ansi.StringWidth(p) > w {
			return ansi.Truncate(p, w, Ellipsis)
		}
	}
	return Truncate(Line(s), w)
}

// prefixBytes is how many bytes of s are looked at first when cutting to w
// cells: generous (a cell rarely takes more than a few bytes, grapheme
// clusters with combining marks more), small next to a huge string.
func prefixBytes(w int) int { return 64 + 16*w }

// prefix is at most n bytes of s, cut at a rune boundary.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
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
