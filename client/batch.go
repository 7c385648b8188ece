package client

import (
	"context"

	"golang.org/x/sync/errgroup"

	"github.com/immtui/immtui/imm"
)

// BatchGetFileMeta fetches files by URI. Any number of URIs may be given:
// repeated ones are asked for once, the rest go out in calls of at most
// imm.MaxURIsPerCall, run with bounded concurrency, and the answer lists the
// files found in the order their URIs were first given. The first failing
// part cancels the others and its error is returned.
func (c *Client) BatchGetFileMeta(ctx context.Context, r imm.BatchGetFileMetaRequest) (*imm.BatchGetFileMetaResponse, error) {
	files, rid, err := batchGet(ctx, c, batchSpec[imm.File]{
		action: "BatchGetFileMeta", param: "URIs", per: imm.MaxURIsPerCall,
		project: r.ProjectName, dataset: r.DatasetName, keys: r.URIs,
		extra: func(q query) { q.strings("WithFields", r.WithFields) },
		key:   func(f *imm.File) string { return f.URI },
		items: func(a *batchAnswer[imm.File]) []imm.File { return a.Files },
	})
	if err != nil {
		return nil, err
	}
	out := &imm.BatchGetFileMetaResponse{Files: files, RequestId: rid}
	return out, nil
}

// BatchGetFigureCluster fetches clusters by ID, split, deduplicated and
// merged like BatchGetFileMeta (imm.MaxClusterIDsPerCall per call).
func (c *Client) BatchGetFigureCluster(ctx context.Context, r imm.BatchGetFigureClusterRequest) (*imm.BatchGetFigureClusterResponse, error) {
	clusters, rid, err := batchGet(ctx, c, batchSpec[imm.FigureCluster]{
		action: "BatchGetFigureCluster", param: "ObjectIds", per: imm.MaxClusterIDsPerCall,
		project: r.ProjectName, dataset: r.DatasetName, keys: r.ObjectIds,
		key:   func(fc *imm.FigureCluster) string { return fc.ObjectId },
		items: func(a *batchAnswer[imm.FigureCluster]) []imm.FigureCluster { return a.FigureClusters },
	})
	if err != nil {
		return nil, err
	}
	out := &imm.BatchGetFigureClusterResponse{FigureClusters: clusters, RequestId: rid}
	return out, nil
}

// batchAnswer decodes either batch action's reply.
type batchAnswer[T any] struct {
	Files          []T
	FigureClusters []T
	RequestId      string
}

// batchSpec describes one batch action for batchGet.
type batchSpec[T any] struct {
	action, param    string
	per              int
	project, dataset string
	keys             []string
	extra            func(query)
	key              func(*T) string
	items            func(*batchAnswer[T]) []T
}

// batchGet splits keys into deduplicated parts, runs one call per part and
// merges the answers in the order the keys were first given. The RequestId
// is the last part's.
func batchGet[T any](ctx context.Context, c *Client, s batchSpec[T]) ([]T, string, error) {
	uniq, parts := splitUnique(s.keys, s.per)
	answers := make([]batchAnswer[T], len(parts))
	err := c.runParts(ctx, len(parts), func(ctx context.Context, i int) error {
		q := query{}
		q.always("ProjectName", s.project)
		q.always("DatasetName", s.dataset)
		q.strings(s.param, parts[i])
		if s.extra != nil {
			s.extra(q)
		}
		return c.call(ctx, s.action, q, decodeTo(&answers[i]))
	})
	if err != nil {
		return nil, "", err
	}
	var got []T
	rid := ""
	for i := range answers {
		got = append(got, s.items(&answers[i])...)
		rid = answers[i].RequestId
	}
	return inOrder(uniq, got, s.key), rid, nil
}

// runParts runs part(0..n-1), at most Concurrency at a time; the first error
// cancels the parts still running or waiting.
func (c *Client) runParts(ctx context.Context, n int, part func(context.Context, int) error) error {
	switch n {
	case 0:
		return nil
	case 1:
		return part(ctx, 0)
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(c.cfg.Concurrency)
	for i := 0; i < n; i++ {
		if gctx.Err() != nil {
			break // a part failed; do not start more
		}
		g.Go(func() error { return part(gctx, i) })
	}
	return g.Wait()
}

// splitUnique drops repeats (keeping first occurrences) and cuts the rest
// into parts of at most size.
func splitUnique(in []string, size int) (uniq []string, parts [][]string) {
	seen := make(map[string]bool, len(in))
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			uniq = append(uniq, s)
		}
	}
	for start := 0; start < len(uniq); start += size {
		parts = append(parts, uniq[start:min(start+size, len(uniq))])
	}
	return uniq, parts
}

// inOrder returns got sorted by the position of key(item) in order. Items
// the server sent under a key nobody asked for (or twice) follow, in the
// server's order, rather than being dropped.
func inOrder[T any](order []string, got []T, key func(*T) string) []T {
	if len(got) == 0 {
		return nil
	}
	byKey := make(map[string]int, len(got))
	var extra []T
	for i := range got {
		k := key(&got[i])
		if _, dup := byKey[k]; dup {
			extra = append(extra, got[i])
			continue
		}
		byKey[k] = i
	}
	out := make([]T, 0, len(got))
	for _, k := range order {
		if i, ok := byKey[k]; ok {
			out = append(out, got[i])
			delete(byKey, k)
		}
	}
	for i := range got { // keys not asked for, in server order
		if j, ok := byKey[key(&got[i])]; ok && j == i {
			out = append(out, got[i])
		}
	}
	return append(out, extra...)
}
