package format

import (
	"strings"
	"testing"

	"github.com/immtui/immtui/safetext"
)

func TestCountGroupsThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 13107200: "13,107,200", -1234567: "-1,234,567"} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
	if got := Plural(1, "call", "calls"); got != "1 call" {
		t.Errorf("Plural(1) = %q", got)
	}
	if got := Plural(1000, "call", "calls"); got != "1,000 calls" {
		t.Errorf("Plural(1000) = %q", got)
	}
}

func TestSizeUsesBinaryUnitsAboveOneKiB(t *testing.T) {
	for n, want := range map[int64]string{-3: "-3 B", 1000: "1000 B", 1536: "1.5 KiB", 13107200: "12.5 MiB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestConfidenceShowsUnsentAsDash(t *testing.T) {
	for v, want := range map[float64]string{0: "-", 0.70784568786621: "0.71", 0.995: "0.99", 1: "1.00"} {
		if got := Confidence(v); got != want {
			t.Errorf("Confidence(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestAgesRoundHalfUp(t *testing.T) {
	if got := Ages(20.5, 30.4, 44); got != "21-30-44" {
		t.Errorf("Ages = %q", got)
	}
	if got := Ages(0, 0, 0); got != "-" {
		t.Errorf("Ages(none) = %q", got)
	}
}

func TestMediaFormats(t *testing.T) {
	cases := []struct{ got, want string }{
		{Bitrate(0), ""}, {Bitrate(999), "999 b/s"}, {Bitrate(128000), "128 kb/s"}, {Bitrate(4_500_000), "4.5 Mb/s"},
		{FrameRate("30000/1001"), "29.97 fps"}, {FrameRate("25/1"), "25 fps"}, {FrameRate("0/0"), "0/0"}, {FrameRate("x"), "x"},
		{Decimal(-0.0001, 2), "0"}, {Decimal(2.50, 2), "2.5"},
		{Clock(61_005), "1:01.005"}, {Clock(3_723_004), "1:02:03.004"}, {Clock(-1500), "-0:01.500"},
		{ClipRange([]int64{1000, 2500}), "0:01.000-0:02.500"}, {ClipRange(nil), ""},
		{Seconds(0), ""}, {Seconds(1.2345), "0:01.235"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d: got %q, want %q", i, c.got, c.want)
		}
	}
}

func TestTimeKeepsTheOffsetItWasSentWith(t *testing.T) {
	if got := Time("2021-06-29T14:50:13.011643661+08:00", Second); got != "2021-06-29 14:50:13 +08:00" {
		t.Errorf("Time(+08:00) = %q", got)
	}
	if got := Time("2021-06-29T06:50:13Z", Second); got != "2021-06-29 06:50:13 UTC" {
		t.Errorf("Time(Z) = %q", got)
	}
	if got := Time("2021-06-29T14:50:13+08:00", Minute); got != "2021-06-29 14:50" {
		t.Errorf("Time(minute) = %q", got)
	}
	if got := Time("yesterday", Second); got != "yesterday" {
		t.Errorf("unreadable time = %q", got)
	}
	if Time("", Second) != "" || UnixAt(0, 480, Second) != "" {
		t.Error("a time not sent must render empty")
	}
}

func TestGlyphsAvoidAmbiguousWidthInASCII(t *testing.T) {
	wide, ascii := Glyphs{}, Glyphs{ASCII: true}
	if wide.PlusMinus() != "±" || wide.Degree() != "°" || wide.Ellipsis() != "…" {
		t.Error("unicode glyphs changed")
	}
	for _, s := range []string{ascii.PlusMinus(), ascii.Degree(), ascii.Ellipsis()} {
		for _, r := range s {
			if r > 0x7e {
				t.Errorf("ASCII glyph %q holds %U", s, r)
			}
		}
	}
}

func TestShortIDCutsByCellsNeverInsideACharacter(t *testing.T) {
	g := Glyphs{}
	if got := g.ShortID("Cluster-abc", 14); got != "Cluster-abc" {
		t.Errorf("short ID changed: %q", got)
	}
	// Wide characters: 6 cells hold two of them and the ellipsis, never half of one.
	got := g.ShortID("人脸聚类编号一二三", 6)
	if w := safetext.Width(got); w > 6 {
		t.Errorf("ShortID is %d cells: %q", w, got)
	}
	if !strings.HasSuffix(got, "…") || !strings.HasPrefix(got, "人脸") {
		t.Errorf("ShortID(CJK) = %q", got)
	}
	// An identifier is exact in the model and may carry escapes: drawn safe.
	got = Glyphs{ASCII: true}.ShortID("\x1b[31mCluster-"+strings.Repeat("x", 1<<20), 14)
	if strings.ContainsRune(got, 0x1b) || safetext.Width(got) > 14 || !strings.HasSuffix(got, "~") {
		t.Errorf("hostile ID drawn as %q", got)
	}
	if ClusterKey("Cluster-1234") != "1234" {
		t.Error("ClusterKey keeps the prefix")
	}
}
