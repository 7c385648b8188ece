package emulator_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/search"
)

// Every form of the search language, compiled by package search, sent by
// the real client, must return the files the generated dataset says. The
// expectations are computed here from the dataset, not by the emulator's
// evaluator.

func produced(f imm.File) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, f.ProduceTime)
	return t
}

func anyLabel(f imm.File, ok func(string) bool) bool {
	return slices.ContainsFunc(f.Labels, func(l imm.Label) bool { return ok(l.LabelName) })
}

func anyCity(f imm.File, ok func(string) bool) bool {
	return slices.ContainsFunc(f.Addresses, func(a imm.Address) bool { return ok(a.City) })
}

func hasText(f imm.File, s string) bool {
	in := func(x string) bool { return strings.Contains(strings.ToLower(x), strings.ToLower(s)) }
	for _, o := range f.OCRContents {
		if in(o.Contents) {
			return true
		}
	}
	if f.Insights != nil {
		for _, i := range []*imm.Insight{f.Insights.Image, f.Insights.Video} {
			if i != nil && (in(i.Caption) || in(i.Description)) {
				return true
			}
		}
	}
	return false
}

func eqTo(v string) func(string) bool { return func(s string) bool { return s == v } }

// searchAll pages the compiled query to its end with the real client.
func searchAll(t *testing.T, c *client.Client, text string) []string {
	t.Helper()
	q, err := search.Compile(text, search.Options{Location: dataset.Zone})
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	req := imm.SimpleQueryRequest{ProjectName: dataset.DefaultProject, DatasetName: dataset.DefaultDataset,
		Query: q, MaxResults: 100, WithFields: []string{"URI"}}
	var uris []string
	for range 1000 {
		res, err := c.SimpleQuery(context.Background(), req)
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		for _, f := range res.Files {
			uris = append(uris, f.URI)
		}
		if req.NextToken = res.NextToken; req.NextToken == "" {
			break
		}
		req.WithoutTotalHits = true
	}
	slices.Sort(uris)
	return uris
}

func TestEverySearchFormReturnsTheGroundTruth(t *testing.T) {
	d := dataset.Generate(dataset.Options{Seed: 7})
	r := startTest(t, emulator.Config{Data: d})
	c := newClient(t, r, nil)

	// Values picked from the data, so each case has hits.
	var label, city, mediaType, clusterID, ocrWord, namePrefix string
	for _, f := range d.Files {
		if label == "" && len(f.Labels) > 1 {
			label = f.Labels[1].LabelName
		}
		// A city and media type of a 2024 file, so "type:T city:X date:2024" has hits.
		if city == "" && len(f.Addresses) > 0 && f.MediaType != "" && strings.HasPrefix(f.ProduceTime, "2024") {
			mediaType = f.MediaType
			city = f.Addresses[0].City
		}
		if clusterID == "" && len(f.Figures) > 0 && strings.HasPrefix(f.Figures[0].FigureClusterId, "Cluster-") {
			clusterID = f.Figures[0].FigureClusterId
		}
		if ocrWord == "" && len(f.OCRContents) > 0 && len([]rune(f.OCRContents[0].Contents)) >= 3 {
			ocrWord = string([]rune(f.OCRContents[0].Contents)[:3])
		}
		if namePrefix == "" && strings.HasPrefix(f.Filename, "IMG_") {
			namePrefix = f.Filename[:5]
		}
	}
	cityPrefix := string([]rune(city)[:2])
	y2024 := time.Date(2024, 1, 1, 0, 0, 0, 0, dataset.Zone)
	cases := []struct {
		text string
		want func(f imm.File) bool
	}{
		{"label=" + label, func(f imm.File) bool { return anyLabel(f, eqTo(label)) }},
		{"label:" + string([]rune(label)[:1]) + "*", func(f imm.File) bool {
			return anyLabel(f, func(s string) bool { return strings.HasPrefix(s, string([]rune(label)[:1])) })
		}},
		{"city=" + city, func(f imm.File) bool { return anyCity(f, eqTo(city)) }},
		{"city:" + cityPrefix, func(f imm.File) bool {
			return anyCity(f, func(s string) bool { return strings.HasPrefix(s, cityPrefix) })
		}},
		{"type:video", func(f imm.File) bool { return f.MediaType == "video" }},
		{"size>10MB", func(f imm.File) bool { return f.Size > 10_000_000 }},
		{"size<=1MiB", func(f imm.File) bool { return f.Size <= 1<<20 }},
		{"after:2024-01 before:2024-07", func(f imm.File) bool {
			p := produced(f)
			return f.ProduceTime != "" && !p.Before(y2024) && p.Before(y2024.AddDate(0, 6, 0))
		}},
		{"date:2023", func(f imm.File) bool {
			p := produced(f)
			return f.ProduceTime != "" && !p.Before(y2024.AddDate(-1, 0, 0)) && p.Before(y2024)
		}},
		{"faces>2", func(f imm.File) bool { return f.FigureCount > 2 }},
		{"faces:0 type:image", func(f imm.File) bool { return f.FigureCount == 0 && f.MediaType == "image" }},
		{"status:failed", func(f imm.File) bool { return f.ObjectStatus == "Failed" }},
		{"-status:Indexed", func(f imm.File) bool { return f.ObjectStatus != "Indexed" }},
		{"name:" + namePrefix + "*", func(f imm.File) bool { return strings.HasPrefix(f.Filename, namePrefix) }},
		{"name:" + strings.ToLower(namePrefix[2:]), func(f imm.File) bool {
			return strings.Contains(strings.ToLower(f.Filename), strings.ToLower(namePrefix[2:]))
		}},
		{search.Term("name", d.Files[3].Filename), func(f imm.File) bool { return f.Filename == d.Files[3].Filename }},
		{"cluster:" + clusterID, func(f imm.File) bool {
			return slices.ContainsFunc(f.Figures, func(g imm.Figure) bool { return g.FigureClusterId == clusterID })
		}},
		{"text:" + ocrWord, func(f imm.File) bool { return hasText(f, ocrWord) }},
		{"type:" + mediaType + " city:" + cityPrefix + " date:2024", func(f imm.File) bool {
			p := produced(f)
			return f.MediaType == mediaType && anyCity(f, func(s string) bool { return strings.HasPrefix(s, cityPrefix) }) &&
				f.ProduceTime != "" && !p.Before(y2024) && p.Before(y2024.AddDate(1, 0, 0))
		}},
		{"(type:video or type:audio) -faces>0", func(f imm.File) bool {
			return (f.MediaType == "video" || f.MediaType == "audio") && f.FigureCount == 0
		}},
		{"not (label=" + label + " or status:Failed)", func(f imm.File) bool {
			return !anyLabel(f, eqTo(label)) && f.ObjectStatus != "Failed"
		}},
	}
	for _, tc := range cases {
		var want []string
		for _, f := range d.Files {
			if tc.want(f) {
				want = append(want, f.URI)
			}
		}
		slices.Sort(want)
		if len(want) == 0 || len(want) == len(d.Files) {
			t.Errorf("%s: the data gives %d of %d files, which tests nothing", tc.text, len(want), len(d.Files))
		}
		if got := searchAll(t, c, tc.text); !slices.Equal(got, want) {
			t.Errorf("%s: %d files, want %d", tc.text, len(got), len(want))
		}
	}
}

func TestOverviewAggregationsEqualTheDataset(t *testing.T) {
	d := dataset.Generate(dataset.Options{Seed: 7})
	r := startTest(t, emulator.Config{Data: d})
	c := newClient(t, r, nil)
	one := func(s func(f imm.File) string) func(f imm.File) []string {
		return func(f imm.File) []string { return []string{s(f)} }
	}
	addr := func(s func(a imm.Address) string) func(f imm.File) []string {
		return func(f imm.File) []string {
			var out []string
			for _, a := range f.Addresses {
				out = append(out, s(a))
			}
			return out
		}
	}
	groups := map[string]func(f imm.File) []string{
		"MediaType":    one(func(f imm.File) string { return f.MediaType }),
		"ObjectStatus": one(func(f imm.File) string { return f.ObjectStatus }),
		"ContentType":  one(func(f imm.File) string { return f.ContentType }),
		"Labels.LabelName": func(f imm.File) []string {
			var out []string
			for _, l := range f.Labels {
				out = append(out, l.LabelName)
			}
			return out
		},
		"Addresses.City":     addr(func(a imm.Address) string { return a.City }),
		"Addresses.Country":  addr(func(a imm.Address) string { return a.Country }),
		"Addresses.Province": addr(func(a imm.Address) string { return a.Province }),
	}
	var aggs []imm.Aggregation
	for _, f := range slices.Sorted(maps.Keys(groups)) {
		aggs = append(aggs, imm.Aggregation{Field: f, Operation: "group"})
	}
	aggs = append(aggs, imm.Aggregation{Field: "Size", Operation: "sum"}, imm.Aggregation{Field: "Size", Operation: "max"},
		imm.Aggregation{Field: "Size", Operation: "min"})
	res, err := c.SimpleQuery(context.Background(), imm.SimpleQueryRequest{ProjectName: dataset.DefaultProject,
		DatasetName: dataset.DefaultDataset, Aggregations: aggs, MaxResults: 2000})
	if err != nil {
		t.Fatal(err)
	}
	if res.TotalHits != int64(len(d.Files)) || len(res.Files) != 0 || len(res.Aggregations) != len(aggs) {
		t.Fatalf("TotalHits %d, %d files, %d aggregations", res.TotalHits, len(res.Files), len(res.Aggregations))
	}
	var sum, lo, hi int64 = 0, 1 << 62, 0
	for _, f := range d.Files {
		sum += f.Size
		lo, hi = min(lo, f.Size), max(hi, f.Size)
	}
	for _, a := range res.Aggregations {
		if a.Operation != "group" {
			want := map[string]int64{"sum": sum, "min": lo, "max": hi}[a.Operation]
			if int64(a.Value) != want {
				t.Errorf("%s of Size = %v, want %d", a.Operation, a.Value, want)
			}
			continue
		}
		want := d.FilesPer(groups[a.Field])
		got := map[string]int64{}
		for i, g := range a.Groups {
			got[g.Value] = g.Count
			if i > 0 && g.Count > a.Groups[i-1].Count {
				t.Errorf("%s: groups are not largest first", a.Field)
			}
		}
		if !maps.Equal(got, want) {
			t.Errorf("%s: got %v\nwant %v", a.Field, got, want)
		}
	}
}
