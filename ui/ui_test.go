package ui_test

import (
	"math/rand"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/views"
)

// start makes the browser at w x h with its first page loaded.
func start(t testing.TB, f *uitest.Fake, w, h int) (*ui.Model, *uitest.ModelUpdater) {
	m := newModel(f)
	u := &uitest.ModelUpdater{M: m}
	u.Update(tea.WindowSizeMsg{Width: w, Height: h})
	uitest.Run(u, m.Init())
	if tt, ok := t.(*testing.T); ok {
		tt.Cleanup(func() { m.Update(uitest.Key("ctrl+c")) })
	}
	return m, u
}

// startWithCluster is the browser over ten clusters, the first with its
// cover file, at w x h: where most key tests begin.
func startWithCluster(t *testing.T, w, h int) (*ui.Model, *uitest.ModelUpdater, *uitest.Fake) {
	t.Helper()
	f := uitest.NewFake(10)
	f.AddCluster(0)
	m, u := start(t, f, w, h)
	return m, u, f
}

// checkFramesFitEverySize resizes the browser from 1x1 to 140x50, then
// opens the full help at three sizes: every frame fits its size.
func checkFramesFitEverySize(t *testing.T, m *ui.Model, u *uitest.ModelUpdater) {
	t.Helper()
	for w := 1; w <= 140; w += 3 {
		for h := 1; h <= 50; h += 2 {
			u.Update(tea.WindowSizeMsg{Width: w, Height: h})
			uitest.CheckFrame(t, m.View(), w, h)
		}
	}
	keys(u, "?")
	for _, sz := range [][2]int{{40, 10}, {80, 24}, {120, 40}} {
		u.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		uitest.CheckFrame(t, m.View(), sz[0], sz[1])
	}
}

func keys(u *uitest.ModelUpdater, names ...string) (quit bool) {
	for _, k := range names {
		_, q := uitest.Run(u, u.Update(uitest.Key(k)))
		quit = quit || q
	}
	return quit
}

func TestTooSmallTerminalSaysSo(t *testing.T) {
	m, _ := start(t, uitest.NewFake(10), 39, 24)
	if got := m.View(); got != "terminal too small (need 40x10)" {
		t.Fatalf("39x24 view = %q", got)
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 9})
	if !strings.HasPrefix(m.View(), "terminal too small") {
		t.Fatalf("80x9 view = %q", m.View())
	}
	m.Update(tea.WindowSizeMsg{Width: 40, Height: 10})
	if strings.Contains(m.View(), "too small") {
		t.Fatalf("40x10 should draw the browser:\n%s", m.View())
	}
}

func TestEveryFrameFitsTheTerminal(t *testing.T) {
	t.Parallel() // heavy: it runs beside the package\'s other tests
	f := uitest.NewFake(300)
	f.Rows[0].Name = "很长的名字" + strings.Repeat("字", 100) + "\x1b[31mred\x1b]52;c;AAAA\x07"
	f.Rows[1].Name = "tab\there\nnewline \u202eevil"
	f.AddCluster(0)
	f.AddCluster(1)
	m, u := start(t, f, 80, 24)
	sizes := [][2]int{{1, 1}, {0, 0}, {2, 3}, {39, 9}, {40, 10}, {41, 11}, {80, 24}, {120, 40}, {200, 60}, {300, 100}}
	rnd := rand.New(rand.NewSource(1))
	for i := 0; i < 150; i++ {
		sizes = append(sizes, [2]int{1 + rnd.Intn(300), 1 + rnd.Intn(100)})
	}
	check := func(when string) {
		for _, s := range sizes {
			u.Update(tea.WindowSizeMsg{Width: s[0], Height: s[1]})
			frame := m.View()
			if s[0] == 0 || s[1] == 0 {
				if frame != "" {
					t.Fatalf("%s: 0-size frame %q", when, frame)
				}
				continue
			}
			uitest.CheckFrame(t, frame, s[0], s[1])
		}
	}
	check("clusters")
	keys(u, "?")
	check("clusters, full help")
	keys(u, "?")
	u.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	keys(u, "enter")
	for _, p := range []string{"1", "2", "3", "4", "5", "6", "7"} {
		keys(u, p)
		check("cluster pane " + p)
	}
	keys(u, "esc", "down", "enter")
	check("cluster with hostile name")
}

func TestEscAndBackspaceGoBack(t *testing.T) {
	m, u, f := startWithCluster(t, 100, 30)
	keys(u, "enter")
	if m.Depth() != 2 {
		t.Fatalf("depth after enter = %d", m.Depth())
	}
	if !strings.Contains(m.View(), "Clusters > "+f.Rows[0].Name) {
		t.Fatalf("breadcrumbs:\n%s", m.View())
	}
	keys(u, "esc")
	if m.Depth() != 1 {
		t.Fatalf("depth after esc = %d", m.Depth())
	}
	keys(u, "enter", "backspace")
	if m.Depth() != 1 {
		t.Fatalf("depth after backspace = %d", m.Depth())
	}
	if quit := keys(u, "esc"); quit || m.Depth() != 1 {
		t.Fatal("esc on the first view must stay")
	}
}

func TestQQuitsFromTheTopAndGoesBackElsewhere(t *testing.T) {
	m, u, _ := startWithCluster(t, 100, 30)
	keys(u, "enter")
	if quit := keys(u, "q"); quit || m.Depth() != 1 {
		t.Fatalf("q in a cluster: quit=%v depth=%d, want back", quit, m.Depth())
	}
	if quit := keys(u, "q"); !quit {
		t.Fatal("q on the clusters list did not quit")
	}
}

func TestCtrlCAlwaysQuits(t *testing.T) {
	_, u, _ := startWithCluster(t, 100, 30)
	keys(u, "enter", "2")
	if quit := keys(u, "ctrl+c"); !quit {
		t.Fatal("ctrl+c did not quit")
	}
}

func TestOpenClusterMessagePushesAnotherCluster(t *testing.T) {
	f := uitest.NewFake(10)
	f.AddCluster(0)
	f.AddCluster(1)
	m, u := start(t, f, 100, 30)
	keys(u, "enter", "2", "enter") // the stub Faces pane opens Cluster-0001
	if m.Depth() != 3 {
		t.Fatalf("depth = %d, want 3", m.Depth())
	}
	c, ok := m.Top().(*views.Cluster)
	if !ok || c.ID() != f.Rows[1].ID {
		t.Fatalf("top = %#v, want cluster 1", m.Top())
	}
	if !strings.Contains(m.View(), "Clusters > "+f.Rows[0].Name+" > "+f.Rows[1].Name) {
		t.Fatalf("breadcrumbs:\n%s", m.View())
	}
}

func TestHeaderShowsWhereAndReadOnly(t *testing.T) {
	m, _ := start(t, uitest.NewFake(10), 120, 30)
	first := strings.Split(m.View(), "\n")[0]
	for _, want := range []string{"endpoint http://127.0.0.1:8080", "region cn-hangzhou", "project demo-project", "dataset demo-dataset", "read-only"} {
		if !strings.Contains(first, want) {
			t.Fatalf("header lacks %q: %q", want, first)
		}
	}
	m.Update(tea.WindowSizeMsg{Width: 40, Height: 10})
	if first := strings.Split(m.View(), "\n")[0]; !strings.HasSuffix(first, "read-only ") {
		t.Fatalf("narrow header lost the read-only marker: %q", first)
	}
}

func TestQuestionMarkTogglesFullHelp(t *testing.T) {
	m, u := start(t, uitest.NewFake(10), 120, 30)
	short := m.View()
	keys(u, "?")
	full := m.View()
	if !strings.Contains(full, "page down") || strings.Contains(short, "page down") {
		t.Fatalf("full help not shown:\n%s", full)
	}
	uitest.CheckFrame(t, full, 120, 30)
}

func TestStatusLineShowsTheErrorWithItsRequestID(t *testing.T) {
	f := uitest.NewFake(10)
	f.AddCluster(0)
	f.ClusterErr = errNotFound
	m, u := start(t, f, 120, 30)
	keys(u, "enter")
	lines := strings.Split(m.View(), "\n")
	status := lines[len(lines)-2]
	if !strings.Contains(status, "ResourceNotFound") || !strings.Contains(status, "RID-X") {
		t.Fatalf("status line = %q", status)
	}
}

func TestTypedAheadRunesEachCount(t *testing.T) {
	m, u := start(t, uitest.NewFake(50), 100, 30)
	u.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jjj")})
	list := m.Top().(*views.Clusters)
	if list.Cursor() != 3 {
		t.Fatalf("cursor after \"jjj\" = %d, want 3", list.Cursor())
	}
}
