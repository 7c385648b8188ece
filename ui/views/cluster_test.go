package views_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/panes"
	"github.com/immtui/immtui/ui/views"
)

// newCluster is the view of the fake's cluster i at w x h, not started.
func newCluster(t *testing.T, f *uitest.Fake, i, w, h int) *views.Cluster {
	t.Helper()
	f.AddCluster(i)
	row := f.Rows[i]
	v := views.NewCluster(newEnv(f), row.ID, &row)
	t.Cleanup(v.Close)
	v.SetSize(w, h)
	return v
}

// openCluster is newCluster with every command of its start run.
func openCluster(t *testing.T, f *uitest.Fake, i, w, h int) *views.Cluster {
	t.Helper()
	v := newCluster(t, f, i, w, h)
	uitest.Run(v, v.Init())
	return v
}

func TestClusterFirstPaneVisitFetchesOnlyThatPanesFields(t *testing.T) {
	f := uitest.NewFake(10)
	v := openCluster(t, f, 0, 100, 20)
	calls := f.FileRequests()
	if len(calls) != 1 || !reflect.DeepEqual(calls[0].Fields, uitest.StubFields[0]) || calls[0].URI != f.Rows[0].CoverURI {
		t.Fatalf("file calls on open = %+v, want one for the Overview fields of the cover", calls)
	}
	checkEachTabFetchesThatPanesFields(t, f, v)
}

func TestClusterPaneRevisitMakesNoRequest(t *testing.T) {
	f := uitest.NewFake(10)
	v := openCluster(t, f, 0, 100, 20)
	press(v, "2", "3", "1", "2", "3", "shift+tab")
	if got := len(f.FileRequests()); got != 3 {
		t.Fatalf("file calls = %d, want 3 (one per pane's first visit)", got)
	}
	if v.Active() != 1 {
		t.Fatalf("active pane = %d, want 1 after shift+tab from 3", v.Active())
	}
}

func TestClusterHeaderShowsTheClustersFields(t *testing.T) {
	f := uitest.NewFake(10)
	v := openCluster(t, f, 0, 120, 30)
	out := v.View()
	for _, want := range []string{f.Rows[0].Name, f.Rows[0].ID, "Faces", "Images", "Videos", "IMM ages 20-30-40 (min-avg-max)", "MetaLockVersion 7",
		"reviewed=yes, team=qa", "Cover " + f.Rows[0].CoverURI, "Created 2024-01-02 03:04:05"} {
		if !strings.Contains(out, want) {
			t.Fatalf("header lacks %q:\n%s", want, out)
		}
	}
}

func TestClusterWithoutCoverSaysSoAndFetchesNoFile(t *testing.T) {
	f := uitest.NewFake(10)
	v := openCluster(t, f, 4, 100, 20) // every fifth cluster has no cover
	if !strings.Contains(v.View(), "no cover file") {
		t.Fatalf("no-cover cluster:\n%s", v.View())
	}
	press(v, "tab", "tab")
	if n := len(f.FileRequests()); n != 0 {
		t.Fatalf("file calls = %d for a cluster without cover", n)
	}
}

func TestClusterPaneErrorShowsCodeMessageRequestIDAndRetries(t *testing.T) {
	f := uitest.NewFake(10)
	f.FileErr = &imm.Error{Kind: imm.KindServer, Code: "InternalError", Message: "boom", RequestId: "RID-7", StatusCode: 500}
	v := openCluster(t, f, 0, 100, 24)
	out := v.View()
	for _, want := range []string{"InternalError", "boom", "RID-7", "r to retry"} {
		if !strings.Contains(out, want) {
			t.Fatalf("error pane lacks %q:\n%s", want, out)
		}
	}
	if v.Err() == nil {
		t.Fatal("Err() is nil while the pane failed")
	}
	f.FileErr = nil
	checkRRetries(t, f, v, "0000.jpg")
}

func TestClusterDropsAPaneReplyForAnOldCover(t *testing.T) {
	f := uitest.NewFake(10)
	f.AddCluster(0)
	row := f.Rows[0]
	row.CoverURI = "oss://demo-bucket/old.jpg" // the list's row is stale
	v := views.NewCluster(newEnv(f), row.ID, &row)
	defer v.Close()
	v.SetSize(100, 20)
	uitest.Run(v, v.Init())
	if !strings.Contains(v.View(), "Overview of 0000.jpg") {
		t.Fatalf("the cluster's cover should win:\n%s", v.View())
	}
}

func TestClusterSpinnerStopsWhenNothingLoads(t *testing.T) {
	v := newCluster(t, uitest.NewFake(10), 0, 100, 20)
	msgs, _ := uitest.Run(v, v.Init())
	var ticks []tea.Msg
	for _, m := range msgs {
		if _, ok := m.(spinner.TickMsg); ok {
			ticks = append(ticks, m)
		}
	}
	if len(ticks) == 0 {
		t.Fatal("no spinner while loading")
	}
	// Loading is over: the spinner's next tick schedules nothing, so an
	// idle view costs no CPU.
	if cmd := v.Update(ticks[0]); cmd != nil {
		t.Fatal("spinner kept ticking after loading ended")
	}
	if cmd := v.Update(spinner.New().Tick()); cmd != nil {
		t.Fatal("another spinner's tick scheduled work")
	}
}

func TestClusterFacesEnterAsksToOpenAnotherCluster(t *testing.T) {
	f := uitest.NewFake(10)
	checkFacesEnterOpensACluster(t, openCluster(t, f, 0, 100, 20))
}

var _ = views.ShortID

func TestClusterHeaderKeepsItsHeightWhileTheClusterLoads(t *testing.T) {
	v := newCluster(t, uitest.NewFake(10), 0, 100, 30)
	cmd := v.Init()
	tabsRow := func() int {
		for i, l := range strings.Split(v.View(), "\n") {
			if strings.Contains(l, "1 Overview") {
				return i
			}
		}
		return -1
	}
	before := tabsRow()
	uitest.Run(v, cmd)
	if after := tabsRow(); after != before || before < 0 {
		t.Fatalf("tabs moved from line %d to %d when the cluster arrived", before, after)
	}
}

func headerRows(v *views.Cluster) int {
	for i, l := range strings.Split(v.View(), "\n") {
		if strings.Contains(l, "1 Overview") {
			return i
		}
	}
	return -1
}

func TestClusterHeaderIsCompactBelowTheThresholdAndBoxedAbove(t *testing.T) {
	f := uitest.NewFake(10)
	short := openCluster(t, f, 0, 80, views.FullHeaderMinHeight-1)
	out := short.View()
	if short.FullHeader() || strings.Contains(out, "┌") || headerRows(short) != 3 {
		t.Fatalf("short view: want a three-line header (two of the cluster, one of its strip) without a box, tabs on line 3:\n%s", out)
	}
	for _, want := range []string{f.Rows[0].Name, "Faces 100", "Ages 20-30-40", f.Rows[0].ID} {
		if !strings.Contains(out, want) {
			t.Fatalf("compact header lacks %q:\n%s", want, out)
		}
	}
	tall := openCluster(t, f, 0, 80, views.FullHeaderMinHeight)
	if !tall.FullHeader() || !strings.Contains(tall.View(), "┌") || !strings.Contains(tall.View(), "MetaLockVersion 7") {
		t.Fatalf("tall view: want the full box:\n%s", tall.View())
	}
}

func TestClusterHeaderKeyIToggles(t *testing.T) {
	f := uitest.NewFake(10)
	v := openCluster(t, f, 0, 80, 20)
	compactTabs := headerRows(v)
	press(v, "i")
	if !v.FullHeader() || !strings.Contains(v.View(), "MetaLockVersion 7") || headerRows(v) <= compactTabs {
		t.Fatalf("i on a short view should show the full box:\n%s", v.View())
	}
	uitest.CheckFrame(t, v.View(), 80, 20)
	v.SetSize(80, 21) // a resize keeps the choice
	if !v.FullHeader() {
		t.Fatal("a resize undid the i toggle")
	}
	press(v, "i")
	if v.FullHeader() || headerRows(v) != compactTabs {
		t.Fatalf("second i should go back to the compact header:\n%s", v.View())
	}
	tall := openCluster(t, f, 0, 80, 36)
	press(tall, "i")
	if tall.FullHeader() {
		t.Fatal("i on a tall view should show the compact header")
	}
}

// TestClusterHelpSaysWhatIDoes: i has one wording, on the short help line
// and under ?, before and after toggling, and when the height alone (the
// full help's lines) switches the default header.
func TestClusterHelpSaysWhatIDoes(t *testing.T) {
	f := uitest.NewFake(10)
	v := openCluster(t, f, 0, 80, 20)
	find := func(groups [][]key.Binding) string {
		for _, g := range groups {
			for _, b := range g {
				if b.Help().Key == "i" {
					return b.Help().Desc
				}
			}
		}
		return ""
	}
	const want = "header size"
	check := func(when string) {
		t.Helper()
		if got := find([][]key.Binding{v.ShortHelp()}); got != want {
			t.Fatalf("%s: short help for i = %q, want %q", when, got, want)
		}
		if got := find(v.FullHelp()); got != want {
			t.Fatalf("%s: full help for i = %q, want %q", when, got, want)
		}
	}
	check("compact header")
	press(v, "i")
	check("full header after i")
	press(v, "i")
	check("compact header after i again")
	tall := openCluster(t, f, 0, 120, 40)
	v = tall
	check("default full header")
	v.SetSize(120, 25) // ? takes lines: the default header turns compact
	check("default header turned compact")
	press(v, "m")
	check("members")
	press(v, "0")
	check("cluster JSON")
}

func TestClusterCompactHeaderKeepsItsHeightWhileLoading(t *testing.T) {
	f := uitest.NewFake(10)
	f.AddCluster(0)
	for _, row := range []*state.ClusterRow{&f.Rows[0], nil} {
		v := views.NewCluster(newEnv(f), f.Rows[0].ID, row)
		v.SetSize(80, 20)
		cmd := v.Init()
		before := headerRows(v)
		uitest.Run(v, cmd)
		if after := headerRows(v); after != before || before != 3 {
			t.Fatalf("row %v: tabs moved from line %d to %d when the cluster arrived", row != nil, before, after)
		}
		v.Close()
	}
}

func TestClusterCompactHeaderFitsEveryWidth(t *testing.T) {
	f := uitest.NewFake(10)
	v := openCluster(t, f, 0, 80, 20)
	for w := 10; w <= 130; w++ {
		v.SetSize(w, 20)
		uitest.CheckFrame(t, v.View(), w, 20)
	}
}

func TestClusterHeaderSaysWhetherLoadingOrRefreshingFailed(t *testing.T) {
	boom := &imm.Error{Kind: imm.KindServer, Code: "InternalError", Message: "boom", RequestId: "RID-C", StatusCode: 500}
	f := uitest.NewFake(10)
	v := openCluster(t, f, 0, 80, 20)
	f.ClusterErr = boom
	press(v, "r")
	if line := strings.Split(v.View(), "\n")[1]; !strings.HasPrefix(line, "could not refresh the cluster (r retries): InternalError") {
		t.Fatalf("header line 2 after a failed refresh = %q", line)
	}
	if !strings.Contains(v.View(), f.Rows[0].Name) {
		t.Fatalf("the last good cluster should stay on screen:\n%s", v.View())
	}

	f2 := uitest.NewFake(10)
	f2.ClusterErr = boom
	for _, h := range []int{20, 40} {
		w := openCluster(t, f2, 0, 80, h)
		if !strings.Contains(w.View(), "could not load the cluster: InternalError") {
			t.Fatalf("height %d: header after a failed load:\n%s", h, w.View())
		}
	}
}

func TestClusterHeaderLeavesNoGapAfterAnEmptyTime(t *testing.T) {
	f := uitest.NewFake(10)
	c := f.AddCluster(0)
	c.UpdateTime = ""
	v := views.NewCluster(newEnv(f), f.Rows[0].ID, nil)
	defer v.Close()
	v.SetSize(100, 20)
	uitest.Run(v, v.Init())
	if line := strings.Split(v.View(), "\n")[1]; !strings.Contains(line, "Updated -  Cover 0000.jpg") {
		t.Fatalf("compact header line 2 = %q", line)
	}
}

func TestClusterHeaderKeepsTheCoverFileNameWhenTheURIIsCut(t *testing.T) {
	f := uitest.NewFake(10)
	c := f.AddCluster(0)
	uri := "oss://family-photos-hz/photos/2024/2024-05 丽江古城/" + strings.Repeat("深", 10) + "/IMG_20240517_092740.jpg"
	c.Cover.URI = uri
	f.FileMap[uri] = f.FileMap[f.Rows[0].CoverURI]
	v := views.NewCluster(newEnv(f), f.Rows[0].ID, nil)
	defer v.Close()
	v.SetSize(80, 36)
	uitest.Run(v, v.Init())
	out := v.View()
	uitest.CheckFrame(t, out, 80, 36)
	if !strings.Contains(out, "Cover oss://family-photos-hz/") || !strings.Contains(out, "/IMG_20240517_092740.jpg") {
		t.Fatalf("full header should keep the bucket and the file name:\n%s", out)
	}
}

func TestClusterThatFailsToLoadDoesNotClaimItHasNoCover(t *testing.T) {
	f := uitest.NewFake(10)
	f.ClusterErr = &imm.Error{Kind: imm.KindNotFound, Code: "ResourceNotFound", Message: "The specified resource figure cluster is not found.", RequestId: "RID-7"}
	v := views.NewCluster(newEnv(f), "Cluster-nope", nil)
	t.Cleanup(v.Close)
	v.SetSize(100, 24)
	uitest.Run(v, v.Init())
	out := v.View()
	if strings.Contains(out, "has no cover file") || !strings.Contains(out, "could not be loaded") {
		t.Fatalf("a cluster that failed to load:\n%s", out)
	}
}

// TestClusterPartsListGOnlyAsTheFaceGrid: g opens the face grid anywhere
// in the cluster view, so no part's help may also name it as first row:
// the cover's panes (real ones), the members and the cluster JSON all say
// Home.
func TestClusterPartsListGOnlyAsTheFaceGrid(t *testing.T) {
	f := uitest.NewFake(10)
	f.AddCluster(0)
	env := newEnv(f)
	env.NewPanes = panes.New
	row := f.Rows[0]
	v := views.NewCluster(env, row.ID, &row)
	t.Cleanup(v.Close)
	v.SetSize(120, 30)
	uitest.Run(v, v.Init())
	for _, k := range []string{"1", "2", "3", "4", "5", "6", "7", "m", "0"} {
		press(v, k)
		firsts := 0
		for _, group := range v.FullHelp() {
			for _, b := range group {
				if b.Help().Desc == "first" {
					firsts++
					if b.Help().Key != "home" || !reflect.DeepEqual(b.Keys(), []string{"home"}) {
						t.Errorf("after %s the first-row key is %v (help %q), want home only", k, b.Keys(), b.Help().Key)
					}
				}
				if slices.Contains(b.Keys(), "g") && b.Help().Desc != "face grid" {
					t.Errorf("after %s g is listed as %q as well as the face grid", k, b.Help().Desc)
				}
			}
		}
		if firsts != 1 {
			t.Errorf("after %s the help lists %d first-row keys, want 1", k, firsts)
		}
	}
}

// TestClusterCrumbNamesTheReservedIDs: the pseudo-clusters open on their
// members with no row and no cluster to name them; the crumb says what
// the list's pinned row says, not a cut "figure-cluster…".
func TestClusterCrumbNamesTheReservedIDs(t *testing.T) {
	f := uitest.NewFake(10)
	for id, want := range map[string]string{
		imm.ClusterIndependent:     "(faces in no cluster)",
		imm.ClusterUnavailable:     "(faces not clustered yet)",
		"Cluster-0123456789abcdef": views.ShortID(asciiStyles().Glyphs, "Cluster-0123456789abcdef"),
	} {
		v := views.NewClusterMembers(newEnv(f), id)
		if got := v.Crumb(); got != want {
			t.Errorf("crumb of %s = %q, want %q", id, got, want)
		}
		v.Close()
	}
}
