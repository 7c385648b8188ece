package ui_test

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/internal/teststack"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/views"
)

// BenchmarkFilesKeyDown100k is Update+View for one ↓ in the Files view
// with 100,000 files loaded, at 200x60 (the fake serves 10,000 a page so
// loading takes ten calls; the view's cost does not depend on it).
func BenchmarkFilesKeyDown100k(b *testing.B) {
	f := uitest.NewFake(0)
	f.AddExplore(100_000)
	f.Explore().FilesPageSize = 10_000
	m, u := startOverview(b, f, 200, 60)
	keys(u, "f")
	v := m.Top().(*views.Files)
	for v.Len() < 100_000 {
		keys(u, "pgdown")
	}
	keys(u, "g")
	down, up := tea.KeyMsg{Type: tea.KeyDown}, tea.KeyMsg{Type: tea.KeyUp}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := down
		if (i/500)%2 == 1 { // stay near the top: no page requests
			k = up
		}
		m.Update(k)
		_ = m.View()
	}
}

// BenchmarkOverviewFrame100k is Update+View for one ↓ on the overview of
// the generated 100,000-file dataset (its real aggregations, from the
// emulator), at 200x60. The round trip itself is state's
// BenchmarkExplore100k/Overview.
func BenchmarkOverviewFrame100k(b *testing.B) {
	s := teststack.Start(b, teststack.Options{Dataset: dataset.Options{Seed: 1, Files: 100_000}})
	m := ui.NewModel(ui.Options{StartOn: ui.StartOverview, Store: s.Store, Endpoint: s.Emulator.URL(), ReadOnly: true, Styles: asciiStyles(),
		Languages: []string{"zh", "en"}, Location: time.UTC})
	u := &uitest.ModelUpdater{M: m}
	u.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
	uitest.Run(u, m.Init())
	b.Cleanup(func() { m.Update(uitest.Key("ctrl+c")) })
	if o := m.Top().(*views.Overview); !o.Loaded() {
		b.Fatal("the overview did not load")
	}
	down, up := tea.KeyMsg{Type: tea.KeyDown}, tea.KeyMsg{Type: tea.KeyUp}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := down
		if (i/20)%2 == 1 {
			k = up
		}
		m.Update(k)
		_ = m.View()
	}
}
