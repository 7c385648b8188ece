package ui_test

import (
	"strings"
	"testing"

	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
)

// helpLines is every line of :help, its spaces collapsed, paging down
// through it.
func helpLines(t *testing.T, m *ui.Model, u *uitest.ModelUpdater) map[string]bool {
	t.Helper()
	command(u, "help")
	seen := map[string]bool{}
	for i := 0; i < 10; i++ {
		for _, l := range strings.Split(m.View(), "\n") {
			seen[strings.Join(strings.Fields(l), " ")] = true
		}
		keys(u, "pgdown")
	}
	return seen
}

// P works everywhere in a session with projects to pick from, so the keys
// that work everywhere list it; a session of one dataset has no picker,
// and neither the key nor its help line.
func TestTheKeysEverywhereListPWhenThereAreProjectsToPick(t *testing.T) {
	s := startPicker(t, uitest.NewFakeCatalog(3), nil, 80, 24)
	keys(s.u, "enter", "enter") // a dataset's clusters, the pickers below
	if !helpLines(t, s.m, s.u)["P projects"] {
		t.Error("with a catalog, :help does not list P projects")
	}

	f := uitest.NewFake(10)
	m, u := start(t, f, 80, 24)
	if helpLines(t, m, u)["P projects"] {
		t.Error("without a catalog, :help lists P projects")
	}
	keys(u, "esc", "P")
	if m.Depth() != 1 {
		t.Fatalf("P without a catalog opened %T", m.Top())
	}
}
