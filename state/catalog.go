package state

import (
	"context"
	"encoding/json"
	"sync"

	"github.com/hashicorp/golang-lru/v2/simplelru"

	"github.com/immtui/immtui/imm"
)

// The catalog is what the project and dataset pickers read: the account's
// projects and a project's datasets, paged, with the figures that cost a
// call per row (a project's statistics, a dataset's cluster count) cached
// so that scrolling back or returning to the picker costs nothing.

// CatalogAPI is the part of the IMM client the catalog uses.
type CatalogAPI interface {
	ListProjects(ctx context.Context, r imm.ListProjectsRequest) (*imm.ListProjectsResponse, error)
	ListDatasets(ctx context.Context, r imm.ListDatasetsRequest) (*imm.ListDatasetsResponse, error)
	GetProject(ctx context.Context, r imm.GetProjectRequest) (*imm.GetProjectResponse, error)
	QueryFigureClusters(ctx context.Context, r imm.QueryFigureClustersRequest) (*imm.QueryFigureClustersResponse, error)
}

// CatalogPageSize is the rows one list call asks for: IMM's most
// (MaxResults 0-200, docs/emulator.md §3), so hundreds of projects are
// two or three calls and the picker's first frame is one.
const CatalogPageSize = 200

// catalogCache bounds each cache of the catalog (projects' statistics,
// datasets' cluster counts): rows are small, accounts rarely have more.
const catalogCache = 4096

// ProjectPage is one ListProjects page.
type ProjectPage struct {
	Token     string // the token this page was asked with ("" = the first)
	Projects  []imm.Project
	NextToken string // "" = no page left
}

// DatasetPage is one ListDatasets page.
type DatasetPage struct {
	Token     string
	Datasets  []imm.Dataset
	NextToken string
}

// ProjectStats are a project's figures from GetProject WithStatistics.
type ProjectStats struct {
	DatasetCount, FileCount, TotalFileSize int64
}

// Catalog pages projects and datasets and caches their per-row figures.
// Safe for concurrent use; it has no goroutine of its own.
type Catalog struct {
	api CatalogAPI

	mu       sync.Mutex
	stats    *simplelru.LRU[string, ProjectStats]
	clusters *simplelru.LRU[[2]string, int64]
}

// NewCatalog returns a catalog reading through api.
func NewCatalog(api CatalogAPI) *Catalog {
	c := &Catalog{api: api}
	c.stats, _ = simplelru.NewLRU[string, ProjectStats](catalogCache, nil)
	c.clusters, _ = simplelru.NewLRU[[2]string, int64](catalogCache, nil)
	return c
}

// Projects fetches the page after token of the projects whose names start
// with prefix ("" for all), in IMM's order (by name).
func (c *Catalog) Projects(ctx context.Context, prefix, token string) (ProjectPage, error) {
	r, err := c.api.ListProjects(ctx, imm.ListProjectsRequest{MaxResults: CatalogPageSize, NextToken: token, Prefix: prefix})
	if err != nil {
		return ProjectPage{Token: token}, err
	}
	return ProjectPage{Token: token, Projects: r.Projects, NextToken: r.NextToken}, nil
}

// Datasets fetches the page after token of a project's datasets.
func (c *Catalog) Datasets(ctx context.Context, project, prefix, token string) (DatasetPage, error) {
	r, err := c.api.ListDatasets(ctx, imm.ListDatasetsRequest{ProjectName: project, MaxResults: CatalogPageSize, NextToken: token, Prefix: prefix})
	if err != nil {
		return DatasetPage{Token: token}, err
	}
	return DatasetPage{Token: token, Datasets: r.Datasets, NextToken: r.NextToken}, nil
}

// CachedProjectStats is a project's statistics if fetched before; no I/O.
func (c *Catalog) CachedProjectStats(project string) (ProjectStats, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats.Get(project)
}

// ProjectStats fetches (or returns the cached) statistics of a project:
// GetProject with WithStatistics, which IMM computes only on request.
func (c *Catalog) ProjectStats(ctx context.Context, project string) (ProjectStats, error) {
	if s, ok := c.CachedProjectStats(project); ok {
		return s, nil
	}
	r, err := c.api.GetProject(ctx, imm.GetProjectRequest{ProjectName: project, WithStatistics: true})
	if err != nil {
		return ProjectStats{}, err
	}
	s := ProjectStats{DatasetCount: r.Project.DatasetCount, FileCount: r.Project.FileCount, TotalFileSize: r.Project.TotalFileSize}
	c.mu.Lock()
	c.stats.Add(project, s)
	c.mu.Unlock()
	return s, nil
}

// CachedClusterCount is a dataset's cluster count if fetched before.
func (c *Catalog) CachedClusterCount(project, dataset string) (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.clusters.Get([2]string{project, dataset})
}

// ClusterCount is the number of figure clusters of a dataset: IMM's
// Dataset has none, so it is QueryFigureClusters' TotalCount for a page of
// one (docs/emulator.md §3).
func (c *Catalog) ClusterCount(ctx context.Context, project, dataset string) (int64, error) {
	if n, ok := c.CachedClusterCount(project, dataset); ok {
		return n, nil
	}
	r, err := c.api.QueryFigureClusters(ctx, imm.QueryFigureClustersRequest{ProjectName: project, DatasetName: dataset,
		MaxResults: 1, WithTotalCount: true, CoverURIOnly: true})
	if err != nil {
		return 0, err
	}
	c.mu.Lock()
	c.clusters.Add([2]string{project, dataset}, r.TotalCount)
	c.mu.Unlock()
	return r.TotalCount, nil
}

// Forget drops the cached figures of one project (r in the picker).
func (c *Catalog) Forget(project string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stats.Remove(project)
	for _, k := range c.clusters.Keys() {
		if k[0] == project {
			c.clusters.Remove(k)
		}
	}
}

// WorkflowParameters counts a dataset's WorkflowParameters: deprecated in
// the SDK and not modelled (docs/api.md §3), kept in its Extras; -1
// when the dataset has none.
func WorkflowParameters(d *imm.Dataset) int {
	raw, ok := d.Unknown(*d)["WorkflowParameters"]
	if !ok {
		return -1
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		return -1
	}
	return len(list)
}
