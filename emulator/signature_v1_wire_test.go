package emulator_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/immtui/immtui/emulator"
)

// V1 (HMAC-SHA1, RPC) requests over the wire, as the aliyun CLI and the
// SDKs with SignatureAlgorithm "v2" send them.

// v1 builds a V1-signed request for action the way the aliyun CLI does:
// every parameter in the query (but those named in inBody, which go to a
// form body), an empty SignatureType that is signed, unsigned
// x-acs-action/x-acs-version headers, and for POST a form Content-Type
// even when the body is empty.
func (c *raw) v1(method, action string, params url.Values, inBody []string) *http.Request {
	c.t.Helper()
	now := c.now
	if now.IsZero() {
		now = time.Now()
	}
	return c.v1Send(method, action, emulator.V1Params(method, action, c.keyID, c.secret, now, params), inBody)
}

// v1Send sends p as it is (signed or not) for method.
func (c *raw) v1Send(method, action string, p url.Values, inBody []string) *http.Request {
	c.t.Helper()
	q, body := url.Values{}, url.Values{}
	for k, vs := range p {
		q[k] = vs
	}
	for _, k := range inBody {
		body[k] = q[k]
		delete(q, k)
	}
	req, err := http.NewRequest(method, c.base+"/?"+q.Encode(), strings.NewReader(body.Encode()))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("x-acs-action", action)
	req.Header.Set("x-acs-version", "2020-09-30")
	if method == http.MethodPost {
		req.Header.Set("Content-Type", formType)
	}
	return req
}

func projectName(a answer) string {
	p, _ := a.Body["Project"].(map[string]any)
	s, _ := p["ProjectName"].(string)
	return s
}

func TestV1RequestAsTheAliyunCLISendsItIsAnswered(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	req := c.v1(http.MethodPost, "GetProject", url.Values{"ProjectName": {testProject}}, nil)
	if !strings.Contains(req.URL.RawQuery, "SignatureType=&") && !strings.HasSuffix(req.URL.RawQuery, "SignatureType=") {
		t.Fatalf("the request lacks the CLI's empty SignatureType: %s", req.URL.RawQuery)
	}
	if a := c.do(req); a.Status != 200 || projectName(a) != testProject {
		t.Fatalf("got %d %s", a.Status, a.Raw)
	}

	// The x-acs-* headers are not signed in V1, so they are not read: the
	// action and version are the parameters.
	req = c.v1(http.MethodPost, "GetProject", url.Values{"ProjectName": {testProject}}, nil)
	req.Header.Set("x-acs-action", "SimpleQuery")
	req.Header.Set("x-acs-version", "2017-09-06")
	req.Header.Set("x-acs-credentials-provider", "static_ak")
	if a := c.do(req); a.Status != 200 || projectName(a) != testProject {
		t.Fatalf("unsigned headers were read: %d %s", a.Status, a.Raw)
	}

	// The empty SignatureType is signed: dropping it breaks the signature.
	req = c.v1(http.MethodPost, "GetProject", url.Values{"ProjectName": {testProject}}, nil)
	q := req.URL.Query()
	q.Del("SignatureType")
	req.URL.RawQuery = q.Encode()
	checkError(t, c.do(req), 400, "SignatureDoesNotMatch", "signature")
}

func TestV1GetRequestIsAnswered(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	a := c.do(c.v1(http.MethodGet, "GetProject", url.Values{"ProjectName": {testProject}}, nil))
	if a.Status != 200 || projectName(a) != testProject {
		t.Fatalf("got %d %s", a.Status, a.Raw)
	}
	// The method is signed: a GET signature does not pass as a POST.
	p := emulator.V1Params(http.MethodGet, "GetProject", c.keyID, c.secret, time.Now(), url.Values{"ProjectName": {testProject}})
	checkError(t, c.do(c.v1Send(http.MethodPost, "GetProject", p, nil)), 400, "SignatureDoesNotMatch", "signature")
}

func TestV1ParametersSplitBetweenQueryAndFormBody(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	for name, inBody := range map[string][]string{
		"action parameters in the body":    {"ProjectName", "DatasetName", "ObjectIds"},
		"signature parameters in the body": {"Signature", "SignatureNonce", "Timestamp", "AccessKeyId"},
		"everything in the body": {"Action", "Version", "Format", "RegionId", "AccessKeyId", "SignatureMethod", "SignatureVersion",
			"SignatureNonce", "SignatureType", "Timestamp", "Signature", "ProjectName", "DatasetName", "ObjectIds"},
	} {
		t.Run(name, func(t *testing.T) {
			p := url.Values{"ProjectName": {testProject}, "DatasetName": {testDataset}, "ObjectIds": {`["Cluster-03","Cluster-07"]`}}
			a := c.do(c.v1(http.MethodPost, "BatchGetFigureCluster", p, inBody))
			if got := ids(a.list("FigureClusters"), "ObjectId"); a.Status != 200 || strings.Join(got, ",") != "Cluster-03,Cluster-07" {
				t.Fatalf("got %d %v: %s", a.Status, got, a.Raw)
			}
		})
	}
}

func TestV1RefusesBadRequestsWithTheGatewayCodes(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	// signed builds a POST from the CLI's parameters after mut; resign
	// recomputes Signature afterwards, so that mut is the only fault.
	signed := func(mut func(p url.Values), resign bool) *http.Request {
		p := emulator.V1Params(http.MethodPost, "GetProject", c.keyID, c.secret, time.Now(), url.Values{"ProjectName": {testProject}})
		mut(p)
		if resign {
			p.Set("Signature", emulator.V1Signature(http.MethodPost, p, c.secret))
		}
		return c.v1Send(http.MethodPost, "GetProject", p, nil)
	}
	set := func(k, v string) func(url.Values) { return func(p url.Values) { p.Set(k, v) } }
	type tc struct {
		name         string
		req          *http.Request
		status       int
		code, inText string
	}
	cases := []tc{
		{"tampered parameter", signed(set("ProjectName", "proj-b"), false), 400, "SignatureDoesNotMatch", "signature"},
		{"wrong secret", signed(func(p url.Values) { p.Set("Signature", emulator.V1Signature(http.MethodPost, p, "not-the-secret")) }, false),
			400, "SignatureDoesNotMatch", "signature"},
		{"unknown key", signed(set("AccessKeyId", "LTAI-nobody"), true), 404, "InvalidAccessKeyId.NotFound", "access key"},
		{"stale timestamp", signed(set("Timestamp", time.Now().Add(-16*time.Minute).UTC().Format(time.RFC3339)), true), 400, "InvalidTimeStamp.Expired", "Timestamp"},
		{"future timestamp", signed(set("Timestamp", time.Now().Add(16*time.Minute).UTC().Format(time.RFC3339)), true), 400, "InvalidTimeStamp.Expired", "Timestamp"},
		{"timestamp with a space", signed(set("Timestamp", time.Now().UTC().Format("2006-01-02 15:04:05")), true), 400, "InvalidTimeStamp.Format", "Timestamp"},
		{"timestamp not in UTC", signed(set("Timestamp", time.Now().In(time.FixedZone("CST", 8*3600)).Format(time.RFC3339)), true), 400, "InvalidTimeStamp.Format", "Timestamp"},
		{"other SignatureMethod", signed(set("SignatureMethod", "HMAC-SHA256"), true), 400, "IncompleteSignature", "HMAC-SHA1"},
		{"other SignatureVersion", signed(set("SignatureVersion", "2.0"), true), 400, "IncompleteSignature", "1.0"},
		{"bearer SignatureType", signed(set("SignatureType", "BEARERTOKEN"), true), 400, "IncompleteSignature", "SignatureType"},
		{"XML Format", signed(set("Format", "XML"), true), 400, "InvalidParameter", "JSON"},
		{"other Version", signed(set("Version", "2017-09-06"), true), 400, "InvalidVersion", "Version must be 2020-09-30"},
		{"no Action", signed(func(p url.Values) { p.Del("Action") }, true), 400, "MissingAction", "Action parameter"},
		{"unknown Action", signed(set("Action", "DeleteEverything"), true), 404, "InvalidApi.NotFound", "DeleteEverything"},
		{"parameter given twice", signed(func(p url.Values) { p.Add("ProjectName", "proj-b") }, true), 400, "InvalidParameter", "ProjectName"},
		{"PUT", func() *http.Request {
			req := signed(func(url.Values) {}, false)
			req.Method = http.MethodPut
			return req
		}(),
			405, "UnsupportedHTTPMethod", "PUT"},
		{"also an Authorization header", func() *http.Request {
			req := signed(func(url.Values) {}, false)
			req.Header.Set("Authorization", "ACS3-HMAC-SHA256 Credential=x,SignedHeaders=host,Signature=00")
			return req
		}(), 400, "IncompleteSignature", "one way"},
		{"no signature at all", func() *http.Request {
			req, _ := http.NewRequest(http.MethodGet, c.base+"/?Action=GetProject&ProjectName="+testProject, nil)
			return req
		}(), 400, "IncompleteSignature", "not signed"},
	}
	for _, name := range []string{"AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"} {
		cases = append(cases, tc{"empty " + name, signed(set(name, ""), name != "Signature"),
			400, "MissingParameter", `"` + name + `"`})
		if name == "Signature" {
			// Without Signature the request is not V1-signed at all.
			cases = append(cases, tc{"no Signature", signed(func(p url.Values) { p.Del(name) }, false),
				400, "IncompleteSignature", "no Signature parameter"})
			continue
		}
		cases = append(cases, tc{"no " + name, signed(func(p url.Values) { p.Del(name) }, true),
			400, "MissingParameter", `"` + name + `"`})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkError(t, c.do(tc.req), tc.status, tc.code, tc.inText) })
	}

	t.Run("replayed nonce", func(t *testing.T) {
		req := signed(func(url.Values) {}, false)
		replay := withBody(req, "")
		if a := c.do(req); a.Status != 200 {
			t.Fatalf("first send: %s", a.Raw)
		}
		checkError(t, c.do(replay), 400, "SignatureNonceUsed", "SignatureNonce")
	})
}

// daraHTTP is the runtime's HTTP client, on a transport the test closes.
type daraHTTP struct{ hc *http.Client }

func (d daraHTTP) Call(req *http.Request, _ *http.Transport) (*http.Response, error) {
	return d.hc.Do(req)
}

// runtimeClient is the official darabonba-openapi client against r;
// algorithm "v2" makes it sign V1 (HMAC-SHA1), "" is its default V3.
func runtimeClient(t *testing.T, r *emulator.Running, algorithm string) *openapi.Client {
	t.Helper()
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	cfg := &openapi.Config{
		AccessKeyId:     tea.String(emulator.DemoAccessKeyID),
		AccessKeySecret: tea.String(emulator.DemoAccessKeySecret),
		Endpoint:        tea.String(r.Addr()),
		Protocol:        tea.String("http"),
		RegionId:        tea.String("cn-hangzhou"),
		HttpClient:      daraHTTP{&http.Client{Transport: tr, Timeout: 30 * time.Second}},
	}
	if algorithm != "" {
		cfg.SignatureAlgorithm = tea.String(algorithm)
	}
	oc, err := openapi.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return oc
}

// callRuntime runs action through oc as the IMM SDK would and returns the
// reply body as sent.
func callRuntime(t *testing.T, oc *openapi.Client, action string, q map[string]string) string {
	t.Helper()
	query := map[string]*string{}
	for k, v := range q {
		query[k] = tea.String(v)
	}
	res, err := oc.CallApi(&openapi.Params{
		Action: tea.String(action), Version: tea.String("2020-09-30"), Protocol: tea.String("HTTPS"),
		Pathname: tea.String("/"), Method: tea.String("POST"), AuthType: tea.String("AK"), Style: tea.String("RPC"),
		ReqBodyType: tea.String("formData"), BodyType: tea.String("string"),
	}, &openapi.OpenApiRequest{Query: query}, &dara.RuntimeOptions{})
	if err != nil {
		t.Fatalf("%s: %v", action, err)
	}
	body, _ := res["body"].(string)
	return body
}

func TestOfficialRuntimeSigningV1CallsBatchGetFigureCluster(t *testing.T) {
	r := startTest(t, emulator.Config{})
	body := callRuntime(t, runtimeClient(t, r, "v2"), "BatchGetFigureCluster",
		map[string]string{"ProjectName": testProject, "DatasetName": testDataset, "ObjectIds": `["Cluster-09","Cluster-01"]`})
	var out struct {
		FigureClusters []struct{ ObjectId string }
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil || len(out.FigureClusters) != 2 ||
		out.FigureClusters[0].ObjectId != "Cluster-09" || out.FigureClusters[1].ObjectId != "Cluster-01" {
		t.Fatalf("got %+v (%v): %s", out, err, body)
	}
}

// withoutRequestID blanks the one field that differs between two answers.
func withoutRequestID(t *testing.T, body string) string {
	t.Helper()
	var m struct{ RequestId string }
	if err := json.Unmarshal([]byte(body), &m); err != nil || m.RequestId == "" {
		t.Fatalf("no RequestId (%v): %s", err, body)
	}
	return strings.Replace(body, `"RequestId":"`+m.RequestId+`"`, `"RequestId":""`, 1)
}

func TestV1AndV3SignedCallsGetTheSameJSON(t *testing.T) {
	r := startTest(t, emulator.Config{})
	v1, v3 := runtimeClient(t, r, "v2"), runtimeClient(t, r, "")
	for action, q := range map[string]map[string]string{
		"BatchGetFigureCluster": {"ProjectName": testProject, "DatasetName": testDataset, "ObjectIds": `["Cluster-04","Cluster-12"]`},
		"SimpleQuery": {"ProjectName": testProject, "DatasetName": testDataset, "MaxResults": "3",
			"Query": `{"Field":"Figures.FigureClusterId","Operation":"eq","Value":"Cluster-04"}`, "Sort": "Size", "Order": "desc"},
	} {
		a, b := callRuntime(t, v1, action, q), callRuntime(t, v3, action, q)
		if withoutRequestID(t, a) != withoutRequestID(t, b) {
			t.Errorf("%s: V1 and V3 answers differ\nV1: %.400s\nV3: %.400s", action, a, b)
		}
		if !strings.Contains(a, "Cluster-04") {
			t.Errorf("%s: answer without the cluster asked for: %.400s", action, a)
		}
	}
}
