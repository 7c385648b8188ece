package state

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"sync"
	"testing"

	"github.com/immtui/immtui/imm"
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

// BenchmarkMergeFile merges the labels of a fixture file into a cached copy
// of its faces; both halves carry extras (zero-valued keys), so this is the
// JSON path, the slowest merge. It runs outside the store's lock.
func BenchmarkMergeFile(b *testing.B) {
	raw, err := os.ReadFile("../client/testdata/batch-get-file-meta.response.json")
	if err != nil {
		b.Skip(err)
	}
	var resp imm.BatchGetFileMetaResponse
	if err := json.Unmarshal(raw, &resp); err != nil || len(resp.Files) == 0 {
		b.Fatal(err)
	}
	full := resp.Files[0]
	faces := onlyFields(full, []string{"URI", "Figures", "FigureCount", "Orientation"})
	labels := withUnknownKey(b, onlyFields(full, []string{"URI", "Labels", "OCRContents"}))
	old := mergeFile(nil, &faces, []string{"Figures", "FigureCount", "Orientation"})
	if !faces.HasExtras() || !labels.HasExtras() {
		b.Fatal("the halves do not both carry extras")
	}
	b.ReportAllocs()
	for b.Loop() {
		mergeFile(old, &labels, []string{"Labels", "OCRContents"})
	}
}

// withUnknownKey adds a key this version does not model, as a newer API would.
func withUnknownKey(b *testing.B, f imm.File) imm.File {
	raw, _ := json.Marshal(f)
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	m["SomethingNew"] = 1
	raw, _ = json.Marshal(m)
	var out imm.File
	if err := json.Unmarshal(raw, &out); err != nil {
		b.Fatal(err)
	}
	return out
}
