package ui_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/views"
)

// membersFake is 250 clusters; the list's first row (cluster 0) has 35
// member files served 10 a page.
func membersFake() (*uitest.Fake, string) {
	f := uitest.NewFake(250)
	for i := 0; i < 5; i++ {
		f.AddCluster(i)
	}
	f.MemberPageSize = 10
	f.AddMembers(f.Rows[0].ID, 35)
	return f, f.Rows[0].ID
}

func TestCommandMembersOpensTheClusterOnItsMembers(t *testing.T) {
	f, id := membersFake()
	m, u := start(t, f, 100, 30)
	command(u, "members "+id)
	c, ok := m.Top().(*views.Cluster)
	if !ok || c.ID() != id || !c.ShowingMembers() {
		t.Fatalf("top = %T (members %v), want the cluster on its members", m.Top(), ok && c.ShowingMembers())
	}
	if out := m.View(); !strings.Contains(out, "40 faces in 35 files") {
		t.Fatalf(":members screen:\n%s", out)
	}
	if n := len(f.FileRequests()); n != 0 {
		t.Fatalf(":members fetched the cover: %+v", f.FileRequests())
	}
	command(u, "members")
	if got := lastLine(m); got != "members needs an ID: :members ID" {
		t.Fatalf("message = %q", got)
	}
}

func TestMembersEnterShowsTheFilesFacesWithTheClusterMarked(t *testing.T) {
	f, _ := membersFake()
	// Real panes: the Faces pane is what marks the cluster.
	m := ui.NewModel(ui.Options{Store: f, Endpoint: "http://127.0.0.1:8080", Styles: asciiStyles()})
	u := &uitest.ModelUpdater{M: m}
	u.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	defer m.Update(uitest.Key("ctrl+c"))
	uitest.Run(u, m.Init())
	keys(u, "enter", "m", "enter")
	fv, ok := m.Top().(*views.File)
	if !ok {
		t.Fatalf("top = %T, want the File view", m.Top())
	}
	out := m.View()
	// The first row is the worst face: 0000.jpg's, 0.05.
	if !strings.Contains(out, "[2 Faces]") || !strings.Contains(out, "> face-000 * "+f.Rows[0].Name) ||
		!strings.Contains(out, "Face face-0000-a") {
		t.Fatalf("file view of %s does not show the member face, marked:\n%s", fv.URI(), out)
	}
	keys(u, "esc")
	if c, ok := m.Top().(*views.Cluster); !ok || !c.ShowingMembers() {
		t.Fatalf("esc from the file: top = %T, want the members again", m.Top())
	}
}

// resumer is a view that counts Resume and Pause calls.
type resumer struct {
	blank
	resumed, paused int
}

func (r *resumer) Resume() tea.Cmd { r.resumed++; return nil }
func (r *resumer) Pause()          { r.paused++ }

type blank struct{}

func (blank) ShortHelp() []key.Binding  { return nil }
func (blank) FullHelp() [][]key.Binding { return nil }
func (blank) Init() tea.Cmd             { return nil }
func (blank) Update(tea.Msg) tea.Cmd    { return nil }
func (blank) View() string              { return "" }
func (blank) SetSize(int, int)          {}
func (blank) Crumb() string             { return "blank" }
func (blank) Err() error                { return nil }
func (blank) Close()                    {}

var _ help.KeyMap = blank{}

func TestCoveredViewPausesAndPopResumesIt(t *testing.T) {
	m, u := start(t, uitest.NewFake(10), 80, 24)
	r := &resumer{}
	u.Update(views.PushMsg{View: r})
	u.Update(views.PushMsg{View: blank{}})
	if r.paused != 1 || r.resumed != 0 {
		t.Fatalf("covered: paused %d, resumed %d; want paused once (background paging stops)", r.paused, r.resumed)
	}
	keys(u, "esc")
	if r.resumed != 1 || m.Top() != views.View(r) {
		t.Fatalf("resumed %d times, top %T; want once, back on top", r.resumed, m.Top())
	}
}

func TestGoldenMembersView(t *testing.T) {
	for _, s := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(t *testing.T) {
			f, _ := membersFake()
			out := runProgram(t, f, s[0], s[1], []step{{waitFor: "100 loaded"}, {key: "enter", waitFor: "Overview of"},
				{key: "m", waitFor: "in 35 files"}, {key: "down"}})
			golden.RequireEqual(t, []byte(out))
		})
	}
}

func TestMembersFramesFitEverySizeThroughTheRoot(t *testing.T) {
	t.Parallel() // heavy: it runs beside the package\'s other tests
	f, id := membersFake()
	m, u := start(t, f, 100, 30)
	command(u, "members "+id)
	checkFramesFitEverySize(t, m, u)
}

func TestMembersAgainstTheEmulatorPageEveryFaceAndOpenTheFileWithoutACall(t *testing.T) {
	s := startStack(t, 40)
	m, u := browseStack(t, s, 120, 40)
	list := m.Top().(*views.Clusters)
	row := list.Rows()[list.Cursor()] // the biggest cluster, below the pinned rows
	keys(u, "enter", "m")
	c := m.Top().(*views.Cluster)
	mem := c.Members()
	if !mem.Done() || mem.Len() != int(row.FaceCount) {
		t.Fatalf("members: %d faces (done %v), want the cluster's %d\n%s", mem.Len(), mem.Done(), row.FaceCount, m.View())
	}
	q := listCalls(s)
	if want := (mem.Files() + 99) / 100; len(q) != want {
		t.Fatalf("SimpleQuery calls = %d, want %d for %d files", len(q), want, mem.Files())
	}
	if got := withFields(t, q[0]); !slices.Contains(got, "Figures") || !slices.Contains(got, "ProduceTime") {
		t.Fatalf("SimpleQuery WithFields = %v", got)
	}
	// Outliers first: the faces flagged conf, lowest confidence first,
	// before every other face.
	for i := 1; i < mem.Len(); i++ {
		a, b := mem.Flagged(i-1), mem.Flagged(i)
		ac, bc := a.Flags.Has(review.FlagLowCluster), b.Flags.Has(review.FlagLowCluster)
		if (!ac && bc) || (ac && bc && a.Figure.FigureClusterConfidence > b.Figure.FigureClusterConfidence) {
			t.Fatalf("row %d (%v %s) before row %d (%v %s): not outliers first", i-1, a.Figure.FigureClusterConfidence, a.Flags, i, b.Figure.FigureClusterConfidence, b.Flags)
		}
	}
	before := len(s.Calls("BatchGetFileMeta"))
	keys(u, "enter")
	if _, ok := m.Top().(*views.File); !ok || len(s.Calls("BatchGetFileMeta")) != before {
		t.Fatalf("enter: top %T, %d BatchGetFileMeta calls (want none: Faces is cached)",
			m.Top(), len(s.Calls("BatchGetFileMeta"))-before)
	}
	uitest.CheckFrame(t, m.View(), 120, 40)
}
