package emulator_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/immtui/immtui/emulator"
)

func TestEveryActionAnswersJSONWithRequestId(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	cases := []struct {
		action string
		params map[string]any
		key    string // a key the success body must have
	}{
		{"QueryFigureClusters", ds(nil), "FigureClusters"},
		{"BatchGetFigureCluster", ds(map[string]any{"ObjectIds": []string{testClusterID(1)}}), "FigureClusters"},
		{"GetFigureCluster", ds(map[string]any{"ObjectId": testClusterID(1)}), "FigureCluster"},
		{"GetFileMeta", ds(map[string]any{"URI": testURI(1)}), "Files"},
		{"BatchGetFileMeta", ds(map[string]any{"URIs": []string{testURI(1)}}), "Files"},
		{"SimpleQuery", ds(map[string]any{"Query": map[string]string{"Field": "URI", "Operation": "eq", "Value": testURI(2)}}), "Files"},
		{"ListProjects", map[string]any{}, "Projects"},
		{"ListDatasets", map[string]any{"ProjectName": testProject}, "Datasets"},
		{"GetProject", map[string]any{"ProjectName": testProject}, "Project"},
		{"GetDataset", ds(nil), "Dataset"},
	}
	for _, tc := range cases {
		a := c.call(tc.action, tc.params)
		if a.Status != http.StatusOK {
			t.Errorf("%s: status %d: %s", tc.action, a.Status, a.Raw)
			continue
		}
		if _, ok := a.Body[tc.key]; !ok {
			t.Errorf("%s: no %s in %s", tc.action, tc.key, a.Raw)
		}
		if a.Header.Get("x-acs-request-id") != a.str("RequestId") {
			t.Errorf("%s: header request id differs from body", tc.action)
		}
	}
	calls := r.Calls()
	if len(calls) != len(cases) {
		t.Fatalf("Calls() has %d entries, want %d", len(calls), len(cases))
	}
	for i, call := range calls {
		if call.Action != cases[i].action || call.Status != 200 || call.Code != "" || call.RequestId == "" {
			t.Errorf("call %d = %+v", i, call)
		}
	}
	if calls[0].Params.Get("ProjectName") != testProject {
		t.Errorf("Calls() lost the parameters: %v", calls[0].Params)
	}
	r.ResetCalls()
	if len(r.Calls()) != 0 {
		t.Error("ResetCalls left calls")
	}
}

func TestErrorsAreIMMJSONWithCodeAndStatus(t *testing.T) {
	r := startTest(t, emulator.Config{HostID: "imm.test.host"})
	c := newRaw(t, r)
	many := make([]string, 101)
	for i := range many {
		many[i] = testURI(i)
	}
	cases := []struct {
		name    string
		action  string
		params  map[string]any
		status  int
		code    string
		message string // a substring
	}{
		{"missing project", "QueryFigureClusters", map[string]any{"DatasetName": testDataset}, 400, "InvalidArgument",
			"The parameter ProjectName is required but not provided."},
		{"missing dataset", "GetDataset", map[string]any{"ProjectName": testProject}, 400, "InvalidArgument", "DatasetName"},
		{"missing URIs", "BatchGetFileMeta", ds(nil), 400, "InvalidArgument", "URIs"},
		{"101 URIs", "BatchGetFileMeta", ds(map[string]any{"URIs": many}), 400, "InvalidArgument", "at most 100"},
		{"101 cluster IDs", "BatchGetFigureCluster", ds(map[string]any{"ObjectIds": many}), 400, "InvalidArgument", "at most 100"},
		{"malformed URIs", "BatchGetFileMeta", ds(map[string]any{"URIs": `["oss://a"`}), 400, "InvalidJSON", "Array parsing error, URIs"},
		{"URIs not an array", "BatchGetFileMeta", ds(map[string]any{"URIs": `{"a":1}`}), 400, "InvalidJSON", "Array parsing error, URIs"},
		{"malformed Query", "SimpleQuery", ds(map[string]any{"Query": `{"Field":`}), 400, "InvalidJSON", "Query"},
		{"MaxResults 101", "QueryFigureClusters", ds(map[string]any{"MaxResults": 101}), 400, "InvalidArgument", "MaxResults"},
		{"MaxResults -1", "SimpleQuery", ds(map[string]any{"MaxResults": -1}), 400, "InvalidArgument", "MaxResults"},
		{"MaxResults 201 on a list", "ListProjects", map[string]any{"MaxResults": 201}, 400, "InvalidArgument", "between 0 and 200"},
		{"MaxResults not a number", "ListDatasets", map[string]any{"ProjectName": testProject, "MaxResults": "ten"}, 400, "InvalidArgument", "MaxResults"},
		{"unknown project", "GetDataset", map[string]any{"ProjectName": "nope", "DatasetName": testDataset}, 404, "ResourceNotFound",
			"The specified resource project is not found."},
		{"unknown dataset", "QueryFigureClusters", map[string]any{"ProjectName": testProject, "DatasetName": "nope"}, 404, "ResourceNotFound",
			"The specified resource dataset is not found."},
		{"unknown project in ListDatasets", "ListDatasets", map[string]any{"ProjectName": "nope"}, 404, "ResourceNotFound", "project"},
		{"unknown file", "GetFileMeta", ds(map[string]any{"URI": "oss://nope"}), 404, "ResourceNotFound", "file"},
		{"unknown cluster", "GetFigureCluster", ds(map[string]any{"ObjectId": "Cluster-nope"}), 404, "ResourceNotFound", "figure cluster"},
		{"unknown action", "MergeFigureClusters", ds(nil), 404, "InvalidApi.NotFound", "MergeFigureClusters"},
		{"bad Sort", "QueryFigureClusters", ds(map[string]any{"Sort": "Age"}), 400, "InvalidArgument", "Sort"},
		{"bad Order", "QueryFigureClusters", ds(map[string]any{"Order": "up"}), 400, "InvalidArgument", "Order"},
		{"bad SimpleQuery Order", "SimpleQuery", ds(map[string]any{"Sort": "Size", "Order": "sideways"}), 400, "InvalidArgument", "Order"},
		{"six Sort fields", "SimpleQuery", ds(map[string]any{"Sort": "a,b,c,d,e,f"}), 400, "InvalidArgument", "Sort"},
		{"bad NextToken", "QueryFigureClusters", ds(map[string]any{"NextToken": "not-a-token!"}), 400, "InvalidArgument", "NextToken"},
		{"bad bool", "GetDataset", ds(map[string]any{"WithStatistics": "yes"}), 400, "InvalidArgument", "WithStatistics"},
		{"bad operation", "SimpleQuery", ds(map[string]any{"Query": map[string]string{"Field": "Size", "Operation": "near", "Value": "1"}}), 400, "InvalidArgument", "near"},
		{"leaf without field", "SimpleQuery", ds(map[string]any{"Query": map[string]string{"Operation": "eq", "Value": "1"}}), 400, "InvalidArgument", "Field"},
		{"bad time range", "QueryFigureClusters", ds(map[string]any{"CreateTimeRange": map[string]string{"Start": "yesterday"}}), 400, "InvalidArgument", "CreateTimeRange"},
		{"long prefix", "ListProjects", map[string]any{"Prefix": strings.Repeat("p", 129)}, 400, "InvalidArgument", "Prefix"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := c.call(tc.action, tc.params)
			checkError(t, a, tc.status, tc.code, tc.message)
			if a.str("HostId") != "imm.test.host" {
				t.Errorf("HostId = %q", a.str("HostId"))
			}
		})
	}
}

// checkError asserts an IMM error body: all five keys, code and status.
func checkError(t *testing.T, a answer, status int, code, message string) {
	t.Helper()
	for _, k := range []string{"RequestId", "HostId", "Code", "Message", "Recommend"} {
		if a.str(k) == "" {
			t.Errorf("error body lacks %s: %s", k, a.Raw)
		}
	}
	if a.Status != status || a.str("Code") != code {
		t.Errorf("got %d %s, want %d %s: %s", a.Status, a.str("Code"), status, code, a.Raw)
	}
	if !strings.Contains(a.str("Message"), message) {
		t.Errorf("message %q lacks %q", a.str("Message"), message)
	}
	if !strings.Contains(a.str("Recommend"), "q="+code) {
		t.Errorf("Recommend = %q", a.str("Recommend"))
	}
}

func TestRequestsOutsideTheProtocolAreRefusedWithJSON(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)

	req := c.request("GetProject", map[string]any{"ProjectName": testProject})
	req.Method = http.MethodGet
	checkError(t, c.do(req), 405, "UnsupportedHTTPMethod", "POST")

	req = c.request("GetProject", map[string]any{"ProjectName": testProject})
	req.Header.Set("x-acs-version", "2017-09-06")
	emulator.Resign(req, emulator.DemoAccessKeyID, emulator.DemoAccessKeySecret)
	checkError(t, c.do(req), 400, "InvalidVersion", "2020-09-30")

	req = c.request("GetProject", map[string]any{"ProjectName": testProject})
	req.Header.Del("Authorization")
	checkError(t, c.do(req), 400, "IncompleteSignature", "Authorization")
}

func TestQueryFigureClustersPagesToTheEnd(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	var got []string
	token, pages := "", 0
	for {
		a := c.call("QueryFigureClusters", ds(map[string]any{"MaxResults": 7, "NextToken": token, "WithTotalCount": true}))
		if a.Status != 200 {
			t.Fatalf("page %d: %s", pages, a.Raw)
		}
		if total, _ := a.Body["TotalCount"].(float64); int(total) != testClusters {
			t.Fatalf("TotalCount = %v", a.Body["TotalCount"])
		}
		got = append(got, ids(a.list("FigureClusters"), "ObjectId")...)
		pages++
		token = a.str("NextToken")
		if token == "" {
			break
		}
	}
	if pages != 4 || len(got) != testClusters {
		t.Fatalf("%d pages, %d clusters", pages, len(got))
	}
	if !slices.IsSorted(got) {
		t.Errorf("default order is not by group ID: %v", got)
	}
	// The same page asked twice gives the same token (stable and opaque).
	a1 := c.call("QueryFigureClusters", ds(map[string]any{"MaxResults": 7}))
	a2 := c.call("QueryFigureClusters", ds(map[string]any{"MaxResults": 7}))
	if a1.str("NextToken") == "" || a1.str("NextToken") != a2.str("NextToken") {
		t.Errorf("tokens differ: %q %q", a1.str("NextToken"), a2.str("NextToken"))
	}
	// A token from one sort is refused under another.
	a := c.call("QueryFigureClusters", ds(map[string]any{"Sort": "FaceCount", "NextToken": a1.str("NextToken")}))
	checkError(t, a, 400, "InvalidArgument", "NextToken")
}

func TestQueryFigureClustersAnswersCoverAsFullFile(t *testing.T) {
	r := startTest(t, emulator.Config{})
	a := newRaw(t, r).call("BatchGetFigureCluster", ds(map[string]any{"ObjectIds": []string{testClusterID(3)}}))
	cl := a.list("FigureClusters")
	if len(cl) != 1 {
		t.Fatalf("clusters: %s", a.Raw)
	}
	cover, _ := cl[0].(map[string]any)["Cover"].(map[string]any)
	if cover["URI"] != testURI(3) || cover["Filename"] != "img-003.jpg" || cover["Figures"] == nil {
		t.Errorf("cover is not the full file: %v", cover)
	}
}

func TestQueryFigureClustersFilters(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	data := testData()
	a := c.call("QueryFigureClusters", ds(map[string]any{"UpdateTimeRange": map[string]string{
		"Start": "2024-01-01T00:05:00Z", "End": "2024-01-01T00:10:00Z"}, "WithTotalCount": true}))
	want := 0
	for _, cl := range data.FigureClusters {
		if cl.UpdateTime >= "2024-01-01T00:05:00Z" && cl.UpdateTime <= "2024-01-01T00:10:00Z" {
			want++
		}
	}
	if n := len(a.list("FigureClusters")); n != want || want == 0 {
		t.Errorf("UpdateTimeRange kept %d clusters, want %d", n, want)
	}
}

func TestBatchGetFigureClusterLeavesOutUnknownIDs(t *testing.T) {
	r := startTest(t, emulator.Config{})
	a := newRaw(t, r).call("BatchGetFigureCluster", ds(map[string]any{
		"ObjectIds": []string{testClusterID(5), "Cluster-unknown", testClusterID(2), testClusterID(5)}}))
	if got := ids(a.list("FigureClusters"), "ObjectId"); !slices.Equal(got, []string{testClusterID(5), testClusterID(2)}) {
		t.Errorf("got %v", got)
	}
}

func TestBatchGetFileMetaTrimsToWithFields(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	uris := []string{testURI(10), "oss://bucket/missing.jpg", testURI(3)}
	a := c.call("BatchGetFileMeta", ds(map[string]any{"URIs": uris, "WithFields": []string{"URI", "Size", "Figures.FigureId", "NoSuchField"}}))
	files := a.list("Files")
	if got := ids(files, "URI"); !slices.Equal(got, []string{testURI(10), testURI(3)}) {
		t.Fatalf("files %v", got)
	}
	for _, f := range files {
		keys := keysOf(f.(map[string]any))
		if !slices.Equal(keys, []string{"Figures", "Size", "URI"}) {
			t.Errorf("trimmed keys = %v", keys)
		}
	}
	full := c.call("BatchGetFileMeta", ds(map[string]any{"URIs": uris[:1]}))
	f := full.list("Files")[0].(map[string]any)
	for _, k := range []string{"Filename", "Labels", "CustomLabels", "FileModifiedTime", "OCRTexts"} {
		if _, ok := f[k]; !ok {
			t.Errorf("all-fields answer lacks %s", k)
		}
	}
}

func keysOf(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func TestListsPageInNameOrderWithPrefix(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	var names []string
	token := ""
	for range 10 {
		a := c.call("ListProjects", map[string]any{"MaxResults": 2, "NextToken": token})
		names = append(names, ids(a.list("Projects"), "ProjectName")...)
		if token = a.str("NextToken"); token == "" {
			break
		}
	}
	if !slices.Equal(names, []string{"proj-a", "proj-b", "zeta"}) {
		t.Errorf("projects %v", names)
	}
	a := c.call("ListProjects", map[string]any{"Prefix": "proj"})
	if got := ids(a.list("Projects"), "ProjectName"); !slices.Equal(got, []string{"proj-a", "proj-b"}) || a.str("NextToken") != "" {
		t.Errorf("prefix: %v next %q", got, a.str("NextToken"))
	}
	a = c.call("ListProjects", map[string]any{"Tag": []map[string]string{{"Key": "team", "Value": "faces"}}})
	if got := ids(a.list("Projects"), "ProjectName"); !slices.Equal(got, []string{"proj-a"}) {
		t.Errorf("tag: %v", got)
	}
	a = c.call("ListDatasets", map[string]any{"ProjectName": testProject, "MaxResults": 2})
	if got := ids(a.list("Datasets"), "DatasetName"); !slices.Equal(got, []string{"archive", "ds1"}) || a.str("NextToken") == "" {
		t.Fatalf("datasets page 1: %v", got)
	}
	a = c.call("ListDatasets", map[string]any{"ProjectName": testProject, "MaxResults": 2, "NextToken": a.str("NextToken")})
	if got := ids(a.list("Datasets"), "DatasetName"); !slices.Equal(got, []string{"ds2"}) || a.str("NextToken") != "" {
		t.Errorf("datasets page 2: %v next %q", got, a.str("NextToken"))
	}
}

func TestGetDatasetAndProjectComputeStatistics(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	var size int64
	for _, f := range testData().Files {
		size += f.Size
	}
	a := c.call("GetDataset", ds(map[string]any{"WithStatistics": true}))
	d := a.Body["Dataset"].(map[string]any)
	if d["FileCount"] != float64(testFiles) || d["TotalFileSize"] != float64(size) {
		t.Errorf("dataset stats %v", d)
	}
	a = c.call("GetDataset", ds(nil))
	if _, ok := a.Body["Dataset"].(map[string]any)["FileCount"]; ok {
		t.Errorf("statistics without WithStatistics: %s", a.Raw)
	}
	a = c.call("GetProject", map[string]any{"ProjectName": testProject, "WithStatistics": true})
	p := a.Body["Project"].(map[string]any)
	if p["DatasetCount"] != float64(3) || p["FileCount"] != float64(testFiles) || p["Description"] != "the test project" {
		t.Errorf("project %v", p)
	}
}

func TestNewRejectsContradictoryData(t *testing.T) {
	d := testData()
	d.Files = append(d.Files, d.Files[0])
	if _, err := emulator.New(emulator.Config{Data: d}); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("Files[%d]", testFiles)) {
		t.Errorf("duplicate URI: %v", err)
	}
	d = testData()
	d.FigureClusters[2].DatasetName = "missing"
	if _, err := emulator.New(emulator.Config{Data: d}); err == nil || !strings.Contains(err.Error(), "FigureClusters[2]") {
		t.Errorf("unknown dataset: %v", err)
	}
	if _, err := emulator.New(emulator.Config{}); err == nil {
		t.Error("nil Data accepted")
	}
	if _, err := emulator.New(emulator.Config{Data: testData(), AccessKeyID: "only-id"}); err == nil {
		t.Error("key id without secret accepted")
	}
}
