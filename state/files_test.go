package state

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/immtui/immtui/imm"
)

var (
	facesFields  = []string{"Figures", "FigureCount"}
	labelsFields = []string{"Labels"}
)

func TestConcurrentFileRequestsWithinAWindowBecomeOneCall(t *testing.T) {
	api := newFakeAPI()
	uris := api.addFiles("a", 10)
	s := newManualStore(t, api, Options{})
	var chans []<-chan result[*imm.File]
	for _, u := range uris {
		chans = append(chans, goFile(t.Context(), s, u, facesFields))
	}
	waitPending(t, s, len(uris))
	s.Flush()
	for i, ch := range chans {
		r := recv(t, ch)
		if r.err != nil || r.v.URI != uris[i] || len(r.v.Figures) != 1 {
			t.Fatalf("request %d: %+v, %v", i, r.v, r.err)
		}
	}
	calls := api.callLog()
	if len(calls) != 1 {
		t.Fatalf("%d calls, want 1", len(calls))
	}
	if !sameSet(calls[0].Keys, uris) {
		t.Errorf("call URIs %v, want %v", calls[0].Keys, uris)
	}
	if want := []string{"URI", "FigureCount", "Figures"}; !slices.Equal(calls[0].Fields, want) {
		t.Errorf("WithFields %v, want %v", calls[0].Fields, want)
	}
	if st := s.Stats(); st.Calls != 1 || st.Coalesced != 9 || st.InFlight != 0 {
		t.Errorf("stats %+v", st)
	}
}

func TestMoreThan100RequestsSplitIntoCallsOfAtMost100(t *testing.T) {
	api := newFakeAPI()
	uris := api.addFiles("a", 150)
	s := newManualStore(t, api, Options{})
	var chans []<-chan result[*imm.File]
	for _, u := range uris {
		chans = append(chans, goFile(t.Context(), s, u, labelsFields))
	}
	// A full batch goes out at once; the rest waits for its window.
	eventually(t, "the first batch", func() bool { return len(api.callLog()) == 1 })
	waitPending(t, s, 50)
	s.Flush()
	for _, ch := range chans {
		if r := recv(t, ch); r.err != nil {
			t.Fatal(r.err)
		}
	}
	calls := api.callLog()
	if len(calls) != 2 || len(calls[0].Keys) != 100 || len(calls[1].Keys) != 50 {
		t.Fatalf("calls of %v URIs, want [100 50]", callSizes(calls))
	}
}

func TestSameFileInFlightTwiceIsOneRequest(t *testing.T) {
	api := newFakeAPI()
	uris := api.addFiles("a", 1)
	s := newManualStore(t, api, Options{})
	a := goFile(t.Context(), s, uris[0], labelsFields)
	b := goFile(t.Context(), s, uris[0], labelsFields)
	eventually(t, "both waiters", func() bool { return s.Stats().Coalesced == 1 })
	s.Flush()
	ra, rb := recv(t, a), recv(t, b)
	if ra.err != nil || rb.err != nil || ra.v != rb.v {
		t.Fatalf("results %p %v, %p %v: want one shared File", ra.v, ra.err, rb.v, rb.err)
	}
	if calls := api.callLog(); len(calls) != 1 || len(calls[0].Keys) != 1 {
		t.Fatalf("calls of %v URIs, want [1]", callSizes(calls))
	}
}

func TestCachedFieldsAreAnsweredWithoutACall(t *testing.T) {
	api := newFakeAPI()
	uris := api.addFiles("a", 1)
	s := newManualStore(t, api, Options{})
	first := fetchNow(t, s, uris[0], facesFields)
	if _, ok := s.CachedFile(uris[0], labelsFields); ok {
		t.Error("CachedFile claims labels that were never fetched")
	}
	got, ok := s.CachedFile(uris[0], facesFields)
	if !ok || got != first {
		t.Fatalf("CachedFile = %p, %v; want the fetched file", got, ok)
	}
	again, err := s.File(t.Context(), uris[0], []string{"Figures", "URI"})
	if err != nil || again != first {
		t.Fatalf("second File = %p, %v", again, err)
	}
	if n := len(api.callLog()); n != 1 {
		t.Errorf("%d calls, want 1", n)
	}
	// The CachedFile that answered and the File that did: two hits (the
	// miss is none); the status line counts what the UI was spared.
	if st := s.Stats(); st.CacheHits != 2 {
		t.Errorf("CacheHits %d, want 2", st.CacheHits)
	}
}

func TestFieldsFetchedSeparatelyMergeIntoOneCachedFile(t *testing.T) {
	api := newFakeAPI()
	uris := api.addFiles("a", 1)
	s := newManualStore(t, api, Options{})
	faces := fetchNow(t, s, uris[0], facesFields)
	labels := fetchNow(t, s, uris[0], labelsFields)
	if len(labels.Figures) != 1 || len(labels.Labels) != 1 {
		t.Fatalf("merged file lacks a field: %+v", labels)
	}
	// Copy-on-merge: the File handed out first did not change.
	if faces.Labels != nil {
		t.Error("merging labels changed a File already handed out")
	}
	union, err := s.File(t.Context(), uris[0], []string{"Labels", "Figures", "FigureCount"})
	if err != nil || union != labels {
		t.Fatalf("union = %p, %v; want the merged file", union, err)
	}
	calls := api.callLog()
	if len(calls) != 2 {
		t.Fatalf("%d calls, want 2", len(calls))
	}
	if want := []string{"URI", "Labels"}; !slices.Equal(calls[1].Fields, want) {
		t.Errorf("second WithFields %v, want %v", calls[1].Fields, want)
	}
}

func TestOnlyMissingFieldsAreFetched(t *testing.T) {
	api := newFakeAPI()
	uris := api.addFiles("a", 1)
	s := newManualStore(t, api, Options{})
	fetchNow(t, s, uris[0], facesFields)
	f := fetchNow(t, s, uris[0], []string{"Figures", "OCRContents"})
	if len(f.OCRContents) != 1 || len(f.Figures) != 1 {
		t.Fatalf("file %+v", f)
	}
	calls := api.callLog()
	if want := []string{"URI", "OCRContents"}; len(calls) != 2 || !slices.Equal(calls[1].Fields, want) {
		t.Fatalf("calls %+v, want the second with WithFields %v", calls, want)
	}
}

func TestFullFetchSatisfiesEverySubset(t *testing.T) {
	api := newFakeAPI()
	uris := api.addFiles("a", 1)
	s := newManualStore(t, api, Options{})
	full := fetchNow(t, s, uris[0], nil)
	for _, fields := range [][]string{facesFields, labelsFields, {"OCRContents", "EXIF", "NotAField"}, nil} {
		if got, err := s.File(t.Context(), uris[0], fields); err != nil || got != full {
			t.Errorf("File(%v) = %p, %v; want the full file", fields, got, err)
		}
	}
	calls := api.callLog()
	if len(calls) != 1 || calls[0].Fields != nil {
		t.Fatalf("calls %+v, want one without WithFields", calls)
	}
}

func TestRequestJoinsAnInFlightFetchOfMoreFields(t *testing.T) {
	api := newFakeAPI()
	uris := api.addFiles("a", 1)
	s := newManualStore(t, api, Options{})
	all := goFile(t.Context(), s, uris[0], nil)
	waitPending(t, s, 1)
	labels := goFile(t.Context(), s, uris[0], labelsFields)
	eventually(t, "the join", func() bool { return s.Stats().Coalesced == 1 })
	s.Flush()
	ra, rl := recv(t, all), recv(t, labels)
	if ra.err != nil || rl.err != nil || ra.v != rl.v {
		t.Fatalf("results %v %v", ra.err, rl.err)
	}
	if n := len(api.callLog()); n != 1 {
		t.Errorf("%d calls, want 1", n)
	}
}

func TestDifferentFieldSetsInOneWindowAreSeparateCalls(t *testing.T) {
	api := newFakeAPI()
	uris := api.addFiles("a", 2)
	s := newManualStore(t, api, Options{})
	a := goFile(t.Context(), s, uris[0], facesFields)
	b := goFile(t.Context(), s, uris[1], labelsFields)
	waitPending(t, s, 2)
	s.Flush()
	recv(t, a)
	recv(t, b)
	if n := len(api.callLog()); n != 2 {
		t.Errorf("%d calls, want 2 (one per field set)", n)
	}
}

func TestUnknownURIYieldsNotFoundError(t *testing.T) {
	api := newFakeAPI()
	uris := api.addFiles("a", 1)
	s := newManualStore(t, api, Options{})
	known := goFile(t.Context(), s, uris[0], labelsFields)
	unknown := goFile(t.Context(), s, "oss://bucket/gone.jpg", labelsFields)
	waitPending(t, s, 2)
	s.Flush()
	if r := recv(t, known); r.err != nil {
		t.Fatal(r.err)
	}
	r := recv(t, unknown)
	var nf *NotFoundError
	if !errors.As(r.err, &nf) || nf.ID != "oss://bucket/gone.jpg" {
		t.Fatalf("err = %v, want a NotFoundError naming the URI", r.err)
	}
}

func TestAnswerWithoutURIsIsMatchedByPosition(t *testing.T) {
	files := []imm.File{{Filename: "a"}, {Filename: "b"}}
	got := matchFiles([]string{"u1", "u2"}, files)
	if got["u1"].Filename != "a" || got["u2"].Filename != "b" || got["u2"].URI != "u2" {
		t.Fatalf("matched %+v", got)
	}
}

func TestURIsThatDifferOnlyInControlsStayTwoFiles(t *testing.T) {
	tab, space := "oss://b/a\tb.jpg", "oss://b/a b.jpg"
	files := []imm.File{{URI: tab, Filename: "tab"}, {URI: space, Filename: "space"}}
	got := matchFiles([]string{tab, space, "oss://b/missing"}, files)
	if len(got) != 2 || got[tab].Filename != "tab" || got[space].Filename != "space" {
		t.Fatalf("matched %+v", got)
	}
}

func TestErrorsGoToEveryWaiterAndAreNotCached(t *testing.T) {
	api := newFakeAPI()
	uris := api.addFiles("a", 2)
	s := newManualStore(t, api, Options{})
	boom := errors.New("throttled")
	api.setErr(boom)
	a := goFile(t.Context(), s, uris[0], labelsFields)
	b := goFile(t.Context(), s, uris[1], labelsFields)
	waitPending(t, s, 2)
	s.Flush()
	if ra, rb := recv(t, a), recv(t, b); !errors.Is(ra.err, boom) || !errors.Is(rb.err, boom) {
		t.Fatalf("errors %v, %v; want %v for both", ra.err, rb.err, boom)
	}
	api.setErr(nil)
	if f := fetchNow(t, s, uris[0], labelsFields); len(f.Labels) != 1 {
		t.Fatalf("retry got %+v", f)
	}
	if n := len(api.callLog()); n != 2 {
		t.Errorf("%d calls, want 2 (the retry was not answered from a cached error)", n)
	}
}

func TestFileCacheIsBoundedByLRU(t *testing.T) {
	api := newFakeAPI()
	uris := api.addFiles("a", 25)
	s := newManualStore(t, api, Options{FileCache: 10})
	for _, u := range uris {
		fetchNow(t, s, u, labelsFields)
	}
	s.mu.Lock()
	n := s.files.Len()
	s.mu.Unlock()
	if n != 10 {
		t.Errorf("%d cached files, want 10", n)
	}
	if _, ok := s.CachedFile(uris[0], labelsFields); ok {
		t.Error("the least recently used file is still cached")
	}
	if _, ok := s.CachedFile(uris[24], labelsFields); !ok {
		t.Error("the most recent file was evicted")
	}
}

func TestRefreshFileFetchesCachedFieldsAgain(t *testing.T) {
	api := newFakeAPI()
	uris := api.addFiles("a", 1)
	s := newManualStore(t, api, Options{})
	fetchNow(t, s, uris[0], nil)
	api.mu.Lock()
	f := api.files[uris[0]]
	api.mu.Unlock()
	f.Labels = []imm.Label{{LabelName: "dog"}}
	api.setFile(f)

	ch := make(chan result[*imm.File], 1)
	go func() {
		f, err := s.RefreshFile(t.Context(), uris[0], labelsFields)
		ch <- result[*imm.File]{f, err}
	}()
	waitPending(t, s, 1)
	s.Flush()
	r := recv(t, ch)
	if r.err != nil || r.v.Labels[0].LabelName != "dog" || len(r.v.Figures) != 1 {
		t.Fatalf("refreshed %+v, %v; want new labels and the other fields kept", r.v, r.err)
	}
	calls := api.callLog()
	if want := []string{"URI", "Labels"}; len(calls) != 2 || !slices.Equal(calls[1].Fields, want) {
		t.Fatalf("calls %+v, want a second with WithFields %v", calls, want)
	}
	if _, ok := s.CachedFile(uris[0], []string{"Labels", "Figures", "EXIF"}); !ok {
		t.Error("after a refresh of labels the file no longer answers other fields")
	}
}

func TestWindowTimerSendsTheBatchWithoutFlush(t *testing.T) {
	api := newFakeAPI()
	uris := api.addFiles("a", 3)
	s := New(api, "p", "d", Options{Window: 1})
	defer s.Close()
	var chans []<-chan result[*imm.File]
	for _, u := range uris {
		chans = append(chans, goFile(t.Context(), s, u, labelsFields))
	}
	for _, ch := range chans {
		if r := recv(t, ch); r.err != nil {
			t.Fatal(r.err)
		}
	}
}

// fetchNow fetches one file through a manual store's window.
func fetchNow(t *testing.T, s *Store, uri string, fields []string) *imm.File {
	t.Helper()
	ch := goFile(context.Background(), s, uri, fields)
	var r result[*imm.File]
	eventually(t, "the request", func() bool {
		s.Flush() // the request may not have reached its batch yet
		select {
		case r = <-ch:
			return true
		default:
			return false
		}
	})
	if r.err != nil {
		t.Fatalf("File(%s, %v): %v", uri, fields, r.err)
	}
	return r.v
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func callSizes(calls []apiCall) []int {
	var n []int
	for _, c := range calls {
		n = append(n, len(c.Keys))
	}
	return n
}
