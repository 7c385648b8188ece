package state

import (
	"context"
	"slices"
	"time"
)

// loader coalesces requests for keys into batch calls. A key is (group, id):
// requests of one group made within the store's window become one call of
// up to maxBatch ids; the same key requested twice while in flight is one
// request. Each batch call runs with its own context, cancelled as soon as
// no waiter of any of its keys is left. Every field is guarded by s.mu.
type loader[V any] struct {
	s *Store
	// fetch makes one call for ids of group. It runs without s.mu and
	// stores what it got in the caches itself; the values it returns go to
	// the waiters. An id missing from the result fails with missing(id).
	fetch   func(ctx context.Context, group string, ids []string) (map[string]V, error)
	missing func(id string) error

	pending map[string]*batch[V]     // by group: collecting, not sent yet
	flights map[flightKey]*flight[V] // every key pending or in flight
	byID    map[string][]*flight[V]  // the same flights by id, for covering lookups
}

type flightKey struct{ group, id string }

// flight is one key on its way: pending in a batch, then in a call.
type flight[V any] struct {
	key      flightKey
	waiters  int
	b        *batch[V]
	done     chan struct{} // closed when val/err are set
	finished bool
	val      V
	err      error
}

// batch is one future call: the flights of one group in one window.
type batch[V any] struct {
	group   string
	flights []*flight[V]
	sent    bool
	live    int // flights of a sent batch that still have waiters
	timer   *time.Timer
	cancel  context.CancelFunc
}

func newLoader[V any](s *Store, fetch func(context.Context, string, []string) (map[string]V, error), missing func(string) error) *loader[V] {
	return &loader[V]{
		s: s, fetch: fetch, missing: missing,
		pending: map[string]*batch[V]{},
		flights: map[flightKey]*flight[V]{},
		byID:    map[string][]*flight[V]{},
	}
}

// requestLocked adds one waiter for (group, id): it joins the flight of that
// key if there is one, or puts a new flight into the group's pending batch.
// The caller must call wait (or leaveLocked) for the returned flight.
func (l *loader[V]) requestLocked(group, id string) *flight[V] {
	k := flightKey{group, id}
	if f := l.flights[k]; f != nil {
		l.joinLocked(f)
		return f
	}
	f := &flight[V]{key: k, waiters: 1, done: make(chan struct{})}
	l.flights[k] = f
	l.byID[id] = append(l.byID[id], f)

	b := l.pending[group]
	if b == nil {
		b = &batch[V]{group: group}
		l.pending[group] = b
		l.armLocked(b)
	}
	f.b = b
	b.flights = append(b.flights, f)
	if len(b.flights) >= maxBatch {
		l.sendLocked(b)
	}
	return f
}

// joinLocked adds a waiter to a flight found by the caller. Flights without
// waiters have left the index, so a found flight always has a live call.
func (l *loader[V]) joinLocked(f *flight[V]) {
	f.waiters++
	l.s.stats.Coalesced++
}

// findLocked returns a flight for id whose group satisfies ok, if any.
func (l *loader[V]) findLocked(id string, ok func(group string) bool) *flight[V] {
	for _, f := range l.byID[id] {
		if ok(f.key.group) {
			return f
		}
	}
	return nil
}

// armLocked starts the window timer of a new batch. The timer counts in
// s.wg until it has run or been stopped, so Close leaves no goroutine.
func (l *loader[V]) armLocked(b *batch[V]) {
	if l.s.opt.manualFlush {
		return
	}
	l.s.wg.Add(1)
	b.timer = time.AfterFunc(l.s.opt.Window, func() {
		defer l.s.wg.Done()
		l.s.mu.Lock()
		defer l.s.mu.Unlock()
		if l.pending[b.group] == b {
			l.sendLocked(b)
		}
	})
}

func (l *loader[V]) stopTimerLocked(b *batch[V]) {
	if b.timer != nil && b.timer.Stop() {
		l.s.wg.Done()
	}
	b.timer = nil
}

// sendLocked starts the call of a pending batch.
func (l *loader[V]) sendLocked(b *batch[V]) {
	l.stopTimerLocked(b)
	if l.pending[b.group] == b {
		delete(l.pending, b.group)
	}
	b.sent = true
	b.live = len(b.flights)
	if b.live == 0 {
		return
	}
	ids := make([]string, len(b.flights))
	for i, f := range b.flights {
		ids[i] = f.key.id
	}
	var ctx context.Context
	ctx, b.cancel = context.WithCancel(l.s.root)
	l.s.callStartedLocked()
	l.s.stats.Coalesced += int64(len(ids) - 1)
	l.s.wg.Add(1)
	go l.run(ctx, b, ids)
}

// run makes the call of a sent batch and hands the result to its flights.
func (l *loader[V]) run(ctx context.Context, b *batch[V], ids []string) {
	defer l.s.wg.Done()
	defer b.cancel()
	vals, err := l.fetch(ctx, b.group, ids)
	err = l.s.closedErr(err)

	l.s.mu.Lock()
	defer l.s.mu.Unlock()
	l.s.callDoneLocked()
	for _, f := range b.flights {
		l.unindexLocked(f)
		switch v, ok := vals[f.key.id]; {
		case err != nil:
			f.err = err
		case ok:
			f.val = v
		default:
			f.err = l.missing(f.key.id)
		}
		f.finished = true
		close(f.done)
	}
}

// wait blocks until the flight is done or ctx ends. A waiter whose ctx ends
// returns ctx.Err() at once; the call goes on if others still wait.
func (l *loader[V]) wait(ctx context.Context, f *flight[V]) (V, error) {
	select {
	case <-f.done:
		return f.val, f.err
	case <-ctx.Done():
		l.s.mu.Lock()
		l.leaveLocked(f)
		l.s.mu.Unlock()
		var zero V
		return zero, ctx.Err()
	}
}

// leaveLocked removes one waiter. A flight nobody waits for leaves the index
// (a later request starts afresh), leaves its batch if not yet sent, and
// cancels the call once no flight of the call has a waiter.
func (l *loader[V]) leaveLocked(f *flight[V]) {
	f.waiters--
	if f.waiters > 0 || f.finished {
		return
	}
	l.unindexLocked(f)
	b := f.b
	if !b.sent {
		for i, g := range b.flights {
			if g == f {
				b.flights = append(b.flights[:i], b.flights[i+1:]...)
				break
			}
		}
		if len(b.flights) == 0 {
			l.stopTimerLocked(b)
			delete(l.pending, b.group)
		}
		return
	}
	b.live--
	if b.live == 0 {
		b.cancel()
	}
}

func (l *loader[V]) unindexLocked(f *flight[V]) {
	if l.flights[f.key] == f {
		delete(l.flights, f.key)
	}
	fs := slices.DeleteFunc(l.byID[f.key.id], func(g *flight[V]) bool { return g == f })
	if len(fs) == 0 {
		delete(l.byID, f.key.id)
	} else {
		l.byID[f.key.id] = fs
	}
}

// flushLocked sends every pending batch.
func (l *loader[V]) flushLocked() {
	for _, b := range l.pending {
		l.sendLocked(b)
	}
}

// closeLocked fails every pending flight with ErrClosed. Sent calls end on
// their own: their contexts derive from the root Close cancelled.
func (l *loader[V]) closeLocked() {
	for g, b := range l.pending {
		l.stopTimerLocked(b)
		delete(l.pending, g)
		for _, f := range b.flights {
			l.unindexLocked(f)
			f.err = ErrClosed
			f.finished = true
			close(f.done)
		}
	}
}

// pendingLocked counts the flights waiting for their window (for tests).
func (l *loader[V]) pendingLocked() int {
	n := 0
	for _, b := range l.pending {
		n += len(b.flights)
	}
	return n
}
