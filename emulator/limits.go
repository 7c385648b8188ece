package emulator

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Limits bounds what any client, signed or not, can make the emulator
// spend: connections, time per connection and per request, and the memory
// of the request log. A zero field takes its default; tests set them small.
type Limits struct {
	// MaxConns is the most connections kept open at once (default 256).
	// A new connection past it closes the longest idle one, else the
	// oldest one that has not yet sent a complete request (running.go).
	MaxConns int
	// ReadHeaderTimeout is the time to send the request line and headers
	// (default 10s); ReadTimeout the time to send the whole request, body
	// included (default 30s).
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	// WriteTimeout is the time to produce and send the answer, counted
	// after any injected latency, so a client that never reads cannot
	// hold a connection (default 30s; keep it above RequestTimeout).
	WriteTimeout time.Duration
	// IdleTimeout closes keep-alive connections with no request (default 60s).
	IdleTimeout time.Duration
	// RequestTimeout is the deadline of one action's work, which query
	// scans and aggregations check (default 15s). Past it the answer is
	// 503 ServiceUnavailable.
	RequestTimeout time.Duration
	// MaxLogEntries and MaxLogBytes bound Calls(), the request log
	// (defaults 100,000 entries and 32 MiB); the oldest entries go first.
	MaxLogEntries int
	MaxLogBytes   int
}

// DefaultLimits are the limits of a zero Limits.
var DefaultLimits = Limits{
	MaxConns:          256,
	ReadHeaderTimeout: 10 * time.Second,
	ReadTimeout:       30 * time.Second,
	WriteTimeout:      30 * time.Second,
	IdleTimeout:       60 * time.Second,
	RequestTimeout:    15 * time.Second,
	MaxLogEntries:     100_000,
	MaxLogBytes:       32 << 20,
}

// withDefaults fills the zero fields and refuses negative ones.
func (l Limits) withDefaults() (Limits, error) {
	d := DefaultLimits
	durations := []struct {
		name string
		v    *time.Duration
		def  time.Duration
	}{
		{"ReadHeaderTimeout", &l.ReadHeaderTimeout, d.ReadHeaderTimeout},
		{"ReadTimeout", &l.ReadTimeout, d.ReadTimeout},
		{"WriteTimeout", &l.WriteTimeout, d.WriteTimeout},
		{"IdleTimeout", &l.IdleTimeout, d.IdleTimeout},
		{"RequestTimeout", &l.RequestTimeout, d.RequestTimeout},
	}
	for _, f := range durations {
		if *f.v < 0 {
			return Limits{}, fmt.Errorf("emulator: Limits.%s must not be negative", f.name)
		}
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	counts := []struct {
		name string
		v    *int
		def  int
	}{
		{"MaxConns", &l.MaxConns, d.MaxConns},
		{"MaxLogEntries", &l.MaxLogEntries, d.MaxLogEntries},
		{"MaxLogBytes", &l.MaxLogBytes, d.MaxLogBytes},
	}
	for _, f := range counts {
		if *f.v < 0 {
			return Limits{}, fmt.Errorf("emulator: Limits.%s must not be negative", f.name)
		}
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	return l, nil
}

// Request-shape limits of SimpleQuery (docs/api.md §2 unless marked).
const (
	maxQueryDepth      = 5   // nesting levels
	maxQuerySubQueries = 100 // subqueries of one condition
	// maxQueryConditions counts leaf conditions over the whole Query. The
	// docs say "a subquery holds at most 100 conditions"; reading it as
	// the total is our choice: per condition alone allows 100^4 leaves.
	maxQueryConditions = 100
	// maxQueryParamBytes bounds the Query parameter before it is decoded.
	// IMM documents no size; 100 conditions with long values fit (unverified).
	maxQueryParamBytes = 128 << 10
	// maxAggregations per call: IMM documents no count (unverified); the
	// documented operations fit in well under 10, and each may answer up
	// to 2000 groups.
	maxAggregations = 10
	maxSortFields   = 5
	// maxAggregationOut is MaxResults' bound with Aggregations: groups.
	maxAggregationOut = 2000
)

// errTooLarge is a parameter longer than its bound, before decoding.
func errTooLarge(name string, got, limit int) *apiError {
	return &apiError{http.StatusBadRequest, "InvalidArgument",
		fmt.Sprintf("The parameter %s is %d bytes long; at most %d are allowed.", name, got, limit)}
}

// errDeadline is an action stopped by Limits.RequestTimeout. IMM documents
// no code for a timed-out request; ServiceUnavailable is the gateway's
// "temporary failure" code (docs/api.md §5.1), and the message says
// what to change.
func errDeadline(d time.Duration) *apiError {
	return &apiError{http.StatusServiceUnavailable, "ServiceUnavailable",
		fmt.Sprintf("The request ran past the emulator's %v deadline and was stopped: narrow the Query, or send fewer Aggregations.", d)}
}

// deadlineCheck tells a long loop when to stop. Checking every
// checkEvery steps keeps the cost out of the loop; the clock is read as
// well as Done, because a deadline a few nanoseconds away may not have
// fired its timer yet.
type deadlineCheck struct {
	ctx  context.Context
	step int
}

const checkEvery = 128

// expired reports, every checkEvery calls (and at the first), whether the
// deadline has passed or the client left.
func (d *deadlineCheck) expired() bool {
	if d == nil || d.ctx == nil {
		return false
	}
	d.step++
	if d.step%checkEvery != 1 {
		return false
	}
	if d.ctx.Err() != nil {
		return true
	}
	dl, ok := d.ctx.Deadline()
	return ok && !time.Now().Before(dl)
}

// errStopped is the answer for a loop that deadlineCheck stopped: the
// deadline, or (client gone) a cancellation nobody will read.
func (s *Server) errStopped(ctx context.Context) *apiError {
	if errors.Is(ctx.Err(), context.Canceled) {
		return &apiError{499, "RequestCanceled", "The client closed the request before the answer."}
	}
	return errDeadline(s.limits.RequestTimeout)
}
