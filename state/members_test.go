package state

import (
	"context"
	"errors"
	"slices"
	"testing"
)

func TestClusterFilesPagesAndFillsTheFileCache(t *testing.T) {
	api := newFakeAPI()
	uris := api.addFiles("a", 2) // both hold a face of Cluster-1
	s := newManualStore(t, api, Options{})
	first, err := s.ClusterFiles(t.Context(), "Cluster-1", "", facesFields)
	if err != nil || len(first.Files) != 1 || first.TotalHits != 2 || first.NextToken == "" {
		t.Fatalf("first page %+v, %v", first, err)
	}
	second, err := s.ClusterFiles(t.Context(), "Cluster-1", first.NextToken, facesFields)
	if err != nil || len(second.Files) != 1 || second.NextToken != "" || second.Token != first.NextToken {
		t.Fatalf("second page %+v, %v", second, err)
	}
	calls := api.callLog()
	if want := []string{"URI", "FigureCount", "Figures"}; len(calls) != 2 || !slices.Equal(calls[0].Fields, want) {
		t.Fatalf("calls %+v, want 2 with WithFields %v", calls, want)
	}
	for _, u := range uris {
		if _, ok := s.CachedFile(u, []string{"Figures"}); !ok {
			t.Errorf("%s is not cached after its page", u)
		}
	}
	if st := s.Stats(); st.Calls != 2 || st.InFlight != 0 {
		t.Errorf("stats %+v", st)
	}
}

func TestClusterFilesCallEndsWithItsContext(t *testing.T) {
	callEndsWithItsContext(t, func(ctx context.Context, s *Store) error {
		_, err := s.ClusterFiles(ctx, "Cluster-1", "", nil)
		return err
	})
}

// callEndsWithItsContext checks that the API call request makes is
// cancelled with the caller's context, and request returns its error.
func callEndsWithItsContext(t *testing.T, request func(ctx context.Context, s *Store) error) {
	t.Helper()
	api, started, release := gated()
	defer release()
	s := newManualStore(t, api, Options{})
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- request(ctx, s) }()
	call := nextCall(t, started)
	cancel()
	waitDone(t, call.Ctx)
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
}
