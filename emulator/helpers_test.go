package emulator_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/imm"
)

// Small hand-made data: its shape is known exactly, so answers can be
// checked item by item.
const (
	testProject  = "proj-a"
	testDataset  = "ds1"
	testFiles    = 250
	testClusters = 25
)

var testGenders = []string{"female", "male", ""}
var testLabels = []string{"Person", "Cat", "Beach", "Mountain", "Car"}

func testURI(i int) string { return fmt.Sprintf("oss://bucket/photos/img-%03d.jpg", i) }

func testClusterID(i int) string { return fmt.Sprintf("Cluster-%02d", i) }

func testData() *dataset.Dataset {
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	cst := time.FixedZone("CST", 8*3600)
	d := &dataset.Dataset{
		Projects: []imm.Project{
			{ProjectName: "zeta"},
			{ProjectName: testProject, Description: "the test project", Tags: []imm.ProjectTag{{TagKey: "team", TagValue: "faces"}}},
			{ProjectName: "proj-b"},
		},
		Datasets: []imm.Dataset{
			{ProjectName: testProject, DatasetName: testDataset},
			{ProjectName: testProject, DatasetName: "ds2"},
			{ProjectName: testProject, DatasetName: "archive"},
			{ProjectName: "proj-b", DatasetName: "only"},
		},
	}
	for i := range testFiles {
		f := imm.File{
			ProjectName: testProject, DatasetName: testDataset,
			URI: testURI(i), Filename: fmt.Sprintf("img-%03d.jpg", i),
			MediaType: "image", ContentType: "image/jpeg", ObjectStatus: "Indexed",
			Size:             int64((i*7919)%100000 + 1),
			FileModifiedTime: base.Add(time.Duration(i) * time.Hour).In(cst).Format(time.RFC3339Nano),
			CustomLabels:     map[string]any{"batch": fmt.Sprint(i % 3)},
			Labels:           []imm.Label{{LabelName: testLabels[i%len(testLabels)], LabelConfidence: 0.9}},
			OCRTexts:         fmt.Sprintf("Receipt number %d for Coffee", i),
		}
		if i%5 == 0 {
			f.MediaType, f.ContentType = "video", "video/mp4"
		}
		if i%10 == 3 {
			f.ObjectStatus, f.Reason = "Failed", "[InternalError] decode failed"
		}
		// Two faces: one of cluster i%25 (age i%60, female when even), one
		// of cluster (i+1)%25 with the opposite gender.
		g1, g2 := "female", "male"
		if i%2 == 1 {
			g1, g2 = g2, g1
		}
		f.Figures = []imm.Figure{
			{FigureId: fmt.Sprintf("fig-%d-a", i), FigureClusterId: testClusterID(i % testClusters), Age: int64(i % 60), Gender: g1, FaceQuality: 0.5},
			{FigureId: fmt.Sprintf("fig-%d-b", i), FigureClusterId: testClusterID((i + 1) % testClusters), Age: 30, Gender: g2},
		}
		f.FigureCount = 2
		d.Files = append(d.Files, f)
	}
	for i := range testClusters {
		d.FigureClusters = append(d.FigureClusters, imm.FigureCluster{
			ProjectName: testProject, DatasetName: testDataset,
			ObjectId:   testClusterID(i),
			Name:       fmt.Sprintf("person-%c", 'a'+(i*7)%26),
			Gender:     testGenders[i%3],
			FaceCount:  int64((i * 13) % 17),
			ImageCount: int64((i * 5) % 11),
			VideoCount: int64(i % 4),
			// Times in two zones, so string order differs from time order.
			CreateTime: base.Add(time.Duration((i*37)%25) * time.Hour).In([]*time.Location{time.UTC, cst}[i%2]).Format(time.RFC3339Nano),
			UpdateTime: base.Add(time.Duration((i*11)%25) * time.Minute).Format(time.RFC3339Nano),
			Cover:      &imm.File{URI: testURI(i)},
		})
	}
	return d
}

// startTest runs an emulator over testData and closes it with the test.
func startTest(t testing.TB, cfg emulator.Config) *emulator.Running {
	t.Helper()
	if cfg.Data == nil {
		cfg.Data = testData()
	}
	r, err := emulator.Start("127.0.0.1:0", cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := r.Close(); err != nil {
			t.Error(err)
		}
	})
	return r
}

// raw sends hand-signed requests, for what the real client cannot send.
type raw struct {
	t      testing.TB
	base   string
	keyID  string
	secret string
	now    time.Time
	hc     *http.Client
}

func newRaw(t testing.TB, r *emulator.Running) *raw {
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	return &raw{t: t, base: r.URL(), keyID: emulator.DemoAccessKeyID, secret: emulator.DemoAccessKeySecret,
		hc: &http.Client{Transport: tr, Timeout: 30 * time.Second}}
}

type answer struct {
	Status int
	Body   map[string]any
	Raw    []byte
	Header http.Header
}

// request builds a signed request for action with params (values that are
// not strings are JSON-encoded, as the SDK does).
func (c *raw) request(action string, params map[string]any) *http.Request {
	c.t.Helper()
	q := url.Values{}
	for k, v := range params {
		switch v := v.(type) {
		case string:
			q.Set(k, v)
		case int, int64, bool:
			q.Set(k, fmt.Sprint(v))
		default:
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(v); err != nil {
				c.t.Fatal(err)
			}
			q.Set(k, string(bytes.TrimSpace(buf.Bytes())))
		}
	}
	req, err := http.NewRequest(http.MethodPost, c.base+"/?"+q.Encode(), nil)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("x-acs-action", action)
	req.Header.Set("x-acs-version", "2020-09-30")
	now := c.now
	if now.IsZero() {
		now = time.Now()
	}
	emulator.SignRequest(req, c.keyID, c.secret, nil, now)
	return req
}

func (c *raw) do(req *http.Request) answer {
	c.t.Helper()
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s: %v", req.Header.Get("x-acs-action"), err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("%s: reading body: %v", req.Header.Get("x-acs-action"), err)
	}
	a := answer{Status: resp.StatusCode, Raw: b, Header: resp.Header}
	if err := json.Unmarshal(b, &a.Body); err != nil {
		c.t.Fatalf("%s: body is not a JSON object (%v): %q", req.Header.Get("x-acs-action"), err, b)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json;charset=utf-8" {
		c.t.Errorf("Content-Type = %q", ct)
	}
	if id, _ := a.Body["RequestId"].(string); id == "" {
		c.t.Errorf("%s: no RequestId in %s", req.Header.Get("x-acs-action"), b)
	}
	return a
}

func (c *raw) call(action string, params map[string]any) answer {
	c.t.Helper()
	return c.do(c.request(action, params))
}

// ds is the common ProjectName/DatasetName pair plus extra params.
func ds(extra map[string]any) map[string]any {
	m := map[string]any{"ProjectName": testProject, "DatasetName": testDataset}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

// list returns a JSON array member of an answer.
func (a answer) list(key string) []any {
	v, _ := a.Body[key].([]any)
	return v
}

func (a answer) str(key string) string {
	s, _ := a.Body[key].(string)
	return s
}

// ids returns the given key of every object in a list.
func ids(items []any, key string) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		m, _ := it.(map[string]any)
		s, _ := m[key].(string)
		out = append(out, s)
	}
	return out
}
