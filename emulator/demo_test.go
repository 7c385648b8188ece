package emulator_test

import (
	"context"
	"testing"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/internal/teststack"
)

func TestRealClientBrowsesTheGeneratedDemo(t *testing.T) {
	data := dataset.Generate(dataset.Options{Seed: 7})
	r := startTest(t, emulator.Config{Data: data})
	c := newClient(t, r, nil)
	ctx := context.Background()
	page, err := c.QueryFigureClusters(ctx, imm.QueryFigureClustersRequest{ProjectName: dataset.DefaultProject,
		DatasetName: dataset.DefaultDataset, Sort: "FaceCount", Order: "desc", MaxResults: 10, WithTotalCount: true})
	if err != nil {
		t.Fatal(err)
	}
	if int(page.TotalCount) != len(data.FigureClusters) || len(page.FigureClusters) != 10 {
		t.Fatalf("total %d, page %d", page.TotalCount, len(page.FigureClusters))
	}
	for _, fc := range page.FigureClusters[:3] {
		// A cluster's members: every file with one of its faces.
		var members int
		req := imm.SimpleQueryRequest{ProjectName: dataset.DefaultProject, DatasetName: dataset.DefaultDataset,
			Query:      &imm.SimpleQuery{Field: "Figures.FigureClusterId", Operation: "eq", Value: fc.ObjectId},
			WithFields: []string{"URI", "Figures"}, MaxResults: 100}
		for {
			res, err := c.SimpleQuery(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			members += len(res.Files)
			if req.NextToken = res.NextToken; req.NextToken == "" {
				break
			}
		}
		if int64(members) != fc.ImageCount+fc.VideoCount {
			t.Errorf("%s: %d member files, cluster reports %d images + %d videos", fc.ObjectId, members, fc.ImageCount, fc.VideoCount)
		}
		if fc.Cover == nil || fc.Cover.URI == "" || len(fc.Cover.Figures) == 0 {
			t.Errorf("%s: cover %+v", fc.ObjectId, fc.Cover)
		}
	}
}

// BenchmarkBatchGetFileMeta100RoundTrip is one BatchGetFileMeta of 100
// URIs, client -> emulator over loopback, decoded by the real client: all
// fields, then a list row's fields and the Faces pane's.
func BenchmarkBatchGetFileMeta100RoundTrip(b *testing.B) {
	data := dataset.Generate(dataset.Options{Seed: 1})
	r, err := emulator.Start("127.0.0.1:0", emulator.Config{Data: data})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	uris := make([]string, 100)
	for i := range uris {
		uris[i] = data.Files[i].URI
	}
	for _, bc := range []struct {
		name   string
		fields []string
	}{
		{"all-fields", nil},
		{"row-fields", []string{"URI", "Filename", "Size", "FileModifiedTime", "MediaType", "ImageWidth", "ImageHeight", "FigureCount"}},
		{"faces-pane", []string{"URI", "Figures"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			tr := teststack.NewWire()
			c, err := client.New(client.Config{Endpoint: r.URL(), AccessKeyID: emulator.DemoAccessKeyID,
				AccessKeySecret: emulator.DemoAccessKeySecret, Transport: tr})
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			req := imm.BatchGetFileMetaRequest{ProjectName: dataset.DefaultProject, DatasetName: dataset.DefaultDataset,
				URIs: uris, WithFields: bc.fields}
			b.ReportAllocs()
			for b.Loop() {
				res, err := c.BatchGetFileMeta(context.Background(), req)
				if err != nil || len(res.Files) != 100 {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(tr.Bytes())/float64(b.N), "resp-bytes/op")
		})
	}
}
