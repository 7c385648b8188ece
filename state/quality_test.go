package state_test

import (
	"context"
	"encoding/json"
	"errors"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/state"
)

func TestStepPagesABigClusterProgressivelyAskingOnlyForItsFields(t *testing.T) {
	d := startDemo(t)
	big := d.Data.FigureClusters[0] // the most photographed person
	if big.ImageCount+big.VideoCount <= state.MaxPageSize {
		t.Fatalf("cluster 0 has %d files: not a multi-page cluster", big.ImageCount+big.VideoCount)
	}
	d.Emulator.ResetCalls()
	p, err := d.q.Step(context.Background(), []string{big.ObjectId})
	if err != nil {
		t.Fatal(err)
	}
	s := p.Updated[0]
	if !p.More || s.Complete || s.Examined == 0 || int64(s.Examined) >= big.FaceCount || s.FaceCount != big.FaceCount {
		t.Fatalf("after one step: more %v, strip %+v (FaceCount %d)", p.More, s, big.FaceCount)
	}
	if done, total := d.q.Computed([]string{big.ObjectId}); done != 0 || total != 1 {
		t.Errorf("computed %d of %d after one page", done, total)
	}
	d.computeAll(t, []string{big.ObjectId})
	if s, _ := d.q.Strip(big.ObjectId); !s.Complete || int64(s.Examined) != big.FaceCount {
		t.Errorf("complete strip %+v, want %d faces", s, big.FaceCount)
	}
	queries := d.Calls("SimpleQuery")
	for _, c := range queries {
		var f []string
		if err := json.Unmarshal([]byte(c.Params.Get("WithFields")), &f); err != nil {
			t.Fatal(err)
		}
		slices.Sort(f)
		if want := append([]string{"URI"}, state.QualityFields...); !slices.Equal(f, slices.Sorted(slices.Values(want))) {
			t.Errorf("WithFields %v", f)
		}
	}
	if want := int((big.ImageCount + big.VideoCount + state.MaxPageSize - 1) / state.MaxPageSize); len(queries) != want {
		t.Errorf("%d SimpleQuery calls, want %d pages", len(queries), want)
	}
}

func TestSortByComputedFiguresPutsTheUncomputedLast(t *testing.T) {
	d := startDemo(t)
	ids := d.ids[:12]
	d.computeAll(t, ids[:8])
	sorted, computed := d.q.Sort(ids, state.SortMinConf, false)
	if computed != 8 || !slices.Equal(sorted[8:], ids[8:]) {
		t.Fatalf("computed %d, tail %v", computed, sorted[8:])
	}
	var last float64
	for i, id := range sorted[:8] {
		s, _ := d.q.Strip(id)
		if i > 0 && s.MinConf < last {
			t.Errorf("minconf order broken at %d: %v after %v", i, s.MinConf, last)
		}
		last = s.MinConf
	}
	flagged, _ := d.q.Sort(ids, state.SortFlagged, false)
	a, _ := d.q.Strip(flagged[0])
	b, _ := d.q.Strip(flagged[7])
	if a.Flagged < b.Flagged {
		t.Errorf("flagged: first %d, last computed %d", a.Flagged, b.Flagged)
	}
	rev, _ := d.q.Sort(ids, state.SortFlagged, true)
	if r, _ := d.q.Strip(rev[0]); r.Flagged != b.Flagged {
		t.Errorf("reversed: first has %d flagged faces, the least flagged %d", r.Flagged, b.Flagged)
	}
	worst, _ := d.q.Sort(ids, state.SortWorst, false)
	w, _ := d.q.Strip(worst[0])
	for _, id := range ids[:8] {
		if s, _ := d.q.Strip(id); s.Doubtful > w.Doubtful {
			t.Errorf("worst first is %s with %d doubtful faces, %s has %d", worst[0], w.Doubtful, id, s.Doubtful)
		}
	}
}

func TestSetThresholdsJudgesAgainWithoutCalls(t *testing.T) {
	d := startDemo(t)
	id := d.ids[0]
	d.computeAll(t, []string{id})
	before, _ := d.q.Strip(id)
	calls := len(d.Emulator.Calls())
	th := review.Default()
	if err := th.Set("low-cluster-confidence", 0.99); err != nil {
		t.Fatal(err)
	}
	d.q.SetThresholds(th)
	after, _ := d.q.Strip(id)
	if after.Count(review.FlagLowCluster) <= before.Count(review.FlagLowCluster) {
		t.Errorf("conf flags %d before, %d at 0.99", before.Count(review.FlagLowCluster), after.Count(review.FlagLowCluster))
	}
	if len(d.Emulator.Calls()) != calls {
		t.Error("judging again made calls")
	}
}

func TestStepStopsOnCancelAndTheNextStepGoesOn(t *testing.T) {
	d := startDemo(t)
	// With the clusters cached, the step's calls are its three pages.
	if _, err := d.Store.Clusters(context.Background(), d.ids[:3]); err != nil {
		t.Fatal(err)
	}
	d.Emulator.SetFaults(emulator.Faults{Latency: time.Hour}) // answers only once cancelled
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for d.Emulator.InFlight() < 3 {
			runtime.Gosched()
		}
		cancel()
	}()
	p, err := d.q.Step(ctx, d.ids[:3])
	if !errors.Is(err, context.Canceled) || len(p.Updated) != 0 || p.Pending != 3 {
		t.Fatalf("cancelled step: %+v, %v", p, err)
	}
	if d.q.Err(d.ids[0]) != nil {
		t.Error("a cancellation was recorded as the cluster's error")
	}
	d.Emulator.SetFaults(emulator.Faults{})
	p, err = d.q.Step(context.Background(), d.ids[:3])
	if err != nil || len(p.Updated) != 3 {
		t.Fatalf("next step: %d updated, %v", len(p.Updated), err)
	}
}

func TestStepOnAClosedStoreSaysSo(t *testing.T) {
	d := startDemo(t)
	d.Store.Close()
	_, err := d.q.Step(context.Background(), d.ids[:2])
	if !errors.Is(err, state.ErrClosed) || !strings.Contains(err.Error(), "restart") {
		t.Errorf("err %v", err)
	}
	if e := d.q.Err(d.ids[0]); e == nil && err == nil {
		t.Error("no error recorded")
	}
}

func TestAClusterWhoseFetchFailedIsFetchedAgainBeforeItsFirstPage(t *testing.T) {
	d := startDemo(t)
	id := d.ids[1]
	d.Emulator.SetFaults(emulator.Faults{ServerErrors: 1})
	if _, err := d.q.Step(context.Background(), []string{id}); err == nil {
		t.Fatal("a step against a failing server succeeded")
	}
	d.Emulator.SetFaults(emulator.Faults{})
	p, err := d.q.Step(context.Background(), []string{id})
	if err != nil {
		t.Fatal(err)
	}
	want := d.Data.FigureClusters[1].FaceCount
	if s := p.Updated[0]; s.FaceCount != want {
		t.Errorf("strip FaceCount %d, want the cluster's %d", s.FaceCount, want)
	}
}

// Two screens stepping the same cluster: a StepWait never returns "more
// to do" with nothing done (which would have its screen ask again at once,
// in a loop), and both see the strip complete.
func TestStepWaitNeverReturnsEmptyProgressWhileAnotherStepReads(t *testing.T) {
	d := startDemo(t)
	ids := []string{d.Data.FigureClusters[0].ObjectId, d.Data.FigureClusters[1].ObjectId}
	var wg sync.WaitGroup
	errs := make(chan string, 2)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for steps := 0; steps < 100; steps++ {
				p, err := d.q.StepWait(context.Background(), ids)
				if err != nil {
					errs <- err.Error()
					return
				}
				if !p.More {
					return
				}
				if len(p.Updated) == 0 {
					errs <- "StepWait returned More with nothing updated"
					return
				}
			}
			errs <- "not complete after 100 steps"
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if done, _ := d.q.Computed(ids); done != 2 {
		t.Errorf("computed %d of 2", done)
	}
}
