package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/immtui/immtui/imm"
)

// countingTransport counts the requests that would have left the process.
type countingTransport struct{ n atomic.Int32 }

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return nil, errors.New("test transport: no network")
}

func TestPlainHTTPToAnotherHostIsRefusedBeforeAnyRequest(t *testing.T) {
	for _, ep := range []string{"http://imm.example.invalid", "http://10.0.0.1:80", "HTTP://imm.example.invalid:8080/", "http://0.0.0.0:1"} {
		rt := &countingTransport{}
		c, err := New(Config{Endpoint: ep, AccessKeyID: "a", AccessKeySecret: "b", Transport: rt})
		if err == nil {
			c.Close()
			t.Errorf("%s accepted", ep)
			continue
		}
		u, _ := url.Parse(strings.ToLower(strings.TrimSuffix(ep, "/")))
		if msg := err.Error(); !strings.Contains(msg, "unencrypted") || !strings.Contains(msg, "https://"+u.Host) || !strings.Contains(msg, "--insecure-http") {
			t.Errorf("%s: message %q should say why and what to do", ep, msg)
		}
		if rt.n.Load() != 0 {
			t.Errorf("%s: a request left", ep)
		}
	}
}

func TestInsecureHTTPIsAllowedWhenAskedAndReported(t *testing.T) {
	rt := &countingTransport{}
	c, err := New(Config{Endpoint: "http://imm.example.invalid", AccessKeyID: "a", AccessKeySecret: "b", Transport: rt, AllowInsecureHTTP: true, MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Endpoint() != "http://imm.example.invalid" || !c.Insecure() {
		t.Errorf("endpoint %q, insecure %v", c.Endpoint(), c.Insecure())
	}
	_, _ = c.GetFileMeta(context.Background(), imm.GetFileMetaRequest{URI: "u"})
	if rt.n.Load() != 1 {
		t.Errorf("%d requests; the allowed endpoint was not used", rt.n.Load())
	}
}

func TestLoopbackHTTPNeedsNoFlag(t *testing.T) {
	for _, ep := range []string{"http://127.0.0.1:8080", "http://127.3.4.5", "http://[::1]:9000", "http://localhost:1", "http://LOCALHOST", "127.0.0.1:9000"} {
		c, err := New(Config{Endpoint: ep, AccessKeyID: "a", AccessKeySecret: "b"})
		if err != nil {
			t.Errorf("%s: %v", ep, err)
			continue
		}
		if c.Insecure() || !strings.HasPrefix(c.Endpoint(), "http://") {
			t.Errorf("%s: endpoint %q, insecure %v", ep, c.Endpoint(), c.Insecure())
		}
		c.Close()
	}
}
