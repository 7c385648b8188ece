package panes

import (
	"encoding/json"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/theme"
)

func TestNewReturnsOnePaneOfEachInNamesOrder(t *testing.T) {
	ps := New(testContext())
	if len(ps) != len(Names) {
		t.Fatalf("%d panes, want %d", len(ps), len(Names))
	}
	for i, p := range ps {
		if p.Title() != Names[i] {
			t.Errorf("pane %d is %q, want %q", i, p.Title(), Names[i])
		}
		if len(p.ShortHelp()) == 0 || len(p.FullHelp()) == 0 {
			t.Errorf("%s has no key help", p.Title())
		}
	}
}

func TestPanesDeclareTheFieldsTheyRead(t *testing.T) {
	want := map[string][]string{
		"Faces":     {"Figures"},
		"Labels":    {"Labels"},
		"OCR":       {"OCRContents", "OCRTexts"},
		"Addresses": {"Addresses", "LatLong", "Timezone"},
		"Streams":   {"FormatName", "VideoStreams", "AudioStreams", "Subtitles"},
		"Overview":  {"Filename", "EXIF", "ObjectStatus", "Reason", "Insights", "CustomLabels", "ImageScore", "CroppingSuggestions"},
	}
	for name, fields := range want {
		got := strings.Join(paneByName(t, testContext(), name).Fields(), ",")
		for _, f := range fields {
			if !strings.Contains(","+got+",", ","+f+",") {
				t.Errorf("%s.Fields() = %s, lacks %s", name, got, f)
			}
		}
	}
	if f := paneByName(t, testContext(), "Raw").Fields(); f != nil {
		t.Errorf("Raw.Fields() = %v, want nil (everything)", f)
	}
}

func TestEveryPaneSaysInWordsWhenItHasNothingToShow(t *testing.T) {
	empty := &imm.File{URI: "oss://b/empty.jpg"}
	want := map[string]string{
		"Overview":  "URI",
		"Faces":     "no faces in this file",
		"Labels":    "no labels in this file",
		"OCR":       "no OCR text in this file",
		"Streams":   "no media streams in this file",
		"Addresses": "no address or location for this file",
		"Raw":       `"URI": "oss://b/empty.jpg"`,
	}
	for name, text := range want {
		v := show(t, name, empty, 80, 24).View()
		if !strings.Contains(v, text) {
			t.Errorf("%s with nothing to show: %q, want it to say %q", name, v, text)
		}
	}
	if v := show(t, "Overview", &imm.File{}, 80, 24).View(); !strings.Contains(v, "nothing known about this file") {
		t.Errorf("Overview of an empty file: %q", v)
	}
}

func TestPanesAreEmptyBeforeTheirFileArrives(t *testing.T) {
	for _, p := range New(testContext()) {
		p.SetSize(80, 24)
		if v := p.View(); v != "" {
			t.Errorf("%s before SetFile: %q", p.Title(), v)
		}
		p.SetFile(cjkFile(t))
		p.SetFile(nil)
		if v := p.View(); v != "" {
			t.Errorf("%s after SetFile(nil): %q", p.Title(), v)
		}
	}
}

func press(s string) tea.KeyMsg {
	switch s {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

func TestFacesPaneSortsOutliersFirst(t *testing.T) {
	p := show(t, "Faces", cjkFile(t), 120, 40).(*facesPane)
	var got []float64
	for _, f := range p.faces {
		got = append(got, f.FigureClusterConfidence)
	}
	for i := 1; i < len(got); i++ {
		if got[i] < got[i-1] {
			t.Fatalf("cluster confidences %v are not lowest first", got)
		}
	}
	if p.Selected().FigureClusterConfidence != got[0] {
		t.Errorf("cursor does not start on the worst face")
	}
	v := p.View()
	if a, b := strings.Index(v, "0.41"), strings.Index(v, "0.98"); a < 0 || b < 0 || a > b {
		t.Errorf("row with 0.41 should come before row with 0.98:\n%s", v)
	}
}

// openFrom moves the cursor to the face whose cluster is id and presses Enter.
func openFrom(t *testing.T, p *facesPane, id string) tea.Msg {
	t.Helper()
	p.Update(press("g"))
	for p.Selected().FigureClusterId != id {
		before := p.table.Cursor()
		p.Update(press("j"))
		if p.table.Cursor() == before {
			t.Fatalf("no face in cluster %s", id)
		}
	}
	cmd := p.Update(press("enter"))
	if cmd == nil {
		return nil
	}
	return cmd()
}

func TestFacesEnterOpensOnlyAnotherRealCluster(t *testing.T) {
	p := show(t, "Faces", cjkFile(t), 120, 40).(*facesPane)
	if msg := openFrom(t, p, grandma); msg != (OpenClusterMsg{ClusterID: grandma}) {
		t.Errorf("Enter on a face of another cluster gave %#v", msg)
	}
	for _, id := range []string{grandpa, imm.ClusterIndependent, imm.ClusterUnavailable} {
		if msg := openFrom(t, p, id); msg != nil {
			t.Errorf("Enter on a face of %s gave %#v, want nothing", id, msg)
		}
	}
}

func TestFacesMarksTheClusterYouCameFromAndNamesKnownOnes(t *testing.T) {
	v := show(t, "Faces", cjkFile(t), 120, 40).View()
	for _, want := range []string{"* 爷爷", "奶奶 王秀英", "independent", "unclustered", "8e2f5b17"} {
		if !strings.Contains(v, want) {
			t.Errorf("faces table lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "* 奶奶") {
		t.Errorf("a cluster other than the one you came from is marked")
	}
}

func TestFacesDetailFollowsTheCursor(t *testing.T) {
	p := show(t, "Faces", cjkFile(t), 120, 40)
	p.Update(press("G"))
	v := p.View()
	if !strings.Contains(v, "3f9c2a71-5d4e-4b8a-9c1f-7e2d6a0b5c13") || !strings.Contains(v, "220x260 at (812,640)") {
		t.Errorf("detail box does not show the last face and its boundary:\n%s", v)
	}
}

func TestFacesDropLessImportantColumnsWhenNarrow(t *testing.T) {
	v := show(t, "Faces", cjkFile(t), 80, 24).View()
	header := strings.SplitN(v, "\n", 2)[0]
	for _, want := range []string{"Cluster", "ClConf", "Age", "Gender"} {
		if !strings.Contains(header, want) {
			t.Errorf("80-column header %q lacks %s", header, want)
		}
	}
	if strings.Contains(header, "Pose") {
		t.Errorf("80-column header %q keeps head pose over more useful columns", header)
	}
}

func TestTextPanesScrollWithKeys(t *testing.T) {
	p := show(t, "Raw", cjkFile(t), 80, 10)
	first := p.View()
	p.Update(press("j"))
	if p.View() == first {
		t.Fatal("j did not scroll")
	}
	p.Update(press("G"))
	if v := p.View(); !strings.Contains(v, "}") || !strings.Contains(v, "of ") {
		t.Errorf("G did not reach the end:\n%s", v)
	}
	p.Update(press("g"))
	if p.View() != first {
		t.Error("g did not return to the top")
	}
	p.Update(press("pgdown"))
	if p.View() == first {
		t.Error("pgdown did not scroll")
	}
}

func TestTextPaneKeepsScrollForANewVersionOfTheSameFile(t *testing.T) {
	f := cjkFile(t)
	p := show(t, "Overview", f, 80, 10)
	p.Update(press("j"))
	scrolled := p.View()
	again := *f
	p.SetFile(&again)
	if p.View() != scrolled {
		t.Error("re-setting the same file lost the scroll position")
	}
	other := *f
	other.URI = "oss://b/other.jpg"
	p.SetFile(&other)
	if strings.Contains(p.View(), "lines 2-") {
		t.Error("another file did not start at the top")
	}
}

func TestOverviewHighlightsAFileThatIsNotIndexed(t *testing.T) {
	ctx := testContext()
	f := cjkFile(t)
	p := newTextPane(ctx, overview{})
	p.SetSize(100, 60)
	p.SetFile(f)
	var row string
	for _, l := range p.sc.lines {
		if strings.Contains(l, "Failed") {
			row = l
		}
	}
	if row == "" || !strings.Contains(row, ctx.Styles.Error.Render("Failed")) {
		t.Errorf("status row %q is not in the Error style", row)
	}
}

func TestOverviewShowsEXIFSortedAndMalformedEXIFRaw(t *testing.T) {
	f := &imm.File{URI: "oss://b/x.jpg", EXIF: `{"Model":{"value":"X"},"Make":{"value":"Apple"}}`}
	v := show(t, "Overview", f, 80, 40).View()
	if a, b := strings.Index(v, "Make"), strings.Index(v, "Model"); a < 0 || b < 0 || a > b {
		t.Errorf("EXIF rows not sorted:\n%s", v)
	}
	f.EXIF = `{"Make":{"value":"Apple"`
	v = show(t, "Overview", f, 80, 40).View()
	if !strings.Contains(v, "not valid JSON") || !strings.Contains(v, `{"Make":{"value":"Apple"`) {
		t.Errorf("malformed EXIF not shown raw:\n%s", v)
	}
}

func TestFrameRateIsShownAsFramesPerSecond(t *testing.T) {
	for in, want := range map[string]string{
		"30000/1001": "29.97 fps", "25/1": "25 fps", "24000/1001": "23.98 fps", "60": "60 fps",
		"0/0": "0/0", "abc": "abc", "": "", "1/0": "1/0",
	} {
		if got := format.FrameRate(in); got != want {
			t.Errorf("format.FrameRate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHumanSizes(t *testing.T) {
	for in, want := range map[int64]string{
		0: "0 B", 1000: "1000 B", 1024: "1.0 KiB", 1536: "1.5 KiB",
		157286400: "150.0 MiB", 5 << 40: "5.0 TiB",
	} {
		if got := format.Size(in); got != want {
			t.Errorf("format.Size(%d) = %q, want %q", in, got, want)
		}
	}
	if got := format.Count(157286400); got != "157,286,400" {
		t.Errorf("groupDigits = %q", got)
	}
}

func TestClipTimesAndCoordinates(t *testing.T) {
	for in, want := range map[int64]string{0: "0:00.000", 15230: "0:15.230", 125458: "2:05.458", 3723004: "1:02:03.004"} {
		if got := format.Clock(in); got != want {
			t.Errorf("format.Clock(%d) = %q, want %q", in, got, want)
		}
	}
	if got := format.ClipRange([]int64{0, 15230}); got != "0:00.000-0:15.230" {
		t.Errorf("clipRange = %q", got)
	}
	if got := latLong("30.134390,120.074997", format.Glyphs{}); got != "30.1344°N 120.0750°E" {
		t.Errorf("latLong = %q", got)
	}
	if got := latLong("-33.8688,-151.2093", format.Glyphs{}); got != "33.8688°S 151.2093°W" {
		t.Errorf("latLong south-west = %q", got)
	}
	if got := latLong("nowhere", format.Glyphs{}); got != "nowhere" {
		t.Errorf("latLong of junk = %q", got)
	}
}

func TestLabelsNestChildrenUnderParentsAndKeepOrphans(t *testing.T) {
	v := show(t, "Labels", cjkFile(t), 120, 40).View()
	lines := strings.Split(v, "\n")
	idx := func(s string) int {
		for i, l := range lines {
			if strings.Contains(l, s) {
				return i
			}
		}
		t.Fatalf("no %q in\n%s", s, v)
		return -1
	}
	if !(idx("风景") < idx("  湖泊") && idx("  湖泊") < idx("    西湖")) {
		t.Errorf("风景 > 湖泊 > 西湖 not nested:\n%s", v)
	}
	if !strings.Contains(lines[idx("宝塔")], "under 建筑") {
		t.Errorf("orphan label not shown with its missing parent:\n%s", v)
	}
	if !strings.Contains(v, "clips 0:00.000-0:15.230, 1:01.000-2:05.458") {
		t.Errorf("clip ranges missing:\n%s", v)
	}
}

func TestLabelsSurviveAParentCycle(t *testing.T) {
	f := &imm.File{Labels: []imm.Label{
		{LabelName: "a", ParentLabelName: "b"}, {LabelName: "b", ParentLabelName: "a"}, {LabelName: "c", ParentLabelName: "c"},
	}}
	if n := len(labelTree(f.Labels)); n != 3 {
		t.Errorf("%d labels shown, want 3", n)
	}
}

func TestRawShowsUnknownKeysAndEscapesControls(t *testing.T) {
	var f imm.File
	if err := json.Unmarshal([]byte(`{"URI":"oss://b/x","FutureKey":{"Deep":"rtl\u202eend","Esc":"\u001b[31m"},"Title":"c1\u0085"}`), &f); err != nil {
		t.Fatal(err)
	}
	f.Filename = "evil\x1b]52;c;aGk=\x07\u202ename\x7f" // as if the sanitiser had been skipped
	p := show(t, "Raw", &f, 200, 60)
	v := p.View()
	assertFits(t, v, 200, 60)
	for _, want := range []string{`"FutureKey"`, `"Deep"`, `\u202e`, `\u001b`, `\u0085`, `\u007f`} {
		if !strings.Contains(v, want) {
			t.Errorf("raw view lacks %s:\n%s", want, v)
		}
	}
	if strings.ContainsAny(v, "\x1b\u202e\u0085\x7f\x07") {
		t.Errorf("a control character reached the raw view: %q", v)
	}
}

func TestRawWrapShowsLongLinesWhole(t *testing.T) {
	f := &imm.File{URI: "oss://b/x", OCRTexts: strings.Repeat("长文本", 100)}
	p := show(t, "Raw", f, 40, 60)
	if strings.Count(p.View(), "长") >= 300 {
		t.Fatal("unwrapped raw line was not cut")
	}
	p.Update(press("w"))
	v := p.View()
	assertFits(t, v, 40, 60)
	if strings.Count(v, "长") != 100 {
		t.Errorf("wrapped raw view shows %d of 100 runs:\n%s", strings.Count(v, "长"), v)
	}
}

func TestMouseWheelScrolls(t *testing.T) {
	p := show(t, "Raw", cjkFile(t), 80, 10)
	first := p.View()
	p.Update(tea.MouseMsg{Button: tea.MouseButtonWheelDown})
	if p.View() == first {
		t.Error("wheel down did not scroll")
	}
}

// TestPanesNeedOnlyTheFieldsTheyDeclare renders each pane from a file cut
// down to Fields() (plus URI, which the loader always adds): the lazy
// loader fetches only those, so the view must be the same as from the
// whole file.
func TestPanesNeedOnlyTheFieldsTheyDeclare(t *testing.T) {
	for _, full := range []*imm.File{fixtureFile(t), cjkFile(t)} {
		b, err := json.Marshal(full)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range Names[:len(Names)-1] { // Raw declares everything
			p := paneByName(t, testContext(), name)
			var all map[string]json.RawMessage
			if err := json.Unmarshal(b, &all); err != nil {
				t.Fatal(err)
			}
			keep := map[string]bool{"URI": true}
			for _, f := range p.Fields() {
				keep[f] = true
			}
			for k := range all {
				if !keep[k] {
					delete(all, k)
				}
			}
			cut, _ := json.Marshal(all)
			got := show(t, name, decodeFile(t, cut), 120, 200).View()
			want := show(t, name, full, 120, 200).View()
			if got != want {
				t.Errorf("%s reads fields it does not declare:\n--- from Fields() only\n%s\n--- from the whole file\n%s", name, got, want)
			}
		}
	}
}

func TestASCIIModeAvoidsAmbiguousWidthGlyphs(t *testing.T) {
	t.Parallel() // the glyph choice travels in the styles: no global to toggle
	ctx := testContext()
	ctx.Styles = theme.NewWith(asciiStyles().Renderer, format.Glyphs{ASCII: true})
	f := cjkFile(t)
	var all strings.Builder
	for _, p := range New(ctx) {
		p.SetSize(120, 200)
		p.SetFile(f)
		all.WriteString(p.View())
		for _, b := range p.ShortHelp() {
			all.WriteString(b.Help().Key)
		}
	}
	v := all.String()
	for _, r := range []string{"°", "±", "┌", "│", "↑", "↓"} {
		if strings.Contains(v, r) {
			t.Errorf("ASCII mode shows %q", r)
		}
	}
	for _, want := range []string{"30.2426 deg N", "8 +/-2", "62+/-4", "90 deg"} {
		if !strings.Contains(v, want) {
			t.Errorf("ASCII mode lacks %q", want)
		}
	}
}

func TestFacesDetailUsesTheRoomTheTableLeaves(t *testing.T) {
	f := fixtureFile(t) // one face
	v := show(t, "Faces", f, 80, 11).View()
	for _, want := range []string{"Boundary", "Age", "Gender", "Emotion"} {
		if !strings.Contains(v, want) {
			t.Errorf("an 11-line pane with one face hides %s in the detail:\n%s", want, v)
		}
	}
}

func TestRawHardWrapKeepsEveryCharacterAndFitsTheWidth(t *testing.T) {
	for _, l := range []string{
		"", "short", strings.Repeat("a", 95), "ab\u0301cd" + strings.Repeat("x", 30), strings.Repeat("长a", 40), "😀👍🏽e\u0301" + strings.Repeat("z", 20),
	} {
		for _, w := range []int{1, 2, 3, 7, 10, 80} {
			rows := hardWrap(l, w)
			// Only a wide glyph in a 1-cell pane may be dropped.
			if strings.Join(rows, "") != l && !(w < 2 && strings.ContainsAny(l, "长😀👍")) {
				t.Errorf("hardWrap(%q, %d) lost text: %q", l, w, rows)
			}
			for _, r := range rows {
				if safetext.Width(r) > w {
					t.Errorf("hardWrap(%q, %d) row %q is %d cells", l, w, r, safetext.Width(r))
				}
			}
		}
	}
}

func TestFacesCursorStartsOnTheFaceTheUserCameFor(t *testing.T) {
	ctx := testContext()
	ctx.FigureID = "3f9c2a71-5d4e-4b8a-9c1f-7e2d6a0b5c13" // grandma's, the last row
	p := paneByName(t, ctx, "Faces").(*facesPane)
	p.SetSize(120, 40)
	p.SetFile(cjkFile(t))
	if got := p.Selected().FigureId; got != ctx.FigureID {
		t.Fatalf("cursor on %s, want the face the user came for", got)
	}
	if !strings.Contains(p.View(), "220x260 at (812,640)") {
		t.Fatalf("detail box is not that face's:\n%s", p.View())
	}
}
