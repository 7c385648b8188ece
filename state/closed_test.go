package state

import (
	"context"
	"errors"
	"testing"
)

// Every request of the store answers at once without a call, in this
// order: a caller that has given up gets its context's error, a closed
// store ErrClosed.
func TestRequestsOfAGoneCallerOrAClosedStoreMakeNoCall(t *testing.T) {
	api := newFakeAPI()
	uris := api.addFiles("a", 1)
	ids := api.addClusters(1)
	requests := map[string]func(ctx context.Context, s *Store) error{
		"File": func(ctx context.Context, s *Store) error {
			_, err := s.File(ctx, uris[0], nil)
			return err
		},
		"RefreshFile": func(ctx context.Context, s *Store) error {
			_, err := s.RefreshFile(ctx, uris[0], nil)
			return err
		},
		"Cluster": func(ctx context.Context, s *Store) error {
			_, err := s.Cluster(ctx, ids[0])
			return err
		},
		"Clusters": func(ctx context.Context, s *Store) error {
			_, err := s.Clusters(ctx, ids)
			return err
		},
		"ClusterPage": func(ctx context.Context, s *Store) error {
			_, err := s.ClusterPage(ctx, ClusterQuery{}, "")
			return err
		},
	}
	gone, cancel := context.WithCancel(t.Context())
	cancel()
	for name, request := range requests {
		t.Run(name, func(t *testing.T) {
			s := New(api, "p", "d", Options{})
			if err := request(gone, s); !errors.Is(err, context.Canceled) {
				t.Errorf("with a cancelled context: %v, want context.Canceled", err)
			}
			s.Close()
			if err := request(gone, s); !errors.Is(err, context.Canceled) {
				t.Errorf("closed, with a cancelled context: %v, want context.Canceled", err)
			}
			if err := request(t.Context(), s); !errors.Is(err, ErrClosed) {
				t.Errorf("closed: %v, want ErrClosed", err)
			}
		})
	}
	if calls := api.callLog(); len(calls) != 0 {
		t.Errorf("the store made %d calls: %+v", len(calls), calls)
	}
}
