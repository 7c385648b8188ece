package ui_test

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/views"
)

// Dates typed in the find prompt are read in Options.Location, not in the
// process's zone: the tests set no global, and a frame or a query is the
// same wherever they run.
func TestTheFindPromptReadsDatesInTheOptionsZone(t *testing.T) {
	f := exploreFake(20)
	m := ui.NewModel(ui.Options{StartOn: ui.StartOverview, Store: f, Endpoint: "http://127.0.0.1:8080", ReadOnly: true,
		Styles: asciiStyles(), NewPanes: uitest.StubPanes, Location: time.FixedZone("", -5*3600)})
	u := &uitest.ModelUpdater{M: m}
	u.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	uitest.Run(u, m.Init())
	t.Cleanup(func() { m.Update(uitest.Key("ctrl+c")) })

	keys(u, "F", "after:2024-01", "enter")
	if _, ok := m.Top().(*views.Files); !ok {
		t.Fatalf("the find did not run: %T\n%s", m.Top(), m.View())
	}
	calls := f.FilesRequests()
	q := calls[len(calls)-1].Query.Query
	if q == nil || q.Field != "ProduceTime" || q.Value != "2024-01-01T00:00:00-05:00" {
		t.Fatalf("sent %+v, want ProduceTime from 2024-01-01T00:00:00-05:00", q)
	}
}
