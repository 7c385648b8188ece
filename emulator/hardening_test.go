package emulator_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/immtui/immtui/emulator"
)

// Regression tests for the signature checks, through the real HTTP server
// with hand-made requests: what an attacker on the wire could send.

// v3Body builds a V3-signed POST whose body is body. The Content-Type, if
// any, is set before signing and so is signed, as the SDK does.
func (c *raw) v3Body(action, query, contentType, body string) *http.Request {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.base+"/?"+query, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("x-acs-action", action)
	req.Header.Set("x-acs-version", "2020-09-30")
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	emulator.SignRequest(req, c.keyID, c.secret, []byte(body), time.Now())
	return req
}

const formType = "application/x-www-form-urlencoded"

// A nonce padded with white space that strings.TrimSpace removes (but
// HTTP does not) signs like the bare nonce; it must not pass as new.
func TestPaddedNonceIsNotAFreshNonce(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	ctx := context.Background()
	for _, pad := range []string{"\u00a0", "\u0085", "\u2003", "\u3000"} {
		for _, n := range []int{1, 3} {
			for _, leading := range []bool{true, false} {
				t.Run(fmt.Sprintf("%U x%d leading=%v", []rune(pad)[0], n, leading), func(t *testing.T) {
					req := c.request("GetProject", map[string]any{"ProjectName": testProject})
					replay := req.Clone(ctx)
					if a := c.do(req); a.Status != 200 {
						t.Fatalf("first send: %s", a.Raw)
					}
					nonce := replay.Header.Get("x-acs-signature-nonce")
					if leading {
						nonce = strings.Repeat(pad, n) + nonce
					} else {
						nonce += strings.Repeat(pad, n)
					}
					replay.Header.Set("x-acs-signature-nonce", nonce)
					checkError(t, c.do(replay), 400, "InvalidParameter", "x-acs-signature-nonce")
				})
			}
		}
	}
	t.Run("space and tab are HTTP's own padding: the same nonce", func(t *testing.T) {
		req := c.request("GetProject", map[string]any{"ProjectName": testProject})
		nonce := req.Header.Get("x-acs-signature-nonce")
		if a := c.do(req); a.Status != 200 {
			t.Fatalf("first send: %s", a.Raw)
		}
		raw := rawHTTP(t, r.Addr(), req, map[string]string{"X-Acs-Signature-Nonce": " \t" + nonce + "\t "})
		if !strings.HasPrefix(raw, "400 ") || !strings.Contains(raw, "SignatureNonceUsed") {
			t.Fatalf("padded replay: %s", raw)
		}
	})
	t.Run("V1: the padded nonce is signed as sent", func(t *testing.T) {
		req := c.v1(http.MethodPost, "GetProject", url.Values{"ProjectName": {testProject}}, nil)
		if a := c.do(req); a.Status != 200 {
			t.Fatalf("first send: %s", a.Raw)
		}
		q := req.URL.Query()
		q.Set("SignatureNonce", q.Get("SignatureNonce")+"\u00a0")
		req.URL.RawQuery = q.Encode()
		checkError(t, c.do(req), 400, "SignatureDoesNotMatch", "signature")
	})
}

// rawHTTP writes req to addr by hand, with some headers replaced by raw
// values net/http's client would refuse or rewrite, and returns the reply.
func rawHTTP(t *testing.T, addr string, req *http.Request, replace map[string]string) string {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\nContent-Length: 0\r\n", req.Method, req.URL.RequestURI(), req.Host)
	for name, vals := range req.Header {
		if v, ok := replace[name]; ok {
			vals = []string{v}
		}
		for _, v := range vals {
			fmt.Fprintf(&b, "%s: %s\r\n", name, v)
		}
	}
	b.WriteString("\r\n")
	if _, err := conn.Write([]byte(b.String())); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body strings.Builder
	_, _ = bufio.NewReader(resp.Body).WriteTo(&body)
	return resp.Status + " " + body.String()
}

// Control characters in a header value are refused: ASCII ones by
// net/http itself (a bare 400), C1 ones (valid UTF-8, so they pass
// net/http) by the verifier with IMM's error JSON.
func TestHeaderValuesWithControlCharactersAreRefused(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	for _, v := range []string{"a\x01b", "ab\x7f", "a\x0bb", "\x1bab"} {
		req := c.request("GetProject", map[string]any{"ProjectName": testProject})
		got := rawHTTP(t, r.Addr(), req, map[string]string{"X-Acs-Signature-Nonce": v})
		if !strings.HasPrefix(got, "400 ") {
			t.Errorf("%q: %s", v, got)
		}
	}
	for _, h := range []string{"x-acs-action", "x-acs-version", "x-acs-date"} {
		req := c.request("GetProject", map[string]any{"ProjectName": testProject})
		req.Header.Set(h, req.Header.Get(h)[:2]+"\u0085\u009b"+req.Header.Get(h)[2:])
		emulator.Resign(req, c.keyID, c.secret)
		checkError(t, c.do(req), 400, "InvalidParameter", h)
	}
	// Without net/http's parser in the way, ASCII controls reach the
	// verifier too, and get the same JSON answer.
	s, err := emulator.New(emulator.Config{Data: testData()})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/?ProjectName="+testProject, nil)
	req.Header.Set("x-acs-action", "GetProject")
	req.Header.Set("x-acs-version", "2020-09-30")
	emulator.SignRequest(req, c.keyID, c.secret, nil, time.Now())
	req.Header.Set("x-acs-signature-nonce", req.Header.Get("x-acs-signature-nonce")+"\r\nx-acs-x: 1")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, req)
	if w.Code != 400 || !strings.Contains(w.Body.String(), `"Code":"InvalidParameter"`) {
		t.Fatalf("got %d %s", w.Code, w.Body)
	}
}

// Rewriting "Query=<json>&WithFields=<list>" into the one parameter name
// "Query=<json>&WithFields" with the list as its value signed the same
// while names went unencoded.
func TestMergedParameterNamesBreakTheSignature(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	extra := map[string]any{"Query": map[string]any{"Field": "Size", "Operation": "gt", "Value": "1"}, "WithFields": []string{"URI"}}
	merge := func(q url.Values) url.Values {
		m := url.Values{}
		for k, vs := range q {
			if k != "Query" && k != "WithFields" {
				m[k] = vs
			}
		}
		m.Set("Query="+emulator.RFC3986(q.Get("Query"))+"&WithFields", q.Get("WithFields"))
		return m
	}
	t.Run("V3", func(t *testing.T) {
		req := c.request("SimpleQuery", ds(extra))
		original := req.URL.RawQuery
		req.URL.RawQuery = merge(req.URL.Query()).Encode()
		checkError(t, c.do(req.Clone(context.Background())), 400, "SignatureDoesNotMatch", "signature")
		// The refused request did not use up the nonce: the genuine one passes.
		req.URL.RawQuery = original
		if a := c.do(req); a.Status != 200 {
			t.Fatalf("genuine request: %s", a.Raw)
		}
	})
	t.Run("V1", func(t *testing.T) {
		p := url.Values{"ProjectName": {testProject}, "DatasetName": {testDataset},
			"Query": {`{"Field":"Size","Operation":"gt","Value":"1"}`}, "WithFields": {`["URI"]`}}
		req := c.v1(http.MethodPost, "SimpleQuery", p, nil)
		original := req.URL.RawQuery
		req.URL.RawQuery = merge(req.URL.Query()).Encode()
		checkError(t, c.do(req.Clone(context.Background())), 400, "SignatureDoesNotMatch", "signature")
		req.URL.RawQuery = original
		if a := c.do(req); a.Status != 200 {
			t.Fatalf("genuine request: %s", a.Raw)
		}
	})
}

// A body is read as parameters only when the signature covers that
// reading: a form Content-Type added on the way must not turn a signed
// opaque body into parameters.
func TestUnsignedContentTypeCannotTurnABodyIntoParameters(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	t.Run("V3 signed content-type: the body's parameters count", func(t *testing.T) {
		a := c.do(c.v3Body("GetProject", "", formType, "ProjectName="+testProject))
		if a.Status != 200 || a.Body["Project"].(map[string]any)["ProjectName"] != testProject {
			t.Fatalf("got %d %s", a.Status, a.Raw)
		}
	})
	t.Run("V3 content-type added after signing", func(t *testing.T) {
		req := c.v3Body("GetProject", "", "", "ProjectName="+testProject)
		req.Header.Set("Content-Type", formType)
		checkError(t, c.do(req), 400, "IncompleteSignature", "content-type")
	})
	t.Run("V3 signed non-form content-type changed to form", func(t *testing.T) {
		req := c.v3Body("GetProject", "", "text/plain", "ProjectName="+testProject)
		req.Header.Set("Content-Type", formType)
		checkError(t, c.do(req), 400, "SignatureDoesNotMatch", "signature")
	})
	t.Run("V1 form body added after signing", func(t *testing.T) {
		req := c.v1(http.MethodPost, "GetProject", url.Values{"ProjectName": {testProject}}, nil)
		req = withBody(req, "DatasetName="+testDataset)
		checkError(t, c.do(req), 400, "SignatureDoesNotMatch", "signature")
	})
	t.Run("V1 form body relabelled as not a form", func(t *testing.T) {
		req := c.v1(http.MethodPost, "GetProject", url.Values{"ProjectName": {testProject}}, []string{"ProjectName"})
		req.Header.Set("Content-Type", "text/plain")
		checkError(t, c.do(req), 400, "SignatureDoesNotMatch", "signature")
	})
}

// withBody replaces req's body with a form body.
func withBody(req *http.Request, body string) *http.Request {
	req = req.Clone(context.Background())
	req.Body = io.NopCloser(strings.NewReader(body))
	req.ContentLength = int64(len(body))
	req.Header.Set("Content-Type", formType)
	return req
}

func TestNonceLengthIsBounded(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	v3 := func(nonce string) answer {
		req := c.request("GetProject", map[string]any{"ProjectName": testProject})
		req.Header.Set("x-acs-signature-nonce", nonce)
		emulator.Resign(req, c.keyID, c.secret)
		return c.do(req)
	}
	v1 := func(nonce string) answer {
		req := c.v1(http.MethodGet, "GetProject", url.Values{"ProjectName": {testProject}}, nil)
		q := req.URL.Query()
		q.Set("SignatureNonce", nonce)
		q.Set("Signature", emulator.V1Signature(http.MethodGet, q, c.secret))
		req.URL.RawQuery = q.Encode()
		return c.do(req)
	}
	for name, send := range map[string]func(string) answer{"V3": v3, "V1": v1} {
		t.Run(name, func(t *testing.T) {
			if a := send(strings.Repeat("a", 127) + name[1:]); a.Status != 200 {
				t.Fatalf("128-character nonce: %s", a.Raw)
			}
			checkError(t, send(strings.Repeat("b", 129)), 400, "InvalidParameter", "at most 128")
			checkError(t, send(strings.Repeat("c", 1000)), 400, "InvalidParameter", "at most 128")
		})
	}
	// The attack's 2 MiB nonce no longer gets past the header limit; the
	// largest one that does is still refused by length.
	checkError(t, v3(strings.Repeat("d", 1<<20)), 400, "InvalidParameter", "at most 128")
	checkError(t, v3(strings.Repeat("d", 2<<20)), 431, "InvalidArgument", "larger than")
}

// A full nonce store refuses new requests (503) and forgets none of the
// nonces it holds.
func TestFullNonceStoreRefusesNewRequests(t *testing.T) {
	r := startTest(t, emulator.Config{})
	emulator.SetNonceLimit(r.Server, 2)
	c := newRaw(t, r)
	first := c.request("GetProject", map[string]any{"ProjectName": testProject})
	replay := first.Clone(context.Background())
	for _, req := range []*http.Request{first, c.v1(http.MethodGet, "GetProject", url.Values{"ProjectName": {testProject}}, nil)} {
		if a := c.do(req); a.Status != 200 {
			t.Fatalf("filling: %s", a.Raw)
		}
	}
	checkError(t, c.call("GetProject", map[string]any{"ProjectName": testProject}), 503, "ServiceUnavailable", "retry later")
	checkError(t, c.do(replay), 400, "SignatureNonceUsed", "nonce")
}
