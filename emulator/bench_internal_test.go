package emulator

import (
	"net/url"
	"sync"
	"testing"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/imm"
)

// A 100k-cluster server, built once for the benchmarks that need it.
var big = sync.OnceValues(func() (*Server, error) {
	return New(Config{Data: dataset.Generate(dataset.Options{Seed: 1, Clusters: 100_000, Files: 100_000})})
})

func bigServer(b *testing.B) *Server {
	s, err := big()
	if err != nil {
		b.Fatal(err)
	}
	return s
}

func bigParams(extra map[string]string) *params {
	v := url.Values{"ProjectName": {dataset.DefaultProject}, "DatasetName": {dataset.DefaultDataset}}
	for k, x := range extra {
		v.Set(k, x)
	}
	return &params{v: v}
}

// BenchmarkQueryFigureClustersPage100k answers one 100-cluster page from
// the middle of 100k clusters sorted by FaceCount: "select" is the lookup
// alone, "encode" adds the JSON encoding of the page (covers included).
func BenchmarkQueryFigureClustersPage100k(b *testing.B) {
	s := bigServer(b)
	de, _ := s.data.dataset(dataset.DefaultProject, dataset.DefaultDataset)
	key := clusterOrderKey{Sort: "FaceCount", Desc: true}
	de.clusterOrder(key) // built once per (sort, order) and cached
	token := pageToken{Kind: "clusters", Scope: dataset.DefaultProject + "/" + dataset.DefaultDataset,
		Fingerprint: fingerprint("FaceCount", "true", "", "", ""), Pos: 50_000}.encode()
	p := map[string]string{"Sort": "FaceCount", "Order": "desc", "MaxResults": "100", "NextToken": token}
	b.Run("select", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			out, e := s.queryFigureClusters(bigParams(p), "rid")
			if e != nil || len(out.(queryFigureClustersBody).FigureClusters) != 100 {
				b.Fatal(e)
			}
		}
	})
	b.Run("encode", func(b *testing.B) {
		b.ReportAllocs()
		var n int
		for b.Loop() {
			out, _ := s.queryFigureClusters(bigParams(p), "rid")
			body, err := encode(out)
			if err != nil {
				b.Fatal(err)
			}
			n = len(body)
		}
		b.ReportMetric(float64(n), "bytes/page")
	})
}

// BenchmarkFirstSortOf100kClusters is the one-off cost of a new sort order.
func BenchmarkFirstSortOf100kClusters(b *testing.B) {
	s := bigServer(b)
	de, _ := s.data.dataset(dataset.DefaultProject, dataset.DefaultDataset)
	b.ReportAllocs()
	for b.Loop() {
		de.sortClusters(clusterOrderKey{Sort: "CreateTime"})
	}
}

// BenchmarkSimpleQueryClusterMembers100k is the Members tab's query,
// answered from the Figures.FigureClusterId index (a different cluster
// each time, so the result cache does not help).
func BenchmarkSimpleQueryClusterMembers100k(b *testing.B) {
	s := bigServer(b)
	de, _ := s.data.dataset(dataset.DefaultProject, dataset.DefaultDataset)
	ids := make([]string, 0, 1000)
	for i := 0; i < len(de.clusters) && len(ids) < cap(ids); i += 97 {
		ids = append(ids, de.clusters[i].ObjectId)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		q := `{"Field":"Figures.FigureClusterId","Operation":"eq","Value":"` + ids[i%len(ids)] + `"}`
		i++
		out, e := s.simpleQuery(bigParams(map[string]string{"Query": q, "WithFields": `["URI","Figures"]`}), "rid")
		if e != nil || len(out.(simpleQueryBody).Files) == 0 {
			b.Fatal(e)
		}
	}
}

// BenchmarkSimpleQueryScan100k is an unindexed query over 100k files
// (match-phrase tests every file by reflection; the Problems view's "not
// Indexed" is now answered by the ObjectStatus index), sorted by Size,
// first page, with the result cache emptied each time.
func BenchmarkSimpleQueryScan100k(b *testing.B) {
	s := bigServer(b)
	de, _ := s.data.dataset(dataset.DefaultProject, dataset.DefaultDataset)
	q, _ := encode(imm.SimpleQuery{Field: "ObjectStatus", Operation: "match-phrase", Value: "fail"})
	p := map[string]string{"Query": string(q), "Sort": "Size", "Order": "desc"}
	b.ReportAllocs()
	for b.Loop() {
		de.queries = newResultCache(32)
		if _, e := s.simpleQuery(bigParams(p), "rid"); e != nil {
			b.Fatal(e)
		}
	}
}
