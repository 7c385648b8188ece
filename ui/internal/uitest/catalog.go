package uitest

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/state"
)

// FakeCatalog serves generated projects (p-000, p-001, ...) with two
// datasets each, pages of PageSize, and per-row figures that may wait on
// Gate. It records every call.
type FakeCatalog struct {
	PageSize int   // rows per page (0: 200)
	Err      error // returned by Projects and Datasets while set
	// Gate, when set, holds ProjectStats and ClusterCount until it is
	// closed or the call's context ends.
	Gate chan struct{}

	mu       sync.Mutex
	names    []string
	stats    map[string]state.ProjectStats
	counts   map[[2]string]int64
	pages    []string // "projects TOKEN" / "datasets PROJECT TOKEN"
	figures  []FigureCall
	inflight int
}

// FigureCall is one ProjectStats or ClusterCount call.
type FigureCall struct {
	Key string
	Ctx context.Context
}

// NewFakeCatalog has n projects.
func NewFakeCatalog(n int) *FakeCatalog {
	c := &FakeCatalog{stats: map[string]state.ProjectStats{}, counts: map[[2]string]int64{}}
	for i := range n {
		c.names = append(c.names, fmt.Sprintf("p-%03d", i))
	}
	return c
}

func (c *FakeCatalog) page(token string, size int) (from, to int, next string) {
	if size == 0 {
		size = 200
	}
	fmt.Sscan(token, &from)
	to = min(from+size, len(c.names))
	if to < len(c.names) {
		next = fmt.Sprint(to)
	}
	return from, to, next
}

func (c *FakeCatalog) Projects(ctx context.Context, prefix, token string) (state.ProjectPage, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages = append(c.pages, "projects "+token)
	if c.Err != nil {
		return state.ProjectPage{Token: token}, c.Err
	}
	from, to, next := c.page(token, c.PageSize)
	out := state.ProjectPage{Token: token, NextToken: next}
	for _, n := range c.names[from:to] {
		if strings.HasPrefix(n, prefix) {
			out.Projects = append(out.Projects, imm.Project{ProjectName: n, CreateTime: "2024-05-01T10:00:00+08:00", Description: "project " + n})
		}
	}
	return out, nil
}

func (c *FakeCatalog) Datasets(ctx context.Context, project, prefix, token string) (state.DatasetPage, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages = append(c.pages, "datasets "+project+" "+token)
	if c.Err != nil {
		return state.DatasetPage{Token: token}, c.Err
	}
	return state.DatasetPage{Token: token, Datasets: []imm.Dataset{
		{ProjectName: project, DatasetName: "photos", FileCount: 1200, TotalFileSize: 3 << 30, TemplateId: "Official:AllFunction", UpdateTime: "2024-06-01T10:00:00+08:00"},
		{ProjectName: project, DatasetName: "scans", FileCount: 40, TotalFileSize: 5 << 20, TemplateId: "Official:ImageManagement", UpdateTime: "2024-06-02T10:00:00+08:00"},
	}}, nil
}

func (c *FakeCatalog) wait(ctx context.Context, key string) error {
	c.mu.Lock()
	c.figures = append(c.figures, FigureCall{Key: key, Ctx: ctx})
	gate := c.Gate
	c.inflight++
	c.mu.Unlock()
	defer func() { c.mu.Lock(); c.inflight--; c.mu.Unlock() }()
	if gate == nil {
		return nil
	}
	select {
	case <-gate:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *FakeCatalog) ProjectStats(ctx context.Context, project string) (state.ProjectStats, error) {
	if err := c.wait(ctx, project); err != nil {
		return state.ProjectStats{}, err
	}
	s := state.ProjectStats{DatasetCount: 2, FileCount: 1240, TotalFileSize: 3<<30 + 5<<20}
	c.mu.Lock()
	c.stats[project] = s
	c.mu.Unlock()
	return s, nil
}

func (c *FakeCatalog) CachedProjectStats(project string) (state.ProjectStats, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.stats[project]
	return s, ok
}

func (c *FakeCatalog) ClusterCount(ctx context.Context, project, dataset string) (int64, error) {
	if err := c.wait(ctx, project+"/"+dataset); err != nil {
		return 0, err
	}
	c.mu.Lock()
	c.counts[[2]string{project, dataset}] = 17
	c.mu.Unlock()
	return 17, nil
}

func (c *FakeCatalog) CachedClusterCount(project, dataset string) (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.counts[[2]string{project, dataset}]
	return n, ok
}

func (c *FakeCatalog) Forget(project string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.stats, project)
}

// Pages are the list calls so far.
func (c *FakeCatalog) Pages() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.pages...)
}

// Figures are the per-row calls so far.
func (c *FakeCatalog) Figures() []FigureCall {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]FigureCall(nil), c.figures...)
}

// InFlight is the number of per-row calls running.
func (c *FakeCatalog) InFlight() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.inflight
}
