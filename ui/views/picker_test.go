package views_test

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/views"
)

func pickerEnv(c *uitest.FakeCatalog) *views.Env {
	return &views.Env{Styles: asciiStyles(), NewPanes: uitest.StubPanes, Catalog: c}
}

func keysTo(v views.View, names ...string) tea.Cmd {
	var cmds []tea.Cmd
	for _, n := range names {
		cmds = append(cmds, v.Update(uitest.Key(n)))
	}
	return tea.Batch(cmds...)
}

func TestProjectsFirstFrameIsOneListCall(t *testing.T) {
	c := uitest.NewFakeCatalog(3)
	v := views.NewProjects(pickerEnv(c), nil)
	defer v.Close()
	v.SetSize(100, 20)
	msg := v.Init()()
	if got := c.Pages(); !slices.Equal(got, []string{"projects "}) || len(c.Figures()) != 0 {
		t.Fatalf("before the first frame: pages %v, figures %v", got, c.Figures())
	}
	v.Update(msg)
	if out := v.View(); !strings.Contains(out, "p-000") || !strings.Contains(out, "p-002") || !strings.Contains(out, "3 projects") {
		t.Fatalf("first frame:\n%s", out)
	}
}

func TestProjectsPageInEveryProjectAndFilterAsYouType(t *testing.T) {
	c := uitest.NewFakeCatalog(300)
	v := views.NewProjects(pickerEnv(c), nil)
	defer v.Close()
	v.SetSize(100, 20)
	uitest.Run(v, v.Init())
	if v.Rows() != 300 || !slices.Equal(c.Pages(), []string{"projects ", "projects 200"}) {
		t.Fatalf("rows %d, pages %v", v.Rows(), c.Pages())
	}
	uitest.Run(v, keysTo(v, "/", "p", "-", "2", "9"))
	out := v.View()
	if !strings.Contains(out, "10 of 300") || !strings.Contains(out, "p-290") || strings.Contains(out, "p-000") {
		t.Fatalf("filtered:\n%s", out)
	}
	if !v.Typing() {
		t.Fatal("not typing after /")
	}
	uitest.Run(v, keysTo(v, "esc"))
	if v.Typing() || !strings.Contains(v.View(), "p-000") {
		t.Fatalf("esc kept the filter:\n%s", v.View())
	}
}

// The figures of the rows on screen are asked for a few at a time, and a
// row scrolled away has its call cancelled.
func TestProjectFiguresAreFetchedForRowsOnScreenAndCancelledWhenScrolledAway(t *testing.T) {
	c := uitest.NewFakeCatalog(300)
	c.Gate = make(chan struct{})
	v := views.NewProjects(pickerEnv(c), nil)
	v.SetSize(100, 12)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer close(c.Gate)
	defer v.Close()
	// run starts every command of cmd (batches flattened) in a goroutine.
	var run func(cmd tea.Cmd)
	run = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if b, ok := cmd().(tea.BatchMsg); ok {
				for _, c := range b {
					run(c)
				}
			}
		}()
	}
	run(v.Update(v.Init()()))
	for deadline := time.Now().Add(10 * time.Second); c.InFlight() < 4; runtimeGosched() {
		if time.Now().After(deadline) {
			t.Fatalf("%d figure calls started, want 4", c.InFlight())
		}
	}
	first := c.Figures()
	var keys []string
	for _, f := range first {
		keys = append(keys, f.Key)
	}
	slices.Sort(keys)
	if !slices.Equal(keys, []string{"p-000", "p-001", "p-002", "p-003"}) {
		t.Fatalf("first figures asked for %v", keys)
	}
	v.Update(uitest.Key("pgdown"))
	v.Update(uitest.Key("pgdown"))
	for _, f := range first {
		if f.Ctx.Err() == nil {
			t.Fatalf("the call for %s, scrolled away, was not cancelled", f.Key)
		}
	}
}

func TestTheRecentDatasetIsTheFirstRowAndEnterOpensIt(t *testing.T) {
	c := uitest.NewFakeCatalog(5)
	v := views.NewProjects(pickerEnv(c), &views.Recent{Project: "p-003", Dataset: "scans"})
	defer v.Close()
	v.SetSize(100, 20)
	uitest.Run(v, v.Init())
	lines := strings.Split(v.View(), "\n")
	if !strings.Contains(lines[2], "p-003 / scans") || !strings.HasPrefix(lines[2], ">") {
		t.Fatalf("recent row not first with the cursor:\n%s", v.View())
	}
	if msg := v.Update(uitest.Key("enter"))(); msg != (views.OpenDatasetMsg{Project: "p-003", Dataset: "scans"}) {
		t.Fatalf("enter on the recent row: %#v", msg)
	}
	v.Update(uitest.Key("down"))
	if push, ok := v.Update(uitest.Key("enter"))().(views.PushMsg); !ok || push.View.(*views.Datasets).Project() != "p-000" {
		t.Fatalf("enter on a project: %#v", push)
	}
}

func TestDatasetsShowTheirFiguresAndEnterOpensTheOneSelected(t *testing.T) {
	c := uitest.NewFakeCatalog(1)
	v := views.NewDatasets(pickerEnv(c), "p-000", "scans")
	defer v.Close()
	v.SetSize(120, 10)
	uitest.Run(v, v.Init())
	out := v.View()
	for _, want := range []string{"Datasets of p-000", "photos", "1,200", "3.0 GiB", "17", "Official:AllFunction", "> scans"} {
		if !strings.Contains(out, want) {
			t.Fatalf("datasets lack %q:\n%s", want, out)
		}
	}
	if msg := v.Update(uitest.Key("enter"))(); msg != (views.OpenDatasetMsg{Project: "p-000", Dataset: "scans"}) {
		t.Fatalf("enter: %#v", msg)
	}
}

func TestAPickerThatFailsShowsTheFailureAndRRetries(t *testing.T) {
	c := uitest.NewFakeCatalog(2)
	c.Err = &imm.Error{Kind: imm.KindForbidden, Cause: imm.CauseDenied, Code: "Forbidden.RAM", StatusCode: 403, RequestId: "RID-7",
		AuthAction: "imm:ListProjects", AuthResource: "acs:imm:cn-hangzhou:1234567890123456:project/*"}
	v := views.NewProjects(pickerEnv(c), nil)
	defer v.Close()
	v.SetSize(100, 20)
	uitest.Run(v, v.Init())
	out := v.View()
	for _, want := range []string{"Not allowed: imm:ListProjects on acs:imm:cn-hangzhou:1234567890123456:project/*", "Request ID: RID-7", "r: try again"} {
		if !strings.Contains(out, want) {
			t.Fatalf("failure lacks %q:\n%s", want, out)
		}
	}
	c.Err = nil
	uitest.Run(v, v.Update(uitest.Key("r")))
	if v.Err() != nil || !strings.Contains(v.View(), "p-001") {
		t.Fatalf("r did not reload:\n%s", v.View())
	}
}

func runtimeGosched() { runtime.Gosched() }

// The config file's review threshold is the one the Members list judges by.
func TestMembersJudgeByTheConfiguredThreshold(t *testing.T) {
	f := uitest.NewFake(10)
	f.AddCluster(0)
	id := f.Rows[0].ID
	for i, c := range []float64{0.2, 0.69, 0.7, 0.95} {
		f.AddFile(&imm.File{URI: fmt.Sprintf("oss://b/%d.jpg", i), Figures: []imm.Figure{
			{FigureId: fmt.Sprint(i), FigureClusterId: id, FigureClusterConfidence: c}}})
	}
	env := newEnv(f)
	env.Review = &review.Thresholds{LowClusterConfidence: 0.9}
	v := openMembers(t, env, id, 120, 30)
	if out := v.View(); !strings.Contains(out, "4 faces in 4 files, 3 below 0.9") {
		t.Fatalf("title lacks the configured threshold:\n%s", out)
	}
}
