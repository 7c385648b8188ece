package emulator

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The known-answer vector: a BatchGetFileMeta call whose URI needs every
// kind of escaping (space, "*", "~", "/", ":"), worked through the steps of
// docs/api.md §4.3 by hand. The hash and signature were computed outside Go
// (Python hashlib/hmac) from the canonical request below.
const (
	vectorTarget = "/?ProjectName=immtui-demo&DatasetName=family-photos&URIs=%5B%22oss%3A%2F%2Fb%2Fa+b%2A~.jpg%22%5D&NextToken="
	vectorCanon  = "POST\n/\n" +
		"DatasetName=family-photos&NextToken=&ProjectName=immtui-demo&URIs=%5B%22oss%3A%2F%2Fb%2Fa%20b%2A~.jpg%22%5D\n" +
		"host:127.0.0.1:8080\n" +
		"x-acs-action:BatchGetFileMeta\n" +
		"x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n" +
		"x-acs-credentials-provider:static_ak\n" +
		"x-acs-date:2026-01-02T03:04:05Z\n" +
		"x-acs-signature-nonce:0123456789abcdef0123456789abcdef\n" +
		"x-acs-version:2020-09-30\n" +
		"\n" +
		"host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version\n" +
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	vectorCanonHash = "bed94ab620e81ecfa777afc6b148bc9c205a27a76cbfaafa165baf4f89c3eedd"
	vectorSignature = "d80e64bdd0b5c5551f453bc4f8fdc414b6df77a9b7bb4a9d6a62237d623ba61f"
	vectorSigned    = "host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version"
)

var vectorTime = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func vectorRequest() *http.Request {
	r := httptest.NewRequest(http.MethodPost, vectorTarget, nil)
	r.Host = "127.0.0.1:8080"
	// Lower-case names as the SDK writes them; net/http canonicalises them.
	r.Header.Set("x-acs-action", "BatchGetFileMeta")
	r.Header.Set("x-acs-version", "2020-09-30")
	r.Header.Set("x-acs-date", "2026-01-02T03:04:05Z")
	r.Header.Set("x-acs-signature-nonce", "0123456789abcdef0123456789abcdef")
	r.Header.Set("x-acs-content-sha256", emptyPayloadHash)
	r.Header.Set("x-acs-credentials-provider", "static_ak")
	r.Header.Set("Authorization", "ACS3-HMAC-SHA256 Credential="+DemoAccessKeyID+",SignedHeaders="+vectorSigned+",Signature="+vectorSignature)
	r.Header.Set("User-Agent", "AlibabaCloud (linux; amd64) Golang/1.26 Core/0.01 TeaDSL/2")
	return r
}

func TestCanonicalRequestMatchesHandWorkedVector(t *testing.T) {
	r := vectorRequest()
	signed := strings.Split(vectorSigned, ";")
	values, verr := signedHeaderValues(r, signed)
	if verr != nil {
		t.Fatal(verr)
	}
	got := canonicalRequest(r, r.URL.Query(), signed, values, emptyPayloadHash)
	if got != vectorCanon {
		t.Fatalf("canonical request differs\n got: %q\nwant: %q", got, vectorCanon)
	}
	if sts := stringToSign(got); sts != "ACS3-HMAC-SHA256\n"+vectorCanonHash {
		t.Fatalf("string to sign = %q", sts)
	}
	if sig := signString(DemoAccessKeySecret, stringToSign(got)); sig != vectorSignature {
		t.Fatalf("signature = %s, want %s", sig, vectorSignature)
	}
}

func TestTestSignerProducesTheVectorSignature(t *testing.T) {
	r := vectorRequest()
	r.Header.Del("Authorization")
	resign(r, DemoAccessKeyID, DemoAccessKeySecret)
	if !strings.HasSuffix(r.Header.Get("Authorization"), "Signature="+vectorSignature) {
		t.Fatalf("test signer disagrees with the vector: %s", r.Header.Get("Authorization"))
	}
}

func newTestVerifier(now time.Time) *verifier {
	return newVerifier(map[string]string{DemoAccessKeyID: DemoAccessKeySecret}, func() time.Time { return now })
}

func TestVerifierAcceptsTheVectorOnceAndRejectsItsReplay(t *testing.T) {
	v := newTestVerifier(vectorTime.Add(time.Minute))
	r := vectorRequest()
	req, err := v.verify(r, nil)
	if err != nil {
		t.Fatalf("valid request rejected: %v", err)
	}
	if req.action != "BatchGetFileMeta" || req.version != apiVersion || req.params.Get("DatasetName") != "family-photos" {
		t.Fatalf("verified request %+v", req)
	}
	r = vectorRequest()
	if _, err := v.verify(r, nil); err == nil || err.Code != "SignatureNonceUsed" {
		t.Fatalf("replay: got %v, want SignatureNonceUsed", err)
	}
}

func TestVerifierRejectsBadRequests(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(r *http.Request) []byte // returns the body
		now    time.Time
		code   string
		status int
	}{
		{"missing Authorization", func(r *http.Request) []byte { r.Header.Del("Authorization"); return nil },
			vectorTime, "IncompleteSignature", 400},
		{"other algorithm", func(r *http.Request) []byte {
			r.Header.Set("Authorization", "ACS3-HMAC-SM3 Credential=x,SignedHeaders=host,Signature=00")
			return nil
		}, vectorTime, "IncompleteSignature", 400},
		{"unknown key id", func(r *http.Request) []byte {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), DemoAccessKeyID, "LTAI-nobody", 1))
			return nil
		}, vectorTime, "InvalidAccessKeyId.NotFound", 404},
		{"tampered query", func(r *http.Request) []byte {
			r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "family-photos", "other", 1)
			return nil
		}, vectorTime, "SignatureDoesNotMatch", 400},
		{"tampered signed header", func(r *http.Request) []byte {
			r.Header.Set("x-acs-action", "SimpleQuery")
			return nil
		}, vectorTime, "SignatureDoesNotMatch", 400},
		{"wrong host", func(r *http.Request) []byte { r.Host = "127.0.0.1:9090"; return nil },
			vectorTime, "SignatureDoesNotMatch", 400},
		{"body does not match its hash", func(r *http.Request) []byte { return []byte("x=1") },
			vectorTime, "SignatureDoesNotMatch", 400},
		{"unsigned x-acs header", func(r *http.Request) []byte {
			r.Header.Set("x-acs-extra", "1")
			return nil
		}, vectorTime, "IncompleteSignature", 400},
		{"date too old", func(r *http.Request) []byte { return nil },
			vectorTime.Add(16 * time.Minute), "InvalidTimeStamp.Expired", 400},
		{"date in the future", func(r *http.Request) []byte { return nil },
			vectorTime.Add(-16 * time.Minute), "InvalidTimeStamp.Expired", 400},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := vectorRequest()
			body := c.mutate(r)
			_, err := newTestVerifier(c.now).verify(r, body)
			if err == nil || err.Code != c.code || err.Status != c.status {
				t.Fatalf("got %v, want %d %s", err, c.status, c.code)
			}
		})
	}
}

func TestVerifierAcceptsDateWithinFifteenMinutes(t *testing.T) {
	for _, skew := range []time.Duration{-14 * time.Minute, 14 * time.Minute} {
		r := vectorRequest()
		if _, err := newTestVerifier(vectorTime.Add(skew)).verify(r, nil); err != nil {
			t.Fatalf("skew %v rejected: %v", skew, err)
		}
	}
}

func TestVerifierReadsASignedFormBodyAsParameters(t *testing.T) {
	body := []byte("Foo=bar")
	r := httptest.NewRequest(http.MethodPost, "/?A=1", strings.NewReader(string(body)))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("x-acs-action", "X")
	signRequest(r, DemoAccessKeyID, DemoAccessKeySecret, body, vectorTime)
	req, err := newTestVerifier(vectorTime).verify(r, body)
	if err != nil {
		t.Fatalf("form body request rejected: %v", err)
	}
	if req.params.Get("Foo") != "bar" || req.params.Get("A") != "1" {
		t.Fatalf("params %v", req.params)
	}
}

// Parameter names are encoded like values in the canonical query, so a
// name holding "=" or "&" cannot sign like two parameters.
func TestCanonicalQueryEncodesNames(t *testing.T) {
	q := url.Values{"a=1&b": {"2"}, "c d": {"*~"}}
	if got, want := canonicalQuery(q), "a%3D1%26b=2&c%20d=%2A~"; got != want {
		t.Fatalf("canonicalQuery = %q, want %q", got, want)
	}
}

func TestHeaderValueTrimsOnlySpaceAndTab(t *testing.T) {
	for in, want := range map[string]string{"abc": "abc", " \tabc\t ": "abc", "a b\tc": "a b\tc", "": ""} {
		if got, err := headerValue("x", in); err != nil || got != want {
			t.Errorf("headerValue(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{
		"abc\u00a0", "\u00a0abc", "abc\u2003", "\u3000abc", "abc\u0085", "\u0085abc", "abc\u2028",
		"a\x00b", "a\x01b", "a\rb", "a\nb", "a\x7fb", "a\u009bb", "ab\x0b", "\x0cab", "a\xffb",
	} {
		if got, err := headerValue("x", in); err == nil || err.Code != "InvalidParameter" {
			t.Errorf("headerValue(%q) = %q, %v; want InvalidParameter", in, got, err)
		}
	}
}
