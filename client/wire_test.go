package client

import (
	"context"
	"net/http"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/immtui/immtui/imm"
)

func okFiles(w http.ResponseWriter, _ *http.Request, _ int) {
	writeJSON(w, 200, map[string]any{"RequestId": "RID-OK", "Files": []map[string]any{{"URI": "oss://b/a.jpg"}}})
}

func TestBatchGetFileMetaSendsSDKWireForm(t *testing.T) {
	f := newFakeIMM(t, okFiles)
	c := newTestClient(t, f)
	_, err := c.BatchGetFileMeta(context.Background(), imm.BatchGetFileMetaRequest{
		ProjectName: "proj", DatasetName: "ds",
		URIs:       []string{"oss://b/a.jpg", "oss://b/照片 1&<x>.jpg"},
		WithFields: []string{"URI", "Figures"},
	})
	if err != nil {
		t.Fatal(err)
	}
	reqs := f.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Method != "POST" || r.Path != "/" {
		t.Errorf("request line %s %s, want POST /", r.Method, r.Path)
	}
	if got := r.Header.Get("x-acs-action"); got != "BatchGetFileMeta" {
		t.Errorf("x-acs-action %q", got)
	}
	if got := r.Header.Get("x-acs-version"); got != "2020-09-30" {
		t.Errorf("x-acs-version %q", got)
	}
	auth := r.Header.Get("Authorization")
	if !regexp.MustCompile(`^ACS3-HMAC-SHA256 Credential=` + testAK + `,SignedHeaders=[a-z0-9;-]+,Signature=[0-9a-f]{64}$`).MatchString(auth) {
		t.Errorf("Authorization %q is not the V3 form", auth)
	}
	if r.SigErr != nil {
		t.Errorf("signature does not verify: %v", r.SigErr)
	}
	if strings.Contains(auth, testSecret) {
		t.Error("secret sent in the Authorization header")
	}
	if len(r.Body) != 0 || r.Header.Get("Content-Type") != "" {
		t.Errorf("body %q, content-type %q; want none", r.Body, r.Header.Get("Content-Type"))
	}
	want := map[string]string{
		"ProjectName": "proj",
		"DatasetName": "ds",
		"URIs":        `["oss://b/a.jpg","oss://b/照片 1&<x>.jpg"]`, // JSON string, no HTML escaping
		"WithFields":  `["URI","Figures"]`,
	}
	if !reflect.DeepEqual(flat(r.Query), want) {
		t.Errorf("query\n got %v\nwant %v", flat(r.Query), want)
	}
	if r.Query.Has("Action") || r.Query.Has("Version") {
		t.Error("V3 sends Action/Version as headers, not query parameters")
	}
}

func flat(q map[string][]string) map[string]string {
	out := map[string]string{}
	for k, v := range q {
		out[k] = strings.Join(v, "|")
	}
	return out
}

func TestQueryFigureClustersSendsScalarsAsStringsAndTimeRangeAsJSON(t *testing.T) {
	f := newFakeIMM(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, 200, map[string]any{"RequestId": "R", "NextToken": "", "FigureClusters": []any{}})
	})
	c := newTestClient(t, f)
	ctx := context.Background()
	_, err := c.QueryFigureClusters(ctx, imm.QueryFigureClustersRequest{
		ProjectName: "p", DatasetName: "d", MaxResults: 100, NextToken: "tok/+=", Sort: "ImageCount", Order: "desc",
		WithTotalCount: true, CreateTimeRange: &imm.TimeRange{Start: "2024-01-01T00:00:00Z", End: "2024-02-01T00:00:00Z"},
	})
	if err != nil {
		t.Fatal(err)
	}
	// MaxResults 0 and an empty NextToken are left out: the server defaults apply.
	if _, err := c.QueryFigureClusters(ctx, imm.QueryFigureClustersRequest{ProjectName: "p", DatasetName: "d"}); err != nil {
		t.Fatal(err)
	}
	reqs := f.requests()
	want := map[string]string{
		"ProjectName": "p", "DatasetName": "d", "MaxResults": "100", "NextToken": "tok/+=", "Sort": "ImageCount",
		"Order": "desc", "WithTotalCount": "true", "CreateTimeRange": `{"Start":"2024-01-01T00:00:00Z","End":"2024-02-01T00:00:00Z"}`,
	}
	if got := flat(reqs[0].Query); !reflect.DeepEqual(got, want) {
		t.Errorf("query\n got %v\nwant %v", got, want)
	}
	if got := flat(reqs[1].Query); !reflect.DeepEqual(got, map[string]string{"ProjectName": "p", "DatasetName": "d"}) {
		t.Errorf("defaults query %v", got)
	}
	for _, r := range reqs {
		if r.SigErr != nil {
			t.Errorf("signature: %v", r.SigErr)
		}
	}
}

func TestSimpleQuerySendsQueryAndAggregationsAsJSON(t *testing.T) {
	f := newFakeIMM(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, 200, map[string]any{"RequestId": "R", "Files": []any{}, "TotalHits": 0})
	})
	c := newTestClient(t, f)
	_, err := c.SimpleQuery(context.Background(), imm.SimpleQueryRequest{
		ProjectName: "p", DatasetName: "d",
		Query:            &imm.SimpleQuery{Field: "Figures.FigureClusterId", Operation: "eq", Value: "Cluster-<1>&"},
		MaxResults:       50,
		WithFields:       []string{"URI"},
		WithoutTotalHits: true,
		Aggregations:     []imm.Aggregation{{Field: "Size", Operation: "sum"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	q := f.requests()[0].Query
	if got := q.Get("Query"); got != `{"Field":"Figures.FigureClusterId","Operation":"eq","Value":"Cluster-<1>&"}` {
		t.Errorf("Query %s", got)
	}
	if got := q.Get("Aggregations"); got != `[{"Field":"Size","Operation":"sum"}]` {
		t.Errorf("Aggregations %s", got)
	}
	if q.Get("MaxResults") != "50" || q.Get("WithoutTotalHits") != "true" || q.Get("WithFields") != `["URI"]` {
		t.Errorf("query %v", q)
	}
}

func TestEveryActionNamesItselfInTheHeader(t *testing.T) {
	f := newFakeIMM(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, 200, map[string]any{"RequestId": "R"})
	})
	c := newTestClient(t, f)
	ctx := context.Background()
	calls := map[string]func() error{
		"QueryFigureClusters": func() error { _, err := c.QueryFigureClusters(ctx, imm.QueryFigureClustersRequest{}); return err },
		"BatchGetFigureCluster": func() error {
			_, err := c.BatchGetFigureCluster(ctx, imm.BatchGetFigureClusterRequest{ObjectIds: []string{"C"}})
			return err
		},
		"BatchGetFileMeta": func() error {
			_, err := c.BatchGetFileMeta(ctx, imm.BatchGetFileMetaRequest{URIs: []string{"u"}})
			return err
		},
		"GetFileMeta":  func() error { _, err := c.GetFileMeta(ctx, imm.GetFileMetaRequest{URI: "u"}); return err },
		"SimpleQuery":  func() error { _, err := c.SimpleQuery(ctx, imm.SimpleQueryRequest{}); return err },
		"ListProjects": func() error { _, err := c.ListProjects(ctx, imm.ListProjectsRequest{}); return err },
		"ListDatasets": func() error { _, err := c.ListDatasets(ctx, imm.ListDatasetsRequest{ProjectName: "p"}); return err },
		"GetProject":   func() error { _, err := c.GetProject(ctx, imm.GetProjectRequest{ProjectName: "p"}); return err },
		"GetDataset": func() error {
			_, err := c.GetDataset(ctx, imm.GetDatasetRequest{ProjectName: "p", DatasetName: "d"})
			return err
		},
	}
	var names []string
	for name, call := range calls {
		if err := call(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		names = append(names, name)
	}
	var got []string
	for _, r := range f.requests() {
		got = append(got, r.Header.Get("x-acs-action"))
		if r.SigErr != nil {
			t.Errorf("%s: signature: %v", r.Header.Get("x-acs-action"), r.SigErr)
		}
	}
	sort.Strings(names)
	sort.Strings(got)
	if !reflect.DeepEqual(got, names) {
		t.Errorf("actions sent %v, want %v", got, names)
	}
}

func TestBodyTypeDoesNotChangeTheWire(t *testing.T) {
	f := newFakeIMM(t, okFiles)
	c := newTestClient(t, f)
	req := imm.BatchGetFileMetaRequest{ProjectName: "p", DatasetName: "d", URIs: []string{"oss://b/a.jpg"}}
	if _, err := c.BatchGetFileMeta(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	old := responseBodyType
	responseBodyType = "json" // what the SDK uses; our reader then refuses the map, which is fine here
	defer func() { responseBodyType = old }()
	_, _ = c.BatchGetFileMeta(context.Background(), req)

	reqs := f.requests()
	if len(reqs) < 2 {
		t.Fatalf("%d requests", len(reqs))
	}
	a, b := reqs[0], reqs[1]
	if a.Method != b.Method || a.Path != b.Path || !reflect.DeepEqual(a.Query, b.Query) {
		t.Errorf("request line or query differ: %v vs %v", a.Query, b.Query)
	}
	for _, h := range []string{"x-acs-action", "x-acs-version", "Accept", "Content-Type", "x-acs-content-sha256"} {
		if a.Header.Get(h) != b.Header.Get(h) {
			t.Errorf("header %s: %q vs %q", h, a.Header.Get(h), b.Header.Get(h))
		}
	}
	signedHeaders := func(h string) string { return regexp.MustCompile(`SignedHeaders=[^,]*`).FindString(h) }
	if signedHeaders(a.Header.Get("Authorization")) != signedHeaders(b.Header.Get("Authorization")) {
		t.Error("signed header lists differ")
	}
}

func TestSTSTokenAndUserAgentAreSent(t *testing.T) {
	f := newFakeIMM(t, okFiles)
	c := newTestClient(t, f, func(cfg *Config) {
		cfg.SecurityToken = "sts-token-1"
		cfg.UserAgent = "immtui/0.1"
	})
	if _, err := c.GetFileMeta(context.Background(), imm.GetFileMetaRequest{URI: "u"}); err != nil {
		t.Fatal(err)
	}
	r := f.requests()[0]
	if r.Header.Get("x-acs-security-token") != "sts-token-1" || r.Header.Get("x-acs-accesskey-id") != testAK {
		t.Errorf("STS headers missing: %v", r.Header)
	}
	if ua := r.Header.Get("User-Agent"); !strings.HasSuffix(ua, " immtui/0.1") || !strings.HasPrefix(ua, "AlibabaCloud") {
		t.Errorf("User-Agent %q", ua)
	}
	if r.SigErr != nil {
		t.Error(r.SigErr)
	}
}
