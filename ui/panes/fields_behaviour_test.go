package panes

import (
	"strings"
	"testing"

	"github.com/immtui/immtui/imm"
)

// paneText renders pane name over f at w x 1000 (nothing scrolls away).
func paneText(t *testing.T, name string, f *imm.File, w int) string {
	t.Helper()
	v := show(t, name, f, w, 1000).View()
	assertFits(t, v, w, 1000)
	return v
}

// lineWith is the line of text holding s ("" when none does).
func lineWith(text, s string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

// TestOnlyBlockFieldsKeepTheirLineBreaks: the models hold text as sent, so
// a newline in a file name or an ID reaches the pane; it is drawn on one
// line there, while the fields a pane draws as blocks (OCR text, captions,
// lyrics, subtitles) keep their lines.
func TestOnlyBlockFieldsKeepTheirLineBreaks(t *testing.T) {
	f := &imm.File{URI: "oss://b/x.jpg", Filename: "name1\nname2", CustomId: "\t\nid-1", Title: "t1\r\nt2",
		Insights:     &imm.Insights{Image: &imm.Insight{Caption: "cap1\ncap2"}},
		OCRContents:  []imm.OCRContents{{Contents: "ocr1\nocr2", Language: "l1\nl2"}},
		AudioStreams: []imm.AudioStream{{Lyric: "ly1\nly2", CodecName: "aac\nx"}},
		Subtitles:    []imm.SubtitleStream{{Content: "sub1\nsub2"}},
	}
	over := paneText(t, "Overview", f, 80)
	for _, one := range []string{"name1 name2", "  id-1", "t1  t2"} {
		if lineWith(over, one) == "" {
			t.Errorf("%q is not drawn on one line:\n%s", one, over)
		}
	}
	if l := lineWith(over, "cap1"); l == "" || strings.Contains(l, "cap2") || lineWith(over, "cap2") == "" {
		t.Errorf("the caption lost its line break:\n%s", over)
	}
	ocr := paneText(t, "OCR", f, 80)
	if lineWith(ocr, "ocr1") == lineWith(ocr, "ocr2") || lineWith(ocr, "l1 l2") == "" {
		t.Errorf("OCR block or language drawn wrong:\n%s", ocr)
	}
	streams := paneText(t, "Streams", f, 80)
	for _, two := range [][2]string{{"ly1", "ly2"}, {"sub1", "sub2"}} {
		if a, b := lineWith(streams, two[0]), lineWith(streams, two[1]); a == "" || b == "" || a == b {
			t.Errorf("%v not on two lines:\n%s", two, streams)
		}
	}
	if lineWith(streams, "aac x") == "" {
		t.Errorf("a codec name with a newline is not one line:\n%s", streams)
	}
}

// TestOverviewReadsTheOSSExpirationHeader: OSS's `expiry-date="…",
// rule-id="…"` is shown as its parts; any other text as sent.
func TestOverviewReadsTheOSSExpirationHeader(t *testing.T) {
	f := &imm.File{URI: "oss://b/x", OSSExpiration: `expiry-date="Sat, 01 Jan 2022 00:00:00 GMT", rule-id="old-logs"`}
	over := paneText(t, "Overview", f, 80)
	if !strings.Contains(lineWith(over, "Expires"), "Sat, 01 Jan 2022 00:00:00 GMT") ||
		!strings.Contains(lineWith(over, "Expiry rule"), "old-logs") {
		t.Errorf("the header is not read into its parts:\n%s", over)
	}
	for _, odd := range []string{"2120-01-01T12:00:00.000Z", `expiry-date="x"garbage`, `expiry-date="x", `, `="x"`} {
		f.OSSExpiration = odd
		over := paneText(t, "Overview", f, 80)
		if !strings.Contains(lineWith(over, "Expiration"), odd) {
			t.Errorf("%q is not shown as sent:\n%s", odd, over)
		}
	}
}

// TestEmptySectionsAreNotDrawn: a file with a name only has no OSS object,
// media tags, identity, covers or elements sections, not even their titles.
func TestEmptySectionsAreNotDrawn(t *testing.T) {
	over := paneText(t, "Overview", &imm.File{URI: "oss://b/x", Filename: "x"}, 80)
	for _, title := range []string{"OSS object", "Media tags", "Identity", "Audio cover", "Document elements", "Times", "EXIF"} {
		if strings.Contains(over, title) {
			t.Errorf("empty section %q drawn:\n%s", title, over)
		}
	}
	full := paneText(t, "Overview", fixtureFile(t), 120)
	for _, title := range []string{"OSS object", "Media tags", "Identity", "Audio cover", "Document elements (1)"} {
		if !strings.Contains(full, title) {
			t.Errorf("section %q missing for the published file:\n%s", title, full)
		}
	}
}

// TestFacesShowPolygonPointsOnRequest: the detail box counts a face's
// polygon and says p shows it; p lists the points, p again hides them.
func TestFacesShowPolygonPointsOnRequest(t *testing.T) {
	f := &imm.File{URI: "oss://b/x", Figures: []imm.Figure{{FigureId: "f1", FigureClusterId: grandpa,
		Boundary: &imm.Boundary{Width: 10, Height: 20, Polygon: []imm.PointInt64{{X: 1, Y: 2}, {X: 30, Y: 40}, {X: 5, Y: 66}}}}}}
	p := show(t, "Faces", f, 100, 20)
	if v := p.View(); !strings.Contains(v, "polygon of 3 points (p shows them)") || strings.Contains(v, "(30,40)") {
		t.Fatalf("before p:\n%s", v)
	}
	p.Update(press("p"))
	if v := p.View(); !strings.Contains(v, "Polygon (1,2) (30,40) (5,66)") {
		t.Fatalf("p does not show the points:\n%s", v)
	}
	if h := p.ShortHelp(); h[len(h)-1].Help().Desc != "hide polygon points" {
		t.Errorf("help after p says %q", h[len(h)-1].Help().Desc)
	}
	p.Update(press("p"))
	if v := p.View(); strings.Contains(v, "(30,40)") {
		t.Fatalf("p again does not hide the points:\n%s", v)
	}
}

// TestLabelsShowLevelsAndScenes: each label's level is a column, and a
// video's scenes follow with their time, stream, frames and own labels.
func TestLabelsShowLevelsAndScenes(t *testing.T) {
	f := &imm.File{URI: "oss://b/x", Labels: []imm.Label{{LabelName: "root", LabelLevel: 1, LabelConfidence: 0.9}},
		SceneElements: []imm.SceneElement{{TimeRange: []int64{1000, 2500}, FrameTimes: []int64{1200}, VideoStreamIndex: 3,
			Labels: []imm.Label{{LabelName: "beach", LabelLevel: 3, LabelConfidence: 0.5}}}, {}}}
	v := paneText(t, "Labels", f, 100)
	for _, want := range []string{"Lvl", "Scenes (2)", "Scene 1  0:01.000-0:02.500  video stream 3", "frames at 0:01.200",
		"Scene 2", "(no labels in this scene)"} {
		if !strings.Contains(v, want) {
			t.Errorf("no %q in:\n%s", want, v)
		}
	}
	if l := lineWith(v, "beach"); !strings.Contains(l, " 3 ") {
		t.Errorf("scene label's level not shown: %q", l)
	}
	if only := paneText(t, "Labels", &imm.File{URI: "oss://b/x", SceneElements: f.SceneElements}, 100); !strings.Contains(only, "beach") {
		t.Errorf("scenes without file labels are not shown:\n%s", only)
	}
}

// TestParseEXIF: EXIF's {"Tag":{"value":X}} becomes sorted rows of decoded
// values; anything not a JSON object is refused (the pane shows it raw).
func TestParseEXIF(t *testing.T) {
	rows, ok := parseEXIF(`{"Make":{"value":"Apple"},"ISO":{"value":64},"Odd":[1,2],"Esc":{"value":"a\u001b[2Jb"}}`)
	if !ok {
		t.Fatal("valid EXIF rejected")
	}
	got := map[string]string{}
	var keys []string
	for _, r := range rows {
		got[r.k] = r.v
		keys = append(keys, r.k)
	}
	if strings.Join(keys, ",") != "Esc,ISO,Make,Odd" {
		t.Errorf("keys %v not sorted", keys)
	}
	if got["Make"] != "Apple" || got["ISO"] != "64" || got["Odd"] != "[1,2]" {
		t.Errorf("values %v", got)
	}
	// The row holds what the JSON decodes to; the pane escapes it where
	// it draws it.
	if got["Esc"] != "a\x1b[2Jb" {
		t.Errorf("decoded value %q, want it exact", got["Esc"])
	}
	d := newDoc(asciiStyles(), 80)
	exif(d, "EXIF", `{"Esc":{"value":"a\u001b[2Jb"}}`)
	if drawn := strings.Join(d.lines, "\n"); strings.ContainsRune(drawn, 0x1b) || !strings.Contains(drawn, `a\x1b[2Jb`) {
		t.Errorf("the escape decoded from EXIF JSON is not drawn escaped:\n%q", drawn)
	}
	for _, bad := range []string{"", "not json", "[1,2]", "null", `{"a":`} {
		if _, ok := parseEXIF(bad); ok {
			t.Errorf("parseEXIF(%q) accepted", bad)
		}
	}
}
