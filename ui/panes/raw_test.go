package panes

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/safetext"
)

// rawFile decodes a File as the client does, unknown keys kept.
func rawFile(t testing.TB, body string) *imm.File {
	t.Helper()
	var f imm.File
	if err := json.Unmarshal([]byte(body), &f); err != nil {
		t.Fatal(err)
	}
	return &f
}

// nested is n levels of open brackets around inner, closed again.
func nested(open, inner, close string, n int) string {
	return strings.Repeat(open, n) + inner + strings.Repeat(close, n)
}

// indentLines is what the Raw pane showed before it had an outline: the
// encoding indented by encoding/json, escaped.
func indentLines(t *testing.T, f *imm.File) []string {
	t.Helper()
	src, err := encodeRaw(f)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, src, "", "  "); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	for i, l := range lines {
		lines[i] = escapeRaw(l)
	}
	return lines
}

func TestRawOutlineIsExactlyTheIndentedJSONOfANormalFile(t *testing.T) {
	odd := rawFile(t, `{"URI":"oss://b/x","Zeta":{"big":12345678901234567890123,"e":1E+400,"neg":-0.0,`+
		`"empty":{},"none":[],"mixed":[1,"two",{"three":[3,[]]},null,true]},"Alpha":"\u202e<b>&amp;</b>",`+
		`"Figures":[{"FigureId":"f","Boundary":{"Left":0,"Top":1}}],"CustomLabels":{"k":"v"}}`)
	for name, f := range map[string]*imm.File{"cjk": cjkFile(t), "fixture": fixtureFile(t), "odd": odd} {
		want := indentLines(t, f)
		src, _ := encodeRaw(f)
		d := buildRawDoc(src, rawDepthStep, rawLinesStep)
		if d.collapsed != 0 || d.more != 0 || len(d.lines) != len(want) {
			t.Fatalf("%s: %d lines (%d collapsed, %d more), want %d", name, len(d.lines), d.collapsed, d.more, len(want))
		}
		for i := range d.lines {
			if got, _ := d.text(&d.lines[i], len(src), "…"); got != want[i] {
				t.Errorf("%s line %d = %q, want %q", name, i+1, got, want[i])
			}
		}
	}
	// Numbers keep their decimal text.
	if v := show(t, "Raw", odd, 120, 60).View(); !strings.Contains(v, `"big": 12345678901234567890123,`) || !strings.Contains(v, `"e": 1E+400,`) {
		t.Errorf("numbers are not shown as sent:\n%s", v)
	}
}

func TestRawCollapsesDeepLevelsAndEExpandsThem(t *testing.T) {
	f := rawFile(t, `{"URI":"oss://b/deep","Deep":`+nested(`{"a":`, `"bottom"`, `}`, 100)+`}`)
	p := show(t, "Raw", f, 100, 80)
	v := p.View()
	assertFits(t, v, 100, 80)
	if !strings.Contains(v, `"a": {`+safetext.Ellipsis+`}`) || strings.Contains(v, "bottom") {
		t.Fatalf("levels past %d are not collapsed:\n%s", rawDepthStep, v)
	}
	if !strings.Contains(v, "e expands") || !hasHelp(p, "e") {
		t.Fatalf("nothing says how to see the collapsed levels:\n%s", v)
	}
	for i := 0; i < 3; i++ {
		p.Update(press("e"))
	}
	p.SetSize(100, 240) // the 205 lines
	v = p.View()
	if !strings.Contains(v, `"a": "bottom"`) || strings.Contains(v, safetext.Ellipsis+"}") {
		t.Fatalf("after 3 e every level is shown:\n%s", v)
	}
	if hasHelp(p, "e") {
		t.Error("e is still in the help with nothing left to expand")
	}
}

func TestRawStopsAtTheLineLimitAndEShowsTheRest(t *testing.T) {
	n := rawLinesStep + 5000
	f := rawFile(t, `{"URI":"oss://b/wide","Wide":[`+strings.TrimSuffix(strings.Repeat("7,", n), ",")+`]}`)
	p := show(t, "Raw", f, 80, 24)
	p.Update(press("G"))
	v := p.View()
	assertFits(t, v, 80, 24)
	if !strings.Contains(v, safetext.Ellipsis+" 5,005 more lines: e shows them") {
		t.Fatalf("the line limit is not shown:\n%s", v)
	}
	p.Update(press("e"))
	p.Update(press("G"))
	if v = p.View(); !strings.Contains(v, "    7\n  ]\n}") || strings.Contains(v, "more lines") {
		t.Fatalf("e did not show the rest:\n%s", v)
	}
}

func TestRawWrappedScrollingVisitsEveryRowOnce(t *testing.T) {
	f := &imm.File{URI: "oss://b/x", Filename: strings.Repeat("长a", 30), OCRTexts: strings.Repeat("x", 75), Title: "short"}
	const w, h = 17, 6
	p := show(t, "Raw", f, w, h)
	p.Update(press("w"))
	var all []string
	for _, l := range indentLines(t, f) {
		all = append(all, hardWrap(l, w)...)
	}
	firstRow := func() string { return strings.SplitN(p.View(), "\n", 2)[0] }
	var down []string
	for i := 0; i < len(all)+5; i++ {
		if i > 0 {
			p.Update(press("j"))
		}
		assertFits(t, p.View(), w, h)
		down = append(down, firstRow())
	}
	last := len(all) - (h - 1) // the last screen shows the last rows
	for i, want := range all[:last+1] {
		if down[i] != want {
			t.Fatalf("row %d after %d downs = %q, want %q", i, i, down[i], want)
		}
	}
	for _, got := range down[last+1:] {
		if got != all[last] {
			t.Fatalf("scrolled past the bottom: %q", got)
		}
	}
	for i := last; i > 0; i-- {
		p.Update(press("k"))
		if got := firstRow(); got != all[i-1] {
			t.Fatalf("up to row %d shows %q, want %q", i-1, got, all[i-1])
		}
	}
}

func TestRawWrapCutsAHugeLineAndSaysHowMuchIsLeft(t *testing.T) {
	f := &imm.File{URI: "oss://b/x", OCRTexts: strings.Repeat("y", 1<<20)}
	p := show(t, "Raw", f, 80, 24)
	p.Update(press("w"))
	p.Update(press("G"))
	v := p.View()
	assertFits(t, v, 80, 24)
	if !strings.Contains(v, "KiB more not shown") {
		t.Fatalf("the cut of a 1 MiB line is not said:\n%s", v)
	}
}

func hasHelp(p Pane, k string) bool {
	for _, b := range p.ShortHelp() {
		if b.Enabled() && b.Help().Key == k {
			return true
		}
	}
	return false
}
