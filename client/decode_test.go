package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/alibabacloud-go/tea/dara"

	"github.com/immtui/immtui/imm"
)

func serveFixture(t *testing.T, name string) *fakeIMM {
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return newFakeIMM(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(raw)
	})
}

func TestPublishedRepliesDecodeIntoTypedModels(t *testing.T) {
	ctx := context.Background()
	t.Run("BatchGetFileMeta", func(t *testing.T) {
		c := newTestClient(t, serveFixture(t, "batch-get-file-meta.response.json"))
		res, err := c.BatchGetFileMeta(ctx, imm.BatchGetFileMetaRequest{URIs: []string{"oss://test-bucket/test-object.jpg"}})
		if err != nil {
			t.Fatal(err)
		}
		f := res.Files[0]
		if f.Size != 1000 || f.OSSCRC64 != "559890638950338001" || len(f.Figures) == 0 || f.Figures[0].HeadPose == nil || f.Addresses[0].City != "杭州市" {
			t.Errorf("decoded %+v", f)
		}
		if res.RequestId != "7F84C6D9-5AC0-49F9-914D-F02678E3****" {
			t.Errorf("RequestId %q", res.RequestId)
		}
	})
	t.Run("BatchGetFigureCluster", func(t *testing.T) {
		c := newTestClient(t, serveFixture(t, "batch-get-figure-cluster.response.json"))
		res, err := c.BatchGetFigureCluster(ctx, imm.BatchGetFigureClusterRequest{ObjectIds: []string{"x"}})
		if err != nil {
			t.Fatal(err)
		}
		if fc := res.FigureClusters[0]; fc.Cover == nil || fc.FaceCount != 3 {
			t.Errorf("decoded %+v", fc)
		}
	})
	t.Run("QueryFigureClusters", func(t *testing.T) {
		c := newTestClient(t, serveFixture(t, "query-figure-clusters.from-sdk-examples.json"))
		res, err := c.QueryFigureClusters(ctx, imm.QueryFigureClustersRequest{ProjectName: "p", DatasetName: "d"})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.FigureClusters) != 1 || res.NextToken == "" {
			t.Errorf("decoded %+v", res)
		}
	})
	t.Run("SimpleQuery", func(t *testing.T) {
		c := newTestClient(t, serveFixture(t, "simple-query.response.json"))
		res, err := c.SimpleQuery(ctx, imm.SimpleQueryRequest{ProjectName: "p", DatasetName: "d"})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Aggregations) == 0 || res.Aggregations[0].Value != 200 || res.Aggregations[0].Groups[0].Value != "100" {
			t.Errorf("aggregations %+v", res.Aggregations)
		}
	})
	t.Run("ListProjects", func(t *testing.T) {
		c := newTestClient(t, serveFixture(t, "list-projects.response.json"))
		res, err := c.ListProjects(ctx, imm.ListProjectsRequest{})
		if err != nil || len(res.Projects) == 0 || res.Projects[0].ProjectName == "" {
			t.Fatalf("got %+v, %v", res, err)
		}
	})
	t.Run("ListDatasets", func(t *testing.T) {
		c := newTestClient(t, serveFixture(t, "list-datasets.from-sdk-examples.json"))
		res, err := c.ListDatasets(ctx, imm.ListDatasetsRequest{ProjectName: "p"})
		if err != nil || len(res.Datasets) == 0 || res.Datasets[0].DatasetName == "" {
			t.Fatalf("got %+v, %v", res, err)
		}
	})
	t.Run("GetProject", func(t *testing.T) {
		c := newTestClient(t, serveFixture(t, "get-project.from-sdk-examples.json"))
		res, err := c.GetProject(ctx, imm.GetProjectRequest{ProjectName: "p"})
		if err != nil || res.Project.ProjectName == "" || res.Project.DatasetMaxTotalFileSize != 90000000000000000 {
			t.Fatalf("got %+v, %v", res, err)
		}
	})
	t.Run("GetFileMeta", func(t *testing.T) {
		c := newTestClient(t, serveFixture(t, "get-file-meta.from-sdk-examples.json"))
		res, err := c.GetFileMeta(ctx, imm.GetFileMetaRequest{URI: "u"})
		if err != nil || len(res.Files) != 1 || res.Files[0].URI == "" {
			t.Fatalf("got %+v, %v", res, err)
		}
	})
}

func TestIntegersAbove2To53AreExact(t *testing.T) {
	const big = 90000000000000001 // not representable as float64
	f := newFakeIMM(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		fmt.Fprintf(w, `{"RequestId":"R","Dataset":{"DatasetName":"d","DatasetMaxTotalFileSize":%d,"TotalFileSize":9007199254740993}}`, big)
	})
	c := newTestClient(t, f)
	res, err := c.GetDataset(context.Background(), imm.GetDatasetRequest{ProjectName: "p", DatasetName: "d"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Dataset.DatasetMaxTotalFileSize != big || res.Dataset.TotalFileSize != 9007199254740993 {
		t.Errorf("got %d and %d", res.Dataset.DatasetMaxTotalFileSize, res.Dataset.TotalFileSize)
	}
}

// TestRepliedTextIsKeptExactly: the models hold what IMM sent, byte for
// byte (escaping is the ui's job, where text is drawn): a CustomId with a
// tab and a newline, OCR text with ESC, a name with OSC 52, map keys with
// CSI and the opaque NextToken.
func TestRepliedTextIsKeptExactly(t *testing.T) {
	const (
		token    = "tok\x01en\u202e"
		customID = "\t\nx"
		ocr      = "line1\nline2\x1b[2J"
		name     = "evil\x1b]52;c;aGVsbG8=\x07name\nline2"
	)
	file := map[string]any{"URI": "oss://b/x\t.jpg", "CustomId": customID, "OCRTexts": ocr,
		"OCRContents": []any{map[string]any{"Contents": ocr}}}
	f := newFakeIMM(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		switch r.Header.Get("x-acs-action") {
		case "QueryFigureClusters":
			writeJSON(w, 200, map[string]any{
				"RequestId": "R", "NextToken": token,
				"FigureClusters": []map[string]any{{
					"ObjectId": "Cluster-1", "Name": name, "CustomId": customID,
					"CustomLabels": map[string]any{"k\x1b[31m": "v\u202e"},
					"Cover":        file,
				}},
			})
		default: // GetFileMeta and BatchGetFileMeta
			writeJSON(w, 200, map[string]any{"RequestId": "R", "Files": []any{file}})
		}
	})
	c := newTestClient(t, f)
	ctx := context.Background()
	res, err := c.QueryFigureClusters(ctx, imm.QueryFigureClustersRequest{ProjectName: "p", DatasetName: "d"})
	if err != nil {
		t.Fatal(err)
	}
	if res.NextToken != token {
		t.Errorf("NextToken %q changed; it must be echoed back as sent", res.NextToken)
	}
	fc := res.FigureClusters[0]
	if fc.Name != name || fc.CustomId != customID || fc.CustomLabels["k\x1b[31m"] != "v\u202e" {
		t.Errorf("cluster text rewritten: name %q, CustomId %q, labels %q", fc.Name, fc.CustomId, fc.CustomLabels)
	}
	got := []*imm.File{fc.Cover}
	one, err := c.GetFileMeta(ctx, imm.GetFileMetaRequest{ProjectName: "p", DatasetName: "d", URI: "oss://b/x\t.jpg"})
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, &one.Files[0])
	batch, err := c.BatchGetFileMeta(ctx, imm.BatchGetFileMetaRequest{ProjectName: "p", DatasetName: "d", URIs: []string{"oss://b/x\t.jpg"}})
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, &batch.Files[0])
	for i, g := range got {
		if g.CustomId != customID || g.OCRTexts != ocr || g.OCRContents[0].Contents != ocr || g.URI != "oss://b/x\t.jpg" {
			t.Errorf("file %d rewritten: CustomId %q, OCRTexts %q, Contents %q, URI %q", i, g.CustomId, g.OCRTexts, g.OCRContents[0].Contents, g.URI)
		}
	}
}

// hundredFiles is a BatchGetFileMeta reply of 100 fully populated files
// (the published example File, each with its own URI).
func hundredFiles(tb testing.TB) ([]byte, []string) {
	raw, err := os.ReadFile(filepath.Join("testdata", "batch-get-file-meta.response.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var one struct {
		RequestId string
		Files     []map[string]any
	}
	if err := json.Unmarshal(raw, &one); err != nil {
		tb.Fatal(err)
	}
	var files []map[string]any
	var uris []string
	for i := 0; i < 100; i++ {
		f := map[string]any{}
		for k, v := range one.Files[0] {
			f[k] = v
		}
		uri := fmt.Sprintf("oss://test-bucket/photos/%03d.jpg", i)
		f["URI"] = uri
		files = append(files, f)
		uris = append(uris, uri)
	}
	b, _ := json.Marshal(map[string]any{"RequestId": one.RequestId, "Files": files})
	return b, uris
}

// BenchmarkDecodeBatchGetFileMeta100 is the client's own path from reply
// bytes to models: one decode and the reorder.
func BenchmarkDecodeBatchGetFileMeta100(b *testing.B) {
	body, uris := hundredFiles(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		var r imm.BatchGetFileMetaResponse
		if err := decodeTo(&r)(body); err != nil {
			b.Fatal(err)
		}
		r.Files = inOrder(uris, r.Files, func(f *imm.File) string { return f.URI })
	}
}

// Measured on the 2-core dev box (go test -bench Decode, 100 full files,
// 652 KB): this path 60 ms, 7.7 MB, 144k allocs per reply; the runtime-map
// route below 111 ms, 27.7 MB, 457k allocs. 100 files trimmed to 8 fields
// (21 KB): 1.8 ms, 0.65 MB. Most of what remains is the models' own
// UnmarshalJSON (extras.go decodes every object twice, once per nesting
// level), not this package's plumbing.

// BenchmarkDecodeViaRuntimeMap100 is the route the SDK's BodyType "json"
// implies: the runtime's ReadAsJSON and Convert into
// map[string]interface{}, then marshal the map back and decode it into the
// models. It is here to show what BodyType "binary" saves.
func BenchmarkDecodeViaRuntimeMap100(b *testing.B) {
	body, uris := hundredFiles(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		obj, err := dara.ReadAsJSON(bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		var result map[string]interface{}
		if err := dara.Convert(map[string]interface{}{"body": dara.ToMap(obj), "statusCode": 200}, &result); err != nil {
			b.Fatal(err)
		}
		again, err := json.Marshal(result["body"])
		if err != nil {
			b.Fatal(err)
		}
		var r imm.BatchGetFileMetaResponse
		if err := decodeTo(&r)(again); err != nil {
			b.Fatal(err)
		}
		r.Files = inOrder(uris, r.Files, func(f *imm.File) string { return f.URI })
	}
}

// BenchmarkDecodeBatchGetFileMeta100Trimmed is the common case: the panes
// ask only for the fields they show (WithFields), as docs/architecture.md "Lazy fetching" prescribes.
func BenchmarkDecodeBatchGetFileMeta100Trimmed(b *testing.B) {
	var files []map[string]any
	var uris []string
	for i := 0; i < 100; i++ {
		uri := fmt.Sprintf("oss://test-bucket/photos/%03d.jpg", i)
		uris = append(uris, uri)
		files = append(files, map[string]any{"URI": uri, "Filename": fmt.Sprintf("%03d.jpg", i), "Size": 123456 + i,
			"FileModifiedTime": "2021-06-29T14:50:13.011643661+08:00", "MediaType": "image", "ImageWidth": 4032, "ImageHeight": 3024, "FigureCount": 3})
	}
	body, _ := json.Marshal(map[string]any{"RequestId": "R", "Files": files})
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		var r imm.BatchGetFileMetaResponse
		if err := decodeTo(&r)(body); err != nil {
			b.Fatal(err)
		}
		r.Files = inOrder(uris, r.Files, func(f *imm.File) string { return f.URI })
	}
}
