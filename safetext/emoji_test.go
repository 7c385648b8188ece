package safetext

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
)

// codepointWidth is the width a terminal without grapheme clustering draws:
// the sum of each rune's own width.
func codepointWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runewidth.RuneWidth(r)
	}
	return n
}

// Phone file names carry ZWJ sequences, skin tones, keycaps, flags and
// U+FE0F; drawn, they must be as wide in a terminal that clusters
// graphemes as in one that does not, at the exact width of a cell.
func TestEmojiAreDrawnTheSameWidthInEveryTerminal(t *testing.T) {
	names := []string{
		"👨\u200d👩\u200d👧 family.jpg", "❤\ufe0f love", "1\ufe0f\u20e3 first", "👍🏽 ok", "🇨🇳 flag",
		"🏳\ufe0f\u200d🌈 pride", "☺\ufe0f smile", "✈\ufe0e trip", "中文 名字", "e\u0301cole",
		"👩🏿\u200d💻 dev", "⬆\ufe0f up",
	}
	for _, n := range names {
		drawn := Line(n)
		if a, c := ansi.StringWidth(drawn), codepointWidth(drawn); a != c {
			t.Errorf("%q is drawn as %q: %d cells counted, %d without clustering", n, drawn, a, c)
		}
		for w := 1; w <= 24; w++ {
			cell := Pad(drawn, w)
			if a, c := ansi.StringWidth(cell), codepointWidth(cell); a != w || c != w {
				t.Errorf("Pad(%q, %d) is %d cells counted, %d without clustering", drawn, w, a, c)
			}
		}
	}
	// A row of such names at the terminal's exact width.
	row := Line(strings.Join(names, " "))
	if got := Truncate(row, 80); ansi.StringWidth(got) > 80 || codepointWidth(got) > 80 {
		t.Errorf("an 80-cell row is %d cells (%d without clustering)", ansi.StringWidth(got), codepointWidth(got))
	}
}

func TestJoinersOutsideEmojiStay(t *testing.T) {
	// ZWJ and ZWNJ shape Indic and Persian text: kept there.
	for _, s := range []string{"क्\u200dष", "می\u200cخواهم"} {
		if Line(s) != s {
			t.Errorf("Line(%q) = %q", s, Line(s))
		}
	}
}
