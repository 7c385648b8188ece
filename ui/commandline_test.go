package ui_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/cmdline"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/views"
)

// command types ":" and line and presses Enter.
func command(u *uitest.ModelUpdater, line string) (quit bool) {
	return keys(u, ":", line, "enter")
}

func lastLine(m *ui.Model) string {
	lines := strings.Split(m.View(), "\n")
	return lines[len(lines)-1]
}

func TestColonOpensAPromptWhereQIsText(t *testing.T) {
	m, u := start(t, uitest.NewFake(10), 80, 24)
	if quit := keys(u, ":", "q", "?"); quit {
		t.Fatal("q typed in the prompt quit the program")
	}
	if got := lastLine(m); !strings.HasPrefix(got, ":q?") {
		t.Fatalf("prompt line = %q, want it to read :q?", got)
	}
	if quit := keys(u, "esc"); quit || m.Depth() != 1 || strings.HasPrefix(lastLine(m), ":") {
		t.Fatalf("esc should close the prompt only: quit=%v depth=%d last=%q", quit, m.Depth(), lastLine(m))
	}
	if !strings.HasPrefix(lastLine(m), "q quit") {
		t.Fatalf("help line not back after esc: %q", lastLine(m))
	}
}

func TestPromptEscDoesNotLeaveTheView(t *testing.T) {
	m, u, _ := startWithCluster(t, 80, 24)
	keys(u, "enter", ":", "esc")
	if m.Depth() != 2 {
		t.Fatalf("depth = %d after esc in the prompt, want 2", m.Depth())
	}
}

func TestCommandClusterOpensThatCluster(t *testing.T) {
	f := uitest.NewFake(10)
	f.AddCluster(3)
	m, u := start(t, f, 100, 30)
	command(u, "cluster "+f.Rows[3].ID)
	c, ok := m.Top().(*views.Cluster)
	if !ok || c.ID() != f.Rows[3].ID || !strings.Contains(m.View(), f.Rows[3].Name) {
		t.Fatalf("top = %T, view:\n%s", m.Top(), m.View())
	}
}

func TestCommandClusterWithAnUnknownIDShowsTheStoresNotFound(t *testing.T) {
	m, u := start(t, uitest.NewFake(10), 100, 30)
	command(u, "cluster Cluster-nope")
	if m.Depth() != 2 || !strings.Contains(m.View(), "could not load the cluster: ResourceNotFound") {
		t.Fatalf("depth %d, view:\n%s", m.Depth(), m.View())
	}
}

func TestCommandFileOpensTheFileView(t *testing.T) {
	m, u, f := startWithCluster(t, 100, 30)
	command(u, "file "+f.Rows[0].CoverURI)
	v, ok := m.Top().(*views.File)
	if !ok || v.URI() != f.Rows[0].CoverURI {
		t.Fatalf("top = %T", m.Top())
	}
	lines := strings.Split(m.View(), "\n")
	if lines[1] != "Clusters > File > 0000.jpg" || !strings.Contains(m.View(), "Overview of 0000.jpg") {
		t.Fatalf("view:\n%s", m.View())
	}
	keys(u, "esc")
	if m.Depth() != 1 {
		t.Fatalf("esc from the file view: depth %d", m.Depth())
	}
}

func TestCommandFileWithABadURIShowsAMessageUntilTheNextKey(t *testing.T) {
	m, u := start(t, uitest.NewFake(10), 80, 24)
	command(u, "file foo")
	if m.Depth() != 1 {
		t.Fatalf("a bad URI opened a view")
	}
	if got := lastLine(m); got != `file URIs start with oss:// or pds:// (got "foo")` {
		t.Fatalf("message line = %q", got)
	}
	uitest.CheckFrame(t, m.View(), 80, 24)
	keys(u, "j")
	if got := lastLine(m); !strings.HasPrefix(got, "q quit") {
		t.Fatalf("message not cleared by the next key: %q", got)
	}
	if c := m.Top().(*views.Clusters).Cursor(); c != 1 {
		t.Fatalf("the key that cleared the message did not act: cursor %d", c)
	}
}

func TestUnknownCommandListsTheCommands(t *testing.T) {
	m, u := start(t, uitest.NewFake(10), 260, 30)
	command(u, "triage")
	if got := lastLine(m); got != `unknown command "triage"; commands are cluster, members, grid, file, problems, overview, files, find, labels, places, sort, review, compare, threshold, projects, datasets, dataset, help, quit (Tab completes)` {
		t.Fatalf("message = %q", got)
	}
}

func TestCommandSortSortsTheClustersList(t *testing.T) {
	f := uitest.NewFake(10)
	m, u := start(t, f, 80, 24)
	command(u, "sort imagecount asc")
	want := state.ClusterQuery{Sort: "ImageCount", Order: "asc"}
	pages := f.Pages()
	if q := m.Top().(*views.Clusters).Query(); q != want || pages[len(pages)-1].Query != want || pages[len(pages)-1].Token != "" {
		t.Fatalf("query %+v, last page call %+v", q, pages[len(pages)-1])
	}
	command(u, "sort VideoCount") // the order stays
	if q := m.Top().(*views.Clusters).Query(); q != (state.ClusterQuery{Sort: "VideoCount", Order: "asc"}) {
		t.Fatalf("query = %+v", q)
	}
	if !strings.Contains(m.View(), "sorted by VideoCount asc") {
		t.Fatalf("title does not say the sort:\n%s", m.View())
	}
}

func TestCommandSortWithAnUnknownKeyListsTheKeys(t *testing.T) {
	f := uitest.NewFake(10)
	m, u := start(t, f, 80, 24)
	before := len(f.Pages())
	command(u, "sort size")
	frame := m.View()
	uitest.CheckFrame(t, frame, 80, 24)
	if !strings.Contains(frame, `unknown sort key "size"; keys are ImageCount,`) || !strings.Contains(frame, "GroupName") {
		t.Fatalf("message should list every key (wrapped):\n%s", frame)
	}
	if len(f.Pages()) != before {
		t.Fatal("a bad sort reloaded the list")
	}
}

func TestCommandSortOutsideTheListSaysWhereItWorks(t *testing.T) {
	m, u, _ := startWithCluster(t, 80, 24)
	keys(u, "enter")
	command(u, "sort FaceCount")
	if got := lastLine(m); got != "sort works on the clusters list; Esc goes back to it" {
		t.Fatalf("message = %q", got)
	}
}

func TestCommandSortOnTheOverviewOpensTheClustersListSorted(t *testing.T) {
	f := exploreFake(20)
	for i := range 5 {
		f.AddCluster(i)
	}
	m, u := startOverview(t, f, 80, 24)
	command(u, "sort FaceCount asc")
	cl, ok := m.Top().(*views.Clusters)
	if !ok || m.Depth() != 2 {
		t.Fatalf(":sort on the Overview: top %T, depth %d\n%s", m.Top(), m.Depth(), m.View())
	}
	if q := cl.Query(); q.Sort != "FaceCount" || q.Order != "asc" {
		t.Fatalf("the list opened sorted by %q %q, want FaceCount asc", q.Sort, q.Order)
	}
	pages := f.Pages()
	if last := pages[len(pages)-1]; last.Query.Sort != "FaceCount" || last.Query.Order != "asc" {
		t.Fatalf("last page asked %+v, want FaceCount asc", last)
	}
	if strings.Contains(m.View(), "goes back to it") {
		t.Fatalf("a message says Esc goes back:\n%s", m.View())
	}
	keys(u, "esc")
	if _, ok := m.Top().(*views.Overview); !ok {
		t.Fatalf("Esc from the sorted list: top %T", m.Top())
	}
}

func TestCommandSortTwoScreensAboveTheListCountsTheEscs(t *testing.T) {
	m, u, _ := startWithCluster(t, 80, 24)
	keys(u, "enter")
	command(u, "help")
	command(u, "sort FaceCount")
	if got := lastLine(m); got != "sort works on the clusters list; Esc 2 times goes back to it" {
		t.Fatalf("message = %q", got)
	}
}

func TestCommandQuitAndQQuit(t *testing.T) {
	for _, line := range []string{"q", "quit"} {
		f := uitest.NewFake(10)
		f.AddCluster(0)
		_, u := start(t, f, 80, 24)
		keys(u, "enter") // below the first view q alone goes back; :q quits
		if quit := command(u, line); !quit {
			t.Fatalf(":%s did not quit", line)
		}
	}
}

func TestCommandHelpListsEveryCommand(t *testing.T) {
	m, u := start(t, uitest.NewFake(10), 160, 60)
	command(u, "help")
	out := m.View()
	for _, want := range []string{":cluster ID", ":file URI", ":sort KEY [asc|desc]", ":help", ":quit"} {
		if !strings.Contains(out, want) {
			t.Fatalf("full help lacks %q:\n%s", want, out)
		}
	}
	if !regexp.MustCompile(`(?m)^.*:\s+command`).MatchString(out) {
		t.Fatalf("full help lacks the ':' key:\n%s", out)
	}
	uitest.CheckFrame(t, out, 160, 60)
}

func TestPromptHistoryRunsAnEarlierCommandAgain(t *testing.T) {
	f := uitest.NewFake(10)
	m, u := start(t, f, 80, 24)
	command(u, "sort ImageCount asc")
	command(u, "sort FaceCount desc")
	keys(u, ":", "up", "up", "enter")
	if q := m.Top().(*views.Clusters).Query(); q != (state.ClusterQuery{Sort: "ImageCount", Order: "asc"}) {
		t.Fatalf("two ups and enter ran %+v", q)
	}
}

func TestPromptTabCompletesCommandNames(t *testing.T) {
	m, u := start(t, uitest.NewFake(10), 80, 24)
	keys(u, ":", "cl", "tab")
	if got := lastLine(m); !strings.HasPrefix(got, ":cluster ") {
		t.Fatalf("prompt after tab = %q", got)
	}
}

func TestColonIsInEveryViewsHelp(t *testing.T) {
	m, u, f := startWithCluster(t, 80, 24)
	check := func(where string) {
		if got := lastLine(m); !strings.Contains(got, ": command") {
			t.Fatalf("%s: help line lacks ': command': %q", where, got)
		}
	}
	check("clusters")
	keys(u, "enter")
	check("cluster")
	command(u, "file "+f.Rows[0].CoverURI)
	check("file")
}

func TestPromptAndMessageFitSmallTerminals(t *testing.T) {
	f := uitest.NewFake(10)
	m, u := start(t, f, 80, 24)
	sizes := [][2]int{{1, 1}, {20, 5}, {39, 9}, {40, 10}, {41, 11}, {50, 12}, {60, 15}, {80, 24}}
	check := func(when string) {
		t.Helper()
		for _, s := range sizes {
			u.Update(tea.WindowSizeMsg{Width: s[0], Height: s[1]})
			uitest.CheckFrame(t, m.View(), s[0], s[1])
		}
	}
	keys(u, ":", "file oss://bucket/"+strings.Repeat("深", 100)+"\x1b[31m/x.jpg")
	check("prompt")
	keys(u, "enter")
	check("view after enter")
	keys(u, "esc")
	command(u, "sort "+strings.Repeat("k", 500))
	check("long message")
}

// TestGoldenFileView is `:file` on the CJK video cover, real panes.
func TestGoldenFileView(t *testing.T) {
	for _, s := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(t *testing.T) {
			f := paneFake(t)
			uri := f.Clusters[grandpaID].Cover.URI
			m := ui.NewModel(ui.Options{Store: f, Endpoint: "http://127.0.0.1:8080", Region: ui.DemoRegion,
				ReadOnly: true, Styles: asciiStyles()})
			out := runModel(t, m, s[0], s[1], []step{{waitFor: "1 loaded"}, {key: ":"}, {key: "file " + uri},
				{key: "enter", waitFor: paneReady["Overview"]}})
			uitest.CheckFrame(t, out, s[0], s[1])
			golden.RequireEqual(t, []byte(out))
		})
	}
}

func TestColonTabListsEveryCommandAboveThePromptAndTheFrameFits(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		m, u := start(t, uitest.NewFake(10), size[0], size[1])
		keys(u, ":", "tab")
		frame := m.View()
		uitest.CheckFrame(t, frame, size[0], size[1])
		lines := strings.Split(frame, "\n")
		var above []string
		for i := len(lines) - 2; i >= 0 && !strings.Contains(lines[i], "calls"); i-- {
			above = append(above, lines[i]) // up to the status line
		}
		words := strings.Fields(strings.Join(above, " "))
		for _, name := range cmdline.Names() {
			if !slices.Contains(words, name) {
				t.Errorf("%dx%d: :<tab> does not show %q:\n%s", size[0], size[1], name, frame)
			}
		}
		keys(u, "esc")
		if got := m.View(); strings.Contains(got, "overview  files") {
			t.Fatalf("%dx%d: Esc left the candidates:\n%s", size[0], size[1], got)
		}
	}
}
