package ui_test

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/internal/teststack"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/panes"
	"github.com/immtui/immtui/ui/views"
)

// startStack is the real thing: the generated demo dataset (seed 7) in the
// emulator, the real client signing requests over loopback, the real
// store and panes.
func startStack(t *testing.T, clusters int) *teststack.Stack {
	t.Helper()
	return teststack.Start(t, teststack.Options{Dataset: dataset.Options{Seed: 7, Clusters: clusters}})
}

// browseStack is the browser on the stack's store at w x h, its first
// page loaded.
func browseStack(t *testing.T, s *teststack.Stack, w, h int) (*ui.Model, *uitest.ModelUpdater) {
	t.Helper()
	m := ui.NewModel(ui.Options{Store: s.Store, Endpoint: s.Emulator.URL(), ReadOnly: true, Styles: asciiStyles()})
	u := &uitest.ModelUpdater{M: m}
	u.Update(tea.WindowSizeMsg{Width: w, Height: h})
	t.Cleanup(func() { m.Update(uitest.Key("ctrl+c")) })
	uitest.Run(u, m.Init())
	return m, u
}

// listCalls are the SimpleQuery pages of the Members and Problems lists:
// they ask for Filename, the quality strips' pages (the clusters list's
// review figures) do not.
func listCalls(s *teststack.Stack) []emulator.Call {
	var out []emulator.Call
	for _, c := range s.Calls("SimpleQuery") {
		if strings.Contains(c.Params.Get("WithFields"), "Filename") {
			out = append(out, c)
		}
	}
	return out
}

// withFields is the WithFields a BatchGetFileMeta call asked for (nil: all).
func withFields(t *testing.T, c emulator.Call) []string {
	raw := c.Params.Get("WithFields")
	if raw == "" {
		return nil
	}
	var f []string
	if err := json.Unmarshal([]byte(raw), &f); err != nil {
		t.Fatalf("WithFields %q: %v", raw, err)
	}
	sort.Strings(f)
	return f
}

func paneRequestFields(fields []string) []string {
	if fields == nil {
		return nil
	}
	f := append([]string{"URI"}, fields...)
	sort.Strings(f)
	return slices.Compact(f)
}

func TestBrowserWalksClustersClusterEveryPaneAndBackAgainstTheEmulator(t *testing.T) {
	t.Parallel() // heavy: it runs beside the package\'s other tests
	s := startStack(t, 250)
	m, u := browseStack(t, s, 120, 40)

	screen := m.View()
	uitest.CheckFrame(t, screen, 120, 40)
	if !strings.Contains(screen, "250 total") || !strings.Contains(screen, "100 loaded") {
		t.Fatalf("clusters screen:\n%s", screen)
	}
	if n := len(s.Calls("QueryFigureClusters")); n != 1 {
		t.Fatalf("QueryFigureClusters calls at start = %d, want 1", n)
	}

	// Open the first cluster with a cover.
	list := m.Top().(*views.Clusters)
	for list.Rows()[list.Cursor()].CoverURI == "" {
		keys(u, "down")
	}
	row := list.Rows()[list.Cursor()]
	keys(u, "enter")
	if n := len(s.Calls("BatchGetFigureCluster")); n != 1 {
		t.Fatalf("BatchGetFigureCluster calls = %d, want 1", n)
	}
	screen = m.View()
	for _, want := range []string{"Clusters > " + views.ClusterLabel(format.Glyphs{}, row.Name, row.ID), row.ID, "Cover " + row.CoverURI, "MetaLockVersion"} {
		if !strings.Contains(screen, want) {
			t.Fatalf("cluster screen lacks %q:\n%s", want, screen)
		}
	}

	// Every pane's first visit: one BatchGetFileMeta with its fields.
	registry := panes.New(panes.Context{Styles: asciiStyles()})
	// The list's quality strips cached these fields of the cluster's files.
	fetched := slices.Clone(state.QualityFields)
	covered := func(fields []string) bool {
		if slices.Contains(fetched, "*") {
			return true
		}
		if fields == nil {
			return false
		}
		for _, f := range fields {
			if !slices.Contains(fetched, f) {
				return false
			}
		}
		return true
	}
	want := 0
	for i, p := range registry {
		before := len(s.Calls("BatchGetFileMeta"))
		if i > 0 {
			keys(u, string(rune('1'+i)))
		}
		calls := s.Calls("BatchGetFileMeta")
		if !covered(p.Fields()) {
			want++
			if len(calls) != before+1 && !(i == 0 && len(calls) == 1) {
				t.Fatalf("pane %s: %d BatchGetFileMeta calls, want %d", p.Title(), len(calls), before+1)
			}
			// The store asks only for what is not cached yet (docs/architecture.md "Lazy fetching",
			// "Lazy fetching").
			var missing []string
			for _, f := range p.Fields() {
				if !slices.Contains(fetched, f) {
					missing = append(missing, f)
				}
			}
			if got, w := withFields(t, calls[len(calls)-1]), paneRequestFields(missing); !slices.Equal(got, w) && !(p.Fields() == nil && got == nil) {
				t.Fatalf("pane %s asked for %v, want %v", p.Title(), got, w)
			}
		} else if len(calls) != before && i > 0 {
			t.Fatalf("pane %s: fields already cached, yet %d new calls", p.Title(), len(calls)-before)
		}
		if p.Fields() == nil {
			fetched = append(fetched, "*")
		}
		fetched = append(fetched, p.Fields()...)
		screen = m.View()
		uitest.CheckFrame(t, screen, 120, 40)
		if strings.Contains(screen, "Loading") || strings.Contains(screen, "Error") {
			t.Fatalf("pane %s did not load:\n%s", p.Title(), screen)
		}
	}
	if n := len(s.Calls("BatchGetFileMeta")); n != want {
		t.Fatalf("BatchGetFileMeta calls after first visits = %d, want %d", n, want)
	}

	// Revisits are free.
	keys(u, "1", "2", "3", "4", "5", "6", "7", "tab", "shift+tab")
	if n := len(s.Calls("BatchGetFileMeta")); n != want {
		t.Fatalf("BatchGetFileMeta calls after revisits = %d, want still %d", n, want)
	}

	keys(u, "esc")
	screen = m.View()
	if m.Depth() != 1 || !strings.Contains(screen, "250 total") {
		t.Fatalf("back on the list:\n%s", screen)
	}
	if n := len(s.Calls("QueryFigureClusters")); n != 1 {
		t.Fatalf("QueryFigureClusters calls = %d, want 1 (one page seen)", n)
	}
	for _, c := range s.Emulator.Calls() {
		if c.Code != "" {
			t.Errorf("call %s failed: %s", c.Action, c.Code)
		}
	}
}

// TestProgramShowsClustersAndQuitsCleanly runs the real tea.Program against
// the emulator: the first frame with rows arrives and Ctrl+C ends it with no
// goroutine left (TestMain checks).
func TestProgramShowsClustersAndQuitsCleanly(t *testing.T) {
	s := startStack(t, 120)
	m := ui.NewModel(ui.Options{Store: s.Store, Endpoint: s.Emulator.URL(), ReadOnly: true, Styles: asciiStyles()})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), "100 loaded") },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	tm.Send(uitest.Key("enter"))
	tm.Send(uitest.Key("ctrl+c"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*ui.Model)
	uitest.CheckFrame(t, final.View(), 100, 30)
}
