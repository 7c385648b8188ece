package ui_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/internal/teststack"
	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/views"
)

// reviewDemo is the emulator's demo dataset (seed 1) with the generator's
// ground truth, browsed through the real client and store.
type reviewDemo struct{ *teststack.Stack }

func startReviewDemo(t *testing.T) reviewDemo {
	t.Helper()
	return reviewDemo{teststack.Start(t, teststack.Options{Dataset: dataset.Options{Seed: 1}, Truth: true})}
}

// browse starts the browser on the demo at w x h, synchronously.
func (d reviewDemo) browse(t *testing.T, w, h int) (*ui.Model, *uitest.ModelUpdater) {
	t.Helper()
	m := ui.NewModel(ui.Options{Store: d.Store, Endpoint: "http://127.0.0.1:8080", Demo: true, ReadOnly: true,
		Styles: asciiStyles(), NewPanes: uitest.StubPanes})
	u := &uitest.ModelUpdater{M: m}
	u.Update(tea.WindowSizeMsg{Width: w, Height: h})
	uitest.Run(u, m.Init())
	t.Cleanup(func() { m.Update(uitest.Key("ctrl+c")) })
	return m, u
}

// members opens :members id and returns the list, every page read.
func members(t *testing.T, m *ui.Model, u *uitest.ModelUpdater, id string) *views.Members {
	t.Helper()
	command(u, "members "+id)
	c, ok := m.Top().(*views.Cluster)
	if !ok || !c.Members().Done() {
		t.Fatalf(":members %s: top %T\n%s", id, m.Top(), m.View())
	}
	return c.Members()
}

// misclustered groups the generator's misclustered faces by the cluster
// they were put in.
func (d reviewDemo) misclustered() map[string][]string {
	out := map[string][]string{}
	for _, f := range d.Data.Files {
		for _, g := range f.Figures {
			if _, ok := d.Truth.MisclusteredFaces[g.FigureId]; ok {
				out[g.FigureClusterId] = append(out[g.FigureClusterId], g.FigureId)
			}
		}
	}
	return out
}

func TestReviewMembersRankTheMisclusteredFacesFirstFlaggedConf(t *testing.T) {
	t.Parallel() // heavy: it runs beside the package\'s other tests
	d := startReviewDemo(t)
	m, u := d.browse(t, 120, 40)
	byCluster := d.misclustered()
	if len(byCluster) == 0 {
		t.Fatal("the demo has no misclustered faces")
	}
	checked := 0
	for id, want := range byCluster {
		if checked == 5 {
			break
		}
		checked++
		mem := members(t, m, u, id)
		var got []string
		for i := range len(want) {
			fl := mem.Flagged(i)
			if !fl.Flags.Has(review.FlagLowCluster) {
				t.Errorf("cluster %s row %d (%s): flags %q, want conf", id, i, fl.Figure.FigureId, fl.Flags)
			}
			got = append(got, fl.Figure.FigureId)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("cluster %s: first %d rows %v, want the misclustered %v", id, len(want), got, want)
		}
		if len(want) < mem.Len() && mem.Flagged(len(want)).Flags.Has(review.FlagLowCluster) {
			t.Errorf("cluster %s: a well-clustered face flagged conf", id)
		}
		if out := m.View(); !strings.Contains(out, fmt.Sprintf("%d below 0.7", len(want))) {
			t.Errorf("cluster %s: the title does not count its %d conf faces:\n%s", id, len(want), out)
		}
		keys(u, "esc")
	}
}

func TestReviewAgeFlagMarksTheFacesPlacedOffTheCurve(t *testing.T) {
	t.Parallel() // heavy: it runs beside the package\'s other tests
	d := startReviewDemo(t)
	m, u := d.browse(t, 120, 40)
	clusterOf := map[string]string{}
	for _, f := range d.Data.Files {
		for _, g := range f.Figures {
			clusterOf[g.FigureId] = g.FigureClusterId
		}
	}
	if len(d.Truth.OffCurveFaces) == 0 {
		t.Fatal("the demo has no face off its curve")
	}
	for _, fid := range d.Truth.OffCurveFaces {
		mem := members(t, m, u, clusterOf[fid])
		found := false
		for i := range mem.Len() {
			if fl := mem.Flagged(i); fl.Figure.FigureId == fid {
				found = true
				if !fl.Flags.Has(review.FlagAge) {
					t.Errorf("face %s off the curve: flags %q, want age", fid, fl.Flags)
				}
				// Flagged faces come before the rest.
				if i >= mem.Len()/2 {
					t.Errorf("face %s off the curve is row %d of %d", fid, i, mem.Len())
				}
			}
		}
		if !found {
			t.Errorf("face %s not in its cluster's members", fid)
		}
		keys(u, "esc")
	}
}

func TestReviewFlaggedOnlyAndThresholdRejudgeWithoutACall(t *testing.T) {
	t.Parallel() // heavy: it runs beside the package\'s other tests
	d := startReviewDemo(t)
	m, u := d.browse(t, 120, 40)
	var id string
	for c := range d.misclustered() {
		id = c
		break
	}
	mem := members(t, m, u, id)
	all := mem.Len()
	keys(u, "f")
	flagged := mem.Len()
	if flagged == 0 || flagged >= all || !strings.Contains(m.View(), fmt.Sprintf("%d flagged of %d faces", flagged, all)) {
		t.Fatalf("f: %d of %d rows\n%s", flagged, all, m.View())
	}
	for i := range flagged {
		if mem.Flagged(i).Flags == 0 {
			t.Fatalf("f: row %d carries no flag", i)
		}
	}
	calls := len(d.Emulator.Calls())
	command(u, "threshold low-cluster-confidence 0.95")
	if n := len(d.Emulator.Calls()); n != calls {
		t.Fatalf(":threshold made %d calls, want none", n-calls)
	}
	if mem.Len() <= flagged || !strings.Contains(m.View(), "below 0.95") {
		t.Fatalf("after :threshold 0.95: %d flagged rows (was %d)\n%s", mem.Len(), flagged, m.View())
	}
	keys(u, "-") // the first row is flagged conf: its threshold goes down a step
	if !strings.Contains(m.View(), "threshold low-cluster-confidence: cluster confidence below 0.9") {
		t.Fatalf("- does not say which threshold changed:\n%s", m.View())
	}
	command(u, "threshold max-yaw 500")
	if got := lastLine(m); !strings.Contains(got, "between 0 and 180") {
		t.Fatalf("out of bounds: %q", got)
	}
}

func TestReviewCompareSaysMergeCandidateForTheSplitPairAndTwoPeopleForACoOccurringOne(t *testing.T) {
	t.Parallel() // heavy: it runs beside the package\'s other tests
	d := startReviewDemo(t)
	m, u := d.browse(t, 120, 40)
	if len(d.Truth.SplitPairs) == 0 || len(d.Truth.CoOccurringPairs) == 0 {
		t.Fatal("the demo has no split or co-occurring pair")
	}
	for _, tc := range []struct {
		pair   [2]string
		want   review.Verdict
		shared bool
	}{
		{d.Truth.SplitPairs[0], review.MergeCandidate, false},
		{d.Truth.CoOccurringPairs[0], review.TwoPeople, true},
	} {
		command(u, "compare "+tc.pair[0]+" "+tc.pair[1])
		v, ok := m.Top().(*views.Compare)
		if !ok || v.Comparison() == nil {
			t.Fatalf(":compare: top %T\n%s", m.Top(), m.View())
		}
		c := v.Comparison()
		out := m.View()
		if c.Verdict != tc.want || !strings.Contains(out, "Verdict "+tc.want.String()) {
			t.Errorf("%v: verdict %v (%s), want %v\n%s", tc.pair, c.Verdict, c.Reason, tc.want, out)
		}
		if (len(c.SharedFiles) > 0) != tc.shared {
			t.Errorf("%v: %d shared files", tc.pair, len(c.SharedFiles))
		}
		uitest.CheckFrame(t, out, 120, 40)
		if tc.shared {
			keys(u, "enter")
			if f, ok := m.Top().(*views.File); !ok || f.URI() != c.SharedFiles[0] {
				t.Errorf("enter on a shared file: top %T", m.Top())
			}
			keys(u, "esc")
		}
		keys(u, "b")
		if cl, ok := m.Top().(*views.Cluster); !ok || cl.ID() != tc.pair[1] || !cl.ShowingMembers() {
			t.Errorf("b: top %T, want the members of %s", m.Top(), tc.pair[1])
		}
		keys(u, "esc", "esc")
	}
}

func TestReviewUnclusteredRowsListExactlyTheDatasetsUnclusteredFaces(t *testing.T) {
	t.Parallel() // heavy: it runs beside the package\'s other tests
	d := startReviewDemo(t)
	m, u := d.browse(t, 120, 40)
	list := m.Top().(*views.Clusters)
	pinned := list.Pinned()
	if len(pinned) != 2 || list.Rows()[0].ID != imm.ClusterIndependent || list.Rows()[1].ID != imm.ClusterUnavailable {
		t.Fatalf("pinned rows %+v", pinned)
	}
	if got := list.Rows()[list.Cursor()].ID; review.Pseudo(got) {
		t.Fatalf("the cursor starts on a pinned row")
	}
	for i, p := range pinned {
		want := slices.Clone(d.Truth.UnclusteredFaces[p.ID])
		if int(p.FaceCount) != len(want) {
			t.Errorf("%s: %d faces on the row, want %d", p.ID, p.FaceCount, len(want))
		}
		keys(u, "g")
		for range i {
			keys(u, "down")
		}
		keys(u, "enter")
		c, ok := m.Top().(*views.Cluster)
		if !ok || c.ID() != p.ID || !c.ShowingMembers() {
			t.Fatalf("enter on %s: top %T", p.ID, m.Top())
		}
		if want := "Clusters > " + p.Name; strings.TrimSpace(crumbs(m)) != want {
			t.Errorf("enter on %s: crumbs %q, want %q (the row's name)", p.ID, crumbs(m), want)
		}
		mem := c.Members()
		var got []string
		for r := range mem.Len() {
			_, fig := mem.Row(r)
			got = append(got, fig.FigureId)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: members %v, want %v", p.ID, got, want)
		}
		if c.Err() != nil {
			t.Errorf("%s: %v", p.ID, c.Err())
		}
		keys(u, "esc")
	}
}

func TestReviewWalksTheClustersWorstFirst(t *testing.T) {
	t.Parallel() // heavy: it runs beside the package\'s other tests
	d := startReviewDemo(t)
	m, u := d.browse(t, 120, 40)
	command(u, "review")
	first, ok := m.Top().(*views.Cluster)
	if !ok || !first.ShowingMembers() {
		t.Fatalf(":review: top %T\n%s", m.Top(), m.View())
	}
	s1, _ := first.Strip()
	keys(u, "n")
	second, ok := m.Top().(*views.Cluster)
	if !ok || second == first || m.Depth() != 2 {
		t.Fatalf("n: top %T, depth %d", m.Top(), m.Depth())
	}
	s2, _ := second.Strip()
	if s1.Doubtful < s2.Doubtful {
		t.Errorf("the walk opened %s (%d doubtful faces) before %s (%d)", first.ID(), s1.Doubtful, second.ID(), s2.Doubtful)
	}
}

func TestGoldenReviewScreens(t *testing.T) {
	t.Parallel() // heavy: it runs beside the package\'s other tests
	d := startReviewDemo(t)
	for _, s := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(t *testing.T) {
			m, u := d.browse(t, s[0], s[1])
			t.Run("clusters", func(t *testing.T) { golden.RequireEqual(t, []byte(m.View())) })
			split := d.Truth.SplitPairs[0]
			command(u, "members "+split[0])
			t.Run("members", func(t *testing.T) { golden.RequireEqual(t, []byte(m.View())) })
			keys(u, "esc")
			command(u, "compare "+split[0]+" "+split[1])
			t.Run("compare", func(t *testing.T) { golden.RequireEqual(t, []byte(m.View())) })
		})
	}
}

// TestReviewFromTheOverviewOpensTheListUnderTheWalk: the Overview has no
// clusters list under it, so :review opens one and the walk goes over it;
// Esc leaves the walk for that list, sorted worst first, and Esc again is
// the Overview. From a cluster opened from the list it asks for the list,
// which is truly one Esc below.
func TestReviewFromTheOverviewOpensTheListUnderTheWalk(t *testing.T) {
	t.Parallel() // heavy: it runs beside the package\'s other tests
	d := startReviewDemo(t)
	m := ui.NewModel(ui.Options{StartOn: ui.StartOverview, Store: d.Store, Endpoint: "http://127.0.0.1:8080", Demo: true, ReadOnly: true,
		Styles: asciiStyles(), NewPanes: uitest.StubPanes})
	u := &uitest.ModelUpdater{M: m}
	u.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	uitest.Run(u, m.Init())
	t.Cleanup(func() { m.Update(uitest.Key("ctrl+c")) })
	if _, ok := m.Top().(*views.Overview); !ok {
		t.Fatalf("start: top %T", m.Top())
	}
	command(u, "review")
	first, ok := m.Top().(*views.Cluster)
	if !ok || !first.ShowingMembers() || m.Depth() != 3 {
		t.Fatalf(":review on the Overview: top %T, depth %d\n%s", m.Top(), m.Depth(), m.View())
	}
	keys(u, "esc")
	if _, ok := m.Top().(*views.Clusters); !ok || !strings.Contains(m.View(), "sorted by worst") {
		t.Fatalf("esc from the walk: top %T\n%s", m.Top(), m.View())
	}
	keys(u, "enter", ":", "review", "enter")
	if _, ok := m.Top().(*views.Cluster); !ok || m.Depth() != 3 || !strings.Contains(m.View(), "Esc goes back to it") {
		t.Fatalf(":review on a cluster over the list: top %T, depth %d\n%s", m.Top(), m.Depth(), m.View())
	}
	keys(u, "esc", "esc")
	if _, ok := m.Top().(*views.Overview); !ok {
		t.Fatalf("esc twice: top %T", m.Top())
	}
	// Every strip is computed now: the new list opens the walk on its
	// first page, with no strip step left to do it.
	command(u, "review")
	if c, ok := m.Top().(*views.Cluster); !ok || c.ID() != first.ID() || m.Depth() != 3 {
		t.Fatalf(":review again: top %T, depth %d\n%s", m.Top(), m.Depth(), m.View())
	}
}

// TestClustersTitleCountsThePinnedRowsTheFilterCounts: `/` counts every
// row the list holds, the two unclustered ones too; the title says them
// beside the clusters' total, so its numbers add up to the filter's.
func TestClustersTitleCountsThePinnedRowsTheFilterCounts(t *testing.T) {
	d := startReviewDemo(t)
	m, u := d.browse(t, 80, 24)
	list := m.Top().(*views.Clusters)
	clusters := len(list.Rows()) - len(list.Pinned())
	if len(list.Pinned()) != 2 || clusters != len(d.Data.FigureClusters) {
		t.Fatalf("%d pinned rows and %d clusters, want 2 and %d", len(list.Pinned()), clusters, len(d.Data.FigureClusters))
	}
	title := strings.Split(m.View(), "\n")[2]
	if want := fmt.Sprintf("Clusters %d total + 2 unclustered, ", clusters); !strings.HasPrefix(title, want) {
		t.Fatalf("title %q, want it to start %q", title, want)
	}
	keys(u, "/", "faces")
	if want := fmt.Sprintf("/faces: 2 of %d", clusters+2); !strings.Contains(m.View(), want) {
		t.Fatalf("the filter does not say %q:\n%s", want, m.View())
	}
}
