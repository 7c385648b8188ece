package views_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/panes"
	"github.com/immtui/immtui/ui/views"
)

// split runs cmd (and the batches in it): its spinner ticks, and the other
// messages a part would get next.
func split(cmd tea.Cmd) (ticks, rest []tea.Msg) {
	if cmd == nil {
		return nil, nil
	}
	switch msg := cmd().(type) {
	case nil:
	case spinner.TickMsg:
		ticks = append(ticks, msg)
	case tea.BatchMsg:
		for _, c := range msg {
			t, r := split(c)
			ticks, rest = append(ticks, t...), append(rest, r...)
		}
	default:
		rest = append(rest, msg)
	}
	return ticks, rest
}

func TestMembersOwnSpinnerTurnsWhilePagingAndKeepsOnlyItsTicks(t *testing.T) {
	f, id, _ := membersFake(30, 10)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m := views.NewMembers(newEnv(f), ctx, id, 0)
	m.SetSize(100, 20)
	ticks, pages := split(m.Show())
	if len(ticks) != 1 || len(pages) != 1 {
		t.Fatalf("showing: %d ticks, %d replies; want its spinner and the first page", len(ticks), len(pages))
	}
	if cmd := m.Update(spinner.New().Tick()); cmd != nil {
		t.Fatal("another spinner's tick scheduled work")
	}
	if cmd := m.Update(ticks[0]); cmd == nil {
		t.Fatal("its own tick scheduled no next one while a page is in flight")
	}
	uitest.Run(m, deliver(m, pages))
	if !m.Done() {
		t.Fatal("paging did not end")
	}
	m.Update(ticks[0]) // the first tick after paging: the spinner stops
	if ticks, _ := split(m.Refresh()); len(ticks) != 1 {
		t.Fatalf("a refresh after the spinner stopped started %d spinners, want it again", len(ticks))
	}
}

func TestClusterMembersHelpLeadsWithEnterCoverAndGrid(t *testing.T) {
	f, id, _ := membersFake(5, 100)
	v := openMembers(t, newEnv(f), id, 80, 24)
	var keys []string
	for _, b := range v.ShortHelp() {
		keys = append(keys, b.Help().Key)
	}
	if len(keys) < 3 || keys[0] != "enter" || keys[1] != "c" || keys[2] != "g" {
		t.Fatalf("short help = %v, want enter, c and g first", keys)
	}
	if n := strings.Count(" "+strings.Join(keys, " ")+" ", " enter "); n != 1 {
		t.Fatalf("short help names enter %d times: %v", n, keys)
	}
}

func TestClusterHeaderFollowsTheMembersJudgement(t *testing.T) {
	f, id, faces := membersFake(12, 100)
	env := newEnv(f)
	v := openMembers(t, env, id, 120, 40)
	header := func() string { return strings.Join(strings.Split(v.View(), "\n")[:8], "\n") }
	all := fmt.Sprintf("conf %d", faces)
	if before := header(); strings.Contains(before, all) {
		t.Fatalf("every face is flagged conf before the threshold moved:\n%s", before)
	}
	th := env.Thresholds()
	if err := th.Set("low-cluster-confidence", 1); err != nil {
		t.Fatal(err)
	}
	env.SetThresholds(th)
	uitest.Run(v, v.Update(views.ThresholdsMsg{}))
	if after := header(); !strings.Contains(after, all) {
		t.Fatalf("the header did not follow the members judged again (want %q):\n%s", all, after)
	}
}

func TestFilePanesGiveThePanesTheThresholdsInForce(t *testing.T) {
	f := uitest.NewFake(10)
	env := newEnv(f)
	var got panes.Context
	env.NewPanes = func(c panes.Context) []panes.Pane { got = c; return uitest.StubPanes(c) }
	th := review.Default()
	if err := th.Set("low-cluster-confidence", 0.55); err != nil {
		t.Fatal(err)
	}
	env.SetThresholds(th)
	v := views.NewFile(env, "oss://b/a.jpg")
	defer v.Close()
	if got.Thresholds == nil || got.Thresholds().LowClusterConfidence != 0.55 {
		t.Fatal("the panes were not given the configured thresholds")
	}
	if err := th.Set("low-cluster-confidence", 0.6); err != nil {
		t.Fatal(err)
	}
	env.SetThresholds(th) // :threshold, after the panes were built
	if c := got.Thresholds().LowClusterConfidence; c != 0.6 {
		t.Fatalf("the panes judge by %v after :threshold, want 0.6", c)
	}
}

// TestClusterCoverFacesStartInTheCluster: the cluster's cover may hold
// faces of other clusters, so its Faces pane is told to start on this
// cluster's; a file opened alone is not.
func TestClusterCoverFacesStartInTheCluster(t *testing.T) {
	f := uitest.NewFake(10)
	f.AddCluster(0)
	env := newEnv(f)
	var got panes.Context
	env.NewPanes = func(c panes.Context) []panes.Pane { got = c; return uitest.StubPanes(c) }
	c := views.NewCluster(env, f.Rows[0].ID, &f.Rows[0])
	defer c.Close()
	if !got.StartInCluster || got.ClusterID != f.Rows[0].ID {
		t.Fatalf("cover panes' context = cluster %q, start in it %v; want the cluster's and true", got.ClusterID, got.StartInCluster)
	}
	v := views.NewFile(env, "oss://b/a.jpg")
	defer v.Close()
	if got.StartInCluster {
		t.Fatal("a file opened alone starts its faces in a cluster")
	}
}
