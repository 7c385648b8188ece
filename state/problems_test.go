package state

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/immtui/immtui/imm"
)

// addProblems marks the files failed with a Reason, and the others Indexed.
func addProblems(a *fakeAPI, failed ...string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for u, f := range a.files {
		f.ObjectStatus = "Indexed"
		if slices.Contains(failed, u) {
			f.ObjectStatus = "Failed"
			f.Reason = "[InternalError] The request has been failed. status: 500, requestId: R-1"
		}
		a.files[u] = f
	}
}

func TestProblemFilesAsksForEveryFileNotIndexed(t *testing.T) {
	api := newFakeAPI()
	uris := api.addFiles("a", 3)
	addProblems(api, uris[1])
	s := newManualStore(t, api, Options{})
	page, err := s.ProblemFiles(t.Context(), "", []string{"ObjectStatus", "Reason"})
	if err != nil || len(page.Files) != 1 || page.Files[0].URI != uris[1] || page.TotalHits != 1 || page.NextToken != "" {
		t.Fatalf("page %+v, %v", page, err)
	}
	calls := api.callLog()
	if len(calls) != 1 || calls[0].Action != "SimpleQuery" {
		t.Fatalf("calls %+v", calls)
	}
	want := imm.SimpleQuery{Operation: "not", SubQueries: []imm.SimpleQuery{{Field: "ObjectStatus", Operation: "eq", Value: "Indexed"}}}
	if q := calls[0].Query; q == nil || !reflect.DeepEqual(*q, want) {
		t.Fatalf("query %+v, want %+v", q, want)
	}
	if !slices.Equal(calls[0].Fields, []string{"URI", "ObjectStatus", "Reason"}) {
		t.Errorf("WithFields %v", calls[0].Fields)
	}
}

func TestProblemFilesPagesWithTheTokenAndFillsTheFileCache(t *testing.T) {
	api := newFakeAPI()
	uris := api.addFiles("a", 4)
	addProblems(api, uris[0], uris[2])
	s := newManualStore(t, api, Options{})
	fields := []string{"ObjectStatus", "Reason", "Filename"}
	first, err := s.ProblemFiles(t.Context(), "", fields)
	if err != nil || len(first.Files) != 1 || first.TotalHits != 2 || first.NextToken == "" {
		t.Fatalf("first page %+v, %v", first, err)
	}
	second, err := s.ProblemFiles(t.Context(), first.NextToken, fields)
	if err != nil || len(second.Files) != 1 || second.NextToken != "" || second.Token != first.NextToken || second.TotalHits != 0 {
		t.Fatalf("second page %+v, %v", second, err)
	}
	if calls := api.callLog(); len(calls) != 2 || calls[1].Keys[0] != first.NextToken {
		t.Fatalf("calls %+v", calls)
	}
	for _, u := range []string{uris[0], uris[2]} {
		f, ok := s.CachedFile(u, []string{"ObjectStatus", "Reason"})
		if !ok || f.ObjectStatus != "Failed" || f.Reason == "" {
			t.Errorf("%s cached %v: %+v", u, ok, f)
		}
	}
	if _, ok := s.CachedFile(uris[1], []string{"ObjectStatus"}); ok {
		t.Errorf("an indexed file was cached by the problems query")
	}
	if st := s.Stats(); st.Calls != 2 || st.InFlight != 0 {
		t.Errorf("stats %+v", st)
	}
}

func TestProblemFilesCallEndsWithItsContext(t *testing.T) {
	callEndsWithItsContext(t, func(ctx context.Context, s *Store) error {
		_, err := s.ProblemFiles(ctx, "", nil)
		return err
	})
}

func TestProblemFilesAfterCloseIsErrClosed(t *testing.T) {
	s := New(newFakeAPI(), "p", "d", Options{})
	s.Close()
	if _, err := s.ProblemFiles(t.Context(), "", nil); !errors.Is(err, ErrClosed) {
		t.Fatalf("got %v, want ErrClosed", err)
	}
}
