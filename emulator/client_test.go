package emulator_test

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/imm"
)

// These tests drive the REAL client over loopback HTTP: signing, decoding,
// retries and error classification are all exercised end to end.

func newClient(t testing.TB, r *emulator.Running, tweak func(*client.Config)) *client.Client {
	t.Helper()
	cfg := client.Config{
		Endpoint:        r.URL(),
		AccessKeyID:     emulator.DemoAccessKeyID,
		AccessKeySecret: emulator.DemoAccessKeySecret,
		BaseBackoff:     time.Millisecond, // retries stay quick
		MaxBackoff:      5 * time.Millisecond,
	}
	if tweak != nil {
		tweak(&cfg)
	}
	c, err := client.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

// clientError asserts err is a *imm.Error of kind with code, whose
// RequestId is the one the emulator logged for its last call.
func clientError(t *testing.T, r *emulator.Running, err error, kind imm.Kind, code string) *imm.Error {
	t.Helper()
	var ce *imm.Error
	if !errors.As(err, &ce) {
		t.Fatalf("error %v (%T) is not a *imm.Error", err, err)
	}
	if ce.Kind != kind || ce.Code != code {
		t.Fatalf("got kind %v code %q (%v), want %v %q", ce.Kind, ce.Code, ce, kind, code)
	}
	if calls := r.Calls(); len(calls) > 0 && ce.RequestId != calls[len(calls)-1].RequestId {
		t.Errorf("RequestId %q, emulator logged %q", ce.RequestId, calls[len(calls)-1].RequestId)
	}
	return ce
}

func TestRealClientCallsEveryAction(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newClient(t, r, nil)
	ctx := context.Background()

	qc, err := c.QueryFigureClusters(ctx, imm.QueryFigureClustersRequest{ProjectName: testProject, DatasetName: testDataset, MaxResults: 5})
	if err != nil || len(qc.FigureClusters) != 5 || qc.NextToken == "" || qc.RequestId == "" {
		t.Fatalf("QueryFigureClusters: %+v %v", qc, err)
	}
	if cov := qc.FigureClusters[0].Cover; cov == nil || cov.URI != testURI(0) || len(cov.Figures) != 2 {
		t.Errorf("cover %+v", cov)
	}
	bc, err := c.BatchGetFigureCluster(ctx, imm.BatchGetFigureClusterRequest{ProjectName: testProject, DatasetName: testDataset,
		ObjectIds: []string{testClusterID(9), "Cluster-missing", testClusterID(1)}})
	if err != nil || len(bc.FigureClusters) != 2 || bc.FigureClusters[0].ObjectId != testClusterID(9) {
		t.Fatalf("BatchGetFigureCluster: %+v %v", bc, err)
	}
	gf, err := c.GetFileMeta(ctx, imm.GetFileMetaRequest{ProjectName: testProject, DatasetName: testDataset, URI: testURI(42)})
	if err != nil || len(gf.Files) != 1 || gf.Files[0].Filename != "img-042.jpg" || gf.Files[0].Size == 0 {
		t.Fatalf("GetFileMeta: %+v %v", gf, err)
	}
	bf, err := c.BatchGetFileMeta(ctx, imm.BatchGetFileMetaRequest{ProjectName: testProject, DatasetName: testDataset,
		URIs: []string{testURI(3), testURI(4)}})
	if err != nil || len(bf.Files) != 2 || bf.Files[1].URI != testURI(4) {
		t.Fatalf("BatchGetFileMeta: %+v %v", bf, err)
	}
	sq, err := c.SimpleQuery(ctx, imm.SimpleQueryRequest{ProjectName: testProject, DatasetName: testDataset,
		Query: &imm.SimpleQuery{Field: "Figures.FigureClusterId", Operation: "eq", Value: testClusterID(2)}, MaxResults: 100})
	if err != nil || len(sq.Files) != 20 || sq.TotalHits != 20 {
		t.Fatalf("SimpleQuery: %d files, total %d, %v", len(sq.Files), sq.TotalHits, err)
	}
	lp, err := c.ListProjects(ctx, imm.ListProjectsRequest{})
	if err != nil || len(lp.Projects) != 3 || lp.Projects[0].ProjectName != "proj-a" {
		t.Fatalf("ListProjects: %+v %v", lp, err)
	}
	ld, err := c.ListDatasets(ctx, imm.ListDatasetsRequest{ProjectName: testProject})
	if err != nil || len(ld.Datasets) != 3 {
		t.Fatalf("ListDatasets: %+v %v", ld, err)
	}
	gp, err := c.GetProject(ctx, imm.GetProjectRequest{ProjectName: testProject, WithStatistics: true})
	if err != nil || gp.Project.FileCount != testFiles {
		t.Fatalf("GetProject: %+v %v", gp, err)
	}
	gd, err := c.GetDataset(ctx, imm.GetDatasetRequest{ProjectName: testProject, DatasetName: testDataset, WithStatistics: true})
	if err != nil || gd.Dataset.FileCount != testFiles || gd.Dataset.DatasetName != testDataset {
		t.Fatalf("GetDataset: %+v %v", gd, err)
	}
	for _, call := range r.Calls() {
		if call.Status != 200 {
			t.Errorf("call %+v", call)
		}
	}
}

func TestRealClientPagesClustersToTheEndInEverySortOrder(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newClient(t, r, nil)
	for _, key := range append([]string{""}, imm.SortKeys...) {
		for _, order := range []string{"asc", "desc"} {
			var all []imm.FigureCluster
			req := imm.QueryFigureClustersRequest{ProjectName: testProject, DatasetName: testDataset,
				Sort: key, Order: order, MaxResults: 8, WithTotalCount: true}
			for {
				page, err := c.QueryFigureClusters(context.Background(), req)
				if err != nil {
					t.Fatalf("%s %s: %v", key, order, err)
				}
				if page.TotalCount != testClusters {
					t.Fatalf("TotalCount %d", page.TotalCount)
				}
				all = append(all, page.FigureClusters...)
				if req.NextToken = page.NextToken; req.NextToken == "" {
					break
				}
			}
			if len(all) != testClusters {
				t.Fatalf("%s %s: %d clusters, want %d", key, order, len(all), testClusters)
			}
			less := clusterLess(key)
			sorted := slices.IsSortedFunc(all, func(a, b imm.FigureCluster) int {
				if order == "desc" {
					return less(b, a)
				}
				return less(a, b)
			})
			if !sorted {
				t.Errorf("Sort=%q Order=%s: not sorted", key, order)
			}
		}
	}
}

// clusterLess is an oracle for QueryFigureClusters' order, from the models.
func clusterLess(key string) func(a, b imm.FigureCluster) int {
	tm := func(s string) int64 { t, _ := time.Parse(time.RFC3339Nano, s); return t.UnixNano() }
	return func(a, b imm.FigureCluster) int {
		switch key {
		case "ImageCount":
			return cmp.Compare(a.ImageCount, b.ImageCount)
		case "VideoCount":
			return cmp.Compare(a.VideoCount, b.VideoCount)
		case "FaceCount":
			return cmp.Compare(a.FaceCount, b.FaceCount)
		case "Gender":
			return cmp.Compare(a.Gender, b.Gender)
		case "GroupName":
			return cmp.Compare(a.Name, b.Name)
		case "CreateTime":
			return cmp.Compare(tm(a.CreateTime), tm(b.CreateTime))
		case "UpdateTime":
			return cmp.Compare(tm(a.UpdateTime), tm(b.UpdateTime))
		case "ProjectName", "DatasetName":
			return 0
		}
		return cmp.Compare(a.ObjectId, b.ObjectId)
	}
}

func TestRealClientWithFieldsTrimsAndSplits250URIsIntoThreeCalls(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newClient(t, r, nil)
	uris := make([]string, testFiles)
	for i := range uris {
		uris[i] = testURI(i)
	}
	res, err := c.BatchGetFileMeta(context.Background(), imm.BatchGetFileMetaRequest{ProjectName: testProject, DatasetName: testDataset,
		URIs: uris, WithFields: []string{"URI", "Size"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != testFiles || res.Files[249].URI != testURI(249) {
		t.Fatalf("%d files", len(res.Files))
	}
	for _, f := range res.Files {
		if f.Size == 0 || f.Filename != "" || f.Figures != nil || f.Labels != nil {
			t.Fatalf("not trimmed to URI,Size: %+v", f)
		}
	}
	calls := r.Calls()
	if len(calls) != 3 {
		t.Fatalf("%d calls, want 3", len(calls))
	}
	for _, call := range calls {
		if call.Action != "BatchGetFileMeta" || call.Status != 200 {
			t.Errorf("call %+v", call)
		}
	}
}

func TestRealClientMapsEveryErrorToItsKind(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newClient(t, r, nil)
	ctx := context.Background()
	_, err := c.GetDataset(ctx, imm.GetDatasetRequest{ProjectName: "nope", DatasetName: testDataset})
	clientError(t, r, err, imm.KindNotFound, "ResourceNotFound")
	_, err = c.QueryFigureClusters(ctx, imm.QueryFigureClustersRequest{ProjectName: testProject, DatasetName: "nope"})
	ce := clientError(t, r, err, imm.KindNotFound, "ResourceNotFound")
	if ce.StatusCode != http.StatusNotFound || ce.Attempts != 1 {
		t.Errorf("status %d attempts %d", ce.StatusCode, ce.Attempts)
	}
	_, err = c.QueryFigureClusters(ctx, imm.QueryFigureClustersRequest{ProjectName: testProject, DatasetName: testDataset, Sort: "Age"})
	clientError(t, r, err, imm.KindInvalidArgument, "InvalidArgument")
	_, err = c.ListProjects(ctx, imm.ListProjectsRequest{NextToken: "garbage"})
	clientError(t, r, err, imm.KindInvalidArgument, "InvalidArgument")

	// No retry on 4xx: one call per failed request above.
	if n := len(r.Calls()); n != 4 {
		t.Errorf("%d calls for 4 failing requests: 4xx were retried", n)
	}

	wrong := newClient(t, r, func(c *client.Config) { c.AccessKeySecret = "not-the-secret" })
	_, err = wrong.GetProject(ctx, imm.GetProjectRequest{ProjectName: testProject})
	clientError(t, r, err, imm.KindAuth, "SignatureDoesNotMatch")
	stranger := newClient(t, r, func(c *client.Config) { c.AccessKeyID = "LTAI-stranger" })
	_, err = stranger.GetProject(ctx, imm.GetProjectRequest{ProjectName: testProject})
	clientError(t, r, err, imm.KindAuth, "InvalidAccessKeyId.NotFound")
}

func TestRealClientRetriesThrottlingAndServerErrors(t *testing.T) {
	for _, tc := range []struct {
		faults emulator.Faults
		kind   imm.Kind
		codes  []string
	}{
		{emulator.Faults{Throttle: 1}, imm.KindThrottled, []string{"Throttling.User"}},
		{emulator.Faults{ServerErrors: 1, Seed: 3}, imm.KindServer, []string{"InternalError", "ServiceUnavailable"}},
	} {
		t.Run(tc.faults.String(), func(t *testing.T) {
			r := startTest(t, emulator.Config{Faults: tc.faults})
			c := newClient(t, r, func(c *client.Config) { c.MaxAttempts = 3 })
			_, err := c.GetProject(context.Background(), imm.GetProjectRequest{ProjectName: testProject})
			var ce *imm.Error
			if !errors.As(err, &ce) || ce.Kind != tc.kind || !slices.Contains(tc.codes, ce.Code) || ce.Attempts != 3 {
				t.Fatalf("got %v", err)
			}
			calls := r.Calls()
			if len(calls) != 3 {
				t.Fatalf("Calls() shows %d attempts, want 3", len(calls))
			}
			if ce.RequestId != calls[2].RequestId {
				t.Errorf("RequestId %q is not the last attempt's %q", ce.RequestId, calls[2].RequestId)
			}
			// Once the service recovers the same client succeeds at once.
			r.SetFaults(emulator.Faults{})
			if _, err := c.GetProject(context.Background(), imm.GetProjectRequest{ProjectName: testProject}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestRealClientRecoversFromSomeFaults(t *testing.T) {
	// A seeded mix: each request may fail, a retry usually gets through.
	r := startTest(t, emulator.Config{Faults: emulator.Faults{ServerErrors: 0.15, Throttle: 0.15, Truncate: 0.1, Seed: 11}})
	c := newClient(t, r, func(c *client.Config) { c.MaxAttempts = 6 })
	for i := range 30 {
		if _, err := c.GetFileMeta(context.Background(), imm.GetFileMetaRequest{ProjectName: testProject, DatasetName: testDataset, URI: testURI(i)}); err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	if s := c.Stats(); s.Retries == 0 || int(s.Calls) != len(r.Calls()) {
		t.Errorf("stats %+v, emulator saw %d calls", s, len(r.Calls()))
	}
}

func TestRealClientTimesOutOnSlowAnswersAndHonoursCancel(t *testing.T) {
	r := startTest(t, emulator.Config{Faults: emulator.Faults{Latency: time.Minute}})
	c := newClient(t, r, func(c *client.Config) { c.ReadTimeout = 200 * time.Millisecond; c.MaxAttempts = 1 })
	_, err := c.GetProject(context.Background(), imm.GetProjectRequest{ProjectName: testProject})
	var ce *imm.Error
	if !errors.As(err, &ce) || ce.Kind != imm.KindNetwork {
		t.Fatalf("timeout: got %v", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		waitFor(t, func() bool { return c.Stats().InFlight > 0 })
		cancel()
	}()
	_, err = c.GetProject(ctx, imm.GetProjectRequest{ProjectName: testProject})
	if !errors.As(err, &ce) || ce.Kind != imm.KindCanceled || !errors.Is(err, context.Canceled) {
		t.Fatalf("cancel: got %v", err)
	}
}

func TestEmulatorRejectsStaleDatesFromTheRealClient(t *testing.T) {
	// The server clock runs an hour ahead of the client's.
	r := startTest(t, emulator.Config{Now: func() time.Time { return time.Now().Add(time.Hour) }})
	_, err := newClient(t, r, nil).GetProject(context.Background(), imm.GetProjectRequest{ProjectName: testProject})
	clientError(t, r, err, imm.KindAuth, "InvalidTimeStamp.Expired")
}

func TestEmulatorRejectsReplayedAndTamperedRequests(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	req := c.request("GetProject", map[string]any{"ProjectName": testProject})
	replay := req.Clone(context.Background())
	if a := c.do(req); a.Status != 200 {
		t.Fatalf("first send: %s", a.Raw)
	}
	checkError(t, c.do(replay), 400, "SignatureNonceUsed", "nonce")

	req = c.request("GetProject", map[string]any{"ProjectName": testProject})
	req.URL.RawQuery = "ProjectName=proj-b"
	checkError(t, c.do(req), 400, "SignatureDoesNotMatch", "signature")
}

func TestRealClientDecodesTruncatedBodyAsRetryableFailure(t *testing.T) {
	r := startTest(t, emulator.Config{Faults: emulator.Faults{Truncate: 1}})
	c := newClient(t, r, func(c *client.Config) { c.MaxAttempts = 2 })
	_, err := c.QueryFigureClusters(context.Background(), imm.QueryFigureClustersRequest{ProjectName: testProject, DatasetName: testDataset})
	var ce *imm.Error
	if !errors.As(err, &ce) || !ce.Retryable() || ce.Attempts != 2 {
		t.Fatalf("got %v", err)
	}
	if n := len(r.Calls()); n != 2 {
		t.Errorf("%d calls", n)
	}
}
