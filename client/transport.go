package client

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/immtui/immtui/safetext"
)

// httpCaller is the dara.HttpClient the runtime calls instead of its own
// pooled client (docs/performance.md §3): it has timeouts, keeps enough
// idle connections for every worker, takes the proxy from the environment,
// caps the response body, and notes what the runtime would otherwise lose
// (status and headers of a reply whose body is not JSON).
type httpCaller struct {
	hc      *http.Client
	maxBody int64
}

func newHTTPCaller(cfg Config) *httpCaller {
	rt := cfg.Transport
	if rt == nil {
		dialer := &net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 30 * time.Second}
		rt = &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           dialer.DialContext,
			TLSHandshakeTimeout:   cfg.ConnectTimeout,
			ResponseHeaderTimeout: cfg.ReadTimeout,
			MaxIdleConns:          4 * cfg.Concurrency,
			MaxIdleConnsPerHost:   2 * cfg.Concurrency,
			IdleConnTimeout:       90 * time.Second,
			ForceAttemptHTTP2:     true,
		}
	}
	return &httpCaller{
		hc: &http.Client{
			Transport: rt,
			Timeout:   cfg.ConnectTimeout + cfg.ReadTimeout,
			// IMM never redirects. Following one would send the signed
			// request to another host and show that host's answer as
			// IMM's, so the 3xx itself comes back and Call refuses it.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		maxBody: cfg.MaxBodyBytes,
	}
}

// Call implements dara.HttpClient. The runtime's own transport is ignored.
func (h *httpCaller) Call(req *http.Request, _ *http.Transport) (*http.Response, error) {
	res, err := h.hc.Do(req)
	if err != nil {
		return nil, err
	}
	info, _ := req.Context().Value(attemptKey{}).(*attempt)
	if info != nil {
		info.status = res.StatusCode
		info.requestID = res.Header.Get("x-acs-request-id")
		info.retryAfter = res.Header.Get("x-acs-retry-after")
		info.date = res.Header.Get("Date")
		info.received = time.Now()
	}
	if res.StatusCode >= 300 && res.StatusCode < 400 {
		_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10)) // lets the connection be reused
		res.Body.Close()
		return nil, newRedirectError(req.URL, res)
	}
	body := &cappedBody{rc: res.Body, left: h.maxBody, limit: h.maxBody}
	res.Body = body
	if info != nil {
		info.body = body
	}
	return res, nil
}

func (h *httpCaller) closeIdle() { h.hc.CloseIdleConnections() }

// redirectError is a 3xx reply, which the client never follows.
type redirectError struct {
	status int
	to     string // the Location's host, or "" when it has none
	same   bool   // the Location names the endpoint's own host
}

func newRedirectError(from *url.URL, res *http.Response) *redirectError {
	e := &redirectError{status: res.StatusCode}
	if loc, err := res.Location(); err == nil {
		e.to = loc.Host
		e.same = strings.EqualFold(loc.Host, from.Host)
	}
	return e
}

func (e *redirectError) Error() string {
	const tail = "immtui does not follow redirects: check --endpoint / --region"
	switch {
	case e.to == "":
		return fmt.Sprintf("IMM endpoint answered with a redirect (HTTP %d) and no usable Location; %s", e.status, tail)
	case e.same:
		return fmt.Sprintf("IMM endpoint redirected (HTTP %d) to another path on %s; %s", e.status, safetext.Line(e.to), tail)
	}
	return fmt.Sprintf("IMM endpoint redirected (HTTP %d) to %s; %s", e.status, safetext.Line(e.to), tail)
}

// attempt is what one HTTP attempt saw on the wire. It travels in the
// request's context, so each attempt has its own and nothing is shared.
type attempt struct {
	status     int
	requestID  string
	retryAfter string
	body       *cappedBody // the reply's body, for the bytes read (request log)
	date       string      // the reply's Date header, to measure clock skew
	received   time.Time   // when the reply's headers came, on our clock

	// The request's project and dataset, for the error's fields.
	project, dataset string
}

type attemptKey struct{}

func withAttempt(ctx context.Context, q query) (context.Context, *attempt) {
	a := &attempt{project: q.get("ProjectName"), dataset: q.get("DatasetName")}
	return context.WithValue(ctx, attemptKey{}, a), a
}

// errBodyTooLarge is returned by a capped body that passed its limit.
type errBodyTooLarge struct{ limit int64 }

func (e *errBodyTooLarge) Error() string {
	return fmt.Sprintf("response body larger than %d bytes", e.limit)
}

// cappedBody fails (rather than silently truncating) once more than limit
// bytes were read, so a runaway response cannot exhaust memory and a cut
// JSON document is never mistaken for a whole one.
type cappedBody struct {
	rc    io.ReadCloser
	left  int64
	limit int64
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, &errBodyTooLarge{b.limit}
	}
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	if b.left < 0 {
		return n, &errBodyTooLarge{b.limit}
	}
	return n, err
}

func (b *cappedBody) Close() error { return b.rc.Close() }

// read is how many bytes of the body were read.
func (b *cappedBody) read() int64 { return b.limit - b.left }
