package ui_test

import (
	"fmt"
	"strings"
	"testing"

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
			// Wait for the title of the last page: mid-paging it reads
			// "10 of 37 files not indexed", which "37 files not indexed"
			// also matches, and a page merged after the down key moves
			// the cursor's file (the flake of one row off).
			out := runProgram(t, problemsUIFake(), s[0], s[1], []step{{waitFor: "100 loaded"},
				{key: "p", waitFor: "Problems 37 files not indexed"}, {key: "down"}})
			golden.RequireEqual(t, []byte(out))
		})
	}
}

func TestProblemsFramesFitEverySizeThroughTheRoot(t *testing.T) {
	t.Parallel() // heavy: it runs beside the package\'s other tests
	m, u := start(t, problemsUIFake(), 100, 30)
	keys(u, "p")
	checkFramesFitEverySize(t, m, u)
}

func TestProblemsAgainstTheEmulatorListEveryFileNotIndexedAndOpenOneWithoutACall(t *testing.T) {
	s := startStack(t, 40)
	want := 0
	for _, f := range s.Data.Files {
		if f.ObjectStatus != "Indexed" {
			want++
		}
	}
	if want == 0 {
		t.Fatal("the demo dataset has no file to triage")
	}
	m, u := browseStack(t, s, 120, 40)
	command(u, "problems")
	p := m.Top().(*views.Problems)
	if !p.Done() || p.Len() != want {
		t.Fatalf("problems: %d rows (done %v), want the dataset's %d files not Indexed\n%s", p.Len(), p.Done(), want, m.View())
	}
	if q := listCalls(s); len(q) != (want+99)/100 {
		t.Fatalf("SimpleQuery calls = %d, want %d", len(q), (want+99)/100)
	}
	if out := m.View(); !strings.Contains(out, fmt.Sprintf("%d files not indexed", want)) {
		t.Fatalf("title:\n%s", out)
	}
	before := len(s.Calls("BatchGetFileMeta"))
	keys(u, "enter")
	if _, ok := m.Top().(*views.File); !ok || len(s.Calls("BatchGetFileMeta")) != before {
		t.Fatalf("enter: top %T, %d BatchGetFileMeta calls (want none: Overview is cached)",
			m.Top(), len(s.Calls("BatchGetFileMeta"))-before)
	}
	if out := m.View(); !strings.Contains(out, "Index status") {
		t.Fatalf("the Overview does not lead with the index status:\n%s", out)
	}
	uitest.CheckFrame(t, m.View(), 120, 40)
}
