package state

import (
	"context"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/review"
)

// UnclusteredIDs are the two pseudo-clusters of faces IMM did not cluster,
// in the order the clusters list pins them at its top.
var UnclusteredIDs = []string{imm.ClusterIndependent, imm.ClusterUnavailable}

// UnclusteredRow is one pinned row: faces IMM did not cluster.
type UnclusteredRow struct {
	ID    string // imm.ClusterIndependent or imm.ClusterUnavailable
	Label string // what the row is, in words
	Files int64  // files holding such a face (the query's TotalHits)
	// Faces counts the faces with the ID on the first page; it is every
	// one when Exact (a single page). Otherwise the quality strip's
	// Examined counts them as its pages are read.
	Faces int64
	Exact bool
}

// UnclusteredLabels say what each pseudo-cluster is.
var UnclusteredLabels = map[string]string{
	imm.ClusterIndependent: "faces in no cluster",
	imm.ClusterUnavailable: "faces not clustered yet",
}

// Unclustered returns the two pinned rows: one SimpleQuery each on
// Figures.FigureClusterId (TotalHits counts files, not faces: a photo may
// hold several unclustered faces). Their members are read as any
// cluster's, with ClusterFiles(ctx, row.ID, ...): IMM indexes the two IDs
// as values of the field. The first page is the quality strip's too.
func (s *Store) Unclustered(ctx context.Context) ([]UnclusteredRow, error) {
	out := make([]UnclusteredRow, 0, len(UnclusteredIDs))
	for _, id := range UnclusteredIDs {
		p, err := s.ClusterFiles(ctx, id, "", QualityFields)
		if err != nil {
			return nil, err
		}
		r := UnclusteredRow{ID: id, Label: UnclusteredLabels[id], Files: p.TotalHits, Exact: p.NextToken == ""}
		for _, f := range p.Files {
			r.Faces += int64(len(review.FacesOf(id, []*imm.File{f})))
		}
		out = append(out, r)
	}
	return out, nil
}

// SharedFiles fetches one page of the files holding a face of cluster a
// and a face of cluster b: a SimpleQuery "and" of the two eq conditions on
// Figures.FigureClusterId (without "nested", each condition may hold for a
// different face of the file, which is what is meant).
func (s *Store) SharedFiles(ctx context.Context, a, b, token string) (FilePage, error) {
	q := &imm.SimpleQuery{Operation: "and", SubQueries: []imm.SimpleQuery{
		{Field: "Figures.FigureClusterId", Operation: "eq", Value: a},
		{Field: "Figures.FigureClusterId", Operation: "eq", Value: b},
	}}
	return s.queryFiles(ctx, q, token, QualityFields)
}

// Compare reads both clusters' faces to the end (Step on the two) and the
// files both appear in, and weighs them (review.Compare). It blocks, page
// by page, until done or ctx is cancelled: call it from a tea.Cmd. The
// strips it completes stay in the cache.
func (q *Quality) Compare(ctx context.Context, a, b string) (review.Comparison, error) {
	ids := []string{a, b}
	for {
		p, err := q.Step(ctx, ids)
		if err != nil {
			return review.Comparison{}, err
		}
		if !p.More {
			break
		}
		if len(p.Updated) == 0 {
			// Another Step is reading their pages: wait for it.
			if err := q.waitIdle(ctx, ids); err != nil {
				return review.Comparison{}, err
			}
		}
	}
	var shared []string
	for token, first := "", true; first || token != ""; first = false {
		p, err := q.s.SharedFiles(ctx, a, b, token)
		if err != nil {
			return review.Comparison{}, err
		}
		for _, f := range p.Files {
			shared = append(shared, f.URI)
		}
		token = p.NextToken
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	ea, oka := q.entries.Peek(a)
	eb, okb := q.entries.Peek(b)
	if !oka || !okb {
		return review.Comparison{}, ErrEvicted
	}
	return review.Compare(ea.tally, eb.tally, shared, q.th), nil
}
