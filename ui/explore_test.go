package ui_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/internal/teststack"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/views"
)

// The explore screens against the emulator: every expectation is computed
// from the generated dataset.

func startExplore(t *testing.T, w, h int) (*teststack.Stack, *ui.Model, *uitest.ModelUpdater) {
	t.Helper()
	s := startStack(t, 40)
	m := ui.NewModel(ui.Options{StartOn: ui.StartOverview, Store: s.Store, Endpoint: s.Emulator.URL(), ReadOnly: true, Styles: asciiStyles(),
		Languages: []string{"zh", "en"}, Location: time.UTC})
	u := &uitest.ModelUpdater{M: m}
	u.Update(tea.WindowSizeMsg{Width: w, Height: h})
	t.Cleanup(func() { m.Update(uitest.Key("ctrl+c")) })
	uitest.Run(u, m.Init())
	return s, m, u
}

func TestOverviewIsTheFirstScreenAndItsCountsAreTheDatasets(t *testing.T) {
	s, m, u := startExplore(t, 120, 40)
	o, ok := m.Top().(*views.Overview)
	if !ok || !o.Loaded() {
		t.Fatalf("first screen is %T, loaded %v:\n%s", m.Top(), ok, m.View())
	}
	types := map[string]int64{}
	var size int64
	for _, f := range s.Data.Files {
		types[f.MediaType]++
		size += f.Size
	}
	got := o.Data()
	if got.Files != int64(len(s.Data.Files)) || int64(got.TotalSize) != size {
		t.Fatalf("overview has %d files of %v bytes, the dataset %d of %d", got.Files, got.TotalSize, len(s.Data.Files), size)
	}
	for _, g := range got.MediaTypes.Groups {
		if types[g.Value] != g.Count {
			t.Errorf("type %s: overview %d, dataset %d", g.Value, g.Count, types[g.Value])
		}
	}
	screen := m.View()
	uitest.CheckFrame(t, screen, 120, 40)
	if !strings.Contains(screen, "Files "+format.Count(int64(len(s.Data.Files)))) {
		t.Fatalf("the overview does not show the file count:\n%s", screen)
	}
	// The overview cost one round trip: one call of each kind, and the
	// years beside it.
	for _, a := range []string{"GetDataset", "QueryFigureClusters"} {
		if n := len(s.Calls(a)); n != 1 {
			t.Errorf("%s calls = %d, want 1", a, n)
		}
	}
	keys(u, "c")
	if _, ok := m.Top().(*views.Clusters); !ok || m.Depth() != 2 {
		t.Fatalf("c did not open the clusters: %T", m.Top())
	}
}

// videosOf is the URIs of the dataset's videos with a city starting with
// city and a ProduceTime in year (UTC), the ground truth of a :find.
func videosOf(s *teststack.Stack, city string, year int) []string {
	var out []string
	for _, f := range s.Data.Files {
		t, err := time.Parse(time.RFC3339Nano, f.ProduceTime)
		if f.MediaType != "video" || err != nil || t.UTC().Year() != year {
			continue
		}
		if slices.ContainsFunc(f.Addresses, func(a imm.Address) bool { return strings.HasPrefix(a.City, city) }) {
			out = append(out, f.URI)
		}
	}
	slices.Sort(out)
	return out
}

func TestFindListsTheFilesTheDatasetSaysAndOpensOne(t *testing.T) {
	s, m, u := startExplore(t, 120, 40)
	// The year with the most videos from 杭州 (the generator's choice).
	year, want := 0, []string(nil)
	for y := 2015; y <= 2026; y++ {
		if w := videosOf(s, "杭州", y); len(w) > len(want) {
			year, want = y, w
		}
	}
	if len(want) == 0 {
		t.Skip("the generated dataset has no video from 杭州")
	}
	query := "type:video city:杭州 after:" + strconv.Itoa(year) + "-01 before:" + strconv.Itoa(year+1) + "-01"
	command(u, "find "+query)
	f, ok := m.Top().(*views.Files)
	if !ok {
		t.Fatalf("top is %T:\n%s", m.Top(), m.View())
	}
	var got []string
	for i := 0; i < f.Len(); i++ {
		got = append(got, f.Row(i).URI)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) || f.Total() != int64(len(want)) {
		t.Fatalf("find %q: %d files (total %d), want %d:\n%v\n%v", query, len(got), f.Total(), len(want), got, want)
	}
	screen := m.View()
	uitest.CheckFrame(t, screen, 120, 40)
	if !strings.Contains(screen, "Find "+query+" "+format.Plural(int64(len(want)), "file", "files")) {
		t.Fatalf("the title lacks the query and the total:\n%s", screen)
	}
	keys(u, "enter")
	fv, ok := m.Top().(*views.File)
	if !ok || fv.URI() != f.Row(0).URI {
		t.Fatalf("enter opened %T, not the first file:\n%s", m.Top(), m.View())
	}
	if !strings.Contains(m.View(), "Filename      "+f.Row(0).Filename) {
		t.Fatalf("the file's panes did not load:\n%s", m.View())
	}
	keys(u, "esc", "esc")
	if _, ok := m.Top().(*views.Overview); !ok {
		t.Fatalf("two Esc did not come back to the overview: %T", m.Top())
	}
}

func TestEnterOnAGroupListsItsFiles(t *testing.T) {
	s, m, u := startExplore(t, 120, 40)
	o := m.Top().(*views.Overview)
	sel := o.Selected() // the first group: the commonest media type
	keys(u, "enter")
	f, ok := m.Top().(*views.Files)
	if !ok || f.Text() != sel {
		t.Fatalf("enter on %q opened %T", sel, m.Top())
	}
	typ := strings.TrimPrefix(sel, "type=")
	var n int64
	for _, file := range s.Data.Files {
		if file.MediaType == typ {
			n++
		}
	}
	if f.Total() != n || f.Len() == 0 {
		t.Fatalf("%s: %d files (loaded %d), the dataset has %d", sel, f.Total(), f.Len(), n)
	}
	for i := 0; i < f.Len(); i++ {
		if f.Row(i).MediaType != typ {
			t.Fatalf("row %d is a %s", i, f.Row(i).MediaType)
		}
	}
}
