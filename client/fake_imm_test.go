package client

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

const (
	testAK     = "test-ak-id"
	testSecret = "TestSecretValue-9f8e7d"
)

// captured is one request as the fake server received it.
type captured struct {
	Method string
	Path   string
	Query  url.Values
	Header http.Header
	Body   []byte
	Host   string
	SigErr error // nil when the V3 signature verified
}

// fakeIMM is an httptest server that records requests and answers with
// handle(w, r, n), n counting requests from 1.
type fakeIMM struct {
	srv    *httptest.Server
	conns  atomic.Int32 // TCP connections accepted
	mu     sync.Mutex
	reqs   []captured
	handle func(w http.ResponseWriter, r *http.Request, n int)
}

func newFakeIMM(t *testing.T, handle func(w http.ResponseWriter, r *http.Request, n int)) *fakeIMM {
	t.Helper()
	f := &fakeIMM{handle: handle}
	f.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		c := captured{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: body, Host: r.Host}
		c.SigErr = verifyV3(r, body, testSecret)
		f.mu.Lock()
		f.reqs = append(f.reqs, c)
		n := len(f.reqs)
		f.mu.Unlock()
		f.handle(w, r, n)
	}))
	f.srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			f.conns.Add(1)
		}
	}
	f.srv.Start()
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeIMM) requests() []captured {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]captured(nil), f.reqs...)
}

// newTestClient points a client with static keys and tiny backoffs at f.
func newTestClient(t *testing.T, f *fakeIMM, mod ...func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		Endpoint:        f.srv.URL,
		AccessKeyID:     testAK,
		AccessKeySecret: testSecret,
		BaseBackoff:     100 * time.Microsecond,
		MaxBackoff:      time.Millisecond,
		Rand:            rand.New(rand.NewPCG(1, 2)),
	}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeIMMError(w http.ResponseWriter, status int, code, msg, rid string) {
	writeJSON(w, status, map[string]string{
		"RequestId": rid, "HostId": "imm.test", "Code": code, "Message": msg,
		"Recommend": "https://next.api.aliyun.com/troubleshoot?q=" + code,
	})
}

// verifyV3 checks an ACS3-HMAC-SHA256 signature the way IMM does
// (docs/api.md §4.3), independently of the runtime's code.
func verifyV3(r *http.Request, body []byte, secret string) error {
	auth := r.Header.Get("Authorization")
	const algo = "ACS3-HMAC-SHA256 "
	if !strings.HasPrefix(auth, algo) {
		return fmt.Errorf("authorization %q is not V3", auth)
	}
	parts := map[string]string{}
	for _, p := range strings.Split(strings.TrimPrefix(auth, algo), ",") {
		k, v, _ := strings.Cut(p, "=")
		parts[k] = v
	}
	payload := sha256.Sum256(body)
	if hex.EncodeToString(payload[:]) != r.Header.Get("x-acs-content-sha256") {
		return fmt.Errorf("payload hash mismatch")
	}
	enc := func(s string) string {
		s = url.QueryEscape(s)
		s = strings.ReplaceAll(s, "+", "%20")
		s = strings.ReplaceAll(s, "*", "%2A")
		return strings.ReplaceAll(s, "%7E", "~")
	}
	q := r.URL.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var cq []string
	for _, k := range keys {
		cq = append(cq, k+"="+enc(q.Get(k)))
	}
	signed := strings.Split(parts["SignedHeaders"], ";")
	var ch strings.Builder
	for _, h := range signed {
		v := r.Header.Get(h)
		if h == "host" {
			v = r.Host
		}
		ch.WriteString(h + ":" + strings.TrimSpace(v) + "\n")
	}
	canon := strings.Join([]string{r.Method, "/", strings.Join(cq, "&"), ch.String(), parts["SignedHeaders"], hex.EncodeToString(payload[:])}, "\n")
	sum := sha256.Sum256([]byte(canon))
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("ACS3-HMAC-SHA256\n" + hex.EncodeToString(sum[:])))
	if want := hex.EncodeToString(mac.Sum(nil)); want != parts["Signature"] {
		return fmt.Errorf("signature mismatch")
	}
	return nil
}
