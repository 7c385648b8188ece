package state

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"sync"

	"github.com/hashicorp/golang-lru/v2/simplelru"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/review"
)

// QualityFields are the file fields a quality strip needs: the faces, the
// photo's date (age curve) and its size (faces too small), and what a
// face's crop is planned from besides (ETag, Orientation), so that compare
// draws both clusters' faces from the pages it read. Asking for these
// alone keeps a page of a big cluster small.
var QualityFields = []string{"ETag", "Figures", "ImageHeight", "ImageWidth", "MediaType", "Orientation", "ProduceTime", "VideoHeight", "VideoWidth"}

const (
	// qualityBatch is how many clusters one Step pages at once: enough
	// to fill a screen in a few steps, few enough to leave room for the
	// calls of the view the user is looking at.
	qualityBatch = 4
	// qualityCache is how many clusters keep their tally (faces and
	// flags); an evicted one is computed again when asked for.
	qualityCache = 1024
)

// Quality computes the review strips of clusters lazily: the screen asks
// for the rows it shows (and a little ahead) with Step, from a tea.Cmd,
// one bounded step at a time, and reads Strip from View. Strips are
// partial while a big cluster's pages are read. Safe for concurrent use.
type Quality struct {
	s  *Store
	mu sync.Mutex // guards everything below; never held over I/O
	th review.Thresholds
	// entries keep each cluster's tally and where its paging is.
	entries *simplelru.LRU[string, *qualityEntry]
}

type qualityEntry struct {
	tally   *review.Tally
	token   string // the next page; "" before the first and after the last
	started bool
	cluster bool          // the tally knows its cluster (gender, face count)
	busy    bool          // a Step is fetching its next page
	idle    chan struct{} // closed when busy ends
	err     error         // the last page's error; the next Step tries again
	strip   review.Strip
	// guard stops a server whose pages make no progress; stalled then
	// keeps the strip partial and out of every later Step.
	guard   PageGuard
	stalled bool
}

// ErrEvicted is returned by Compare when one of the clusters left the
// strip cache before the comparison ended (more than qualityCache
// clusters computed meanwhile); comparing again reads it again.
var ErrEvicted = errors.New("state: the cluster's faces were dropped from the cache while comparing; compare again")

// QualityProgress is what one Step did.
type QualityProgress struct {
	Updated []review.Strip // strips that changed, partial or complete, in ids order
	Pending int            // ids not complete yet (including ones another Step is paging)
	More    bool           // call Step again to go on
}

// NewQuality returns an empty strip cache over the store, judging with th.
func NewQuality(s *Store, th review.Thresholds) *Quality {
	// An entry evicted while a Step reads it wakes whoever waits on it.
	l, _ := simplelru.NewLRU(qualityCache, func(_ string, e *qualityEntry) { e.setIdle() })
	return &Quality{s: s, th: th, entries: l}
}

// Thresholds are the thresholds strips are judged with.
func (q *Quality) Thresholds() review.Thresholds {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.th
}

// SetThresholds judges every kept tally again (no I/O).
func (q *Quality) SetThresholds(th review.Thresholds) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.th = th
	for _, id := range q.entries.Keys() {
		e, _ := q.entries.Peek(id)
		e.tally.SetThresholds(th)
		e.strip = e.tally.Strip()
	}
}

// Strip returns the strip of a cluster computed so far (partial when
// Complete is false); ok is false before its first page. No I/O.
func (q *Quality) Strip(id string) (review.Strip, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	e, ok := q.entries.Get(id)
	if !ok || !e.started {
		return review.Strip{}, false
	}
	return e.strip, true
}

// Err is the error of a cluster's last page, if it failed. No I/O.
func (q *Quality) Err(id string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if e, ok := q.entries.Peek(id); ok {
		return e.err
	}
	return nil
}

// Computed counts the ids whose strip is complete, for "N of M computed".
func (q *Quality) Computed(ids []string) (done, total int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, id := range ids {
		if e, ok := q.entries.Peek(id); ok && e.tally.Complete() {
			done++
		}
	}
	return done, len(ids)
}

// Faces returns a cluster's faces with their flags, worst first, as far
// as its pages were read (complete tells whether all were). The slice is
// shared: do not modify it. No I/O.
func (q *Quality) Faces(id string) (faces []review.Flagged, complete, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	e, ok := q.entries.Get(id)
	if !ok || !e.started {
		return nil, false, false
	}
	return e.tally.Faces(), e.tally.Complete(), true
}

// Export returns the export of a cluster whose strip is complete (c is
// the cluster as IMM sent it, nil for a pseudo-cluster); ok is false
// before. No I/O.
func (q *Quality) Export(id string, c *imm.FigureCluster) (review.Export, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	e, ok := q.entries.Get(id)
	if !ok || !e.tally.Complete() {
		return review.Export{}, false
	}
	return e.tally.Export(c), true
}

// Step reads one more page of up to qualityBatch of the ids (in order,
// skipping complete ones and ones another Step is reading), and returns
// the strips that changed. It blocks (call it from a tea.Cmd) and stops
// when ctx is cancelled. Call it again while More is true; a cluster whose
// page failed is tried again by the next Step, and the first error is
// returned with the progress made.
func (q *Quality) Step(ctx context.Context, ids []string) (QualityProgress, error) {
	if err := ctx.Err(); err != nil {
		return QualityProgress{}, err
	}
	work, needCluster := q.claim(ids)
	if len(needCluster) > 0 {
		got, err := q.s.Clusters(ctx, needCluster)
		if err != nil {
			q.release(work)
			return q.progress(ids, nil), err
		}
		q.mu.Lock()
		for _, id := range needCluster {
			if e, ok := q.entries.Peek(id); ok && !e.started {
				e.tally, e.cluster = review.NewTally(id, got[id], q.th), true
			}
		}
		q.mu.Unlock()
	}
	type result struct {
		id, token string
		page      FilePage
		err       error
	}
	results := make([]result, len(work))
	var wg sync.WaitGroup
	for i, w := range work {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := q.s.ClusterFiles(ctx, w.id, w.token, QualityFields)
			results[i] = result{w.id, w.token, p, err}
		}()
	}
	wg.Wait()

	var first error
	var updated []string
	q.mu.Lock()
	for _, r := range results {
		e, ok := q.entries.Peek(r.id)
		if !ok {
			continue // evicted meanwhile: computed again when asked for
		}
		e.setIdle()
		if r.err != nil {
			if ctx.Err() == nil {
				e.err = r.err
			}
			if first == nil {
				first = r.err
			}
			continue
		}
		e.err = nil
		e.started = true
		e.tally.Add(r.page.Files)
		e.token = r.page.NextToken
		if err := e.guard.Page(r.token, len(r.page.Files), e.token); err != nil {
			e.err, e.stalled = err, true
			if first == nil {
				first = err
			}
		}
		if e.token == "" {
			e.tally.Done()
		}
		e.strip = e.tally.Strip()
		updated = append(updated, r.id)
	}
	q.mu.Unlock()
	return q.progress(ids, updated), first
}

func (e *qualityEntry) setIdle() {
	if e.busy {
		e.busy = false
		close(e.idle)
	}
}

// waitIdle waits until no Step is reading a page of ids.
func (q *Quality) waitIdle(ctx context.Context, ids []string) error {
	for _, id := range ids {
		q.mu.Lock()
		var idle chan struct{}
		if e, ok := q.entries.Peek(id); ok && e.busy {
			idle = e.idle
		}
		q.mu.Unlock()
		if idle == nil {
			continue
		}
		select {
		case <-idle:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

type qualityWork struct{ id, token string }

// claim marks the clusters this Step reads and says which need their
// cluster (gender, face count) fetched first.
func (q *Quality) claim(ids []string) (work []qualityWork, needCluster []string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	seen := map[string]bool{}
	for _, id := range ids {
		if len(work) == qualityBatch {
			break
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		e, ok := q.entries.Get(id)
		if !ok {
			e = &qualityEntry{tally: review.NewTally(id, nil, q.th)}
			q.entries.Add(id, e)
		}
		if !e.cluster && !e.started && !e.busy {
			// Before the first page, so the strip is judged against the
			// cluster's own gender and counted against its FaceCount.
			if review.Pseudo(id) {
				e.tally, e.cluster = review.NewPseudoTally(id, 0, q.th), true
			} else if c, cached := q.s.CachedCluster(id); cached {
				e.tally, e.cluster = review.NewTally(id, c, q.th), true
			} else {
				needCluster = append(needCluster, id)
			}
		}
		if e.busy || e.tally.Complete() || e.stalled {
			continue
		}
		e.busy, e.idle = true, make(chan struct{})
		work = append(work, qualityWork{id, e.token})
	}
	return work, needCluster
}

func (q *Quality) release(work []qualityWork) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, w := range work {
		if e, ok := q.entries.Peek(w.id); ok {
			e.setIdle()
		}
	}
}

func (q *Quality) progress(ids []string, updated []string) QualityProgress {
	q.mu.Lock()
	defer q.mu.Unlock()
	var p QualityProgress
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		e, ok := q.entries.Peek(id)
		if !ok || (!e.tally.Complete() && !e.stalled) {
			p.Pending++
		}
		if ok && slices.Contains(updated, id) {
			p.Updated = append(p.Updated, e.strip)
		}
	}
	p.More = p.Pending > 0
	return p
}

// QualitySort names a sort of the clusters list by computed figures.
type QualitySort string

const (
	SortFlagged QualitySort = "flagged" // most flagged faces first
	SortMinConf QualitySort = "minconf" // lowest cluster confidence first
	SortWorst   QualitySort = "worst"   // most faces that may be someone else first (:review)
)

// Sort orders ids by a computed figure: clusters with a complete strip
// first, in that order (ties keep the ids order), then the others in the
// ids order. computed is how many had a complete strip ("N of M computed").
// reverse flips the order of the computed ones. No I/O.
func (q *Quality) Sort(ids []string, by QualitySort, reverse bool) (sorted []string, computed int) {
	q.mu.Lock()
	strips := make(map[string]review.Strip, len(ids))
	for _, id := range ids {
		if e, ok := q.entries.Peek(id); ok && e.tally.Complete() {
			strips[id] = e.strip
		}
	}
	q.mu.Unlock()
	var done, rest []string
	for _, id := range ids {
		if _, ok := strips[id]; ok {
			done = append(done, id)
		} else {
			rest = append(rest, id)
		}
	}
	slices.SortStableFunc(done, func(a, b string) int {
		c := compareStrips(strips[a], strips[b], by)
		if reverse {
			c = -c
		}
		return c
	})
	return append(done, rest...), len(done)
}

// compareStrips is negative when a comes first (is worse) by the sort.
func compareStrips(a, b review.Strip, by QualitySort) int {
	minConf := func(s review.Strip) float64 {
		if s.ConfFaces == 0 {
			return 2 // no confidence sent: after every real one
		}
		return s.MinConf
	}
	switch by {
	case SortMinConf:
		return cmp.Or(cmp.Compare(minConf(a), minConf(b)), cmp.Compare(b.Flagged, a.Flagged))
	case SortWorst:
		return cmp.Or(cmp.Compare(b.Doubtful, a.Doubtful), cmp.Compare(minConf(a), minConf(b)))
	}
	return cmp.Or(cmp.Compare(b.Flagged, a.Flagged), cmp.Compare(minConf(a), minConf(b)))
}
