package state

import (
	"context"
	"errors"
	"testing"

	"github.com/immtui/immtui/imm"
)

func goCluster(ctx context.Context, s *Store, id string, refresh bool) <-chan result[*imm.FigureCluster] {
	ch := make(chan result[*imm.FigureCluster], 1)
	go func() {
		get := s.Cluster
		if refresh {
			get = s.RefreshCluster
		}
		c, err := get(ctx, id)
		ch <- result[*imm.FigureCluster]{c, err}
	}()
	return ch
}

func TestClusterRequestsWithinAWindowBecomeOneBatchGet(t *testing.T) {
	api := newFakeAPI()
	ids := api.addClusters(5)
	s := newManualStore(t, api, Options{})
	var chans []<-chan result[*imm.FigureCluster]
	for _, id := range ids {
		chans = append(chans, goCluster(t.Context(), s, id, false))
	}
	chans = append(chans, goCluster(t.Context(), s, ids[0], false)) // a duplicate
	eventually(t, "six requests", func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.clustLd.pendingLocked() == 5 && s.stats.Coalesced == 1
	})
	s.Flush()
	for i, ch := range chans {
		r := recv(t, ch)
		if r.err != nil || r.v.ObjectId != ids[i%5] {
			t.Fatalf("request %d: %+v, %v", i, r.v, r.err)
		}
	}
	calls := api.callLog()
	if len(calls) != 1 || !sameSet(calls[0].Keys, ids) {
		t.Fatalf("calls %+v, want one BatchGetFigureCluster of %v", calls, ids)
	}
	if c, ok := s.CachedCluster(ids[2]); !ok || c.Name != "person 2" {
		t.Errorf("CachedCluster = %+v, %v", c, ok)
	}
	if name, ok := s.ClusterName(ids[3]); !ok || name != "person 3" {
		t.Errorf("ClusterName = %q, %v", name, ok)
	}
	if c, err := s.Cluster(t.Context(), ids[1]); err != nil || c.ObjectId != ids[1] || len(api.callLog()) != 1 {
		t.Errorf("a cached cluster cost a call or failed: %v", err)
	}
}

func TestRefreshClusterBypassesTheCache(t *testing.T) {
	api := newFakeAPI()
	ids := api.addClusters(1)
	s := newManualStore(t, api, Options{})
	a := goCluster(t.Context(), s, ids[0], false)
	waitPending(t, s, 1)
	s.Flush()
	recv(t, a)

	api.mu.Lock()
	c := api.clusters[ids[0]]
	c.Name = "renamed"
	api.clusters[ids[0]] = c
	api.mu.Unlock()
	b := goCluster(t.Context(), s, ids[0], true)
	waitPending(t, s, 1)
	s.Flush()
	if r := recv(t, b); r.err != nil || r.v.Name != "renamed" {
		t.Fatalf("refresh got %+v, %v", r.v, r.err)
	}
	if got, _ := s.CachedCluster(ids[0]); got.Name != "renamed" {
		t.Errorf("cache still holds %q", got.Name)
	}
}

func TestUnknownClusterYieldsNotFoundError(t *testing.T) {
	api := newFakeAPI()
	s := newManualStore(t, api, Options{})
	a := goCluster(t.Context(), s, "Cluster-nope", false)
	waitPending(t, s, 1)
	s.Flush()
	var nf *NotFoundError
	if r := recv(t, a); !errors.As(r.err, &nf) || nf.ID != "Cluster-nope" {
		t.Fatalf("got %v, want a NotFoundError naming the cluster", r.err)
	}
}

func TestClustersLeavesOutUnknownIDs(t *testing.T) {
	api := newFakeAPI()
	ids := api.addClusters(3)
	s := newManualStore(t, api, Options{})
	ch := make(chan result[map[string]*imm.FigureCluster], 1)
	go func() {
		m, err := s.Clusters(t.Context(), append(ids, "Cluster-nope", ids[0]))
		ch <- result[map[string]*imm.FigureCluster]{m, err}
	}()
	waitPending(t, s, 4)
	s.Flush()
	r := recv(t, ch)
	if r.err != nil || len(r.v) != 3 {
		t.Fatalf("got %d clusters, %v; want the 3 known", len(r.v), r.err)
	}
	if n := len(api.callLog()); n != 1 {
		t.Errorf("%d calls, want 1", n)
	}
}

func TestClustersFailsOnACallError(t *testing.T) {
	api := newFakeAPI()
	ids := api.addClusters(2)
	api.setErr(errors.New("throttled"))
	s := newManualStore(t, api, Options{})
	ch := make(chan error, 1)
	go func() {
		_, err := s.Clusters(t.Context(), ids)
		ch <- err
	}()
	waitPending(t, s, 2)
	s.Flush()
	if err := <-ch; err == nil || err.Error() != "throttled" {
		t.Fatalf("got %v", err)
	}
}
