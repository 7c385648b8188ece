package state

import (
	"context"

	"github.com/immtui/immtui/imm"
)

// Cluster groups: regular requests, and refreshes that must not join a call
// begun before the user asked for fresh data.
const (
	clusterGroup        = ""
	clusterRefreshGroup = refreshPrefix
)

// Cluster returns the cluster with id, from the cache or from a
// BatchGetFigureCluster call shared with the other requests of the window.
// The cluster must not be modified.
func (s *Store) Cluster(ctx context.Context, id string) (*imm.FigureCluster, error) {
	return s.cluster(ctx, id, clusterGroup)
}

// RefreshCluster fetches the cluster again, bypassing the cache.
func (s *Store) RefreshCluster(ctx context.Context, id string) (*imm.FigureCluster, error) {
	return s.cluster(ctx, id, clusterRefreshGroup)
}

// CachedCluster returns the cached cluster with id. It never does I/O.
func (s *Store) CachedCluster(id string) (*imm.FigureCluster, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.clusters.Get(id)
	if ok {
		s.stats.CacheHits++
	}
	return c, ok
}

// ClusterName returns the name of a cluster seen in any cached cluster or
// list row. It never does I/O.
func (s *Store) ClusterName(id string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.clusters.Peek(id); ok {
		return c.Name, true
	}
	return s.names.Get(id)
}

// Clusters returns the clusters with ids, fetched in as few calls as the
// window allows. Clusters the API does not return are left out of the map;
// any other error fails the whole request.
func (s *Store) Clusters(ctx context.Context, ids []string) (map[string]*imm.FigureCluster, error) {
	if err := s.lockOpen(ctx); err != nil {
		return nil, err
	}
	out := make(map[string]*imm.FigureCluster, len(ids))
	var wait []*flight[*imm.FigureCluster]
	for _, id := range ids {
		if _, dup := out[id]; dup {
			continue
		}
		if c, ok := s.clusters.Get(id); ok {
			s.stats.CacheHits++
			out[id] = c
			continue
		}
		out[id] = nil // marks the id as requested; removed below if missing
		wait = append(wait, s.clustLd.requestLocked(clusterGroup, id))
	}
	s.mu.Unlock()

	for i, f := range wait {
		c, err := s.clustLd.wait(ctx, f)
		switch {
		case err == nil:
			out[f.key.id] = c
		case isNotFound(err):
			delete(out, f.key.id)
		default:
			// Give up the remaining flights so no call runs for nobody.
			s.mu.Lock()
			for _, g := range wait[i+1:] {
				s.clustLd.leaveLocked(g)
			}
			s.mu.Unlock()
			return nil, err
		}
	}
	return out, nil
}

func isNotFound(err error) bool {
	_, ok := err.(*NotFoundError)
	return ok
}

func (s *Store) cluster(ctx context.Context, id, group string) (*imm.FigureCluster, error) {
	if err := s.lockOpen(ctx); err != nil {
		return nil, err
	}
	if group == clusterGroup {
		if c, ok := s.clusters.Get(id); ok {
			s.stats.CacheHits++
			s.mu.Unlock()
			return c, nil
		}
	}
	f := s.clustLd.requestLocked(group, id)
	s.mu.Unlock()
	return s.clustLd.wait(ctx, f)
}

// fetchClusters is the cluster loader's call: one BatchGetFigureCluster,
// its clusters stored in the cache.
func (s *Store) fetchClusters(ctx context.Context, _ string, ids []string) (map[string]*imm.FigureCluster, error) {
	resp, err := s.api.BatchGetFigureCluster(ctx, imm.BatchGetFigureClusterRequest{
		ProjectName: s.project, DatasetName: s.dataset, ObjectIds: ids,
	})
	if err != nil {
		return nil, err
	}
	asked := askedKey(ids)
	out := make(map[string]*imm.FigureCluster, len(resp.FigureClusters))
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range resp.FigureClusters {
		c := resp.FigureClusters[i] // a copy: one cluster must not pin the answer
		id, ok := asked(c.ObjectId)
		if !ok {
			continue
		}
		c.ObjectId = id
		s.clusters.Add(id, &c)
		out[id] = &c
	}
	return out, nil
}
