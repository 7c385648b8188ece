package safetext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLineEscapesEveryTerminalControl(t *testing.T) {
	cases := map[string]string{
		"a\x1b[2Jb":                   `a\x1b[2Jb`,
		"osc52\x1b]52;c;ZXZpbA==\x07": `osc52\x1b]52;c;ZXZpbA==\x07`,
		"c1\u009b31m":                 `c1\u009b31m`,
		"rtl\u202eexe.jpg":            `rtl\u202eexe.jpg`,
		"tab\tnl\ncr\r":               "tab nl cr ",
		"bad\xffutf8":                 `bad\xffutf8`,
		"del\x7f":                     `del\x7f`,
		"张伟 😀":                        "张伟 😀",
	}
	for in, want := range cases {
		if got := Line(in); got != want {
			t.Errorf("Line(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBlockKeepsNewlinesOnly(t *testing.T) {
	got := Block("one\r\ntwo\tx\x1b[1m\nthree\rfour")
	want := "one\ntwo    x\\x1b[1m\nthree\nfour"
	if got != want {
		t.Errorf("Block = %q, want %q", got, want)
	}
}

func TestTruncateAndPadCountCells(t *testing.T) {
	if got := Pad("张伟张伟", 5); Width(got) != 5 || !strings.HasPrefix(got, "张伟") {
		t.Errorf("Pad CJK = %q (width %d)", got, Width(got))
	}
	if got := Truncate("abcdef", 4); got != "abc"+Ellipsis {
		t.Errorf("Truncate = %q", got)
	}
	if got := PadLeft("42", 5); got != "   42" {
		t.Errorf("PadLeft = %q", got)
	}
	for _, l := range Wrap("一二三四五六七八九十 hello world", 7) {
		if Width(l) > 7 {
			t.Errorf("wrapped line %q is %d cells", l, Width(l))
		}
	}
}

func FuzzLine(f *testing.F) {
	for _, s := range []string{"\x1b[2J", "\x1b]52;c;aGk=\x07", "\x1bP1$r\x1b\\", "\x1b_apc\x1b\\", "\u202e", "\x9b", "\xff\xfe", "张\t伟\n", "\u2066x\u2069"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{Line(s), Block(s)} {
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 out of %q", s)
			}
			for _, r := range out {
				if (r < 0x20 && r != '\n') || r == 0x7f || Dangerous(r) {
					t.Fatalf("%q survived in %q", r, out)
				}
			}
		}
		if strings.ContainsRune(Line(s), '\n') {
			t.Fatalf("newline in Line(%q)", s)
		}
	})
}
