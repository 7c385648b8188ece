package teststack

import (
	"io"
	"net/http"
	"sync/atomic"
	"time"
)

// Wire is a client transport that counts the responses and the body bytes
// the client reads: the bytes on the wire for an uncompressed loopback
// answer, what a call costs.
type Wire struct {
	inner     *http.Transport
	responses atomic.Int64
	bytes     atomic.Int64
}

// NewWire is a Wire over a transport of its own.
func NewWire() *Wire {
	return &Wire{inner: &http.Transport{MaxIdleConnsPerHost: 8, IdleConnTimeout: 90 * time.Second}}
}

// RoundTrip counts the response and wraps its body to count its bytes.
func (w *Wire) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := w.inner.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	w.responses.Add(1)
	resp.Body = &countingBody{ReadCloser: resp.Body, n: &w.bytes}
	return resp, nil
}

// CloseIdleConnections lets client.Close reach the pooled connections.
func (w *Wire) CloseIdleConnections() { w.inner.CloseIdleConnections() }

// Bytes are the body bytes read since the last Reset.
func (w *Wire) Bytes() int64 { return w.bytes.Load() }

// Reset zeroes the counters and returns what they held.
func (w *Wire) Reset() (responses, bytes int64) {
	return w.responses.Swap(0), w.bytes.Swap(0)
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
