package state

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/immtui/immtui/imm"
)

// gated returns a fake whose calls wait until release is called and report
// their start on the returned channel.
func gated() (*fakeAPI, chan apiCall, func()) {
	api := newFakeAPI()
	gate := make(chan struct{})
	started := make(chan apiCall, 16)
	api.gate, api.started = gate, started
	var once sync.Once
	return api, started, func() { once.Do(func() { close(gate) }) }
}

func nextCall(t *testing.T, started <-chan apiCall) apiCall {
	t.Helper()
	select {
	case c := <-started:
		return c
	case <-time.After(10 * time.Second):
		t.Fatal("no call started")
		return apiCall{}
	}
}

func TestCancellingEveryWaiterCancelsTheCall(t *testing.T) {
	api, started, release := gated()
	defer release()
	uris := api.addFiles("a", 2)
	s := newManualStore(t, api, Options{})
	ctx1, cancel1 := context.WithCancel(t.Context())
	ctx2, cancel2 := context.WithCancel(t.Context())
	a := goFile(ctx1, s, uris[0], labelsFields)
	b := goFile(ctx2, s, uris[1], labelsFields)
	waitPending(t, s, 2)
	s.Flush()
	call := nextCall(t, started)

	cancel1()
	if r := recv(t, a); !errors.Is(r.err, context.Canceled) {
		t.Fatalf("first waiter got %v, want context.Canceled", r.err)
	}
	if call.Ctx.Err() != nil {
		t.Fatal("the call was cancelled while a waiter was left")
	}
	cancel2()
	if r := recv(t, b); !errors.Is(r.err, context.Canceled) {
		t.Fatalf("second waiter got %v, want context.Canceled", r.err)
	}
	waitDone(t, call.Ctx)
	eventually(t, "the call to end", func() bool { return s.Stats().InFlight == 0 })
}

func TestOneWaiterCancellingLeavesTheCallForTheOther(t *testing.T) {
	api, started, release := gated()
	uris := api.addFiles("a", 1)
	s := newManualStore(t, api, Options{})
	ctx1, cancel1 := context.WithCancel(t.Context())
	a := goFile(ctx1, s, uris[0], labelsFields)
	b := goFile(t.Context(), s, uris[0], labelsFields)
	eventually(t, "both waiters", func() bool { return s.Stats().Coalesced == 1 })
	s.Flush()
	call := nextCall(t, started)

	cancel1()
	// The cancelled waiter returns while the call is still held.
	if r := recv(t, a); !errors.Is(r.err, context.Canceled) {
		t.Fatalf("cancelled waiter got %v", r.err)
	}
	if call.Ctx.Err() != nil {
		t.Fatal("the call was cancelled although a waiter was left")
	}
	release()
	if r := recv(t, b); r.err != nil || len(r.v.Labels) != 1 {
		t.Fatalf("remaining waiter got %+v, %v", r.v, r.err)
	}
}

func TestRequestCancelledBeforeItsWindowClosesCostsNoCall(t *testing.T) {
	api := newFakeAPI()
	uris := api.addFiles("a", 1)
	s := newManualStore(t, api, Options{})
	ctx, cancel := context.WithCancel(t.Context())
	a := goFile(ctx, s, uris[0], labelsFields)
	waitPending(t, s, 1)
	cancel()
	if r := recv(t, a); !errors.Is(r.err, context.Canceled) {
		t.Fatalf("got %v", r.err)
	}
	waitPending(t, s, 0)
	s.Flush()
	if n := len(api.callLog()); n != 0 {
		t.Fatalf("%d calls, want 0", n)
	}
}

func TestRequestAfterAnAbandonedCallStartsAFreshOne(t *testing.T) {
	api, started, release := gated()
	defer release()
	uris := api.addFiles("a", 1)
	s := newManualStore(t, api, Options{})
	ctx, cancel := context.WithCancel(t.Context())
	a := goFile(ctx, s, uris[0], labelsFields)
	waitPending(t, s, 1)
	s.Flush()
	first := nextCall(t, started)
	cancel()
	recv(t, a)
	waitDone(t, first.Ctx)

	b := goFile(t.Context(), s, uris[0], labelsFields)
	waitPending(t, s, 1) // not joined to the cancelled call
	s.Flush()
	nextCall(t, started)
	release()
	if r := recv(t, b); r.err != nil {
		t.Fatal(r.err)
	}
}

func TestCloseFailsPendingRequestsAndCancelsCalls(t *testing.T) {
	api, started, release := gated()
	defer release()
	uris := api.addFiles("a", 2)
	s := New(api, "p", "d", Options{manualFlush: true})
	inCall := goFile(t.Context(), s, uris[0], labelsFields)
	waitPending(t, s, 1)
	s.Flush()
	call := nextCall(t, started)
	pending := goFile(t.Context(), s, uris[1], labelsFields)
	waitPending(t, s, 1)

	s.Close()
	for _, ch := range []<-chan result[*imm.File]{inCall, pending} {
		if r := recv(t, ch); !errors.Is(r.err, ErrClosed) {
			t.Errorf("got %v, want ErrClosed", r.err)
		}
	}
	if call.Ctx.Err() == nil {
		t.Error("Close left a call running")
	}
	if _, err := s.File(t.Context(), uris[0], nil); !errors.Is(err, ErrClosed) {
		t.Errorf("File after Close: %v", err)
	}
	s.Close() // a second Close is harmless
}

func TestCloseStopsArmedWindowTimers(t *testing.T) {
	api := newFakeAPI()
	uris := api.addFiles("a", 1)
	s := New(api, "p", "d", Options{Window: time.Hour})
	a := goFile(t.Context(), s, uris[0], labelsFields)
	waitPending(t, s, 1)
	s.Close() // goleak in TestMain checks no timer goroutine is left
	if r := recv(t, a); !errors.Is(r.err, ErrClosed) {
		t.Fatalf("got %v", r.err)
	}
}

// waitDone fails the test if ctx is never cancelled.
func waitDone(t *testing.T, ctx context.Context) {
	t.Helper()
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("the call's context was not cancelled when no waiter was left")
	}
}
