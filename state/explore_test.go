package state_test

import (
	"context"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/internal/teststack"
	"github.com/immtui/immtui/search"
	"github.com/immtui/immtui/state"
)

// The explore functions against the emulator with the real client; every
// expectation is computed from the generated dataset here.

func demoStore(t testing.TB, o dataset.Options) (*state.Store, *dataset.Dataset) {
	t.Helper()
	s := teststack.Start(t, teststack.Options{Dataset: o})
	return s.Store, s.Data
}

func counts(g state.Grouping) map[string]int64 {
	out := map[string]int64{}
	for _, x := range g.Groups {
		out[x.Value] = x.Count
	}
	return out
}

func labelsOf(f imm.File) []string {
	var out []string
	for _, l := range f.Labels {
		out = append(out, l.LabelName)
	}
	return out
}

func TestOverviewCountsEqualTheDataset(t *testing.T) {
	s, d := demoStore(t, dataset.Options{Seed: 3})
	before := s.Stats().Calls
	o, err := s.Overview(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n := s.Stats().Calls - before; n != 3 {
		t.Errorf("%d calls, want 3 (statistics, clusters, aggregations)", n)
	}
	var size int64
	for _, f := range d.Files {
		size += f.Size
	}
	n := int64(len(d.Files))
	if o.Dataset.FileCount != n || o.Dataset.TotalFileSize != size || o.Files != n ||
		o.Clusters != int64(len(d.FigureClusters)) || int64(o.TotalSize) != size || o.AverageSize != float64(size)/float64(n) {
		t.Errorf("overview %+v; want %d files, %d bytes, %d clusters", o, n, size, len(d.FigureClusters))
	}
	one := func(get func(f imm.File) string) func(f imm.File) []string {
		return func(f imm.File) []string { return []string{get(f)} }
	}
	city := func(f imm.File) []string {
		var out []string
		for _, a := range f.Addresses {
			out = append(out, a.City)
		}
		return out
	}
	checks := []struct {
		g    state.Grouping
		want map[string]int64
	}{
		{o.MediaTypes, d.FilesPer(one(func(f imm.File) string { return f.MediaType }))},
		{o.Statuses, d.FilesPer(one(func(f imm.File) string { return f.ObjectStatus }))},
		{o.ContentTypes, d.FilesPer(one(func(f imm.File) string { return f.ContentType }))},
		{o.Labels, d.FilesPer(labelsOf)},
		{o.Cities, d.FilesPer(city)},
	}
	for _, c := range checks {
		if got := counts(c.g); !maps.Equal(got, c.want) {
			t.Errorf("%s: %v\nwant %v", c.g.Field, got, c.want)
		}
	}
	if !o.MediaTypes.PerFile || o.Labels.PerFile {
		t.Error("PerFile is wrong")
	}
	// Every group's Search finds exactly its count.
	for _, g := range []state.Group{o.MediaTypes.Groups[0], o.Labels.Groups[0], o.Cities.Groups[0]} {
		q, err := search.Compile(g.Search, search.Options{})
		if err != nil {
			t.Fatal(err)
		}
		page, err := s.Files(context.Background(), state.FilesQuery{Query: q}, "", state.FilesColumns)
		if err != nil || page.TotalHits != g.Count {
			t.Errorf("%s: %d hits (%v), want %d", g.Search, page.TotalHits, err, g.Count)
		}
	}
	snap := o.Snapshot()
	if len(snap.Labels) != len(o.Labels.Groups) || snap.Cities[0].Value != o.Cities.Groups[0].Value {
		t.Error("the snapshot does not hold the overview's values")
	}
}

func TestFilesPagesEveryFileInOrderAndCachesTheColumns(t *testing.T) {
	s, d := demoStore(t, dataset.Options{Seed: 3})
	ctx := context.Background()
	q := state.FilesQuery{Sort: "Size", Order: "asc"}
	var sizes []int64
	token := ""
	for i := 0; ; i++ {
		page, err := s.Files(ctx, q, token, state.FilesColumns)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 && (page.TotalHits != int64(len(d.Files)) || len(page.Files) != 100) {
			t.Fatalf("first page: %d hits, %d files", page.TotalHits, len(page.Files))
		}
		for _, f := range page.Files {
			sizes = append(sizes, f.Size)
			if _, ok := s.CachedFile(f.URI, state.FilesColumns); !ok {
				t.Fatalf("%s is not cached with the columns", f.URI)
			}
		}
		if token = page.NextToken; token == "" {
			break
		}
	}
	if len(sizes) != len(d.Files) || !slices.IsSorted(sizes) {
		t.Errorf("%d files, sorted %v", len(sizes), slices.IsSorted(sizes))
	}
	vq, _ := search.Compile("type:video", search.Options{})
	page, err := s.Files(ctx, state.FilesQuery{Query: vq}, "", state.FilesColumns)
	want := int64(0)
	for _, f := range d.Files {
		if f.MediaType == "video" {
			want++
		}
	}
	if err != nil || page.TotalHits != want || want == 0 {
		t.Errorf("videos: %d (%v), want %d", page.TotalHits, err, want)
	}
}

func TestYearsCountTheFilesOfEachYear(t *testing.T) {
	s, d := demoStore(t, dataset.Options{Seed: 3})
	years, err := s.Years(context.Background(), dataset.Zone)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]int64{}
	for _, f := range d.Files {
		if p, err := time.Parse(time.RFC3339Nano, f.ProduceTime); err == nil {
			want[p.In(dataset.Zone).Year()]++
		}
	}
	got := map[int]int64{}
	for i, y := range years {
		if y.Count > 0 {
			got[y.Year] = y.Count
		}
		if i > 0 && y.Year != years[i-1].Year+1 {
			t.Errorf("years skip from %d to %d", years[i-1].Year, y.Year)
		}
	}
	if len(want) < 2 || !maps.Equal(got, want) {
		t.Errorf("years %v, want %v", got, want)
	}
}

func TestLabelsAreATreeWithCountsInTheUsersLanguageFirst(t *testing.T) {
	s, d := demoStore(t, dataset.Options{Seed: 3})
	roots, err := s.Labels(context.Background(), []string{"en"})
	if err != nil {
		t.Fatal(err)
	}
	want := d.FilesPer(labelsOf)
	parent := map[string]string{}
	for _, f := range d.Files {
		for _, l := range f.Labels {
			parent[l.LabelName] = l.ParentLabelName
		}
	}
	got := map[string]int64{}
	var walk func(ns []*state.LabelNode, above string)
	walk = func(ns []*state.LabelNode, above string) {
		for _, n := range ns {
			got[n.Name] = n.Count
			if n.Parent != parent[n.Name] || (above != "" && n.Parent != above) {
				t.Errorf("%s: parent %q under %q, the data says %q", n.Name, n.Parent, above, parent[n.Name])
			}
			walk(n.Children, n.Name)
		}
	}
	walk(roots, "")
	if !maps.Equal(got, want) {
		t.Errorf("labels %v\nwant %v", got, want)
	}
	if roots[0].Language != "en" || roots[len(roots)-1].Language == "en" {
		t.Errorf("first root %s (%s), last %s (%s)", roots[0].Name, roots[0].Language, roots[len(roots)-1].Name, roots[len(roots)-1].Language)
	}
	if len(roots) == len(want) {
		t.Error("no label has a parent: the tree is flat")
	}
}

func TestPlacesNestCitiesInTheirProvinceAndCountry(t *testing.T) {
	s, d := demoStore(t, dataset.Options{Seed: 3})
	roots, err := s.Places(context.Background(), []string{"zh"})
	if err != nil {
		t.Fatal(err)
	}
	home := map[string]imm.Address{}
	for _, f := range d.Files {
		for _, a := range f.Addresses {
			home[a.City] = a
		}
	}
	cities := d.FilesPer(func(f imm.File) []string {
		var out []string
		for _, a := range f.Addresses {
			if a.Language == "zh-Hans" {
				out = append(out, a.City)
			}
		}
		return out
	})
	got := map[string]int64{}
	for _, c := range roots {
		if c.Kind != "country" || c.Language != "zh-Hans" {
			t.Errorf("root %+v", c)
		}
		for _, p := range c.Children {
			for _, city := range p.Children {
				got[city.Name] = city.Count
				if a := home[city.Name]; a.Province != p.Name || a.Country != c.Name {
					t.Errorf("%s under %s/%s, the data says %s/%s", city.Name, c.Name, p.Name, a.Country, a.Province)
				}
			}
		}
	}
	if len(cities) < 2 || !maps.Equal(got, cities) {
		t.Errorf("cities %v\nwant %v", got, cities)
	}
}
