package panes

import (
	"encoding/json"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"go.uber.org/goleak"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/theme"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// asciiStyles are the theme without colour, so golden files are plain text.
func asciiStyles() *theme.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return theme.New(r)
}

// Cluster IDs of testdata/cjk-file.json.
const (
	grandma   = "Cluster-1c4e7a92-6b3d-4f0e-8a5c-d2b9e7f1a306"
	uncle     = "Cluster-8e2f5b17-a9c4-4d6b-b1e0-3f7a5c9d2e84"
	grandpa   = "Cluster-5a9d3e60-2c8b-4e1f-9d7a-b6f0c3e8a415"
	fixtureCl = "Cluster-dbe72fec-b84c-4ab6-885b-3678e64****"
)

// testContext comes from grandpa's cluster and knows two cluster names.
func testContext() Context {
	names := map[string]string{grandma: "奶奶 王秀英", grandpa: "爷爷"}
	return Context{
		Styles:    asciiStyles(),
		ClusterID: grandpa,
		ClusterName: func(id string) (string, bool) {
			n, ok := names[id]
			return n, ok
		},
	}
}

// decodeFile decodes a File as the client does: exactly, nothing rewritten.
func decodeFile(t testing.TB, b []byte) *imm.File {
	t.Helper()
	var f imm.File
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return &f
}

// fixtureFile is the File of the published BatchGetFileMeta example.
func fixtureFile(t testing.TB) *imm.File {
	t.Helper()
	b, err := os.ReadFile("../../client/testdata/batch-get-file-meta.response.json")
	if err != nil {
		t.Fatal(err)
	}
	var resp struct{ Files []json.RawMessage }
	if err := json.Unmarshal(b, &resp); err != nil || len(resp.Files) == 0 {
		t.Fatalf("fixture: %v", err)
	}
	return decodeFile(t, resp.Files[0])
}

// cjkFile is a generated-looking video with CJK text and five faces.
func cjkFile(t testing.TB) *imm.File {
	t.Helper()
	b, err := os.ReadFile("testdata/cjk-file.json")
	if err != nil {
		t.Fatal(err)
	}
	return decodeFile(t, b)
}

// paneByName returns the pane titled name from a fresh set.
func paneByName(t testing.TB, ctx Context, name string) Pane {
	t.Helper()
	for _, p := range New(ctx) {
		if p.Title() == name {
			return p
		}
	}
	t.Fatalf("no pane %q", name)
	return nil
}

// show makes a pane of the given name showing f at w x h.
func show(t testing.TB, name string, f *imm.File, w, h int) Pane {
	t.Helper()
	p := paneByName(t, testContext(), name)
	p.SetSize(w, h)
	p.SetFile(f)
	return p
}

// assertFits fails when view has more than h lines or a line wider than w
// cells, or holds a control character other than newline. Tests render
// with the ASCII profile, so not even styling may put an ESC on screen.
func assertFits(t testing.TB, view string, w, h int) {
	t.Helper()
	if view == "" {
		return
	}
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Fatalf("%dx%d: %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if cw := safetext.Width(l); cw > w {
			t.Fatalf("%dx%d: line %d is %d cells: %q", w, h, i, cw, l)
		}
	}
	for _, r := range view {
		if (r < 0x20 && r != '\n') || r == 0x7f || safetext.Dangerous(r) {
			t.Fatalf("%dx%d: control %U reached the screen", w, h, r)
		}
	}
}
