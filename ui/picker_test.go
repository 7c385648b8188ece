package ui_test

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/keymap"
	"github.com/immtui/immtui/ui/views"
)

// closingFake is a fake store that records its Close.
type closingFake struct {
	*uitest.Fake
	closed bool
}

func (c *closingFake) Close() { c.closed = true }

// pickerSession is the browser opened on the picker, with a fake catalog
// and fake stores.
type pickerSession struct {
	m      *ui.Model
	u      *uitest.ModelUpdater
	cat    *uitest.FakeCatalog
	opened []*closingFake
}

func startPicker(t *testing.T, cat *uitest.FakeCatalog, recent *views.Recent, w, h int, edit ...func(*ui.Options)) *pickerSession {
	t.Helper()
	s := &pickerSession{cat: cat}
	o := ui.Options{
		Endpoint: "https://imm.cn-hangzhou.aliyuncs.com", Region: "cn-hangzhou", ReadOnly: true,
		Styles: asciiStyles(), NewPanes: uitest.StubPanes, Catalog: cat, Recent: recent,
		Credentials: "profile default (cli_profile)",
		Open: func(p, d string) views.Data {
			f := uitest.NewFake(30)
			f.Proj, f.Data = p, d
			c := &closingFake{Fake: f}
			s.opened = append(s.opened, c)
			return c
		},
	}
	for _, e := range edit {
		e(&o)
	}
	s.m = ui.NewModel(o)
	s.u = &uitest.ModelUpdater{M: s.m}
	s.u.Update(tea.WindowSizeMsg{Width: w, Height: h})
	uitest.Run(s.u, s.m.Init())
	t.Cleanup(func() { s.m.Update(uitest.Key("ctrl+c")) })
	return s
}

func (s *pickerSession) header() string { return strings.SplitN(s.m.View(), "\n", 2)[0] }

func TestPickerEnterTwiceShowsTheClustersOfTheDatasetChosen(t *testing.T) {
	s := startPicker(t, uitest.NewFakeCatalog(3), nil, 120, 30)
	if _, ok := s.m.Top().(*views.Projects); !ok {
		t.Fatalf("opened on %T", s.m.Top())
	}
	if h := s.header(); !strings.Contains(h, "profile default (cli_profile)") || strings.Contains(h, "project ") {
		t.Fatalf("header in the projects picker: %q", h)
	}
	keys(s.u, "enter")
	if d, ok := s.m.Top().(*views.Datasets); !ok || d.Project() != "p-000" || !strings.Contains(s.header(), "project p-000") {
		t.Fatalf("after enter: %T, header %q", s.m.Top(), s.header())
	}
	keys(s.u, "enter")
	if _, ok := s.m.Top().(*views.Clusters); !ok || len(s.opened) != 1 || s.opened[0].Proj != "p-000" || s.opened[0].Data != "photos" {
		t.Fatalf("after enter twice: %T, opened %d", s.m.Top(), len(s.opened))
	}
	if p, d, ok := s.m.Browsed(); !ok || p != "p-000" || d != "photos" {
		t.Fatalf("browsed %q %q %v", p, d, ok)
	}
	if h := s.header(); !strings.Contains(h, "project p-000") || !strings.Contains(h, "dataset photos") {
		t.Fatalf("header on the clusters: %q", h)
	}
	if !strings.Contains(s.m.View(), "Projects > p-000 > photos > Clusters") {
		t.Fatalf("crumbs:\n%s", s.m.View())
	}
	// :dataset switches within the project; the store left is closed.
	command(s.u, "dataset scans")
	if len(s.opened) != 2 || !s.opened[0].closed || s.opened[1].Data != "scans" || s.m.Depth() != 3 {
		t.Fatalf(":dataset scans: opened %d, first closed %v, depth %d", len(s.opened), s.opened[0].closed, s.m.Depth())
	}
	keys(s.u, "esc")
	if _, ok := s.m.Top().(*views.Datasets); !ok {
		t.Fatalf("esc from the clusters: %T", s.m.Top())
	}
	command(s.u, "projects")
	if _, ok := s.m.Top().(*views.Projects); !ok || s.m.Depth() != 1 {
		t.Fatalf(":projects: %T depth %d", s.m.Top(), s.m.Depth())
	}
	s.m.CloseData()
	if !s.opened[1].closed {
		t.Fatal("CloseData left the store open")
	}
}

func TestDatasetsCommandAndPKeyReturnToThePickersFromADataset(t *testing.T) {
	f := uitest.NewFake(10)
	s := startPicker(t, uitest.NewFakeCatalog(3), nil, 120, 30, func(o *ui.Options) { o.Store = f })
	if _, ok := s.m.Top().(*views.Clusters); !ok || s.m.Depth() != 1 {
		t.Fatalf("a Store opens on its clusters: %T", s.m.Top())
	}
	command(s.u, "datasets")
	if d, ok := s.m.Top().(*views.Datasets); !ok || d.Project() != "demo-project" || s.m.Depth() != 2 {
		t.Fatalf(":datasets: %T depth %d", s.m.Top(), s.m.Depth())
	}
	keys(s.u, "esc")
	if _, ok := s.m.Top().(*views.Projects); !ok {
		t.Fatalf("esc from the datasets: %T", s.m.Top())
	}
	keys(s.u, "enter", "enter")
	keys(s.u, "P")
	if _, ok := s.m.Top().(*views.Projects); !ok || s.m.Depth() != 1 {
		t.Fatalf("P: %T depth %d", s.m.Top(), s.m.Depth())
	}
}

func TestTheRecentDatasetOpensWithItsPickersBelow(t *testing.T) {
	s := startPicker(t, uitest.NewFakeCatalog(3), &views.Recent{Project: "p-002", Dataset: "scans"}, 120, 30)
	keys(s.u, "enter")
	if _, ok := s.m.Top().(*views.Clusters); !ok || s.opened[0].Data != "scans" || s.m.Depth() != 3 {
		t.Fatalf("enter on the recent row: %T depth %d", s.m.Top(), s.m.Depth())
	}
	keys(s.u, "esc")
	if d, ok := s.m.Top().(*views.Datasets); !ok || d.Project() != "p-002" || !strings.Contains(s.m.View(), "> scans") {
		t.Fatalf("below the recent dataset: %T\n%s", s.m.Top(), s.m.View())
	}
}

func TestAFilterBeingTypedTakesQAndEsc(t *testing.T) {
	s := startPicker(t, uitest.NewFakeCatalog(30), nil, 120, 30)
	if quit := keys(s.u, "/", "q"); quit {
		t.Fatal("q in the filter quit")
	}
	keys(s.u, "esc")
	if s.m.Depth() != 1 || !strings.Contains(s.m.View(), "p-000") {
		t.Fatalf("esc did not just clear the filter:\n%s", s.m.View())
	}
}

func TestConfiguredKeysReplaceTheBuiltInOnes(t *testing.T) {
	st := asciiStyles()
	st.Bindings = keymap.Bindings{keymap.Quit: {"x"}, keymap.Down: {"n"}}
	s := startPicker(t, uitest.NewFakeCatalog(5), nil, 120, 30, func(o *ui.Options) { o.Styles = st })
	keys(s.u, "n")
	if !strings.Contains(s.m.View(), "> p-001") {
		t.Fatalf("n did not move down:\n%s", s.m.View())
	}
	if quit := keys(s.u, "q"); quit {
		t.Fatal("q still quits")
	}
	if quit := keys(s.u, "x"); !quit {
		t.Fatal("x does not quit")
	}
}

func TestGoldenPickers(t *testing.T) {
	for _, sz := range goldenSizes {
		t.Run(fmt.Sprintf("projects-%dx%d", sz[0], sz[1]), func(t *testing.T) {
			s := startPicker(t, uitest.NewFakeCatalog(300), &views.Recent{Project: "p-007", Dataset: "photos"}, sz[0], sz[1])
			keys(s.u, "down", "down")
			golden.RequireEqual(t, []byte(s.m.View()))
		})
		t.Run(fmt.Sprintf("filtered-%dx%d", sz[0], sz[1]), func(t *testing.T) {
			s := startPicker(t, uitest.NewFakeCatalog(300), nil, sz[0], sz[1])
			keys(s.u, "/", "2", "9")
			golden.RequireEqual(t, []byte(s.m.View()))
		})
		t.Run(fmt.Sprintf("datasets-%dx%d", sz[0], sz[1]), func(t *testing.T) {
			s := startPicker(t, uitest.NewFakeCatalog(3), nil, sz[0], sz[1])
			keys(s.u, "down", "enter")
			golden.RequireEqual(t, []byte(s.m.View()))
		})
	}
}
