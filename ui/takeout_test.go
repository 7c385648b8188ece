package ui_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/clipboard"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/views"
)

// takeoutModel is the browser over f that copies to term with clip and
// exports to dir.
func takeoutModel(t *testing.T, f *uitest.Fake, clip clipboard.Env, term *bytes.Buffer, dir string, w, h int) (*ui.Model, *uitest.ModelUpdater) {
	t.Helper()
	m := ui.NewModel(ui.Options{Store: f, Endpoint: "http://127.0.0.1:8080", Region: "cn-hangzhou", ReadOnly: true,
		Styles: asciiStyles(), NewPanes: uitest.StubPanes, Clipboard: clip, Terminal: term, ExportDir: dir})
	u := &uitest.ModelUpdater{M: m}
	u.Update(tea.WindowSizeMsg{Width: w, Height: h})
	uitest.Run(u, m.Init())
	t.Cleanup(func() { m.Update(uitest.Key("ctrl+c")) })
	return m, u
}

// selectedMember is the URI of the member under the cursor.
func selectedMember(m *ui.Model) string {
	c := m.Top().(*views.Cluster)
	uri, _ := c.Members().Row(c.Members().Cursor())
	return uri
}

func TestYCopiesTheSelectedFaceFileURIAsOSC52(t *testing.T) {
	f, _ := membersFake()
	var term bytes.Buffer
	m, u := takeoutModel(t, f, clipboard.Env{TERM: "xterm-256color"}, &term, "", 100, 30)
	keys(u, "enter", "m", "down", "y")
	uri := selectedMember(m)
	want := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(uri)) + "\x07"
	if term.String() != want {
		t.Fatalf("terminal got %q, want %q", term.String(), want)
	}
	if got := statusLine(m); !strings.HasPrefix(got, "copied 34 B file URI") {
		t.Fatalf("status = %q", got)
	}
	keys(u, "down")
	if strings.Contains(statusLine(m), "copied") {
		t.Fatal("the notice outlived the next key")
	}
}

func TestYInsideTmuxSendsPlainAndPassthroughAndSaysWhatItNeeds(t *testing.T) {
	f := uitest.NewFake(10)
	var term bytes.Buffer
	m, u := takeoutModel(t, f, clipboard.Env{TMUX: "/tmp/tmux-1000/default,1,0", TERM: "screen"}, &term, "", 80, 24)
	keys(u, "y")
	id := base64.StdEncoding.EncodeToString([]byte(f.Rows[0].ID))
	// One write: the plain sequence (set-clipboard on), then the wrapped
	// one (allow-passthrough on).
	want := "\x1b]52;c;" + id + "\x07" + "\x1bPtmux;\x1b\x1b]52;c;" + id + "\x07\x1b\\"
	if term.String() != want {
		t.Fatalf("terminal got %q, want %q", term.String(), want)
	}
	if got := statusLine(m); !strings.Contains(got, "(via tmux: needs set-clipboard on or allow-passthrough)") {
		t.Fatalf("status = %q", got)
	}
}

func TestCopyOffOrOverTheCapSaysWhyAndWritesNothing(t *testing.T) {
	f := uitest.NewFake(10)
	var term bytes.Buffer
	m, u := takeoutModel(t, f, clipboard.Env{Mode: "off"}, &term, "", 120, 40)
	keys(u, "y")
	if term.Len() != 0 || !strings.Contains(m.View(), "not copied: copying is off") {
		t.Fatalf("terminal %q, frame\n%s", term.String(), m.View())
	}
	f.AddCluster(0)
	f.Clusters[f.Rows[0].ID].Name = strings.Repeat("长", 40000) // 120 KB of JSON
	m, u = takeoutModel(t, f, clipboard.Env{}, &term, "", 120, 40)
	keys(u, "enter", "0", "Y")
	if got := m.View(); term.Len() != 0 || !strings.Contains(got, "not copied: the JSON of the cluster is") || !strings.Contains(got, "use e to export instead") {
		t.Fatalf("terminal %d bytes, frame\n%s", term.Len(), got)
	}
}

func TestShiftYCopiesTheClusterJSONAsIMMSentIt(t *testing.T) {
	f := uitest.NewFake(10)
	c := f.AddCluster(0)
	var term bytes.Buffer
	_, u := takeoutModel(t, f, clipboard.Env{Mode: "osc52"}, &term, "", 100, 30)
	keys(u, "enter", "0", "Y")
	seq := term.String()
	if !strings.HasPrefix(seq, "\x1b]52;c;") || !strings.HasSuffix(seq, "\x07") {
		t.Fatalf("sequence %q", seq)
	}
	b, err := base64.StdEncoding.DecodeString(seq[len("\x1b]52;c;") : len(seq)-1])
	if err != nil {
		t.Fatal(err)
	}
	want, _ := views.ModelJSON(c)
	if !bytes.Equal(b, want) {
		t.Fatalf("copied\n%s\nwant\n%s", b, want)
	}
}

func TestEExportsTheClusterWithItsMembersAndFlagsAndRoundTrips(t *testing.T) {
	f, id := membersFake()
	dir := t.TempDir()
	m, u := takeoutModel(t, f, clipboard.Env{}, nil, dir, 250, 30)
	keys(u, "enter", "m", "e")
	path := filepath.Join(dir, review.FileName(id))
	if got := statusLine(m); !strings.HasPrefix(got, "exported ") || !strings.Contains(got, path) {
		t.Fatalf("status = %q, want the path %s", got, path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	e, err := review.ReadExport(b)
	if err != nil {
		t.Fatal(err)
	}
	if e.IMM.FigureCluster == nil || e.IMM.FigureCluster.ObjectId != id || len(e.IMM.Files) != 35 {
		t.Fatalf("export holds cluster %v and %d files, want %s and 35", e.IMM.FigureCluster, len(e.IMM.Files), id)
	}
	if e.Immtui.ClusterID != id || len(e.Immtui.Faces) != 40 {
		t.Fatalf("computed part: cluster %q, %d faces, want 40", e.Immtui.ClusterID, len(e.Immtui.Faces))
	}
	// What IMM sent comes back exactly: every file as the fake served it.
	for _, got := range e.IMM.Files {
		want, _ := json.Marshal(f.FileMap[got.URI])
		have, _ := json.Marshal(got)
		if !bytes.Equal(want, have) {
			t.Fatalf("file %s changed in the export:\n%s\nwant\n%s", got.URI, have, want)
		}
	}
	again, _ := e.Marshal()
	if !bytes.Equal(again, b) {
		t.Fatal("reading and writing the export back changed it")
	}
}

func TestEExportsTheFilteredProblemsList(t *testing.T) {
	f := uitest.NewFake(10)
	f.AddProblems(40)
	dir := t.TempDir()
	m, u := takeoutModel(t, f, clipboard.Env{}, nil, dir, 120, 40)
	keys(u, "p", "/", "p", "0", "0", "1", "enter", "e")
	b, err := os.ReadFile(filepath.Join(dir, "problems-demo-dataset.json"))
	if err != nil {
		t.Fatalf("%v; status %q", err, statusLine(m))
	}
	var e struct {
		IMM    struct{ Files []*imm.File }
		Immtui struct {
			Filter           string
			Loaded, Exported int
		} `json:"immtui"`
	}
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	tbl := m.Top().(views.Filterable).FilterTable()
	if e.Immtui.Filter != "p001" || e.Immtui.Exported != tbl.Len() || len(e.IMM.Files) != tbl.Len() || e.Immtui.Loaded != 40 {
		t.Fatalf("export: filter %q, %d of %d exported, %d files; the list shows %d", e.Immtui.Filter,
			e.Immtui.Exported, e.Immtui.Loaded, len(e.IMM.Files), tbl.Len())
	}
	for _, file := range e.IMM.Files {
		if !strings.Contains(file.Filename+file.URI, "p001") {
			t.Fatalf("%s does not match the filter", file.URI)
		}
	}
}

func TestAnExportThatCannotBeWrittenSaysWhereAndWhatToDo(t *testing.T) {
	f := uitest.NewFake(10)
	m, u := takeoutModel(t, f, clipboard.Env{}, nil, filepath.Join(t.TempDir(), "missing"), 250, 40)
	keys(u, "e")
	if got := m.View(); !strings.Contains(got, "cannot write in") || !strings.Contains(got, "--export-dir") {
		t.Fatalf("frame\n%s", got)
	}
}

// TestTakeoutSizesAreInTheFilesListsUnits: copies and exports count bytes
// as the Files list does (ui/format: KiB), never in a second unit.
func TestTakeoutSizesAreInTheFilesListsUnits(t *testing.T) {
	f, id := membersFake()
	f.Clusters[id].Name = strings.Repeat("n", 3000) // the JSON passes 1 KiB
	dir := t.TempDir()
	var term bytes.Buffer
	m, u := takeoutModel(t, f, clipboard.Env{Mode: "osc52"}, &term, dir, 250, 30)
	keys(u, "enter", "0", "Y")
	c := m.Top().(*views.Cluster)
	_, data, err := c.ShownJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := "copied " + format.Size(int64(len(data))) + " "
	if got := statusLine(m); !strings.HasPrefix(got, want) || !strings.Contains(got, "KiB") {
		t.Fatalf("status = %q, want it to start with %q", got, want)
	}
	keys(u, "e")
	path := filepath.Join(dir, review.FileName(id))
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want = "exported " + format.Size(int64(len(b))) + " to " + path
	if got := statusLine(m); !strings.HasPrefix(got, want) || !strings.Contains(got, "KiB") {
		t.Fatalf("status = %q, want it to start with %q", got, want)
	}

	f.Clusters[id].Name = strings.Repeat("长", 40000) // 120 KB of JSON
	m, u = takeoutModel(t, f, clipboard.Env{}, &term, "", 250, 40)
	keys(u, "enter", "0", "Y")
	if got := m.View(); !strings.Contains(got, "over the 100.0 KiB the terminal accepts") || strings.Contains(got, " KB") {
		t.Fatalf("over the cap:\n%s", got)
	}
}
