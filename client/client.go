// Package client talks to Alibaba Cloud IMM (API 2020-09-30) through the
// official OpenAPI runtime (darabonba-openapi v2), which signs every request
// (V3, ACS3-HMAC-SHA256). What the runtime does not do safely by itself
// (docs/performance.md §3) is done here: an app-owned HTTP client with
// timeouts and a body cap, one runtime client per worker slot (a shared one
// races), retries with context-aware backoff on the codes that deserve
// them, error classification, and decoding straight into typed models that
// are sanitised before anyone sees them.
package client

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/aliyun/credentials-go/credentials"
)

// APIVersion is the IMM API version every call names.
const APIVersion = "2020-09-30"

// Stats are running counters, safe to read at any time.
type Stats struct {
	Calls    int64 // HTTP attempts started
	Retries  int64 // attempts that repeated an earlier failed one
	Errors   int64 // API calls that failed for good (each failed part of a split batch counts)
	InFlight int64 // HTTP attempts under way now
}

// Client is safe for concurrent use by any number of goroutines.
type Client struct {
	cfg    Config
	ep     endpoint
	caller *httpCaller
	pool   chan *openapi.Client // one runtime client per worker slot
	secret string               // scrubbed from every message
	chain  *defaultChain        // the default chain, nil for static keys or Config.Credential
	log    *slog.Logger         // Config.RequestLog; nil = no request log
	cred   *lockedCredential    // what signs every call (Credential)

	calls, retries, errs, inFlight atomic.Int64

	randMu sync.Mutex
	rnd    *rand.Rand
}

// New checks cfg and builds a client. Credentials are resolved lazily, on
// the first call, so New never touches the network.
func New(cfg Config) (*Client, error) {
	cfg = cfg.withDefaults()
	ep, err := resolveEndpoint(cfg.Endpoint, cfg.RegionID, cfg.AllowInsecureHTTP)
	if err != nil {
		return nil, err
	}
	cred, explain, chain, err := newCredential(cfg)
	if err != nil {
		return nil, err
	}
	c := &Client{
		cfg:    cfg,
		ep:     ep,
		caller: newHTTPCaller(cfg),
		pool:   make(chan *openapi.Client, cfg.Concurrency),
		secret: cfg.AccessKeySecret,
		chain:  chain,
		log:    cfg.RequestLog,
		rnd:    cfg.Rand,
	}
	if c.rnd == nil {
		c.rnd = rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 0x1337))
	}
	shared := &lockedCredential{inner: cred, explain: explain}
	c.cred = shared
	for i := 0; i < cfg.Concurrency; i++ {
		oc, err := openapi.NewClient(c.runtimeConfig(shared))
		if err != nil {
			return nil, err
		}
		// Raw ClientError/ServerError/ThrottlingError keep RetryAfter and
		// the body's Data map, which tea.SDKError would flatten.
		oc.DisableSDKError = tea.Bool(true)
		c.pool <- oc
	}
	return c, nil
}

// Credential is the credential the client signs with, for another
// service of the same account (the OSS reads of face crops): one chain, so
// its refreshes are shared.
func (c *Client) Credential() credentials.Credential { return c.cred }

func (c *Client) runtimeConfig(cred *lockedCredential) *openapi.Config {
	oc := &openapi.Config{
		Endpoint:       tea.String(c.ep.host),
		Protocol:       tea.String(c.ep.protocol), // "http" wins over the action's HTTPS (docs/api.md §4.4)
		Credential:     cred,
		HttpClient:     c.caller,
		ReadTimeout:    tea.Int(int(c.cfg.ReadTimeout / time.Millisecond)),
		ConnectTimeout: tea.Int(int(c.cfg.ConnectTimeout / time.Millisecond)),
		// RetryOptions stays nil: the runtime would retry every error,
		// 4xx included, with sleeps that ignore the context.
	}
	if c.cfg.RegionID != "" {
		oc.RegionId = tea.String(c.cfg.RegionID)
	}
	if c.cfg.UserAgent != "" {
		oc.UserAgent = tea.String(c.cfg.UserAgent)
	}
	return oc
}

// Close releases idle connections. Calls still running finish normally.
func (c *Client) Close() { c.caller.closeIdle() }

// Endpoint is where requests go, as scheme://host[:port].
func (c *Client) Endpoint() string { return c.ep.String() }

// Insecure reports plain http to a host that is not this machine (allowed
// only with Config.AllowInsecureHTTP), for the UI to warn about.
func (c *Client) Insecure() bool { return c.ep.insecure() }

// Stats returns the counters.
func (c *Client) Stats() Stats {
	return Stats{
		Calls:    c.calls.Load(),
		Retries:  c.retries.Load(),
		Errors:   c.errs.Load(),
		InFlight: c.inFlight.Load(),
	}
}

// responseBodyType is the Params.BodyType the client asks for. The SDK uses
// "json", which makes the runtime decode the body into
// map[string]interface{} and then marshal and decode it once more; "binary"
// hands over the body untouched so it is decoded once, straight into the
// typed models (see BenchmarkDecodeBatchGetFileMeta100 and
// BenchmarkDecodeViaRuntimeMap100). BodyType only steers how the runtime
// reads the reply: the request on the wire is identical
// (TestBodyTypeDoesNotChangeTheWire).
var responseBodyType = "binary"

func rpcParams(action string) *openapi.Params {
	return &openapi.Params{
		Action:      tea.String(action),
		Version:     tea.String(APIVersion),
		Protocol:    tea.String("HTTPS"),
		Pathname:    tea.String("/"),
		Method:      tea.String("POST"),
		AuthType:    tea.String("AK"),
		Style:       tea.String("RPC"),
		ReqBodyType: tea.String("formData"),
		BodyType:    tea.String(responseBodyType),
	}
}

// call runs one action with retries. decode gets the whole reply body of a
// successful attempt; a body it cannot parse fails that attempt, so a
// garbled reply is retried like a failed one.
func (c *Client) call(ctx context.Context, action string, q query, decode func([]byte) error) error {
	var start time.Time
	if c.log != nil {
		start = time.Now()
	}
	var waited time.Duration // backoff so far, for the error to say
	for n := 1; ; n++ {
		at, body, err := c.attempt(ctx, action, q)
		if err == nil {
			if e := errorInBody(action, body); e != nil {
				err = e
			} else {
				err = decode(body) // after the worker slot is free again
			}
		}
		if err == nil {
			c.logCall(action, q, start, n, at, nil)
			return nil
		}
		e, retryAfter := c.classify(ctx, action, err, at)
		e.Attempts, e.Backoff = n, waited
		if !e.Retryable() || n >= c.cfg.MaxAttempts {
			c.errs.Add(1)
			c.logCall(action, q, start, n, at, e)
			return e
		}
		d := c.backoff(n, retryAfter)
		if err := c.sleep(ctx, d); err != nil {
			ce, _ := c.classify(ctx, action, err, nil)
			ce.Attempts, ce.Backoff = n, waited
			c.errs.Add(1)
			c.logCall(action, q, start, n, at, ce)
			return ce
		}
		waited += d
		c.retries.Add(1)
	}
}

// attempt makes one HTTP attempt on a free worker slot.
func (c *Client) attempt(ctx context.Context, action string, q query) (*attempt, []byte, error) {
	var oc *openapi.Client
	select {
	case oc = <-c.pool:
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	defer func() { c.pool <- oc }()
	c.calls.Add(1)
	c.inFlight.Add(1)
	defer c.inFlight.Add(-1)

	actx, at := withAttempt(ctx, q)
	res, err := oc.CallApiWithCtx(actx, rpcParams(action), &openapi.OpenApiRequest{Query: q}, &dara.RuntimeOptions{})
	if err != nil {
		return at, nil, err
	}
	body, err := readBody(res)
	return at, body, err
}

// readBody takes the body the runtime handed over ("binary") and reads it
// whole. An empty 200 body is an error: the runtime would return (nil, nil).
func readBody(res map[string]interface{}) ([]byte, error) {
	r, ok := res["body"].(io.Reader)
	if !ok || r == nil {
		return nil, &replyError{msg: "IMM sent an empty reply", transient: true}
	}
	if rc, ok := r.(io.Closer); ok {
		defer rc.Close()
	}
	b, err := io.ReadAll(r)
	if err != nil {
		var tooBig *errBodyTooLarge
		if errors.As(err, &tooBig) {
			return nil, err
		}
		return nil, &replyError{msg: "reading the reply: " + err.Error(), transient: true, err: err}
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, &replyError{msg: "IMM sent an empty reply", transient: true}
	}
	return b, nil
}

// backoff is exponential with full jitter, capped at MaxBackoff; a server
// hint (x-acs-retry-after) raises it up to that cap.
func (c *Client) backoff(n int, retryAfter time.Duration) time.Duration {
	ceil := c.cfg.BaseBackoff << (n - 1)
	if ceil <= 0 || ceil > c.cfg.MaxBackoff {
		ceil = c.cfg.MaxBackoff
	}
	c.randMu.Lock()
	d := time.Duration(c.rnd.Int64N(int64(ceil) + 1))
	c.randMu.Unlock()
	if retryAfter > d {
		d = min(retryAfter, c.cfg.MaxBackoff)
	}
	return d
}

// sleep waits d or until ctx ends, whichever is first.
func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
