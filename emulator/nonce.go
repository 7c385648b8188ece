package emulator

import (
	"container/heap"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Replay protection. A signed request names a nonce and a date; the date
// must be within dateWindow of the server clock, so a nonce has to be
// remembered only until its own (signed) date leaves the window. Both
// bounds below keep the memory of the store fixed: at most maxNonces
// entries of at most maxNonceLen bytes each (about 64 MiB in the worst
// case, a few KiB for a normal session).

const (
	// maxNonceLen bounds a nonce: the SDKs send 32 hex characters, the CLI
	// and other SDKs a UUID (36); 128 leaves room for any of them.
	maxNonceLen = 128
	// maxNonces bounds the store: enough for about 290 requests a second
	// sustained over a whole date window.
	maxNonces = 1 << 18
)

// checkNonce refuses a nonce that is empty, too long, or not printable
// ASCII: such a nonce is never sent by a real client, and refusing it
// keeps every stored key short and free of look-alike white space.
func checkNonce(param, nonce string) *apiError {
	if nonce == "" {
		return &apiError{http.StatusBadRequest, "MissingParameter",
			"The input parameter " + quote(param) + " that is mandatory for processing this request is not supplied."}
	}
	if len(nonce) > maxNonceLen {
		return &apiError{http.StatusBadRequest, "InvalidParameter",
			"Specified parameter " + param + " is not valid: it is " + strconv.Itoa(len(nonce)) +
				" bytes long; send a fresh random value of at most " + strconv.Itoa(maxNonceLen) + " characters (e.g. 32 hex digits)."}
	}
	for i := 0; i < len(nonce); i++ {
		if c := nonce[i]; c <= ' ' || c > '~' {
			return &apiError{http.StatusBadRequest, "InvalidParameter",
				"Specified parameter " + param + " is not valid: it may hold only printable ASCII characters, without spaces."}
		}
	}
	return nil
}

// nonceResult is what nonceStore.add found.
type nonceResult int

const (
	nonceNew  nonceResult = iota // recorded; the request may proceed
	nonceUsed                    // seen before within its window: a replay
	nonceFull                    // not recorded: the store is at its cap
)

func errNonceUsed(param string) *apiError {
	return &apiError{http.StatusBadRequest, "SignatureNonceUsed",
		"Specified signature nonce was used already; send a fresh " + param + " with every request."}
}

// errFull answers a request the full store could not record. The
// emulator refuses new requests rather than forget nonces still inside
// their window: forgetting would reopen exactly the replays the store
// exists to stop, while a 503 is retried by every client and clears by
// itself as entries expire.
func (s *nonceStore) errFull() *apiError {
	return &apiError{http.StatusServiceUnavailable, "ServiceUnavailable",
		"The request has failed due to a temporary failure of the server: it already remembers " +
			strconv.Itoa(s.max) + " signature nonces from the last 15 minutes, its limit; retry later."}
}

// nonceStore remembers each nonce until its expiry. Entries leave in
// expiry order (a min-heap), so an entry with a near expiry never waits
// behind one with a far one.
type nonceStore struct {
	mu    sync.Mutex
	max   int
	seen  map[string]time.Time // nonce -> expiry; exactly one queue entry each
	queue byExpiry
}

func newNonceStore(max int) *nonceStore {
	return &nonceStore{max: max, seen: map[string]time.Time{}}
}

// add records nonce until expiry (inclusive: the date check accepts a
// date exactly dateWindow old), unless it is already remembered or the
// store is full.
func (s *nonceStore) add(nonce string, expiry, now time.Time) nonceResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.queue) > 0 && now.After(s.queue[0].expiry) {
		e := heap.Pop(&s.queue).(nonceEntry)
		delete(s.seen, e.nonce)
	}
	if _, ok := s.seen[nonce]; ok {
		return nonceUsed
	}
	if len(s.seen) >= s.max {
		return nonceFull
	}
	s.seen[nonce] = expiry
	heap.Push(&s.queue, nonceEntry{nonce, expiry})
	return nonceNew
}

// admit checks the nonce a request signed (under the name param) and
// records it until its signed date leaves the window. It is the last
// check: a request refused for any other reason does not use up its nonce.
func (s *nonceStore) admit(param, nonce string, signedDate, now time.Time) *apiError {
	if err := checkNonce(param, nonce); err != nil {
		return err
	}
	switch s.add(nonce, signedDate.Add(dateWindow), now) {
	case nonceUsed:
		return errNonceUsed(param)
	case nonceFull:
		return s.errFull()
	}
	return nil
}

// size reports how many nonces are remembered (for tests).
func (s *nonceStore) size() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.seen)
}

type nonceEntry struct {
	nonce  string
	expiry time.Time
}

// byExpiry is a container/heap of entries, earliest expiry first.
type byExpiry []nonceEntry

func (h byExpiry) Len() int           { return len(h) }
func (h byExpiry) Less(i, j int) bool { return h[i].expiry.Before(h[j].expiry) }
func (h byExpiry) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *byExpiry) Push(x any)        { *h = append(*h, x.(nonceEntry)) }
func (h *byExpiry) Pop() any {
	old := *h
	e := old[len(old)-1]
	old[len(old)-1] = nonceEntry{}
	*h = old[:len(old)-1]
	return e
}
