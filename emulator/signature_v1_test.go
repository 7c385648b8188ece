package emulator

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Known answers for the V1 signature. The first is Alibaba Cloud's own
// published example (ECS DescribeRegions, AccessKey testid/testsecret); the
// IMM ones were computed outside Go (Python hmac/hashlib, urllib quoting
// with only -_.~ kept) and need every kind of escaping in a value.
var (
	publishedV1Params = url.Values{
		"AccessKeyId": {"testid"}, "Action": {"DescribeRegions"}, "Format": {"XML"},
		"SignatureMethod": {"HMAC-SHA1"}, "SignatureNonce": {"3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
		"SignatureVersion": {"1.0"}, "Timestamp": {"2016-02-23T12:46:24Z"}, "Version": {"2014-05-26"},
	}
	publishedV1Signature = "OLeaidS1JvxuMvnyHOwuJ+uX5qY="

	immV1Params = url.Values{
		"Action": {"BatchGetFigureCluster"}, "Version": {"2020-09-30"}, "Format": {"JSON"}, "RegionId": {"cn-hangzhou"},
		"AccessKeyId": {DemoAccessKeyID}, "SignatureMethod": {"HMAC-SHA1"}, "SignatureVersion": {"1.0"},
		"SignatureNonce": {"0123456789abcdef0123456789abcdef"}, "SignatureType": {""}, "Timestamp": {"2026-01-02T03:04:05Z"},
		"ProjectName": {"immtui-demo"}, "DatasetName": {"family-photos"}, "ObjectIds": {`["Cluster a*~/:é"]`},
	}
	immV1Canonical = "AccessKeyId=LTAI-immtui-demo&Action=BatchGetFigureCluster&DatasetName=family-photos&Format=JSON" +
		"&ObjectIds=%5B%22Cluster%20a%2A~%2F%3A%C3%A9%22%5D&ProjectName=immtui-demo&RegionId=cn-hangzhou" +
		"&SignatureMethod=HMAC-SHA1&SignatureNonce=0123456789abcdef0123456789abcdef&SignatureType=" +
		"&SignatureVersion=1.0&Timestamp=2026-01-02T03%3A04%3A05Z&Version=2020-09-30"
	immV1PostSignature = "xiFrnQHhOhW/VE7dkU5Uh/mG23c="
	immV1GetSignature  = "IzaHX21Tzoh6bxljeO47T0tMsm0="
)

func TestTestV1SignerMatchesTheKnownAnswers(t *testing.T) {
	if got := v1Signature(http.MethodGet, publishedV1Params, "testsecret"); got != publishedV1Signature {
		t.Errorf("published example: %s, want %s", got, publishedV1Signature)
	}
	if got := v1Signature(http.MethodPost, immV1Params, DemoAccessKeySecret); got != immV1PostSignature {
		t.Errorf("IMM POST: %s, want %s", got, immV1PostSignature)
	}
	if got := v1Signature(http.MethodGet, immV1Params, DemoAccessKeySecret); got != immV1GetSignature {
		t.Errorf("IMM GET: %s, want %s", got, immV1GetSignature)
	}
}

func TestV1VerifierComputesTheKnownAnswers(t *testing.T) {
	if got := canonicalQuery(immV1Params); got != immV1Canonical {
		t.Fatalf("canonical\n got %s\nwant %s", got, immV1Canonical)
	}
	with := func(sig string) url.Values {
		p := url.Values{"Signature": {sig}}
		for k, v := range publishedV1Params {
			p[k] = v
		}
		return p
	}
	// Signature itself is left out of what is signed.
	if got := signV1("testsecret", http.MethodGet, with("anything")); got != publishedV1Signature {
		t.Errorf("published example: %s", got)
	}
	if got := signV1(DemoAccessKeySecret, http.MethodPost, immV1Params); got != immV1PostSignature {
		t.Errorf("IMM POST: %s", got)
	}
}

// v1Request is the IMM vector as the CLI sends it: POST, every parameter
// in the query, an empty form body.
func v1Request(params url.Values) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/?"+params.Encode(), strings.NewReader(""))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("x-acs-action", "SomethingElse") // unsigned in V1: ignored
	return r
}

func signedIMMV1() url.Values {
	p := url.Values{"Signature": {immV1PostSignature}}
	for k, v := range immV1Params {
		p[k] = v
	}
	return p
}

func TestV1VerifierAcceptsTheVectorOnceAndRejectsItsReplay(t *testing.T) {
	v := newTestVerifier(vectorTime.Add(time.Minute))
	req, err := v.verify(v1Request(signedIMMV1()), nil)
	if err != nil {
		t.Fatalf("valid request rejected: %v", err)
	}
	if req.action != "BatchGetFigureCluster" || req.version != apiVersion || req.params.Get("ObjectIds") != `["Cluster a*~/:é"]` {
		t.Fatalf("verified request %+v", req)
	}
	if _, err := v.verify(v1Request(signedIMMV1()), nil); err == nil || err.Code != "SignatureNonceUsed" {
		t.Fatalf("replay: %v", err)
	}
}

func TestV1VerifierRejectsBadVectors(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(p url.Values)
		now    time.Time
		code   string
	}{
		{"tampered value", func(p url.Values) { p.Set("DatasetName", "other") }, vectorTime, "SignatureDoesNotMatch"},
		{"tampered name", func(p url.Values) { p["datasetName"] = p["DatasetName"]; delete(p, "DatasetName") }, vectorTime, "SignatureDoesNotMatch"},
		{"added parameter", func(p url.Values) { p.Set("MaxResults", "1") }, vectorTime, "SignatureDoesNotMatch"},
		{"GET signature sent as POST", func(p url.Values) { p.Set("Signature", immV1GetSignature) }, vectorTime, "SignatureDoesNotMatch"},
		{"wrong key id", func(p url.Values) { p.Set("AccessKeyId", "LTAI-nobody") }, vectorTime, "InvalidAccessKeyId.NotFound"},
		{"too old", func(url.Values) {}, vectorTime.Add(dateWindow + time.Second), "InvalidTimeStamp.Expired"},
		{"too new", func(url.Values) {}, vectorTime.Add(-dateWindow - time.Second), "InvalidTimeStamp.Expired"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := signedIMMV1()
			c.mutate(p)
			if _, err := newTestVerifier(c.now).verify(v1Request(p), nil); err == nil || err.Code != c.code {
				t.Fatalf("got %v, want %s", err, c.code)
			}
		})
	}
	for _, skew := range []time.Duration{-dateWindow, dateWindow} {
		if _, err := newTestVerifier(vectorTime.Add(skew)).verify(v1Request(signedIMMV1()), nil); err != nil {
			t.Errorf("skew %v refused: %v", skew, err)
		}
	}
}
