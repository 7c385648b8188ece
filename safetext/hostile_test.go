package safetext

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// hostileSeeds are the sequences issue #4 names: CSI, OSC 52 (clipboard),
// OSC 8 (links), DCS, APC, C0, DEL, C1, bidi overrides and isolates,
// invalid UTF-8, zero-width and right-to-left text.
var hostileSeeds = []string{
	"\x1b[2J\x1b[H", "\x1b[31mred\x1b[0m", "\x1b[?1049l", "\x1b]52;c;ZWNobyBwd25lZA==\x07",
	"\x1b]52;c;aGk=\x1b\\", "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
	"\x1bP1$r0m\x1b\\", "\x1b_Gi=1,a=T;AAAA\x1b\\", "\x00\x01\x07\x08\x0b\x0c\x0e\x1f",
	"del\x7f", "\u009b31m\u0090\u009d\u0085", "\xc2\x9b", "invoice\u202egpj.exe",
	"\u2066iso\u2069\u202aemb\u202c\u200f", "\xff\xfe\xc0\xaf\xed\xa0\x80", "ad\u200bmin\u2060\ufeff\u00ad",
	"مرحبا بالعالم", "שלום עולם", "张伟📷👨‍👩‍👧", "e\u0301\u0301\u0301", "\r\n\t\u2028\u2029",
}

func TestHostileSeedsLeaveNoControlOnALine(t *testing.T) {
	for _, s := range hostileSeeds {
		for _, out := range []string{Line(s), Block(s), Fit(s, 10), Fit(strings.Repeat(s, 500), 10)} {
			if !utf8.ValidString(out) {
				t.Fatalf("%q: invalid UTF-8 out: %q", s, out)
			}
			for _, r := range out {
				if (r < 0x20 && r != '\n') || r == 0x7f || Dangerous(r) {
					t.Fatalf("%q: %U survived in %q", s, r, out)
				}
			}
		}
	}
}

func TestEscapesAreShownNotDeleted(t *testing.T) {
	if got := Line("\x1b]52;c;aGk=\x07"); got != `\x1b]52;c;aGk=\x07` {
		t.Errorf("OSC 52 shown as %q", got)
	}
	if got := Line("a\u200bb"); got != `a\u200bb` {
		t.Errorf("zero-width space shown as %q", got)
	}
	if got := Line("مرحبا"); got != "مرحبا" {
		t.Errorf("RTL text changed: %q", got)
	}
}

// TestTruncateOfAHugeStringCostsOnlyItsPrefix: the cut of a 1 MB string is
// the same as the full cut, and Fit of it equals Truncate(Line(s)).
func TestTruncateOfAHugeStringMatchesTheFullCut(t *testing.T) {
	// Truncate takes sanitised text (it keeps escapes as zero-width, as
	// x/ansi does); Fit takes anything.
	huge := strings.Repeat("张伟\x1b[31m🙂abc\u202edef ghi\u200b ", 40000)
	clean := Line(huge)
	for _, w := range []int{1, 2, 3, 10, 79, 300} {
		if got, want := Truncate(clean, w), ansi.Truncate(clean, w, Ellipsis); got != want {
			t.Errorf("Truncate(huge, %d) = %.200q, want %.200q", w, got, want)
		}
		if got, want := Fit(huge, w), Truncate(clean, w); got != want {
			t.Errorf("Fit(huge, %d) = %.200q, want %.200q", w, got, want)
		}
		if Width(Fit(huge, w)) > w {
			t.Errorf("Fit(huge, %d) is %d cells", w, Width(Fit(huge, w)))
		}
	}
	// Zero-width text longer than the prefix: the full measure decides.
	zw := strings.Repeat("e\u0301", 2000) // one cell per pair
	if got := Truncate(zw, 5000); got != zw {
		t.Errorf("a string that fits was cut to %d cells", Width(got))
	}
}

// FuzzFit: whatever the text and width, Fit is safe, fits, and agrees
// with sanitising everything and then cutting.
func FuzzFit(f *testing.F) {
	for i, s := range hostileSeeds {
		f.Add(s, i%12)
	}
	f.Fuzz(func(t *testing.T, s string, w int) {
		if w < 0 || w > 40 || s == "" {
			return
		}
		long := strings.Repeat(s, prefixBytes(w)/len(s)+2) // past the prefix bound
		for _, in := range []string{s, long} {
			got := Fit(in, w)
			if Width(got) > w {
				t.Fatalf("Fit(%q, %d) = %q is %d cells", in, w, got, Width(got))
			}
			for _, r := range got {
				if r < 0x20 || r == 0x7f || Dangerous(r) {
					t.Fatalf("Fit(%q, %d): %U survived", in, w, r)
				}
			}
			if want := Truncate(Line(in), w); Width(got) != Width(want) || !strings.HasPrefix(want, strings.TrimSuffix(got, Ellipsis)) {
				t.Fatalf("Fit(%q, %d) = %q, Truncate(Line) = %q", in, w, got, want)
			}
		}
	})
}
