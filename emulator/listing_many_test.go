package emulator_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/immtui/immtui/imm"
)

// projectPages pages ListProjects to the end and returns the names and
// the size of each page.
func projectPages(t *testing.T, list func(imm.ListProjectsRequest) (*imm.ListProjectsResponse, error), req imm.ListProjectsRequest) (names []string, sizes []int) {
	t.Helper()
	for range 100 {
		page, err := list(req)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range page.Projects {
			names = append(names, p.ProjectName)
		}
		sizes = append(sizes, len(page.Projects))
		if page.NextToken == "" {
			return names, sizes
		}
		req.NextToken = page.NextToken
	}
	t.Fatal("ListProjects never ended")
	return nil, nil
}

func expectedNames(n int, name func(int) string, keep func(string) bool) []string {
	var out []string
	for i := range n {
		if s := name(i); keep(s) {
			out = append(out, s)
		}
	}
	return out
}

func TestListProjectsPagesAndFiltersThreeHundredProjects(t *testing.T) {
	r := startMany(t, nil)
	c := clientAs(t, r, fullKey, fullSecret, nil)
	ctx := context.Background()
	list := func(req imm.ListProjectsRequest) (*imm.ListProjectsResponse, error) { return c.ListProjects(ctx, req) }
	all := expectedNames(manyProjects, manyProject, func(string) bool { return true })

	cases := []struct {
		name      string
		req       imm.ListProjectsRequest
		want      []string
		wantSizes []int
	}{
		{"default page size", imm.ListProjectsRequest{}, all, []int{100, 100, 100}},
		{"at most 200", imm.ListProjectsRequest{MaxResults: 200}, all, []int{200, 100}},
		{"small pages", imm.ListProjectsRequest{MaxResults: 7}, all, nil},
		{"prefix", imm.ListProjectsRequest{Prefix: "proj-1", MaxResults: 30},
			expectedNames(manyProjects, manyProject, func(s string) bool { return strings.HasPrefix(s, "proj-1") }), []int{30, 30, 30, 10}},
		{"narrow prefix", imm.ListProjectsRequest{Prefix: "proj-29"},
			expectedNames(manyProjects, manyProject, func(s string) bool { return strings.HasPrefix(s, "proj-29") }), []int{10}},
		{"exact page", imm.ListProjectsRequest{Prefix: "proj-2", MaxResults: 100},
			expectedNames(manyProjects, manyProject, func(s string) bool { return strings.HasPrefix(s, "proj-2") }), []int{100}},
		{"no match", imm.ListProjectsRequest{Prefix: "zzz"}, nil, []int{0}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			names, sizes := projectPages(t, list, tc.req)
			if !slices.Equal(names, tc.want) {
				t.Errorf("got %d names (%v...), want %d", len(names), names[:min(3, len(names))], len(tc.want))
			}
			if tc.wantSizes != nil && !slices.Equal(sizes, tc.wantSizes) {
				t.Errorf("page sizes %v, want %v", sizes, tc.wantSizes)
			}
		})
	}

	_, err := c.ListProjects(ctx, imm.ListProjectsRequest{MaxResults: 201})
	clientError(t, r, err, imm.KindInvalidArgument, "InvalidArgument")
	first, err := c.ListProjects(ctx, imm.ListProjectsRequest{Prefix: "proj-1", MaxResults: 5})
	if err != nil {
		t.Fatal(err)
	}
	// A token belongs to its listing: another prefix is refused.
	_, err = c.ListProjects(ctx, imm.ListProjectsRequest{Prefix: "proj-2", NextToken: first.NextToken})
	clientError(t, r, err, imm.KindInvalidArgument, "InvalidArgument")
}

func TestListDatasetsPagesAndFiltersTwoHundredFiftyDatasets(t *testing.T) {
	r := startMany(t, nil)
	c := clientAs(t, r, fullKey, fullSecret, nil)
	ctx := context.Background()
	pages := func(req imm.ListDatasetsRequest) (names []string, sizes []int) {
		for range 100 {
			page, err := c.ListDatasets(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range page.Datasets {
				if d.ProjectName != req.ProjectName {
					t.Fatalf("dataset %s of project %s in %s's list", d.DatasetName, d.ProjectName, req.ProjectName)
				}
				names = append(names, d.DatasetName)
			}
			sizes = append(sizes, len(page.Datasets))
			if page.NextToken == "" {
				return names, sizes
			}
			req.NextToken = page.NextToken
		}
		t.Fatal("ListDatasets never ended")
		return nil, nil
	}
	all := expectedNames(manyDatasets, manyDataset, func(string) bool { return true })
	if names, sizes := pages(imm.ListDatasetsRequest{ProjectName: manyProject(0)}); !slices.Equal(names, all) || !slices.Equal(sizes, []int{100, 100, 50}) {
		t.Errorf("default pages: %d names, sizes %v", len(names), sizes)
	}
	if names, sizes := pages(imm.ListDatasetsRequest{ProjectName: manyProject(0), MaxResults: 200}); !slices.Equal(names, all) || !slices.Equal(sizes, []int{200, 50}) {
		t.Errorf("200 a page: %d names, sizes %v", len(names), sizes)
	}
	want := expectedNames(manyDatasets, manyDataset, func(s string) bool { return strings.HasPrefix(s, "ds-2") })
	if names, sizes := pages(imm.ListDatasetsRequest{ProjectName: manyProject(0), Prefix: "ds-2", MaxResults: 40}); !slices.Equal(names, want) || !slices.Equal(sizes, []int{40, 10}) {
		t.Errorf("prefix: %d names, sizes %v", len(names), sizes)
	}
	if names, _ := pages(imm.ListDatasetsRequest{ProjectName: manyProject(1)}); !slices.Equal(names, []string{"photos"}) {
		t.Errorf("proj-001: %v", names)
	}
	// A token of one project's listing does not page another's.
	first, err := c.ListDatasets(ctx, imm.ListDatasetsRequest{ProjectName: manyProject(0), MaxResults: 3})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListDatasets(ctx, imm.ListDatasetsRequest{ProjectName: manyProject(1), NextToken: first.NextToken})
	clientError(t, r, err, imm.KindInvalidArgument, "InvalidArgument")
}

func TestStatisticsOfProjectsAndDatasets(t *testing.T) {
	r := startMany(t, nil)
	c := clientAs(t, r, fullKey, fullSecret, nil)
	ctx := context.Background()
	var size int64
	for i := range statsFiles {
		size += int64(1000 + i)
	}
	p0, err := c.GetProject(ctx, imm.GetProjectRequest{ProjectName: manyProject(0), WithStatistics: true})
	if err != nil || p0.Project.DatasetCount != manyDatasets || p0.Project.FileCount != 0 {
		t.Fatalf("proj-000: %+v %v", p0, err)
	}
	p1, err := c.GetProject(ctx, imm.GetProjectRequest{ProjectName: manyProject(1), WithStatistics: true})
	if err != nil || p1.Project.DatasetCount != 1 || p1.Project.FileCount != statsFiles || p1.Project.TotalFileSize != size {
		t.Fatalf("proj-001: %+v %v", p1, err)
	}
	d, err := c.GetDataset(ctx, imm.GetDatasetRequest{ProjectName: manyProject(1), DatasetName: "photos", WithStatistics: true})
	if err != nil || d.Dataset.FileCount != statsFiles || d.Dataset.TotalFileSize != size || d.Dataset.TemplateId != "Official:ImageManagement" {
		t.Fatalf("photos: %+v %v", d, err)
	}
	// Without WithStatistics the counts are what the data says (none here).
	d, err = c.GetDataset(ctx, imm.GetDatasetRequest{ProjectName: manyProject(1), DatasetName: "photos"})
	if err != nil || d.Dataset.FileCount != 0 {
		t.Fatalf("photos without statistics: %+v %v", d, err)
	}
}
