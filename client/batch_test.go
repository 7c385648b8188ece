package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"sort"
	"sync/atomic"
	"testing"

	"github.com/immtui/immtui/imm"
)

// echoFiles answers BatchGetFileMeta with one File per URI asked for, in
// reverse order, so tests see that the client restores the caller's order.
func echoFiles(w http.ResponseWriter, r *http.Request, n int) {
	var uris []string
	if err := json.Unmarshal([]byte(r.URL.Query().Get("URIs")), &uris); err != nil {
		writeIMMError(w, 400, "InvalidJSON", "Array parsing error, URIs", "RID")
		return
	}
	files := make([]map[string]any, 0, len(uris))
	for i := len(uris) - 1; i >= 0; i-- {
		files = append(files, map[string]any{"URI": uris[i], "Size": 1000 + i})
	}
	writeJSON(w, 200, map[string]any{"RequestId": fmt.Sprintf("RID-%d", n), "Files": files})
}

func TestBatchGetFileMetaSplits250URIsIntoCallsOf100InCallerOrder(t *testing.T) {
	f := newFakeIMM(t, echoFiles)
	c := newTestClient(t, f)
	var uris []string
	for i := 0; i < 250; i++ {
		uris = append(uris, fmt.Sprintf("oss://bucket/img-%03d.jpg", i))
	}
	asked := append(append([]string{}, uris...), uris[7], uris[200]) // repeats are asked once
	res, err := c.BatchGetFileMeta(context.Background(), imm.BatchGetFileMetaRequest{ProjectName: "p", DatasetName: "d", URIs: asked})
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int
	var sent []string
	for _, r := range f.requests() {
		var part []string
		if err := json.Unmarshal([]byte(r.Query.Get("URIs")), &part); err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(part))
		sent = append(sent, part...)
	}
	sort.Ints(sizes)
	if !reflect.DeepEqual(sizes, []int{50, 100, 100}) {
		t.Errorf("call sizes %v, want 50, 100, 100", sizes)
	}
	sort.Strings(sent)
	if !reflect.DeepEqual(sent, uris) { // uris is sorted already
		t.Error("each URI must be sent exactly once")
	}
	if len(res.Files) != 250 {
		t.Fatalf("%d files, want 250", len(res.Files))
	}
	for i, f := range res.Files {
		if f.URI != uris[i] {
			t.Fatalf("file %d is %s, want %s (caller order)", i, f.URI, uris[i])
		}
	}
	if res.RequestId == "" {
		t.Error("merged response has no RequestId")
	}
}

func TestBatchGetFigureClusterSplitsDeduplicatesAndMerges(t *testing.T) {
	f := newFakeIMM(t, func(w http.ResponseWriter, r *http.Request, n int) {
		var ids []string
		_ = json.Unmarshal([]byte(r.URL.Query().Get("ObjectIds")), &ids)
		var out []map[string]any
		for i := len(ids) - 1; i >= 0; i-- {
			if ids[i] == "Cluster-missing" {
				continue // the server leaves out what it does not have
			}
			out = append(out, map[string]any{"ObjectId": ids[i], "FaceCount": 3})
		}
		writeJSON(w, 200, map[string]any{"RequestId": "R", "FigureClusters": out})
	})
	c := newTestClient(t, f)
	var ids []string
	for i := 0; i < 150; i++ {
		ids = append(ids, fmt.Sprintf("Cluster-%d", i))
	}
	ids = append(ids, "Cluster-missing", "Cluster-3")
	res, err := c.BatchGetFigureCluster(context.Background(), imm.BatchGetFigureClusterRequest{ProjectName: "p", DatasetName: "d", ObjectIds: ids})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(f.requests()); n != 2 {
		t.Errorf("%d calls, want 2", n)
	}
	if len(res.FigureClusters) != 150 {
		t.Fatalf("%d clusters, want 150", len(res.FigureClusters))
	}
	for i, fc := range res.FigureClusters {
		if fc.ObjectId != ids[i] {
			t.Fatalf("cluster %d is %s, want %s", i, fc.ObjectId, ids[i])
		}
	}
}

func TestBatchWithNothingToFetchMakesNoCall(t *testing.T) {
	f := newFakeIMM(t, echoFiles)
	c := newTestClient(t, f)
	res, err := c.BatchGetFileMeta(context.Background(), imm.BatchGetFileMetaRequest{ProjectName: "p", DatasetName: "d"})
	if err != nil || len(res.Files) != 0 {
		t.Fatalf("got %v, %v", res, err)
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("%d calls for no URIs", n)
	}
}

func TestBatchPartFailureFailsTheWholeBatchAndCancelsTheRest(t *testing.T) {
	var started atomic.Int32
	release := make(chan struct{})
	f := newFakeIMM(t, func(w http.ResponseWriter, r *http.Request, n int) {
		started.Add(1)
		var uris []string
		_ = json.Unmarshal([]byte(r.URL.Query().Get("URIs")), &uris)
		if uris[0] == "u-100" { // the second part fails at once
			writeIMMError(w, 400, "InvalidArgument", "bad URI", "RID-BAD")
			return
		}
		select { // the other parts hang until the client gives up on them
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	c := newTestClient(t, f, func(cfg *Config) { cfg.Concurrency = 3 })
	var uris []string
	for i := 0; i < 300; i++ {
		uris = append(uris, fmt.Sprintf("u-%d", i))
	}
	_, err := c.BatchGetFileMeta(context.Background(), imm.BatchGetFileMetaRequest{URIs: uris})
	var e *imm.Error
	if !errors.As(err, &e) || e.Kind != imm.KindInvalidArgument || e.RequestId != "RID-BAD" {
		t.Fatalf("got %v, want the failing part's InvalidArgument", err)
	}
}
