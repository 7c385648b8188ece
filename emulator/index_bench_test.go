package emulator

import (
	"context"
	"runtime"
	"sync"
	"testing"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/imm"
)

// The explore screens' dataset: the generator at 100,000 files, as in
// state's BenchmarkExplore100k. Built once for these benchmarks.
var explore100k = sync.OnceValues(func() (*datasetEntry, error) {
	st, err := newStore(sourceOf(dataset.Generate(dataset.Options{Seed: 1, Files: 100_000})))
	if err != nil {
		return nil, err
	}
	de, e := st.dataset(dataset.DefaultProject, dataset.DefaultDataset)
	if e != nil {
		return nil, e
	}
	return de, nil
})

func explore100kEntry(b *testing.B) *datasetEntry {
	de, err := explore100k()
	if err != nil {
		b.Fatal(err)
	}
	return de
}

// BenchmarkBuildIndexes100k builds every value index of 100k files from
// scratch. index-MB is the estimate of indexBytes; heap-MB what the heap
// grew by, measured after a collection.
func BenchmarkBuildIndexes100k(b *testing.B) {
	de := explore100kEntry(b)
	var before, after runtime.MemStats
	var estimate int64
	for b.Loop() {
		b.StopTimer()
		de.indexes = newLazyIndexes()
		runtime.GC()
		runtime.ReadMemStats(&before)
		b.StartTimer()
		estimate = de.indexBytes()
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.StartTimer()
	}
	b.ReportMetric(float64(estimate)/1e6, "index-MB")
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/1e6, "heap-MB")
}

// BenchmarkAnyOf100Labels100k is state.Labels' first query (any of 100
// labels) over 100k files: answered by the index, and by testing every
// file as before the indexes (run it with -benchtime 1x: seconds per op).
func BenchmarkAnyOf100Labels100k(b *testing.B) {
	de := explore100kEntry(b)
	var subs []imm.SimpleQuery
	for _, v := range de.fieldIndex("Labels.LabelName").keys[:100] {
		subs = append(subs, imm.SimpleQuery{Field: "Labels.LabelName", Operation: "eq", Value: v})
	}
	root, e := compileQuery(imm.SimpleQuery{Operation: "or", SubQueries: subs})
	if e != nil {
		b.Fatal(e.Message)
	}
	for _, mode := range []struct {
		name  string
		index bool
	}{{"index", true}, {"scan", false}} {
		b.Run(mode.name, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				hits, ok := de.filter(root, &deadlineCheck{ctx: context.Background()}, mode.index)
				if !ok {
					b.Fatal("stopped")
				}
				n = len(hits)
			}
			b.ReportMetric(float64(n), "hits")
		})
	}
}
