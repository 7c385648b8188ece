package emulator

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/imm"
)

// TestEveryScanStopsAtAnExpiredDeadline: the filter scan, the sort key
// pass and the aggregation pass each stop on their own, so no stage of a
// SimpleQuery runs on past its deadline.
func TestEveryScanStopsAtAnExpiredDeadline(t *testing.T) {
	s, err := New(Config{Data: dataset.Generate(dataset.Options{Seed: 1, Clusters: 20, Files: 500})})
	if err != nil {
		t.Fatal(err)
	}
	de, e := s.data.dataset(dataset.DefaultProject, dataset.DefaultDataset)
	if e != nil {
		t.Fatal(e)
	}
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	expired := func() *deadlineCheck { return &deadlineCheck{ctx: ctx} }
	live := func() *deadlineCheck { return &deadlineCheck{ctx: context.Background()} }

	hits, ok := de.search(nil, nil, "all", live())
	if !ok || len(hits) != 500 {
		t.Fatalf("search under no deadline: %d hits, ok %v", len(hits), ok)
	}
	if _, ok := de.search(nil, nil, "other", expired()); ok {
		t.Error("the filter scan ran past the deadline")
	}
	if de.sortFiles(append([]int32(nil), hits...), []sortSpec{{path: []string{"Size"}}}, expired()) {
		t.Error("the sort ran past the deadline")
	}
	aggs := []imm.Aggregation{{Field: "Size", Operation: "sum"}}
	if res, e := de.aggregate(hits, aggs, 100, expired()); res != nil || e != nil {
		t.Errorf("the aggregation ran past the deadline: %v %v", res, e)
	}
	if res, e := de.aggregate(hits, aggs, 100, live()); len(res) != 1 || e != nil {
		t.Errorf("the aggregation under no deadline: %v %v", res, e)
	}
	// A partial scan is not cached as the answer.
	if _, ok := de.search(nil, nil, "other", live()); !ok {
		t.Error("search after a cut scan failed")
	}
}

// TestConnLimiterClosesIdleBeforeStalledAndNeverServing: the victim order
// of a full limiter.
func TestConnLimiterClosesIdleBeforeStalledAndNeverServing(t *testing.T) {
	l := newConnLimiter(nil, 3, nil)
	mk := func() *limitedConn {
		a, b := net.Pipe()
		t.Cleanup(func() { a.Close(); b.Close() })
		c := &limitedConn{Conn: a, l: l}
		if _, ok := l.admit(c); !ok {
			t.Fatal("not admitted below the limit")
		}
		return c
	}
	waiting, serving, idle := mk(), mk(), mk()
	l.setPhase(serving, phaseServing)
	l.setPhase(idle, phaseIdle)
	if v, ok := l.admit(&limitedConn{l: l}); !ok || v != idle {
		t.Fatalf("victim %p, want the idle %p", v, idle)
	}
	if v, ok := l.admit(&limitedConn{l: l}); !ok || v != waiting {
		t.Fatalf("victim %p, want the stalled %p", v, waiting)
	}
	// Now: serving plus the two newcomers, all but serving still waiting.
	for c := range l.conns {
		if c != serving {
			l.setPhase(c, phaseServing)
		}
	}
	if v, ok := l.admit(&limitedConn{l: l}); ok || v != nil {
		t.Fatalf("a newcomer took the slot of a serving connection (%p)", v)
	}
	if n := l.open(); n != 3 {
		t.Errorf("%d open, want 3", n)
	}
}
