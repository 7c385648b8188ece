// Package uitest holds test doubles for the browser's tests: an in-memory
// Data that records every call, stand-in panes, and a driver that runs a
// model's commands synchronously.
package uitest

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/state"
)

// PageCall records one ClusterPage request.
type PageCall struct {
	Query state.ClusterQuery
	Token string
}

// FileCall records one File or RefreshFile request.
type FileCall struct {
	URI     string
	Fields  []string
	Refresh bool
}

// Fake is an in-memory Data. Its methods answer at once (ClusterFiles can
// be held with MemberGate).
type Fake struct {
	mu       sync.Mutex
	Rows     []state.ClusterRow
	PageSize int
	Clusters map[string]*imm.FigureCluster
	FileMap  map[string]*imm.File // the files by URI
	// Errors to return: page requests, cluster requests and file requests
	// fail with them while set.
	PageErr, ClusterErr, FileErr error
	// MemberErr fails ClusterFiles while set; MemberPageSize is its page
	// size (0: 100); MemberGate, when set, holds each call until a value
	// arrives on it or its context ends.
	MemberErr      error
	MemberPageSize int
	MemberGate     chan struct{}
	// ProblemErr, ProblemPageSize and ProblemGate do the same for
	// ProblemFiles.
	ProblemErr      error
	ProblemPageSize int
	ProblemGate     chan struct{}
	// ProblemFilterIgnored makes ProblemFiles answer every file, Indexed
	// too, as a server that ignored the query's filter would.
	ProblemFilterIgnored bool
	Proj, Data           string

	PageCalls    []PageCall
	ClusterCalls []string
	FileCalls    []FileCall
	MemberCalls  []MemberCall
	ProblemCalls []ProblemCall
	fetched      map[string]map[string]bool // uri -> fields fetched ("*": all)
	stats        state.Stats
	explore      *ExploreData // see Explore
}

// NewFake makes a dataset of n clusters named with CJK and Latin names;
// every third has no name, every fifth no cover.
func NewFake(n int) *Fake {
	f := &Fake{PageSize: 100, Clusters: map[string]*imm.FigureCluster{}, FileMap: map[string]*imm.File{},
		Proj: "demo-project", Data: "demo-dataset", fetched: map[string]map[string]bool{}}
	names := []string{"张伟", "王芳", "Alice Martin", "李娜", "José Ñúñez", "陈静静", "Bob"}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("Cluster-%04d-a1b2c3d4e5f6", i)
		r := state.ClusterRow{
			ID: id, Gender: []string{"male", "female"}[i%2],
			FaceCount: int32(100 - i%97), ImageCount: int32(80 - i%61), VideoCount: int32(i % 7),
			MinAge: float64(20 + i%10), AvgAge: float64(30 + i%10), MaxAge: float64(40 + i%10),
			CreateTime: 1700000000 + int64(i)*3600, UpdateTime: 1710000000 + int64(i)*60,
		}
		if i%3 != 2 {
			r.Name = names[i%len(names)] + strconv.Itoa(i)
		}
		if i%5 != 4 {
			r.CoverURI = fmt.Sprintf("oss://demo-bucket/photos/%04d.jpg", i)
		}
		f.Rows = append(f.Rows, r)
	}
	return f
}

// AddCluster registers the full cluster and its cover file for row i.
func (f *Fake) AddCluster(i int) *imm.FigureCluster {
	r := f.Rows[i]
	c := &imm.FigureCluster{
		ObjectId: r.ID, Name: r.Name, Gender: r.Gender, FaceCount: int64(r.FaceCount),
		ImageCount: int64(r.ImageCount), VideoCount: int64(r.VideoCount), MinAge: r.MinAge,
		AverageAge: r.AvgAge, MaxAge: r.MaxAge, CreateTime: "2024-01-02T03:04:05Z",
		UpdateTime: "2024-03-04T05:06:07Z", MetaLockVersion: 7,
		CustomLabels: map[string]any{"reviewed": "yes", "team": "qa"},
	}
	if r.CoverURI != "" {
		c.Cover = &imm.File{URI: r.CoverURI}
		f.FileMap[r.CoverURI] = &imm.File{URI: r.CoverURI, Filename: r.CoverURI[strings.LastIndex(r.CoverURI, "/")+1:],
			MediaType: "image", ImageWidth: 1920, ImageHeight: 1080, Size: 123456}
	}
	f.Clusters[r.ID] = c
	return c
}

func (f *Fake) sorted(q state.ClusterQuery) []state.ClusterRow {
	rows := append([]state.ClusterRow(nil), f.Rows...)
	less := func(a, b *state.ClusterRow) bool { return a.ID < b.ID }
	switch q.Sort {
	case "FaceCount":
		less = func(a, b *state.ClusterRow) bool { return a.FaceCount < b.FaceCount }
	case "ImageCount":
		less = func(a, b *state.ClusterRow) bool { return a.ImageCount < b.ImageCount }
	case "VideoCount":
		less = func(a, b *state.ClusterRow) bool { return a.VideoCount < b.VideoCount }
	case "UpdateTime":
		less = func(a, b *state.ClusterRow) bool { return a.UpdateTime < b.UpdateTime }
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if q.Order == "desc" {
			return less(&rows[j], &rows[i])
		}
		return less(&rows[i], &rows[j])
	})
	return rows
}

// ClusterPage serves PageSize rows after token (an offset).
func (f *Fake) ClusterPage(ctx context.Context, q state.ClusterQuery, token string) (state.ClusterPage, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.PageCalls = append(f.PageCalls, PageCall{q, token})
	f.stats.Calls++
	if f.PageErr != nil {
		return state.ClusterPage{}, f.PageErr
	}
	if err := ctx.Err(); err != nil {
		return state.ClusterPage{}, err
	}
	off, _ := strconv.Atoi(token)
	rows := f.sorted(q)
	end := min(off+f.PageSize, len(rows))
	p := state.ClusterPage{Rows: rows[off:end], TotalCount: int64(len(rows)), Query: q, Token: token,
		RequestId: "RID-PAGE-" + token}
	if end < len(rows) {
		p.NextToken = strconv.Itoa(end)
	}
	return p, nil
}

// Cluster returns the registered cluster.
func (f *Fake) Cluster(ctx context.Context, id string) (*imm.FigureCluster, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ClusterCalls = append(f.ClusterCalls, id)
	f.stats.Calls++
	if f.ClusterErr != nil {
		return nil, f.ClusterErr
	}
	c, ok := f.Clusters[id]
	if !ok {
		return nil, &imm.Error{Kind: imm.KindNotFound, Code: "ResourceNotFound", Message: "cluster " + id + " not found", RequestId: "RID-NF"}
	}
	return c, nil
}

// CachedCluster never hits: every view asks.
func (f *Fake) CachedCluster(id string) (*imm.FigureCluster, bool) { return nil, false }

// RefreshCluster is Cluster.
func (f *Fake) RefreshCluster(ctx context.Context, id string) (*imm.FigureCluster, error) {
	return f.Cluster(ctx, id)
}

// ClusterName knows registered clusters.
func (f *Fake) ClusterName(id string) (string, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if c, ok := f.Clusters[id]; ok && c.Name != "" {
		return c.Name, true
	}
	return "", false
}

func fieldKey(fields []string) []string {
	if fields == nil {
		return []string{"*"}
	}
	return fields
}

// File records the call and remembers which fields were fetched.
func (f *Fake) File(ctx context.Context, uri string, fields []string) (*imm.File, error) {
	return f.file(uri, fields, false)
}

// RefreshFile is File, recorded as a refresh.
func (f *Fake) RefreshFile(ctx context.Context, uri string, fields []string) (*imm.File, error) {
	return f.file(uri, fields, true)
}

func (f *Fake) file(uri string, fields []string, refresh bool) (*imm.File, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.FileCalls = append(f.FileCalls, FileCall{uri, fields, refresh})
	f.stats.Calls++
	if f.FileErr != nil {
		return nil, f.FileErr
	}
	file, ok := f.FileMap[uri]
	if !ok {
		return nil, &imm.Error{Kind: imm.KindNotFound, Code: "ResourceNotFound", Message: "file not found", RequestId: "RID-F"}
	}
	if f.fetched[uri] == nil {
		f.fetched[uri] = map[string]bool{}
	}
	for _, k := range fieldKey(fields) {
		f.fetched[uri][k] = true
	}
	return file, nil
}

// CachedFile hits when every field was fetched before.
func (f *Fake) CachedFile(uri string, fields []string) (*imm.File, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	got := f.fetched[uri]
	if got == nil {
		return nil, false
	}
	for _, k := range fieldKey(fields) {
		if !got[k] && !got["*"] {
			return nil, false
		}
	}
	f.stats.CacheHits++
	return f.FileMap[uri], true
}

// Stats counts calls.
func (f *Fake) Stats() state.Stats {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.stats
}

// Project and Dataset name the fake dataset.
func (f *Fake) Project() string { return f.Proj }
func (f *Fake) Dataset() string { return f.Data }

// Pages returns a copy of the page calls.
func (f *Fake) Pages() []PageCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]PageCall(nil), f.PageCalls...)
}

// FileRequests returns a copy of the file calls.
func (f *Fake) FileRequests() []FileCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]FileCall(nil), f.FileCalls...)
}
