package state

import (
	"context"
	"math"
	"time"

	"github.com/immtui/immtui/imm"
)

// ClusterRow is one row of the cluster list: what the list shows, without
// the SDK's maps or the cover File (about 120 B plus the strings).
type ClusterRow struct {
	ID, Name, Gender, CoverURI        string
	FaceCount, ImageCount, VideoCount int32
	// CreateOffset and UpdateOffset are the offsets (minutes east of UTC)
	// IMM wrote the times in, so they are shown as IMM sent them. They sit
	// in the padding before the floats: the row is no bigger.
	CreateOffset, UpdateOffset int16
	MinAge, AvgAge, MaxAge     float64
	CreateTime, UpdateTime     int64 // unix seconds (0 if absent)
}

// RowFromCluster keeps what the list needs of a cluster.
func RowFromCluster(c *imm.FigureCluster) ClusterRow {
	r := ClusterRow{
		ID: c.ObjectId, Name: c.Name, Gender: intern(c.Gender),
		FaceCount: clamp32(c.FaceCount), ImageCount: clamp32(c.ImageCount), VideoCount: clamp32(c.VideoCount),
		MinAge: c.MinAge, AvgAge: c.AverageAge, MaxAge: c.MaxAge,
	}
	r.CreateTime, r.CreateOffset = unixSeconds(c.CreateTime)
	r.UpdateTime, r.UpdateOffset = unixSeconds(c.UpdateTime)
	if c.Cover != nil {
		r.CoverURI = c.Cover.URI
	}
	return r
}

// intern shares the few gender values among rows instead of keeping one
// copy per decoded row.
func intern(g string) string {
	switch g {
	case "male":
		return "male"
	case "female":
		return "female"
	case "":
		return ""
	}
	return g
}

func clamp32(v int64) int32 {
	switch {
	case v > math.MaxInt32:
		return math.MaxInt32
	case v < math.MinInt32:
		return math.MinInt32
	}
	return int32(v)
}

// unixSeconds parses IMM's RFC3339Nano times into unix seconds and the
// offset they were written in (minutes east of UTC); anything else is 0
// (absent).
func unixSeconds(t string) (int64, int16) {
	if t == "" {
		return 0, 0
	}
	p, err := time.Parse(time.RFC3339Nano, t)
	if err != nil {
		return 0, 0
	}
	_, off := p.Zone()
	return p.Unix(), int16(off / 60)
}

// ClusterQuery is the order of the cluster list.
type ClusterQuery struct {
	Sort  string // one of imm.SortKeys, or "" for the API default (group ID)
	Order string // "asc" or "desc"
}

// ClusterPage is one page of the cluster list.
type ClusterPage struct {
	Rows       []ClusterRow
	NextToken  string // "" on the last page
	TotalCount int64  // set on the first page only
	RequestId  string
	Query      ClusterQuery
	Token      string // the token the page was fetched with
}

type pageKey struct {
	q     ClusterQuery
	token string
}

// pageCall is one QueryFigureClusters call shared by its waiters.
type pageCall struct {
	waiters int
	done    chan struct{}
	page    ClusterPage
	err     error
	cancel  context.CancelFunc
}

// ClusterPage fetches one page of the list with one QueryFigureClusters call
// (with WithTotalCount on the first page). The same page asked for twice
// while in flight is one call; a waiter whose ctx ends returns at once, and
// the call is cancelled when no waiter is left. The clusters of the page
// fill the cluster cache, so opening one costs no call.
func (s *Store) ClusterPage(ctx context.Context, q ClusterQuery, token string) (ClusterPage, error) {
	if err := s.lockOpen(ctx); err != nil {
		return ClusterPage{}, err
	}
	k := pageKey{q, token}
	c := s.pages[k]
	if c != nil {
		c.waiters++
		s.stats.Coalesced++
	} else {
		var callCtx context.Context
		callCtx, cancel := context.WithCancel(s.root)
		c = &pageCall{waiters: 1, done: make(chan struct{}), cancel: cancel}
		s.pages[k] = c
		s.callStartedLocked()
		s.wg.Add(1)
		go s.runPage(callCtx, k, c)
	}
	s.mu.Unlock()

	select {
	case <-c.done:
		return c.page, c.err
	case <-ctx.Done():
		s.mu.Lock()
		c.waiters--
		if c.waiters == 0 && s.pages[k] == c {
			delete(s.pages, k) // a later request starts a new call
			c.cancel()
		}
		s.mu.Unlock()
		return ClusterPage{}, ctx.Err()
	}
}

func (s *Store) runPage(ctx context.Context, k pageKey, c *pageCall) {
	defer s.wg.Done()
	defer c.cancel()
	resp, err := s.api.QueryFigureClusters(ctx, imm.QueryFigureClustersRequest{
		ProjectName: s.project, DatasetName: s.dataset,
		MaxResults: s.opt.PageSize, NextToken: k.token,
		Sort: k.q.Sort, Order: k.q.Order,
		WithTotalCount: k.token == "",
		// Rows need the cover URI only; the panes fetch its fields.
		CoverURIOnly: true,
	})
	page := ClusterPage{Query: k.q, Token: k.token}
	if err == nil {
		page.NextToken, page.TotalCount, page.RequestId = resp.NextToken, resp.TotalCount, resp.RequestId
		page.Rows = make([]ClusterRow, len(resp.FigureClusters))
		for i := range resp.FigureClusters {
			page.Rows[i] = RowFromCluster(&resp.FigureClusters[i])
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	s.callDoneLocked()
	if s.pages[k] == c {
		delete(s.pages, k)
	}
	if err != nil {
		c.err = s.closedErr(err)
	} else {
		c.page = page
		s.rememberLocked(resp.FigureClusters)
	}
	close(c.done)
}

// rememberLocked puts the clusters of a page into the cluster cache and
// their names into the names index. A page carries each cluster's whole
// Cover File (about 6 KB); the cache keeps only its URI, since the cover's
// fields come through File like any file's. Keeping whole covers made the
// full cluster cache alone 35 MB (perf: BenchmarkMemoryAfterPaging100k).
func (s *Store) rememberLocked(cs []imm.FigureCluster) {
	for i := range cs {
		c := cs[i] // a copy: one cluster must not pin the page
		if c.ObjectId == "" {
			continue
		}
		if c.Cover != nil {
			c.Cover = &imm.File{URI: c.Cover.URI}
		}
		s.clusters.Add(c.ObjectId, &c)
		s.names.Add(c.ObjectId, c.Name)
	}
}
