package safetext

import "github.com/charmbracelet/x/ansi"

// FitWith is Fit with the cut marked by ellipsis instead of Ellipsis, for
// callers that carry the terminal's glyph choice rather than read the
// process-wide one. Its cost is bounded by w, not by len(s).
func FitWith(s string, w int, ellipsis string) string {
	if w <= 0 {
		return ""
	}
	cut := false
	if n := prefixBytes(w); len(s) > n {
		s, cut = prefix(s, n), true
	}
	s = Line(s)
	if ansi.StringWidth(s) > w {
		return ansi.Truncate(s, w, ellipsis)
	}
	if cut { // a prefix that fits (zero-width runs): still say it was cut
		return ansi.Truncate(s, max(w-ansi.StringWidth(ellipsis), 0), "") + ellipsis
	}
	return s
}
