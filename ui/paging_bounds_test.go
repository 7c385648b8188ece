package ui_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
)

// pagingServer is IMM as a hostile server plays it: the emulator answers
// every action but one, which answer gives instead (n counts its calls
// from 1; token is the NextToken it was asked with).
type pagingServer struct {
	mu     sync.Mutex
	action string
	answer func(n int, token string) string
	calls  int
	// only, when set, narrows the hostile answers to the requests it
	// accepts (the members' pages, not the quality strips' of the list).
	only func(*http.Request) bool
}

// memberPages accepts the Members and Problems lists' SimpleQuery pages:
// they ask for Filename, which the quality strips do not.
func memberPages(r *http.Request) bool {
	return strings.Contains(r.URL.Query().Get("WithFields"), "Filename")
}

func (p *pagingServer) requests() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.calls
}

// startPaging serves a small demo dataset with the hostile action through
// the real client and store, and starts the browser at 200x30 on it.
func startPaging(t *testing.T, p *pagingServer) (*ui.Model, *uitest.ModelUpdater) {
	t.Helper()
	d := dataset.Generate(dataset.Options{Clusters: 3, Files: 12})
	emu, err := emulator.New(emulator.Config{Data: d})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("x-acs-action") != p.action || (p.only != nil && !p.only(r)) {
			emu.ServeHTTP(w, r)
			return
		}
		p.mu.Lock()
		p.calls++
		n := p.calls
		p.mu.Unlock()
		body := p.answer(n, r.URL.Query().Get("NextToken"))
		w.Header().Set("Content-Type", "application/json;charset=utf-8")
		_, _ = w.Write([]byte(body))
	}))
	c, err := client.New(client.Config{Endpoint: srv.URL, AccessKeyID: emulator.DemoAccessKeyID,
		AccessKeySecret: emulator.DemoAccessKeySecret})
	if err != nil {
		t.Fatal(err)
	}
	st := state.New(c, d.Datasets[0].ProjectName, d.Datasets[0].DatasetName, state.Options{})
	m := ui.NewModel(ui.Options{Store: st, Endpoint: srv.URL, ReadOnly: true})
	u := &uitest.ModelUpdater{M: m}
	t.Cleanup(func() {
		m.Update(uitest.Key("ctrl+c"))
		st.Close()
		c.Close()
		srv.Close()
	})
	u.Update(tea.WindowSizeMsg{Width: 200, Height: 30})
	uitest.Run(u, m.Init())
	return m, u
}

// emptyPages answers every page empty, with a new NextToken each time.
func emptyPages(items string) func(n int, _ string) string {
	return func(n int, _ string) string {
		return fmt.Sprintf(`{"RequestId":"rid-%d","%s":[],"NextToken":"token-%d","TotalCount":500,"TotalHits":500}`, n, items, n)
	}
}

// repeatedToken answers every page with one item and the same NextToken.
func repeatedToken(items, item string) func(n int, _ string) string {
	return func(n int, _ string) string {
		return fmt.Sprintf(`{"RequestId":"rid-%d","%s":[%s],"NextToken":"again","TotalCount":500,"TotalHits":500}`, n, items, item)
	}
}

// afterOne answers the first page with item and a NextToken, then as
// rest does.
func afterOne(items, item string, rest func(int, string) string) func(int, string) string {
	return func(n int, token string) string {
		if n == 1 {
			return fmt.Sprintf(`{"RequestId":"rid-1","%s":[%s],"NextToken":"first","TotalCount":500,"TotalHits":500}`, items, item)
		}
		return rest(n, token)
	}
}

const (
	emptyMsg = "IMM kept returning empty pages with a NextToken; stopped after %d requests"
	cycleMsg = "IMM returned a NextToken it had already given (the pages repeat); stopped after 2 requests"
)

const loopCluster = `{"ObjectId":"Cluster-loop","Name":"loop","FaceCount":3}`

// checkStopped asserts the hostile action was asked want times and the
// screen says why paging stopped and that r loads again.
func checkStopped(t *testing.T, m *ui.Model, p *pagingServer, want int, msg string) {
	t.Helper()
	if got := p.requests(); got != want {
		t.Errorf("%s answered %d times, want %d", p.action, got, want)
	}
	screen := m.View()
	uitest.CheckFrame(t, screen, 200, 30)
	if !strings.Contains(screen, msg) || !strings.Contains(screen, "press r") {
		t.Errorf("the screen does not say why paging stopped (%q):\n%s", msg, screen)
	}
}

func TestClusterListStopsOnEmptyPagesWithATokenAndRStartsOver(t *testing.T) {
	p := &pagingServer{action: "QueryFigureClusters", answer: emptyPages("FigureClusters")}
	m, u := startPaging(t, p)
	checkStopped(t, m, p, state.MaxEmptyPages, fmt.Sprintf(emptyMsg, state.MaxEmptyPages))
	keys(u, "r")
	checkStopped(t, m, p, 2*state.MaxEmptyPages, fmt.Sprintf(emptyMsg, state.MaxEmptyPages))
}

func TestClusterListStopsOnEmptyPagesAfterRows(t *testing.T) {
	p := &pagingServer{action: "QueryFigureClusters",
		answer: afterOne("FigureClusters", loopCluster, emptyPages("FigureClusters"))}
	m, _ := startPaging(t, p)
	checkStopped(t, m, p, 1+state.MaxEmptyPages, fmt.Sprintf(emptyMsg, 1+state.MaxEmptyPages))
}

func TestClusterListStopsOnARepeatedToken(t *testing.T) {
	p := &pagingServer{action: "QueryFigureClusters", answer: repeatedToken("FigureClusters", loopCluster)}
	m, _ := startPaging(t, p)
	checkStopped(t, m, p, 2, cycleMsg)
}

func TestMembersStopOnEmptyPagesWithAToken(t *testing.T) {
	p := &pagingServer{action: "SimpleQuery", answer: emptyPages("Files"), only: memberPages}
	m, u := startPaging(t, p)
	keys(u, "enter", "m")
	checkStopped(t, m, p, state.MaxEmptyPages, fmt.Sprintf(emptyMsg, state.MaxEmptyPages))
	keys(u, "r")
	checkStopped(t, m, p, 2*state.MaxEmptyPages, fmt.Sprintf(emptyMsg, state.MaxEmptyPages))
}

func TestMembersStopOnARepeatedToken(t *testing.T) {
	p := &pagingServer{action: "SimpleQuery", answer: repeatedToken("Files", `{"URI":"oss://b/loop.jpg",`+
		`"Figures":[{"FigureId":"f","FigureClusterId":"x","FigureClusterConfidence":0.9}]}`), only: memberPages}
	m, u := startPaging(t, p)
	keys(u, "enter", "m")
	checkStopped(t, m, p, 2, cycleMsg)
}

func TestProblemsStopOnEmptyPagesWithAToken(t *testing.T) {
	p := &pagingServer{action: "SimpleQuery", answer: emptyPages("Files"), only: memberPages}
	m, u := startPaging(t, p)
	keys(u, "p")
	checkStopped(t, m, p, state.MaxEmptyPages, fmt.Sprintf(emptyMsg, state.MaxEmptyPages))
	keys(u, "r")
	checkStopped(t, m, p, 2*state.MaxEmptyPages, fmt.Sprintf(emptyMsg, state.MaxEmptyPages))
}

func TestProblemsStopOnARepeatedToken(t *testing.T) {
	p := &pagingServer{action: "SimpleQuery",
		answer: repeatedToken("Files", `{"URI":"oss://b/loop.jpg","ObjectStatus":"Failed"}`), only: memberPages}
	m, u := startPaging(t, p)
	keys(u, "p")
	checkStopped(t, m, p, 2, cycleMsg)
}
