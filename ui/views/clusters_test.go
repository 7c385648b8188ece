package views_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/views"
)

func openClusters(t *testing.T, f *uitest.Fake, w, h int) *views.Clusters {
	t.Helper()
	v := views.NewClusters(newEnv(f))
	v.SetSize(w, h)
	uitest.Run(v, v.Init())
	return v
}

func press(v uitest.Updater, keys ...string) {
	for _, k := range keys {
		uitest.Run(v, v.Update(uitest.Key(k)))
	}
}

func TestClustersRequestsOnlyTheFirstPageAtStart(t *testing.T) {
	f := uitest.NewFake(1000)
	v := openClusters(t, f, 120, 30)
	if got := len(f.Pages()); got != 1 {
		t.Fatalf("pages requested at start = %d, want 1", got)
	}
	if len(v.Rows()) != 100 {
		t.Fatalf("rows loaded = %d, want 100", len(v.Rows()))
	}
}

func TestClustersPrefetchesTheNextPageWithinOneScreenOfTheEnd(t *testing.T) {
	f := uitest.NewFake(1000)
	v := openClusters(t, f, 120, 21) // 20 rows on screen
	for i := 0; i < 70; i++ {
		press(v, "down")
	}
	if got := len(f.Pages()); got != 1 {
		t.Fatalf("after 70 rows: pages = %d, want still 1", got)
	}
	for i := 0; i < 11; i++ { // cursor 81: the end (99) is within one screen
		press(v, "down")
	}
	pages := f.Pages()
	if len(pages) != 2 || pages[1].Token != "100" {
		t.Fatalf("pages = %+v, want a second page after token 100", pages)
	}
	if len(v.Rows()) != 200 {
		t.Fatalf("rows = %d, want 200", len(v.Rows()))
	}
}

func TestClustersStopsPagingAfterTheLastPage(t *testing.T) {
	f := uitest.NewFake(150)
	v := openClusters(t, f, 120, 30)
	press(v, "G", "G", "G")
	if got := len(f.Pages()); got != 2 {
		t.Fatalf("pages = %d, want 2 for 150 clusters", got)
	}
	if v.Cursor() != 149 {
		t.Fatalf("cursor = %d, want 149", v.Cursor())
	}
}

func TestClustersSortKeyCyclesAndRefetchesFromTheFirstPage(t *testing.T) {
	f := uitest.NewFake(300)
	v := openClusters(t, f, 120, 30)
	press(v, "pgdown", "pgdown", "pgdown", "pgdown") // loads page 2
	before := v.Query()
	press(v, "s")
	pages := f.Pages()
	last := pages[len(pages)-1]
	if last.Token != "" || last.Query.Sort == before.Sort {
		t.Fatalf("after s: last request %+v, want first page of a new sort (was %+v)", last, before)
	}
	if v.Cursor() != 0 || len(v.Rows()) != 100 {
		t.Fatalf("after s: cursor %d rows %d, want 0 and one page", v.Cursor(), len(v.Rows()))
	}
	press(v, "S")
	if q := v.Query(); q.Sort != last.Query.Sort || q.Order == last.Query.Order {
		t.Fatalf("after S: query %+v, want the order flipped from %+v", q, last.Query)
	}
	if !strings.Contains(v.View(), "sorted by "+v.Query().Sort+" "+v.Query().Order) {
		t.Fatalf("title does not show the sort:\n%s", v.View())
	}
}

func TestClustersDropsAReplyToASupersededSort(t *testing.T) {
	f := uitest.NewFake(300)
	v := views.NewClusters(newEnv(f))
	v.SetSize(120, 30)
	stale := v.Init() // first page, default sort: held back
	fresh := v.Update(uitest.Key("s"))
	uitest.Run(v, fresh)
	want := v.Rows()[0].ID
	uitest.Run(v, stale) // the old sort's reply arrives late
	if len(v.Rows()) != 100 || v.Rows()[0].ID != want {
		t.Fatalf("stale reply changed the rows: %d rows, first %s, want 100 and %s", len(v.Rows()), v.Rows()[0].ID, want)
	}
	if v.Query().Sort == views.DefaultSort.Sort {
		t.Fatal("sort went back to the default")
	}
}

func TestClustersShowsTotalAndLoadedCount(t *testing.T) {
	f := uitest.NewFake(1234)
	v := openClusters(t, f, 120, 30)
	if out := v.View(); !strings.Contains(out, "1,234 total") || !strings.Contains(out, "100 loaded") {
		t.Fatalf("title lacks the total:\n%s", out)
	}
}

func TestClustersShowUnnamedClusterByShortID(t *testing.T) {
	f := uitest.NewFake(3)
	f.Rows[0].Name = ""
	v := openClusters(t, f, 120, 30)
	_ = v
	out := v.View()
	if !strings.Contains(out, views.ShortID(format.Glyphs{}, f.Rows[0].ID)) {
		t.Fatalf("unnamed cluster not shown by short ID:\n%s", out)
	}
}

func TestClustersPageErrorShowsCodeAndRequestIDAndRRetries(t *testing.T) {
	f := uitest.NewFake(50)
	f.PageErr = &imm.Error{Kind: imm.KindThrottled, Code: "Throttling.User", Message: "Request was denied due to user flow control.", RequestId: "RID-42", StatusCode: 400}
	v := openClusters(t, f, 100, 24)
	out := v.View()
	for _, want := range []string{"Throttling.User", "RID-42", "press r to retry"} {
		if !strings.Contains(strings.ToLower(out), strings.ToLower(want)) {
			t.Fatalf("error view lacks %q:\n%s", want, out)
		}
	}
	var ce *imm.Error
	if !errors.As(v.Err(), &ce) {
		t.Fatalf("Err() = %v", v.Err())
	}
	if h := v.ShortHelp(); h[0].Help().Key != "r" {
		t.Fatalf("with an error the help line starts with %q, want r (it must survive a narrow line)", h[0].Help().Key)
	}
	if strings.Contains(out, "? total") {
		t.Fatalf("unknown total shown as a question mark:\n%s", out)
	}
	f.PageErr = nil
	press(v, "r")
	if v.Err() != nil || len(v.Rows()) != 50 {
		t.Fatalf("after r: err %v, rows %d", v.Err(), len(v.Rows()))
	}
}

func TestClustersEnterOpensTheSelectedCluster(t *testing.T) {
	f := uitest.NewFake(10)
	v := openClusters(t, f, 100, 24)
	press(v, "down")
	msg := v.Update(uitest.Key("enter"))()
	push, ok := msg.(views.PushMsg)
	if !ok {
		t.Fatalf("enter gave %T, want PushMsg", msg)
	}
	c, ok := push.View.(*views.Cluster)
	if !ok || c.ID() != v.Rows()[1].ID {
		t.Fatalf("pushed %#v, want the cluster of row 1", push.View)
	}
	push.View.Close()
}

func TestClustersEmptyDatasetSaysSo(t *testing.T) {
	v := openClusters(t, uitest.NewFake(0), 100, 24)
	if !strings.Contains(v.View(), "no figure clusters") {
		t.Fatalf("empty dataset:\n%s", v.View())
	}
}

var _ = state.ClusterQuery{}

// tailFake is a fake whose FaceCounts are all different, so the default
// order (FaceCount desc) and its reverse are exact mirrors: with ties, both
// directions keep the API's secondary order, which is not a mirror.
func tailFake(n int) *uitest.Fake {
	f := uitest.NewFake(n)
	for i := range f.Rows {
		f.Rows[i].FaceCount = int32(i + 1)
	}
	return f
}

// listOrder is the whole list of a tailFake in the default order.
func listOrder(f *uitest.Fake) []string {
	out := make([]string, len(f.Rows))
	for i := range f.Rows {
		out[len(f.Rows)-1-i] = f.Rows[i].ID
	}
	return out
}

func ids(rows []state.ClusterRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}

func TestClustersEndShowsTheLastRowsAfterOneRequestForTheReversedOrder(t *testing.T) {
	for _, k := range []string{"G", "end"} {
		f := tailFake(100000)
		v := openClusters(t, f, 120, 30)
		press(v, k)
		pages := f.Pages()
		if len(pages) != 2 {
			t.Fatalf("%s: %d page requests, want 2 (the first page, then one for the end)", k, len(pages))
		}
		want := views.DefaultSort
		want.Order = "asc"
		if pages[1].Query != want || pages[1].Token != "" {
			t.Fatalf("%s: asked for %+v, want the first page of %+v", k, pages[1], want)
		}
		all := listOrder(f)
		if got := ids(v.Rows()); !slices.Equal(got, all[len(all)-100:]) {
			t.Fatalf("%s: rows are not the last 100 in order: first %s last %s", k, got[0], got[len(got)-1])
		}
		if !v.Tail() || v.Cursor() != 99 {
			t.Fatalf("%s: tail %v cursor %d, want tail mode on the last row", k, v.Tail(), v.Cursor())
		}
		out := v.View()
		if !strings.Contains(out, "100,000 total") || !strings.Contains(out, "showing the last 100") {
			t.Fatalf("%s: title does not say the last rows are shown:\n%s", k, out)
		}
		if !strings.Contains(out, "> "+views.ClusterLabel(format.Glyphs{}, f.Rows[0].Name, f.Rows[0].ID)) {
			t.Fatalf("%s: the last cluster is not selected:\n%s", k, out)
		}
	}
}

func TestClustersMovingUpFromTheEndPagesFurtherBackKeepingTheSelection(t *testing.T) {
	f := tailFake(1000)
	v := openClusters(t, f, 120, 21) // 19 rows on screen (title and header)
	press(v, "G")
	for i := 0; i < 80; i++ { // cursor 19: the top is a screen away
		press(v, "up")
	}
	if got := len(f.Pages()); got != 2 {
		t.Fatalf("pages before the top is near = %d, want 2", got)
	}
	press(v, "up") // cursor 18: within one screen of the top
	pages := f.Pages()
	if len(pages) != 3 || pages[2].Token != "100" || pages[2].Query.Order != "asc" {
		t.Fatalf("pages = %+v, want the reversed order's second page", pages)
	}
	all := listOrder(f)
	if got := ids(v.Rows()); !slices.Equal(got, all[len(all)-200:]) {
		t.Fatalf("rows are not the last 200 in order")
	}
	if got := v.Rows()[v.Cursor()].ID; got != all[len(all)-100+18] {
		t.Fatalf("selection moved to %s, want %s", got, all[len(all)-100+18])
	}
}

func TestClustersTailPagedToTheTopIsTheWholeList(t *testing.T) {
	f := tailFake(250)
	v := openClusters(t, f, 120, 30)
	press(v, "G")
	for i := 0; i < 300; i++ {
		press(v, "up")
	}
	if got := ids(v.Rows()); !slices.Equal(got, listOrder(f)) {
		t.Fatalf("tail paged to the top: %d rows, not the whole list in order", len(got))
	}
	if v.Cursor() != 0 || !strings.Contains(v.View(), "250 loaded") {
		t.Fatalf("cursor %d, title:\n%s", v.Cursor(), v.View())
	}
}

func TestClustersHomeFromTheEndGoesBackToTheHeadWithoutARequest(t *testing.T) {
	f := tailFake(5000)
	v := openClusters(t, f, 120, 30)
	head := ids(v.Rows())
	press(v, "G", "g")
	if v.Tail() || v.Cursor() != 0 || !slices.Equal(ids(v.Rows()), head) {
		t.Fatalf("after g: tail %v cursor %d, want the head's first row", v.Tail(), v.Cursor())
	}
	press(v, "end", "home", "G")
	if got := len(f.Pages()); got != 2 {
		t.Fatalf("page requests = %d, want 2: each end is fetched once", got)
	}
	if !v.Tail() || v.Cursor() != 99 {
		t.Fatalf("back at the end: tail %v cursor %d", v.Tail(), v.Cursor())
	}
	if strings.Contains(v.View(), "showing the last") == false {
		t.Fatalf("title:\n%s", v.View())
	}
}

func TestClustersNewSortLeavesTheTail(t *testing.T) {
	f := tailFake(5000)
	v := openClusters(t, f, 120, 30)
	press(v, "G", "S")
	last := f.Pages()[len(f.Pages())-1]
	if v.Tail() || last.Token != "" || last.Query.Order != "asc" || v.Query().Order != "asc" {
		t.Fatalf("after S in the tail: tail %v, last request %+v, query %+v", v.Tail(), last, v.Query())
	}
	if got := ids(v.Rows()); got[0] != f.Rows[0].ID {
		t.Fatalf("first row %s, want %s (smallest FaceCount first)", got[0], f.Rows[0].ID)
	}
}

func TestClustersListAndHeaderShowTimesInIMMsOffset(t *testing.T) {
	f := uitest.NewFake(1)
	// 2024-03-01T20:06:07+08:00; the tests' local zone is UTC (12:06).
	f.Rows[0].UpdateTime, f.Rows[0].UpdateOffset = 1709294767, 8*60
	v := openClusters(t, f, 200, 24)
	if out := v.View(); !strings.Contains(out, "2024-03-01 20:06") || strings.Contains(out, "12:06") {
		t.Fatalf("the list does not show IMM's clock:\n%s", out)
	}
	push, ok := v.Update(uitest.Key("enter"))().(views.PushMsg)
	if !ok {
		t.Fatal("enter pushed nothing")
	}
	c := push.View.(*views.Cluster)
	defer c.Close()
	c.SetSize(200, 40) // the full header, before the cluster itself came
	if out := c.View(); !c.FullHeader() || !strings.Contains(out, "2024-03-01 20:06:07 +08:00") {
		t.Fatalf("the header does not show the list's time:\n%s", out)
	}
	c.SetSize(200, 24) // the compact one
	if out := c.View(); c.FullHeader() || !strings.Contains(out, "Updated 2024-03-01 20:06 ") {
		t.Fatalf("the compact header does not show the list's time:\n%s", out)
	}
}

// ctxFake records the context of each page request.
type ctxFake struct {
	*uitest.Fake
	ctxs []context.Context
}

func (c *ctxFake) ClusterPage(ctx context.Context, q state.ClusterQuery, token string) (state.ClusterPage, error) {
	c.ctxs = append(c.ctxs, ctx)
	return c.Fake.ClusterPage(ctx, q, token)
}

func TestClustersHomeCancelsTheTailsRequestInFlight(t *testing.T) {
	f := &ctxFake{Fake: tailFake(5000)}
	v := views.NewClusters(&views.Env{Data: f, Styles: asciiStyles(), NewPanes: uitest.StubPanes})
	v.SetSize(120, 30)
	uitest.Run(v, v.Init())
	head := ids(v.Rows())
	tail := v.Update(uitest.Key("G")) // the tail's first page, held back
	press(v, "g")
	uitest.Run(v, tail)
	if n := len(f.ctxs); n != 2 || f.ctxs[1].Err() != context.Canceled {
		t.Fatalf("%d page requests, the tail's context %v: want it cancelled by g", n, f.ctxs[n-1].Err())
	}
	if f.ctxs[0].Err() != context.Canceled {
		t.Error("the answered first page's context is never released")
	}
	if v.Tail() || v.Err() != nil || !slices.Equal(ids(v.Rows()), head) || strings.Contains(v.View(), "loading") {
		t.Fatalf("after g: tail %v, err %v, rows kept %v:\n%s", v.Tail(), v.Err(), slices.Equal(ids(v.Rows()), head), v.View())
	}
}
