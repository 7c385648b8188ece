package panes

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/ui/theme"
)

// hostile is text that tries everything: escape sequences (CSI, OSC 52,
// OSC 8, DCS, APC), C0 and C1 controls, bidi overrides, zero-width and
// wide characters, invalid UTF-8.
const hostile = "a\x1b[2J\x1b]52;c;aGk=\x07\x1b]8;;http://x\x1b\\link\x1bP1$r\x1b\\\x1b_apc\x1b\\" +
	"\x9b31m\u009b\u202eevil\u202c\u2066iso\u2069\u200b\ufeff张伟😀\xff\r\b\t\x7fend"

// hostileFile puts hostile text in every kind of field, 2,000 labels and a
// 96 KB line (BenchmarkRawOneMegabyte covers size). The models hold text
// exactly as sent: nothing upstream of the panes makes it safe.
func hostileFile(t testing.TB) *imm.File {
	t.Helper()
	h := func(n int) string { return strings.Repeat(hostile, n) }
	f := imm.File{
		URI: "oss://b/" + hostile, Filename: hostile, ObjectStatus: hostile, Reason: hostile,
		ObjectId: hostile, ObjectType: hostile, CustomId: hostile, OwnerId: hostile, ProjectName: hostile,
		DatasetName: hostile, TravelClusterId: hostile, FileAccessTime: hostile, SemanticTypes: []string{hostile, hostile},
		Title: hostile, Artist: hostile, AlbumArtist: hostile, Album: hostile, Composer: hostile, Performer: hostile,
		Language: hostile, OSSDeleteMarker: hostile, OSSExpiration: `expiry-date="` + hostile + `", rule-id="` + hostile + `"`,
		CacheControl: hostile, ContentDisposition: h(3), ContentEncoding: hostile, ContentLanguage: hostile,
		AccessControlAllowOrigin: hostile, AccessControlRequestMethod: hostile, ServerSideEncryption: hostile,
		ServerSideDataEncryption: hostile, ServerSideEncryptionKeyId: hostile, ServerSideEncryptionCustomerAlgorithm: hostile,
		AudioCovers: []imm.Image{{EXIF: hostile, CroppingSuggestions: []imm.CroppingSuggestion{{AspectRatio: hostile}},
			OCRContents: []imm.OCRContents{{Contents: h(5), Language: hostile}}}},
		Elements: []imm.Element{{ObjectId: hostile, ElementType: hostile, ElementContents: []imm.ElementContent{
			{Content: h(4), Type: hostile, URL: hostile}}, ElementRelations: []imm.ElementRelation{{ObjectId: hostile, Type: hostile}}}},
		SceneElements: []imm.SceneElement{{TimeRange: []int64{-1, 1 << 50}, FrameTimes: []int64{-7},
			Labels: []imm.Label{{LabelName: hostile, ParentLabelName: hostile, Language: hostile, LabelLevel: -3}}}},
		EXIF:         `{"Make":{"value":"` + jsonEsc(hostile) + `"},"` + jsonEsc(hostile) + `":{"value":1}}`,
		CustomLabels: map[string]any{hostile: hostile, "n": 1.5, "nested": map[string]any{"k": hostile}},
		OSSTagging:   map[string]any{"t": hostile},
		Insights:     &imm.Insights{Image: &imm.Insight{Caption: hostile, Description: strings.Repeat(hostile+" ", 50)}},
		OCRTexts:     strings.Repeat("长", 1<<15) + hostile, // 96 KB in one line
		LatLong:      hostile, Timezone: hostile,
		FormatName: hostile, FormatLongName: hostile,
		Addresses:   []imm.Address{{Language: hostile, Country: hostile, AddressLine: strings.Repeat(hostile, 20)}},
		OCRContents: []imm.OCRContents{{Contents: hostile, Language: hostile, Confidence: 2}},
		VideoStreams: []imm.VideoStream{{CodecName: hostile, FrameRate: hostile, Rotate: hostile, Profile: hostile,
			CodecTag: hostile, CodecTimeBase: hostile}},
		AudioStreams: []imm.AudioStream{{CodecName: hostile, ChannelLayout: hostile, CodecTag: hostile,
			CodecTimeBase: hostile, Lyric: h(3)}},
		Subtitles: []imm.SubtitleStream{{Content: hostile, Language: hostile, CodecTag: hostile}},
		CroppingSuggestions: []imm.CroppingSuggestion{{AspectRatio: hostile, Confidence: -1,
			Boundary: &imm.Boundary{Polygon: []imm.PointInt64{{X: -1 << 62, Y: 1 << 62}}}}},
	}
	for i := 0; i < 2000; i++ {
		f.Labels = append(f.Labels, imm.Label{
			LabelName: fmt.Sprintf("%s%d", hostile, i), ParentLabelName: fmt.Sprintf("%s%d", hostile, i/2),
			LabelAlias: hostile, Language: hostile, LabelConfidence: float64(i%7) / 3,
			Clips: []imm.Clip{{TimeRange: []int64{-5, 1 << 40}}},
		})
	}
	for i := 0; i < 30; i++ {
		f.Figures = append(f.Figures, imm.Figure{
			FigureId: hostile, FigureClusterId: fmt.Sprintf("%s%d", hostile, i%3), Gender: hostile,
			Emotion: hostile, Mask: hostile, Age: int64(i), FigureClusterConfidence: float64(i%5) / 4,
			Boundary: &imm.Boundary{Width: -1, Polygon: make([]imm.PointInt64, 40*i)},
			HeadPose: &imm.HeadPose{Pitch: 1e30},
		})
	}
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	// Round trip so the raw JSON also carries an unknown key, as a server's would.
	b = append(b[:len(b)-1], []byte(`,"Future":"`+jsonEsc(hostile)+`"}`)...)
	return decodeFile(t, b)
}

func jsonEsc(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// sweepSizes covers 0x0 to 200x60: every width at the heights where
// layouts switch, every height at the widths where they switch, and random
// sizes in between, in an order that grows and shrinks. (The full grid
// costs a minute under -race and finds nothing more.)
func sweepSizes() [][2]int {
	var out [][2]int
	for _, h := range []int{0, 1, 2, 3, 4, 9, 10, 24, 60} {
		for w := 0; w <= 200; w++ {
			out = append(out, [2]int{w, h})
		}
	}
	for _, w := range []int{0, 1, 2, 3, 7, 19, 20, 21, 40, 80, 120, 200} {
		for h := 0; h <= 60; h++ {
			out = append(out, [2]int{w, h})
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		out = append(out, [2]int{r.IntN(201), r.IntN(61)})
	}
	return out
}

// TestEveryPaneFitsEverySize sweeps 1x1 to 200x60: no panic, no line
// wider than the pane, no more lines than its height, no control
// character on screen.
func TestEveryPaneFitsEverySize(t *testing.T) {
	// One rich file: the hostile test below covers other content, and
	// each extra file costs ~10 s under -race.
	files := map[string]*imm.File{"cjk": cjkFile(t)}
	for _, name := range Names {
		for fname, f := range files {
			t.Run(name+"-"+fname, func(t *testing.T) {
				t.Parallel() // panes share the file read-only; -race checks that
				p := show(t, name, f, 80, 24)
				p.Update(press("j")) // a cursor or offset that must survive shrinking
				for _, sz := range sweepSizes() {
					p.SetSize(sz[0], sz[1])
					assertFits(t, p.View(), sz[0], sz[1])
				}
			})
		}
	}
}

// TestHostileFileStaysInsideThePane draws the hostile file in every pane
// at sizes from 1x1 up, scrolled, wrapped and with the polygon points
// shown: nothing leaves the pane and no control or bidi rune reaches it.
func TestHostileFileStaysInsideThePane(t *testing.T) {
	if testing.Short() {
		t.Skip("renders a 1 MB file at many sizes")
	}
	f := hostileFile(t)
	for _, name := range Names {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p := show(t, name, f, 80, 24)
			for _, sz := range [][2]int{{1, 1}, {2, 3}, {7, 5}, {13, 10}, {40, 12}, {80, 24}, {120, 40}, {200, 60}} {
				p.SetSize(sz[0], sz[1])
				for _, k := range []string{"", "G", "w", "p", "j", "g"} {
					if k != "" {
						p.Update(press(k))
					}
					assertFits(t, p.View(), sz[0], sz[1])
				}
			}
		})
	}
	// What was hostile is on screen, escaped: shown, not dropped.
	for _, name := range []string{"Overview", "Labels", "OCR", "Streams", "Addresses"} {
		if v := show(t, name, f, 200, 100000).View(); !strings.Contains(v, `a\x1b[2J\x1b]52;c;aGk=\x07`) {
			t.Errorf("%s does not show the hostile text escaped", name)
		}
	}
}

// TestColourOnlyAddsStyling renders every pane with a true-colour theme:
// with the styling stripped it is the ASCII rendering, cell for cell, and
// every escape on screen is SGR (a colour or attribute).
func TestColourOnlyAddsStyling(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	r.SetHasDarkBackground(true)
	colour := testContext()
	colour.Styles = theme.New(r)
	f := cjkFile(t)
	sgr := regexp.MustCompile(`\x1b\[[0-9;:]*m`)
	for i, name := range Names {
		for _, sz := range [][2]int{{80, 24}, {120, 40}, {33, 9}} {
			plain := show(t, name, f, sz[0], sz[1])
			styled := New(colour)[i]
			styled.SetSize(sz[0], sz[1])
			styled.SetFile(f)
			for _, k := range []string{"", "j", "G"} {
				if k != "" {
					plain.Update(press(k))
					styled.Update(press(k))
				}
				got, want := styled.View(), plain.View()
				if stripped := sgr.ReplaceAllString(got, ""); stripped != want {
					t.Fatalf("%s %v after %q: colour changes the text\n--- colour, stripped\n%s\n--- ascii\n%s", name, sz, k, stripped, want)
				}
				if strings.Contains(sgr.ReplaceAllString(got, ""), "\x1b") {
					t.Fatalf("%s: a non-SGR escape in the styled view", name)
				}
			}
		}
	}
}
