package bars_test

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/widgets/bars"
)

func styles(ascii bool) *theme.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii) // NO_COLOR: only the glyphs tell
	return theme.NewWith(r, format.Glyphs{ASCII: ascii})
}

func TestBarsAreGlyphsOfTheirShareAndExactlyTheirWidth(t *testing.T) {
	for _, ascii := range []bool{false, true} {
		st := styles(ascii)
		full, half, none, sliver := bars.Bar(st, 1, 10), bars.Bar(st, 0.5, 10), bars.Bar(st, 0, 10), bars.Bar(st, 0.0001, 10)
		for _, b := range []string{full, half, none, sliver} {
			if w := safetext.Width(b); w != 10 {
				t.Fatalf("ascii=%v: bar %q is %d cells", ascii, b, w)
			}
		}
		filled := func(s string) int { return len([]rune(strings.TrimRight(s, " "))) }
		if filled(full) != 10 || filled(half) != 5 || filled(none) != 0 || filled(sliver) != 1 {
			t.Fatalf("ascii=%v: bars %q %q %q %q", ascii, full, half, none, sliver)
		}
		if ascii && strings.ContainsFunc(full+half+sliver, func(r rune) bool { return r > 127 }) {
			t.Fatalf("an ASCII terminal got block glyphs: %q", full)
		}
	}
}

func TestLinesAlignTheirBarsAndFitTheWidth(t *testing.T) {
	st := styles(false)
	rows := []bars.Row{{Label: "image", Count: 1170, Frac: 0.78, Note: "78%"}, {Label: "杭州市", Count: 9, Frac: 0.006, Note: "0.6%"},
		{Label: strings.Repeat("very long label ", 10), Count: 1, Frac: 0.001, Note: "<0.1%"}}
	for _, w := range []int{20, 40, 80, 200} {
		l := bars.NewLayout(rows, w, w/3)
		start := -1
		for _, r := range rows {
			line := l.Line(st, r)
			if cw := safetext.Width(line); cw > w {
				t.Fatalf("width %d: line %q is %d cells", w, line, cw)
			}
			// The bar starts at the same cell on every line.
			at := safetext.Width(line[:strings.IndexAny(line, "█▏▎▍▌▋▊▉")])
			if start >= 0 && at != start {
				t.Fatalf("width %d: bars start at %d and %d", w, start, at)
			}
			start = at
			if !strings.Contains(line, format.Count(r.Count)) {
				t.Fatalf("width %d: %q lacks its count", w, line)
			}
		}
	}
}

func TestShare(t *testing.T) {
	for _, c := range []struct {
		n, total int64
		want     string
	}{{1, 2, "50%"}, {1, 3, "33.3%"}, {1, 100000, "<0.1%"}, {0, 10, "0%"}, {3, 0, ""}} {
		if got := bars.Share(c.n, c.total); got != c.want {
			t.Errorf("Share(%d, %d) = %q, want %q", c.n, c.total, got, c.want)
		}
	}
}
