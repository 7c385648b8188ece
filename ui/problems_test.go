package ui_test

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/views"
)

// problemsUIFake is 250 clusters and 37 files not indexed, 10 a page.
func problemsUIFake() *uitest.Fake {
	f := uitest.NewFake(250)
	f.ProblemPageSize = 10
	f.AddProblems(37)
	return f
}

func TestCommandProblemsOpensTheProblemsList(t *testing.T) {
	f := problemsUIFake()
	m, u := start(t, f, 120, 30)
	command(u, "problems")
	p, ok := m.Top().(*views.Problems)
	if !ok || p.Len() != 37 {
		t.Fatalf("top = %T, want Problems with 37 rows", m.Top())
	}
	out := m.View()
	if !strings.Contains(out, "Clusters > Problems") || !strings.Contains(out, "37 files not indexed: 19 InternalError") {
		t.Fatalf(":problems screen:\n%s", out)
	}
	command(u, "problems now")
	if got := lastLine(m); got != `problems takes no arguments (got "now")` {
		t.Fatalf("message = %q", got)
	}
}

func TestPOnTheClustersListOpensProblemsAndEscComesBack(t *testing.T) {
	m, u := start(t, problemsUIFake(), 120, 30)
	if !strings.Contains(lastLine(m), "p problems") {
		t.Fatalf("clusters help lacks p: %q", lastLine(m))
	}
	keys(u, "p")
	if _, ok := m.Top().(*views.Problems); !ok {
		t.Fatalf("p opened %T", m.Top())
	}
	keys(u, "enter")
	if _, ok := m.Top().(*views.File); !ok {
		t.Fatalf("enter on a problem opened %T", m.Top())
	}
	keys(u, "esc", "esc")
	if _, ok := m.Top().(*views.Clusters); !ok {
		t.Fatalf("esc esc left %T on top", m.Top())
	}
}

func TestGoldenProblemsView(t *testing.T) {
	for _, s := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(t *testing.T) {
			out := runProgram(t, problemsUIFake(), s[0], s[1], []step{{waitFor: "100 loaded"},
				{key: "p", waitFor: "37 files not indexed"}, {key: "down"}})
			golden.RequireEqual(t, []byte(out))
		})
	}
}

func TestProblemsFramesFitEverySizeThroughTheRoot(t *testing.T) {
	m, u := start(t, problemsUIFake(), 100, 30)
	keys(u, "p")
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
