package state

import (
	"context"
	"encoding/json"
	"errors"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/immtui/immtui/emulator"

	"github.com/immtui/immtui/review"
)

func TestStepPagesABigClusterProgressivelyAskingOnlyForItsFields(t *testing.T) {
	d := startDemo(t)
	big := d.data.FigureClusters[0] // the most photographed person
	if big.ImageCount+big.VideoCount <= maxPageSize {
		t.Fatalf("cluster 0 has %d files: not a multi-page cluster", big.ImageCount+big.VideoCount)
	}
	d.emu.ResetCalls()
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
	var queries int
	for _, c := range d.emu.Calls() {
		if c.Action != "SimpleQuery" {
			continue
		}
		queries++
		var f []string
		if err := json.Unmarshal([]byte(c.Params.Get("WithFields")), &f); err != nil {
			t.Fatal(err)
		}
		slices.Sort(f)
		if want := append([]string{"URI"}, QualityFields...); !slices.Equal(f, slices.Sorted(slices.Values(want))) {
			t.Errorf("WithFields %v", f)
		}
	}
	if want := int((big.ImageCount + big.VideoCount + maxPageSize - 1) / maxPageSize); queries != want {
		t.Errorf("%d SimpleQuery calls, want %d pages", queries, want)
	}
}

func TestSortByComputedFiguresPutsTheUncomputedLast(t *testing.T) {
	d := startDemo(t)
	ids := d.ids[:12]
	d.computeAll(t, ids[:8])
	sorted, computed := d.q.Sort(ids, SortMinConf, false)
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
	flagged, _ := d.q.Sort(ids, SortFlagged, false)
	a, _ := d.q.Strip(flagged[0])
	b, _ := d.q.Strip(flagged[7])
	if a.Flagged < b.Flagged {
		t.Errorf("flagged: first %d, last computed %d", a.Flagged, b.Flagged)
	}
	rev, _ := d.q.Sort(ids, SortFlagged, true)
	if r, _ := d.q.Strip(rev[0]); r.Flagged != b.Flagged {
		t.Errorf("reversed: first has %d flagged faces, the least flagged %d", r.Flagged, b.Flagged)
	}
	worst, _ := d.q.Sort(ids, SortWorst, false)
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
	calls := len(d.emu.Calls())
	th := review.Default()
	if err := th.Set("low-cluster-confidence", 0.99); err != nil {
		t.Fatal(err)
	}
	d.q.SetThresholds(th)
	after, _ := d.q.Strip(id)
	if after.Count(review.FlagLowCluster) <= before.Count(review.FlagLowCluster) {
		t.Errorf("conf flags %d before, %d at 0.99", before.Count(review.FlagLowCluster), after.Count(review.FlagLowCluster))
	}
	if len(d.emu.Calls()) != calls {
		t.Error("judging again made calls")
	}
}

func TestStepStopsOnCancelAndTheNextStepGoesOn(t *testing.T) {
	d := startDemo(t)
	// With the clusters cached, the step's calls are its three pages.
	if _, err := d.st.Clusters(context.Background(), d.ids[:3]); err != nil {
		t.Fatal(err)
	}
	d.emu.SetFaults(emulator.Faults{Latency: time.Hour}) // answers only once cancelled
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for d.emu.InFlight() < 3 {
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
	d.emu.SetFaults(emulator.Faults{})
	p, err = d.q.Step(context.Background(), d.ids[:3])
	if err != nil || len(p.Updated) != 3 {
		t.Fatalf("next step: %d updated, %v", len(p.Updated), err)
	}
}

func TestStepOnAClosedStoreSaysSo(t *testing.T) {
	d := startDemo(t)
	d.st.Close()
	_, err := d.q.Step(context.Background(), d.ids[:2])
	if !errors.Is(err, ErrClosed) || !strings.Contains(err.Error(), "restart") {
		t.Errorf("err %v", err)
	}
	if e := d.q.Err(d.ids[0]); e == nil && err == nil {
		t.Error("no error recorded")
	}
}

func TestAClusterWhoseFetchFailedIsFetchedAgainBeforeItsFirstPage(t *testing.T) {
	d := startDemo(t)
	id := d.ids[1]
	d.emu.SetFaults(emulator.Faults{ServerErrors: 1})
	if _, err := d.q.Step(context.Background(), []string{id}); err == nil {
		t.Fatal("a step against a failing server succeeded")
	}
	d.emu.SetFaults(emulator.Faults{})
	p, err := d.q.Step(context.Background(), []string{id})
	if err != nil {
		t.Fatal(err)
	}
	want := d.data.FigureClusters[1].FaceCount
	if s := p.Updated[0]; s.FaceCount != want {
		t.Errorf("strip FaceCount %d, want the cluster's %d", s.FaceCount, want)
	}
}
