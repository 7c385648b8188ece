package state

import (
	"context"
	"encoding/json"
	"sync"
	"testing"

	"github.com/immtui/immtui/imm"
)

// catalogAPI records the catalog's calls and answers from fixed data.
type catalogAPI struct {
	mu    sync.Mutex
	calls []any
}

func (a *catalogAPI) log(r any) {
	a.mu.Lock()
	a.calls = append(a.calls, r)
	a.mu.Unlock()
}

func (a *catalogAPI) ListProjects(_ context.Context, r imm.ListProjectsRequest) (*imm.ListProjectsResponse, error) {
	a.log(r)
	return &imm.ListProjectsResponse{Projects: []imm.Project{{ProjectName: r.Prefix + "p1"}}, NextToken: "next"}, nil
}

func (a *catalogAPI) ListDatasets(_ context.Context, r imm.ListDatasetsRequest) (*imm.ListDatasetsResponse, error) {
	a.log(r)
	return &imm.ListDatasetsResponse{Datasets: []imm.Dataset{{ProjectName: r.ProjectName, DatasetName: "d1"}}}, nil
}

func (a *catalogAPI) GetProject(_ context.Context, r imm.GetProjectRequest) (*imm.GetProjectResponse, error) {
	a.log(r)
	return &imm.GetProjectResponse{Project: imm.Project{ProjectName: r.ProjectName, DatasetCount: 3, FileCount: 40, TotalFileSize: 5000}}, nil
}

func (a *catalogAPI) QueryFigureClusters(_ context.Context, r imm.QueryFigureClustersRequest) (*imm.QueryFigureClustersResponse, error) {
	a.log(r)
	return &imm.QueryFigureClustersResponse{TotalCount: 77}, nil
}

func TestCatalogPagesAskForIMMsLargestPageWithPrefixAndToken(t *testing.T) {
	api := &catalogAPI{}
	c := NewCatalog(api)
	p, err := c.Projects(context.Background(), "ab", "tok")
	if err != nil || p.Token != "tok" || p.NextToken != "next" || p.Projects[0].ProjectName != "abp1" {
		t.Fatalf("page %+v, %v", p, err)
	}
	d, err := c.Datasets(context.Background(), "abp1", "", "")
	if err != nil || d.Datasets[0].DatasetName != "d1" || d.NextToken != "" {
		t.Fatalf("datasets %+v, %v", d, err)
	}
	want0 := imm.ListProjectsRequest{MaxResults: CatalogPageSize, NextToken: "tok", Prefix: "ab"}
	want1 := imm.ListDatasetsRequest{ProjectName: "abp1", MaxResults: CatalogPageSize}
	if api.calls[0] != want0 || api.calls[1] != want1 {
		t.Fatalf("calls %+v", api.calls)
	}
}

func TestCatalogProjectStatsAreFetchedWithStatisticsOnceAndForgotten(t *testing.T) {
	api := &catalogAPI{}
	c := NewCatalog(api)
	if _, ok := c.CachedProjectStats("p"); ok {
		t.Fatal("cached before any fetch")
	}
	for range 2 {
		s, err := c.ProjectStats(context.Background(), "p")
		if err != nil || s != (ProjectStats{DatasetCount: 3, FileCount: 40, TotalFileSize: 5000}) {
			t.Fatalf("stats %+v, %v", s, err)
		}
	}
	if len(api.calls) != 1 || api.calls[0] != (imm.GetProjectRequest{ProjectName: "p", WithStatistics: true}) {
		t.Fatalf("calls %+v", api.calls)
	}
	if s, ok := c.CachedProjectStats("p"); !ok || s.FileCount != 40 {
		t.Fatalf("cached %+v %v", s, ok)
	}
	c.Forget("p")
	if _, ok := c.CachedProjectStats("p"); ok {
		t.Fatal("still cached after Forget")
	}
}

func TestCatalogClusterCountIsTheTotalOfAPageOfOne(t *testing.T) {
	api := &catalogAPI{}
	c := NewCatalog(api)
	for range 2 {
		if n, err := c.ClusterCount(context.Background(), "p", "d"); err != nil || n != 77 {
			t.Fatalf("count %d, %v", n, err)
		}
	}
	want := imm.QueryFigureClustersRequest{ProjectName: "p", DatasetName: "d", MaxResults: 1, WithTotalCount: true, CoverURIOnly: true}
	if len(api.calls) != 1 {
		t.Fatalf("calls %+v", api.calls)
	}
	if got := api.calls[0].(imm.QueryFigureClustersRequest); got.ProjectName != want.ProjectName || got.MaxResults != 1 || !got.WithTotalCount {
		t.Fatalf("call %+v", got)
	}
	if n, ok := c.CachedClusterCount("p", "d"); !ok || n != 77 {
		t.Fatalf("cached %d %v", n, ok)
	}
	c.Forget("p")
	if _, ok := c.CachedClusterCount("p", "d"); ok {
		t.Fatal("count kept after Forget")
	}
}

func TestWorkflowParametersAreCountedFromTheExtras(t *testing.T) {
	var d imm.Dataset
	if err := json.Unmarshal([]byte(`{"DatasetName":"d","WorkflowParameters":[{"Name":"a"},{"Name":"b"}]}`), &d); err != nil {
		t.Fatal(err)
	}
	if n := WorkflowParameters(&d); n != 2 {
		t.Fatalf("got %d", n)
	}
	if n := WorkflowParameters(&imm.Dataset{DatasetName: "x"}); n != -1 {
		t.Fatalf("none: got %d", n)
	}
}
