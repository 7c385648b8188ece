package state

import (
	"context"

	"github.com/immtui/immtui/imm"
)

// FilePage is one page of files from a SimpleQuery (the files holding a
// face of a cluster, the files not indexed).
type FilePage struct {
	Files     []*imm.File // shared with the cache: do not modify
	NextToken string      // "" on the last page
	TotalHits int64       // set on the first page only
	RequestId string
	Token     string // the token the page was fetched with
}

// ClusterFiles fetches one page of the files holding a face of the cluster
// (SimpleQuery on Figures.FigureClusterId) with fields (nil: all; "Figures"
// is what a members view needs). The files are merged into the file cache,
// so panes opened on them next cost no call.
func (s *Store) ClusterFiles(ctx context.Context, clusterID, token string, fields []string) (FilePage, error) {
	q := &imm.SimpleQuery{Field: "Figures.FigureClusterId", Operation: "eq", Value: clusterID}
	return s.queryFiles(ctx, q, token, fields)
}

// queryFiles fetches one SimpleQuery page of files (MaxResults 100, total
// hits on the first page) with fields (nil: all) and merges them into the
// file cache. The call runs with ctx: it is one caller's page, there is
// nothing to share.
func (s *Store) queryFiles(ctx context.Context, q *imm.SimpleQuery, token string, fields []string) (FilePage, error) {
	return s.querySortedFiles(ctx, q, "", "", token, fields)
}

// querySortedFiles is queryFiles in the order of sortBy and order (""
// for the API's).
func (s *Store) querySortedFiles(ctx context.Context, q *imm.SimpleQuery, sortBy, order, token string, fields []string) (FilePage, error) {
	if err := ctx.Err(); err != nil {
		return FilePage{}, err
	}
	// Canonical fields, so the cache records what was really asked for.
	fetched := groupFields((*fileEntry)(nil).missingGroup(fields))
	req := imm.SimpleQueryRequest{
		ProjectName: s.project, DatasetName: s.dataset,
		Query: q, Sort: sortBy, Order: order,
		MaxResults: maxPageSize, NextToken: token,
		WithoutTotalHits: token != "",
	}
	if fetched != nil {
		req.WithFields = append([]string{uriField}, fetched...)
	}
	// Stopped when the caller leaves or the store closes.
	r, err := s.call(ctx, func(c context.Context) (any, error) { return s.api.SimpleQuery(c, req) })
	if err != nil {
		return FilePage{}, err
	}
	resp := r.(*imm.SimpleQueryResponse)
	page := FilePage{NextToken: resp.NextToken, TotalHits: resp.TotalHits, RequestId: resp.RequestId, Token: token}
	got := make(map[string]*imm.File, len(resp.Files))
	var uris []string
	for i := range resp.Files {
		f := resp.Files[i] // a copy: a cached File must not pin the page
		if f.URI == "" || got[f.URI] != nil {
			continue
		}
		got[f.URI] = &f
		uris = append(uris, f.URI)
	}
	merged := s.installFiles(got, fetched)
	for _, u := range uris {
		page.Files = append(page.Files, merged[u])
	}
	return page, nil
}
