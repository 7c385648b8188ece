package state

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
)

func BenchmarkCachedFile(b *testing.B) {
	api := newFakeAPI()
	uris := api.addFiles("a", 1)
	s := newManualStore(b, api, Options{})
	fetchNowB(b, s, uris[0])
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := s.CachedFile(uris[0], facesFields); !ok {
			b.Fatal("miss")
		}
	}
}

// BenchmarkFileCoalesced: 100 concurrent requests for new URIs, answered by
// one BatchGetFileMeta (a full batch goes out without waiting).
func BenchmarkFileCoalesced(b *testing.B) {
	api := newFakeAPI()
	uris := api.addFiles("a", 100)
	b.ReportAllocs()
	calls := 0
	for b.Loop() {
		s := New(api, "p", "d", Options{manualFlush: true})
		var wg sync.WaitGroup
		for _, u := range uris {
			wg.Go(func() {
				if _, err := s.File(b.Context(), u, labelsFields); err != nil {
					b.Error(err)
				}
			})
		}
		wg.Wait()
		calls += int(s.Stats().Calls)
		s.Close()
	}
	b.ReportMetric(float64(calls)/float64(b.N), "calls/op")
}

func fetchNowB(b *testing.B, s *Store, uri string) {
	ch := goFile(b.Context(), s, uri, facesFields)
	waitPending(b, s, 1)
	s.Flush()
	if r := recv(b, ch); r.err != nil {
		b.Fatal(r.err)
	}
}

// TestConcurrentUseIsRaceFree mixes every operation from many goroutines,
// with real window timers and a small cache, for the race detector.
func TestConcurrentUseIsRaceFree(t *testing.T) {
	api := newFakeAPI()
	uris := api.addFiles("a", 60)
	ids := api.addClusters(60)
	s := New(api, "p", "d", Options{Window: 1, FileCache: 20, ClusterCache: 20})
	defer s.Close()
	fieldSets := [][]string{facesFields, labelsFields, {"OCRContents"}, nil, {"Labels", "Figures"}}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(g), 1))
			for range 200 {
				u, id, fs := uris[r.IntN(len(uris))], ids[r.IntN(len(ids))], fieldSets[r.IntN(len(fieldSets))]
				var err error
				switch r.IntN(7) {
				case 0:
					_, err = s.File(t.Context(), u, fs)
				case 1:
					_, err = s.RefreshFile(t.Context(), u, fs)
				case 2:
					s.CachedFile(u, fs)
					s.CachedCluster(id)
					s.ClusterName(id)
				case 3:
					_, err = s.Cluster(t.Context(), id)
				case 4:
					_, err = s.Clusters(t.Context(), ids[:r.IntN(10)])
				case 5:
					_, err = s.ClusterPage(t.Context(), ClusterQuery{}, fmt.Sprint(r.IntN(3)*20))
				case 6:
					s.Stats()
				}
				if err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if st := s.Stats(); st.InFlight != 0 {
		t.Errorf("InFlight %d after every request returned", st.InFlight)
	}
}

var _ API = (*fakeAPI)(nil)
