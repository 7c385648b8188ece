package ui_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/views"
)

// statusLine is the frame's status line (above the help line).
func statusLine(m *ui.Model) string {
	lines := strings.Split(m.View(), "\n")
	return lines[len(lines)-2]
}

func TestSlashFiltersTheClustersListLiveAndEscClearsIt(t *testing.T) {
	m, u := start(t, uitest.NewFake(250), 120, 40)
	cl := m.Top().(*views.Clusters)
	want := 0
	for _, r := range cl.Rows() {
		if strings.Contains(strings.ToLower(r.Name), "bob") {
			want++
		}
	}
	keys(u, "/", "b", "O")
	if got := lastLine(m); !strings.HasPrefix(got, "/bO_") {
		t.Fatalf("input line = %q", got)
	}
	keys(u, "b")
	status := "/bOb: " + strconv.Itoa(want) + " of 100"
	if got := statusLine(m); !strings.HasPrefix(got, status) {
		t.Fatalf("status = %q, want it to start with %q", got, status)
	}
	body := strings.Split(m.View(), "\n")[4 : 4+want]
	for _, l := range body {
		if !strings.Contains(l, "Bob") {
			t.Fatalf("row %q does not hold Bob:\n%s", l, m.View())
		}
	}
	// Enter keeps the filter and gives the keys back: Enter opens a Bob.
	keys(u, "enter", "enter")
	c, ok := m.Top().(*views.Cluster)
	if !ok || !strings.Contains(c.Crumb(), "Bob") {
		t.Fatalf("Enter on the filtered list opened %T %q", m.Top(), m.Top().Crumb())
	}
	keys(u, "esc")
	if got := statusLine(m); !strings.HasPrefix(got, status) {
		t.Fatalf("back on the list the filter is gone: %q", got)
	}
	// Esc clears the filter first, and goes back only after.
	keys(u, "esc")
	if m.Top() != cl || strings.Contains(statusLine(m), "/bOb") || cl.FilterTable().Len() != 100 {
		t.Fatalf("Esc did not clear the filter: top %T, status %q", m.Top(), statusLine(m))
	}
}

func TestFilterInputEscClearsAndBackspaceEdits(t *testing.T) {
	m, u := start(t, uitest.NewFake(250), 80, 24)
	tbl := m.Top().(*views.Clusters).FilterTable()
	keys(u, "/", "q", "x")
	if tbl.Filter() != "qx" || tbl.Len() != 0 {
		t.Fatalf("filter %q shows %d rows", tbl.Filter(), tbl.Len())
	}
	if got := statusLine(m); !strings.HasPrefix(got, "/qx: 0 of 100") {
		t.Fatalf("status = %q", got)
	}
	keys(u, "backspace", "backspace")
	if tbl.Filter() != "" || tbl.Len() != 100 {
		t.Fatalf("after two Backspaces: filter %q, %d rows", tbl.Filter(), tbl.Len())
	}
	keys(u, "z", "esc")
	if tbl.Filter() != "" || m.Depth() != 1 || strings.HasPrefix(lastLine(m), "/") {
		t.Fatalf("Esc in the input: filter %q, depth %d, last line %q", tbl.Filter(), m.Depth(), lastLine(m))
	}
}

func TestSlashFiltersMembersByFileName(t *testing.T) {
	f, _ := membersFake()
	m, u := start(t, f, 100, 30)
	keys(u, "enter", "m", "/", "0", "0", "1")
	c := m.Top().(*views.Cluster)
	tbl := c.FilterTable()
	// 0001.jpg, 0010.jpg..0019.jpg, and 0014.jpg holds two faces of it.
	if tbl == nil || tbl.Len() != 12 {
		t.Fatalf("filter 001 shows %v rows, want 12:\n%s", tbl.Len(), m.View())
	}
	if uri, _ := c.Members().Row(c.Members().Cursor()); !strings.Contains(uri, "/001") {
		t.Fatalf("cursor on %s", uri)
	}
	keys(u, "enter", "c")
	if c.FilterTable() != nil {
		t.Fatal("the cover's tabs offer a list to filter")
	}
}

func TestSlashWithoutAListSaysSo(t *testing.T) {
	m, u, _ := startWithCluster(t, 80, 24)
	command(u, "file oss://demo-bucket/photos/0000.jpg")
	keys(u, "/")
	if got := lastLine(m); got != "/ filters a list; this view shows none" {
		t.Fatalf("status = %q", got)
	}
}

// stubView is a view that records Close.
type stubView struct {
	name   string
	closed bool
}

func (s *stubView) ShortHelp() []key.Binding    { return nil }
func (s *stubView) FullHelp() [][]key.Binding   { return nil }
func (s *stubView) Init() tea.Cmd               { return nil }
func (s *stubView) Update(tea.Msg) tea.Cmd      { return nil }
func (s *stubView) View() string                { return s.name }
func (s *stubView) SetSize(int, int)            {}
func (s *stubView) Crumb() string               { return s.name }
func (s *stubView) Err() error                  { return nil }
func (s *stubView) Close()                      { s.closed = true }
func push(u *uitest.ModelUpdater, v views.View) { uitest.Run(u, u.Update(views.PushMsg{View: v})) }
func crumbs(m *ui.Model) string                 { return strings.Split(m.View(), "\n")[1] }
func assertCrumbs(t *testing.T, m *ui.Model, want string) {
	t.Helper()
	if got := strings.TrimSpace(crumbs(m)); got != want {
		t.Fatalf("crumbs %q, want %q", got, want)
	}
}

func TestBracketsGoBackAndForwardThroughThePlacesVisited(t *testing.T) {
	m, u := start(t, uitest.NewFake(10), 80, 24)
	a, b := &stubView{name: "A"}, &stubView{name: "B"}
	push(u, a)
	keys(u, "esc")
	push(u, b)
	// Places: Clusters, Clusters>A, Clusters, Clusters>B.
	assertCrumbs(t, m, "Clusters > B")
	keys(u, "[")
	assertCrumbs(t, m, "Clusters")
	keys(u, "[")
	assertCrumbs(t, m, "Clusters > A")
	if a.closed {
		t.Fatal("A was closed while the history holds it")
	}
	keys(u, "]")
	assertCrumbs(t, m, "Clusters")
	keys(u, "-") // back to the place shown before: A
	assertCrumbs(t, m, "Clusters > A")
	keys(u, "-")
	assertCrumbs(t, m, "Clusters")
	keys(u, "]", "]", "]") // the last place, then nothing further
	assertCrumbs(t, m, "Clusters > B")
	if n, at := m.Places(); n != 4 || at != 3 {
		t.Fatalf("places %d at %d, want 4 at 3", n, at)
	}
	// Going somewhere new from an earlier place drops the places ahead:
	// B, held by no place left, is closed.
	keys(u, "[")
	c := &stubView{name: "C"}
	push(u, c)
	assertCrumbs(t, m, "Clusters > C")
	if !b.closed || a.closed {
		t.Fatalf("closed: A %v B %v, want B only", a.closed, b.closed)
	}
	keys(u, "ctrl+c")
	if !a.closed || !c.closed {
		t.Fatal("quitting left views open")
	}
}

func TestHistoryForgetsOldPlacesAndClosesTheirViews(t *testing.T) {
	m, u := start(t, uitest.NewFake(10), 80, 24)
	first := &stubView{name: "first"}
	push(u, first)
	keys(u, "esc")
	for i := 0; i < 30; i++ {
		push(u, &stubView{name: "v" + strconv.Itoa(i)})
		keys(u, "esc")
	}
	if n, _ := m.Places(); n != 50 {
		t.Fatalf("%d places, want the bound 50", n)
	}
	if !first.closed {
		t.Fatal("a view no place holds is still open")
	}
}

func TestEnterOnAFilterMatchingNothingOpensNothing(t *testing.T) {
	m, u := start(t, uitest.NewFake(250), 80, 24)
	keys(u, "/", "z", "z", "z", "enter", "enter", "y", "Y", "e")
	if m.Depth() != 1 {
		t.Fatalf("Enter with no row shown opened %q", m.Top().Crumb())
	}
	f, _ := membersFake()
	m, u = start(t, f, 80, 24)
	keys(u, "enter", "m", "/", "z", "z", "z", "enter", "enter", "y")
	if m.Depth() != 2 || !strings.Contains(m.View(), "nothing selected to copy") {
		t.Fatalf("Members with no row shown: depth %d\n%s", m.Depth(), m.View())
	}
}

func TestBracketsAtTheEndsOfTheHistorySaySo(t *testing.T) {
	m, u := start(t, uitest.NewFake(10), 80, 24)
	keys(u, "[")
	if got := statusLine(m); !strings.Contains(got, "no older place") {
		t.Fatalf("[ at the oldest place: status %q, want it to say there is none", got)
	}
	keys(u, "j") // the notice lasts until the next key
	if got := statusLine(m); strings.Contains(got, "no older place") {
		t.Fatalf("the notice outlived the next key: %q", got)
	}
	push(u, &stubView{name: "A"})
	keys(u, "]")
	if got := statusLine(m); !strings.Contains(got, "no newer place") {
		t.Fatalf("] at the newest place: status %q, want it to say there is none", got)
	}
	keys(u, "[")
	assertCrumbs(t, m, "Clusters")
	if got := statusLine(m); strings.Contains(got, "place") {
		t.Fatalf("[ that moved still says %q", got)
	}
}
