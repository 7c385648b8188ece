package perf

import (
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/internal/teststack"
)

// stack is the real thing in one process: a generated dataset in the
// emulator and the real client signing requests over loopback through a
// counting transport (teststack; each benchmark opens its own stores).
type stack struct {
	*teststack.Stack
	wire *countingTransport
}

// newStack serves ds (nil: a generated dataset of clusters clusters).
func newStack(tb testing.TB, clusters int, ds *dataset.Dataset) *stack {
	tb.Helper()
	wire := newCountingTransport()
	s := teststack.Start(tb, teststack.Options{Emulator: emulator.Config{Data: ds}, NoStore: true,
		Dataset: dataset.Options{Seed: 1, Clusters: clusters},
		Client:  func(c *client.Config) { c.Transport = wire }})
	return &stack{Stack: s, wire: wire}
}

// newClient is the real client for endpoint, its responses counted.
func newClient(tb testing.TB, endpoint string) (*client.Client, *countingTransport) {
	tb.Helper()
	wire := newCountingTransport()
	c, err := client.New(client.Config{Endpoint: endpoint, AccessKeyID: emulator.DemoAccessKeyID,
		AccessKeySecret: emulator.DemoAccessKeySecret, Transport: wire})
	if err != nil {
		tb.Fatal(err)
	}
	return c, wire
}

// calls counts the emulator's answered calls of action ("" for all).
func (s *stack) calls(action string) int { return len(s.Calls(action)) }

// countingTransport counts responses and their body bytes as the client
// reads them: the bytes on the wire for an uncompressed loopback answer.
type countingTransport struct {
	inner     *http.Transport
	responses atomic.Int64
	bytes     atomic.Int64
}

func (t *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.inner.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	t.responses.Add(1)
	resp.Body = &countingBody{ReadCloser: resp.Body, n: &t.bytes}
	return resp, nil
}

func newCountingTransport() *countingTransport {
	return &countingTransport{inner: &http.Transport{MaxIdleConnsPerHost: 8, IdleConnTimeout: 90 * time.Second}}
}

// CloseIdleConnections lets client.Close reach the pooled connections.
func (t *countingTransport) CloseIdleConnections() { t.inner.CloseIdleConnections() }

// reset zeroes the counters and returns what they held.
func (t *countingTransport) reset() (responses, bytes int64) {
	return t.responses.Swap(0), t.bytes.Swap(0)
}

type countingBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n.Add(int64(n))
	return n, err
}

// once caches an expensive fixture for every benchmark of the run.
type once[T any] struct {
	o   sync.Once
	v   T
	err error
}

func (o *once[T]) get(f func() (T, error)) (T, error) {
	o.o.Do(func() { o.v, o.err = f() })
	return o.v, o.err
}

var (
	sharedMu    sync.Mutex
	sharedClose []func()
)

// closeShared closes the fixtures of the whole run (TestMain).
func closeShared() {
	sharedMu.Lock()
	defer sharedMu.Unlock()
	for i := len(sharedClose) - 1; i >= 0; i-- {
		sharedClose[i]()
	}
	sharedClose = nil
}

// sharedTB makes a fixture's cleanup wait for closeShared: it outlives the
// benchmark that built it.
type sharedTB struct{ testing.TB }

func (sharedTB) Cleanup(f func()) {
	sharedMu.Lock()
	defer sharedMu.Unlock()
	sharedClose = append(sharedClose, f)
}
