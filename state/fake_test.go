package state

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/immtui/immtui/imm"
)

// apiCall is one call the fake API received.
type apiCall struct {
	Action         string
	Keys           []string // URIs, cluster IDs, or the page token
	Fields         []string // WithFields
	WithTotalCount bool
	CoverURIOnly   bool
	Query          *imm.SimpleQuery // SimpleQuery's
	Ctx            context.Context
}

// fakeAPI serves files and clusters from memory, logs every call, and can
// hold calls until the test releases them.
type fakeAPI struct {
	mu       sync.Mutex
	calls    []apiCall
	err      error         // returned by every call while set
	gate     chan struct{} // when set, calls wait for it to close (or ctx)
	started  chan apiCall  // when set, receives every call as it starts
	files    map[string]imm.File
	clusters map[string]imm.FigureCluster
	order    []string            // cluster IDs in list order
	trimmed  map[string]imm.File // onlyFields results, so benchmarks measure the store
}

func newFakeAPI() *fakeAPI {
	return &fakeAPI{files: map[string]imm.File{}, clusters: map[string]imm.FigureCluster{}}
}

// addFiles adds n files with faces, labels and OCR, named prefix0..prefixN-1.
func (a *fakeAPI) addFiles(prefix string, n int) []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	uris := make([]string, n)
	for i := range n {
		u := fmt.Sprintf("oss://bucket/%s%d.jpg", prefix, i)
		uris[i] = u
		a.files[u] = imm.File{
			URI: u, Filename: fmt.Sprintf("%s%d.jpg", prefix, i), Size: int64(1000 + i), MediaType: "image",
			Figures:     []imm.Figure{{FigureId: "f" + u, FigureClusterId: "Cluster-1", Age: 30}},
			Labels:      []imm.Label{{LabelName: "cat", LabelConfidence: 0.9}},
			OCRContents: []imm.OCRContents{{Contents: "hello"}},
		}
	}
	return uris
}

func (a *fakeAPI) addClusters(n int) []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	ids := make([]string, n)
	for i := range n {
		id := fmt.Sprintf("Cluster-%04d", i)
		ids[i] = id
		a.order = append(a.order, id)
		a.clusters[id] = imm.FigureCluster{
			ObjectId: id, Name: fmt.Sprintf("person %d", i), Gender: "female", FaceCount: int64(i + 1),
			CreateTime: "2021-06-29T14:50:13.011643661+08:00",
			Cover:      &imm.File{URI: fmt.Sprintf("oss://bucket/cover%d.jpg", i)},
		}
	}
	return ids
}

// begin logs a call and holds it while the gate is set.
func (a *fakeAPI) begin(ctx context.Context, c apiCall) error {
	c.Ctx = ctx
	a.mu.Lock()
	a.calls = append(a.calls, c)
	gate, started, err := a.gate, a.started, a.err
	a.mu.Unlock()
	if started != nil {
		started <- c
	}
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return err
}

func (a *fakeAPI) callLog() []apiCall {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.calls)
}

func (a *fakeAPI) setErr(err error) {
	a.mu.Lock()
	a.err = err
	a.mu.Unlock()
}

func (a *fakeAPI) BatchGetFileMeta(ctx context.Context, r imm.BatchGetFileMetaRequest) (*imm.BatchGetFileMetaResponse, error) {
	if err := a.begin(ctx, apiCall{Action: "BatchGetFileMeta", Keys: r.URIs, Fields: r.WithFields}); err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	resp := &imm.BatchGetFileMetaResponse{RequestId: "rid"}
	for _, u := range r.URIs {
		f, ok := a.files[u]
		if !ok {
			continue
		}
		key := u + "|" + strings.Join(r.WithFields, ",")
		t, ok := a.trimmed[key]
		if !ok {
			t = onlyFields(f, r.WithFields)
			if a.trimmed == nil {
				a.trimmed = map[string]imm.File{}
			}
			a.trimmed[key] = t
		}
		resp.Files = append(resp.Files, t)
	}
	return resp, nil
}

// setFile replaces a file, as if it was re-indexed.
func (a *fakeAPI) setFile(f imm.File) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.files[f.URI] = f
	a.trimmed = nil
}

// onlyFields keeps the WithFields keys of f, as IMM does.
func onlyFields(f imm.File, fields []string) imm.File {
	if len(fields) == 0 {
		return f
	}
	b, _ := json.Marshal(f)
	var all map[string]json.RawMessage
	_ = json.Unmarshal(b, &all)
	keep := map[string]json.RawMessage{}
	for _, k := range fields {
		if v, ok := all[k]; ok {
			keep[k] = v
		}
	}
	b, _ = json.Marshal(keep)
	var out imm.File
	_ = json.Unmarshal(b, &out)
	return out
}

func (a *fakeAPI) BatchGetFigureCluster(ctx context.Context, r imm.BatchGetFigureClusterRequest) (*imm.BatchGetFigureClusterResponse, error) {
	if err := a.begin(ctx, apiCall{Action: "BatchGetFigureCluster", Keys: r.ObjectIds}); err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	resp := &imm.BatchGetFigureClusterResponse{RequestId: "rid"}
	for _, id := range r.ObjectIds {
		if c, ok := a.clusters[id]; ok {
			resp.FigureClusters = append(resp.FigureClusters, c)
		}
	}
	return resp, nil
}

// QueryFigureClusters pages through the clusters; the token is the index of
// the first cluster of the page.
func (a *fakeAPI) QueryFigureClusters(ctx context.Context, r imm.QueryFigureClustersRequest) (*imm.QueryFigureClustersResponse, error) {
	if err := a.begin(ctx, apiCall{Action: "QueryFigureClusters", Keys: []string{r.NextToken}, WithTotalCount: r.WithTotalCount, CoverURIOnly: r.CoverURIOnly}); err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	start := 0
	if r.NextToken != "" {
		_, _ = fmt.Sscan(r.NextToken, &start)
	}
	end := min(start+int(r.MaxResults), len(a.order))
	resp := &imm.QueryFigureClustersResponse{RequestId: "rid"}
	for _, id := range a.order[start:end] {
		resp.FigureClusters = append(resp.FigureClusters, a.clusters[id])
	}
	if end < len(a.order) {
		resp.NextToken = fmt.Sprint(end)
	}
	if r.WithTotalCount {
		resp.TotalCount = int64(len(a.order))
	}
	return resp, nil
}

// SimpleQuery answers Figures.FigureClusterId eq queries and "not
// ObjectStatus eq X", one file a page; the token is the index of the file.
func (a *fakeAPI) SimpleQuery(ctx context.Context, r imm.SimpleQueryRequest) (*imm.SimpleQueryResponse, error) {
	if err := a.begin(ctx, apiCall{Action: "SimpleQuery", Keys: []string{r.NextToken}, Fields: r.WithFields, Query: r.Query}); err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	var match []string
	for u, f := range a.files {
		if q := r.Query; q != nil && q.Operation == "not" {
			if len(q.SubQueries) == 1 && q.SubQueries[0].Field == "ObjectStatus" && f.ObjectStatus != q.SubQueries[0].Value {
				match = append(match, u)
			}
			continue
		}
		for _, fg := range f.Figures {
			if r.Query != nil && fg.FigureClusterId == r.Query.Value {
				match = append(match, u)
				break
			}
		}
	}
	slices.Sort(match)
	start := 0
	if r.NextToken != "" {
		_, _ = fmt.Sscan(r.NextToken, &start)
	}
	resp := &imm.SimpleQueryResponse{RequestId: "rid"}
	if !r.WithoutTotalHits {
		resp.TotalHits = int64(len(match))
	}
	if start < len(match) {
		resp.Files = []imm.File{onlyFields(a.files[match[start]], r.WithFields)}
	}
	if start+1 < len(match) {
		resp.NextToken = fmt.Sprint(start + 1)
	}
	return resp, nil
}

// newManualStore returns a store whose windows close only on Flush or when
// a batch is full, closed at the end of the test.
func newManualStore(t testing.TB, api API, o Options) *Store {
	t.Helper()
	o.manualFlush = true
	s := New(api, "proj", "ds", o)
	t.Cleanup(s.Close)
	return s
}

// eventually polls cond until it holds; the deadline only guards against a
// hang, it is not a timing assertion.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		runtime.Gosched()
		time.Sleep(50 * time.Microsecond)
	}
}

// waitPending waits until n requests sit in pending batches.
func waitPending(t testing.TB, s *Store, n int) {
	t.Helper()
	eventually(t, fmt.Sprintf("%d pending requests", n), func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.fileLd.pendingLocked()+s.clustLd.pendingLocked() == n
	})
}

// result is what a background request returned.
type result[V any] struct {
	v   V
	err error
}

// goFile runs File in the background.
func goFile(ctx context.Context, s *Store, uri string, fields []string) <-chan result[*imm.File] {
	ch := make(chan result[*imm.File], 1)
	go func() {
		f, err := s.File(ctx, uri, fields)
		ch <- result[*imm.File]{f, err}
	}()
	return ch
}

// recv takes a result, failing rather than hanging forever.
func recv[V any](t testing.TB, ch <-chan result[V]) result[V] {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(10 * time.Second):
		t.Fatal("a request never returned")
		return result[V]{}
	}
}

// GetDataset answers the dataset's name only: the explore tests run
// against the emulator.
func (a *fakeAPI) GetDataset(ctx context.Context, r imm.GetDatasetRequest) (*imm.GetDatasetResponse, error) {
	if err := a.begin(ctx, apiCall{Action: "GetDataset"}); err != nil {
		return nil, err
	}
	return &imm.GetDatasetResponse{Dataset: imm.Dataset{ProjectName: r.ProjectName, DatasetName: r.DatasetName}}, nil
}
