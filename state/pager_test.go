package state

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unsafe"

	"github.com/immtui/immtui/imm"
)

func goPage(ctx context.Context, s *Store, token string) <-chan result[ClusterPage] {
	ch := make(chan result[ClusterPage], 1)
	go func() {
		p, err := s.ClusterPage(ctx, ClusterQuery{Sort: "FaceCount", Order: "desc"}, token)
		ch <- result[ClusterPage]{p, err}
	}()
	return ch
}

func TestFirstClusterPageAsksForTotalCountOnly(t *testing.T) {
	api := newFakeAPI()
	api.addClusters(250)
	s := newManualStore(t, api, Options{})
	first := recv(t, goPage(t.Context(), s, ""))
	if first.err != nil || len(first.v.Rows) != 100 || first.v.TotalCount != 250 || first.v.NextToken == "" {
		t.Fatalf("first page: %d rows, total %d, next %q, %v", len(first.v.Rows), first.v.TotalCount, first.v.NextToken, first.err)
	}
	if first.v.Query.Sort != "FaceCount" || first.v.Token != "" {
		t.Errorf("page does not say what it was fetched with: %+v", first.v.Query)
	}
	second := recv(t, goPage(t.Context(), s, first.v.NextToken))
	if second.err != nil || second.v.Token != first.v.NextToken || second.v.Rows[0].ID != "Cluster-0100" {
		t.Fatalf("second page: %+v, %v", second.v, second.err)
	}
	calls := api.callLog()
	if len(calls) != 2 || !calls[0].WithTotalCount || calls[1].WithTotalCount {
		t.Fatalf("WithTotalCount of calls: %+v; want only on the first", calls)
	}
	if !calls[0].CoverURIOnly || !calls[1].CoverURIOnly {
		t.Errorf("pages decode whole covers: %+v; rows need the cover URI only", calls)
	}
}

func TestSameClusterPageInFlightTwiceIsOneCall(t *testing.T) {
	api, started, release := gated()
	api.addClusters(10)
	s := newManualStore(t, api, Options{})
	a := goPage(t.Context(), s, "")
	nextCall(t, started)
	b := goPage(t.Context(), s, "")
	eventually(t, "the second waiter", func() bool { return s.Stats().Coalesced == 1 })
	release()
	ra, rb := recv(t, a), recv(t, b)
	if ra.err != nil || rb.err != nil || len(ra.v.Rows) != 10 || len(rb.v.Rows) != 10 {
		t.Fatalf("results %v, %v", ra.err, rb.err)
	}
	if n := len(api.callLog()); n != 1 {
		t.Errorf("%d calls, want 1", n)
	}
}

func TestClusterPageCallIsCancelledWhenItsLastWaiterLeaves(t *testing.T) {
	api, started, release := gated()
	defer release()
	api.addClusters(10)
	s := newManualStore(t, api, Options{})
	ctx1, cancel1 := context.WithCancel(t.Context())
	ctx2, cancel2 := context.WithCancel(t.Context())
	a := goPage(ctx1, s, "")
	call := nextCall(t, started)
	b := goPage(ctx2, s, "")
	eventually(t, "the second waiter", func() bool { return s.Stats().Coalesced == 1 })

	cancel1()
	if r := recv(t, a); !errors.Is(r.err, context.Canceled) {
		t.Fatalf("got %v", r.err)
	}
	if call.Ctx.Err() != nil {
		t.Fatal("the call was cancelled while a waiter was left")
	}
	cancel2()
	recv(t, b)
	waitDone(t, call.Ctx)
}

func TestClusterPageFillsTheClusterCacheAndNames(t *testing.T) {
	api := newFakeAPI()
	ids := api.addClusters(3)
	s := newManualStore(t, api, Options{})
	if r := recv(t, goPage(t.Context(), s, "")); r.err != nil {
		t.Fatal(r.err)
	}
	if name, ok := s.ClusterName(ids[1]); !ok || name != "person 1" {
		t.Errorf("ClusterName = %q, %v", name, ok)
	}
	if c, err := s.Cluster(t.Context(), ids[2]); err != nil || c.Name != "person 2" {
		t.Fatalf("Cluster = %+v, %v", c, err)
	}
	if n := len(api.callLog()); n != 1 {
		t.Errorf("%d calls, want 1: a listed cluster costs no call to open", n)
	}
}

func TestClusterPageErrorIsNotKept(t *testing.T) {
	api := newFakeAPI()
	api.addClusters(3)
	api.setErr(errors.New("throttled"))
	s := newManualStore(t, api, Options{})
	if r := recv(t, goPage(t.Context(), s, "")); r.err == nil {
		t.Fatal("no error")
	}
	api.setErr(nil)
	if r := recv(t, goPage(t.Context(), s, "")); r.err != nil || len(r.v.Rows) != 3 {
		t.Fatalf("retry: %v", r.err)
	}
}

func TestRowFromClusterKeepsWhatTheListShows(t *testing.T) {
	c := &imm.FigureCluster{
		ObjectId: "Cluster-1", Name: "张伟", Gender: "male", FaceCount: 12, ImageCount: 10, VideoCount: 2,
		MinAge: 20, AverageAge: 25.5, MaxAge: 31, CreateTime: "2021-06-29T14:50:13.011643661+08:00",
		UpdateTime: "not a time", Cover: &imm.File{URI: "oss://b/c.jpg", Labels: []imm.Label{{LabelName: "x"}}},
		CustomLabels: map[string]any{"k": "v"},
	}
	r := RowFromCluster(c)
	want := ClusterRow{ID: "Cluster-1", Name: "张伟", Gender: "male", CoverURI: "oss://b/c.jpg",
		FaceCount: 12, ImageCount: 10, VideoCount: 2, MinAge: 20, AvgAge: 25.5, MaxAge: 31,
		CreateTime: 1624949413, CreateOffset: 8 * 60}
	if r != want {
		t.Fatalf("row %+v\nwant %+v", r, want)
	}
	if got := RowFromCluster(&imm.FigureCluster{FaceCount: 1 << 40}); got.FaceCount != 1<<31-1 {
		t.Errorf("huge count became %d, want clamped", got.FaceCount)
	}
}

func TestClusterRowIsCompact(t *testing.T) {
	// Realistic lengths: a 36-byte ID, a CJK name, a 64-byte cover URI.
	c := &imm.FigureCluster{
		ObjectId: "Cluster-" + strings.Repeat("a", 28), Name: "欧阳娜娜", Gender: "female",
		Cover: &imm.File{URI: "oss://bucket/" + strings.Repeat("p", 51)},
	}
	r := RowFromCluster(c)
	size := int(unsafe.Sizeof(r)) + len(r.ID) + len(r.Name) + len(r.Gender) + len(r.CoverURI)
	if size > 300 {
		t.Fatalf("a row costs %d bytes, want <= 300 (docs/performance.md §6)", size)
	}
	t.Logf("ClusterRow: %d B struct, %d B with strings", unsafe.Sizeof(r), size)
}

func TestClusterPageCachesClustersWithTheirCoverURIOnly(t *testing.T) {
	api := newFakeAPI()
	ids := api.addClusters(3)
	api.mu.Lock()
	c := api.clusters[ids[1]]
	c.Cover = &imm.File{URI: "oss://bucket/big.jpg", Filename: "big.jpg", Labels: []imm.Label{{LabelName: "cat"}}}
	api.clusters[ids[1]] = c
	api.mu.Unlock()
	s := newManualStore(t, api, Options{})
	if p := recv(t, goPage(t.Context(), s, "")); p.err != nil || p.v.Rows[1].CoverURI != "oss://bucket/big.jpg" {
		t.Fatalf("page: %+v, %v", p.v, p.err)
	}
	got, ok := s.CachedCluster(ids[1])
	if !ok || got.Name != "person 1" || got.Cover == nil || got.Cover.URI != "oss://bucket/big.jpg" {
		t.Fatalf("cached cluster %+v, %v; want it with its cover URI", got, ok)
	}
	if got.Cover.Filename != "" || len(got.Cover.Labels) != 0 {
		t.Fatalf("cached cover keeps the whole file (%+v): 100,000 of them do not fit in memory", got.Cover)
	}
}
