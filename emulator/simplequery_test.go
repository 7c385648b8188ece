package emulator_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/imm"
)

// q builds a SimpleQuery leaf or logical node.
func q(field, op, value string, subs ...imm.SimpleQuery) imm.SimpleQuery {
	return imm.SimpleQuery{Field: field, Operation: op, Value: value, SubQueries: subs}
}

// queryAll pages a SimpleQuery to the end and returns the URIs in order.
func queryAll(t *testing.T, c *raw, extra map[string]any) ([]string, float64) {
	t.Helper()
	var uris []string
	token, total := "", -1.0
	for range 100 {
		p := ds(map[string]any{"MaxResults": 40, "NextToken": token})
		for k, v := range extra {
			p[k] = v
		}
		a := c.call("SimpleQuery", p)
		if a.Status != 200 {
			t.Fatalf("SimpleQuery %v: %s", extra, a.Raw)
		}
		uris = append(uris, ids(a.list("Files"), "URI")...)
		if th, ok := a.Body["TotalHits"].(float64); ok {
			total = th
		}
		if token = a.str("NextToken"); token == "" {
			return uris, total
		}
	}
	t.Fatal("SimpleQuery never ended")
	return nil, 0
}

// expect lists the test files that pred accepts, in dataset order.
func expect(pred func(i int, f imm.File) bool) []string {
	var out []string
	for i, f := range testData().Files {
		if pred(i, f) {
			out = append(out, f.URI)
		}
	}
	return out
}

func TestSimpleQueryFiltersByAnyFieldPath(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	cases := []struct {
		name  string
		query imm.SimpleQuery
		want  []string
	}{
		{"cluster members (indexed)", q("Figures.FigureClusterId", "eq", testClusterID(4)), expect(func(i int, _ imm.File) bool {
			return i%testClusters == 4 || (i+1)%testClusters == 4
		})},
		{"URI eq", q("URI", "eq", testURI(7)), []string{testURI(7)}},
		{"URI prefix", q("URI", "prefix", "oss://bucket/photos/img-01"), expect(func(i int, _ imm.File) bool { return i >= 10 && i < 20 })},
		{"Filename eq", q("Filename", "eq", "img-100.jpg"), []string{testURI(100)}},
		{"MediaType eq", q("MediaType", "eq", "video"), expect(func(i int, _ imm.File) bool { return i%5 == 0 })},
		{"ContentType eq", q("ContentType", "eq", "image/jpeg"), expect(func(i int, _ imm.File) bool { return i%5 != 0 })},
		{"ObjectStatus problems", q("", "not", "", q("ObjectStatus", "eq", "Indexed")), expect(func(i int, _ imm.File) bool { return i%10 == 3 })},
		{"Labels.LabelName", q("Labels.LabelName", "eq", "Cat"), expect(func(i int, _ imm.File) bool { return i%5 == 1 })},
		{"Size range", q("", "and", "", q("Size", "gte", "50000"), q("Size", "lt", "60000")), expect(func(_ int, f imm.File) bool {
			return f.Size >= 50000 && f.Size < 60000
		})},
		{"Size gt", q("Size", "gt", "99000"), expect(func(_ int, f imm.File) bool { return f.Size > 99000 })},
		{"Size lte", q("Size", "lte", "1000"), expect(func(_ int, f imm.File) bool { return f.Size <= 1000 })},
		{"time compared as time", q("FileModifiedTime", "lt", "2024-01-01T05:00:00Z"), expect(func(i int, _ imm.File) bool { return i < 5 })},
		{"exist", q("Reason", "exist", ""), expect(func(i int, _ imm.File) bool { return i%10 == 3 })},
		{"map key", q("CustomLabels.batch", "eq", "2"), expect(func(i int, _ imm.File) bool { return i%3 == 2 })},
		{"match-phrase", q("OCRTexts", "match-phrase", "number 12 for coffee"), []string{testURI(12)}},
		{"or", q("", "or", "", q("URI", "eq", testURI(1)), q("URI", "eq", testURI(2))), []string{testURI(1), testURI(2)}},
		{"and with index", q("", "and", "", q("Figures.FigureClusterId", "eq", testClusterID(0)), q("MediaType", "eq", "video")),
			expect(func(i int, f imm.File) bool { return (i%25 == 0 || (i+1)%25 == 0) && i%5 == 0 })},
		// Face a is aged i%60 and female for even i; face b is aged 30 and
		// male for even i. nested makes age and gender hold for one face.
		{"nested same element", q("Figures", "nested", "", q("", "and", "", q("Figures.Age", "eq", "30"), q("Figures.Gender", "eq", "male"))),
			expect(func(i int, _ imm.File) bool { return i%2 == 0 })},
		{"unnested across elements", q("", "and", "", q("Figures.Age", "eq", "30"), q("Figures.Gender", "eq", "male")),
			expect(func(int, imm.File) bool { return true })},
		{"nested needs one element", q("Figures", "nested", "", q("", "and", "", q("Figures.Age", "eq", "7"), q("Figures.Gender", "eq", "female"))),
			expect(func(i int, _ imm.File) bool { return false })},
		{"unknown field matches nothing", q("NoSuch.Field", "eq", "x"), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, total := queryAll(t, c, map[string]any{"Query": tc.query})
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %d files %v\nwant %d %v", len(got), short(got), len(tc.want), short(tc.want))
			}
			if int(total) != len(tc.want) && !(len(tc.want) == 0 && total <= 0) {
				t.Errorf("TotalHits %v, want %d", total, len(tc.want))
			}
		})
	}
}

func short(s []string) []string {
	if len(s) > 6 {
		return append(s[:6:6], fmt.Sprintf("...(%d more)", len(s)-6))
	}
	return s
}

func TestSimpleQueryRejectsNestedFieldOutsideItsArray(t *testing.T) {
	r := startTest(t, emulator.Config{})
	a := newRaw(t, r).call("SimpleQuery", ds(map[string]any{"Query": q("Figures", "nested", "", q("Labels.LabelName", "eq", "Cat"))}))
	checkError(t, a, 400, "InvalidArgument", "subfield")
}

func TestSimpleQuerySortsByCommaListsAndTrims(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	got, _ := queryAll(t, c, map[string]any{"Query": q("MediaType", "eq", "video"), "Sort": "Size", "Order": "desc"})
	data := testData().Files
	byURI := map[string]imm.File{}
	for _, f := range data {
		byURI[f.URI] = f
	}
	for i := 1; i < len(got); i++ {
		if byURI[got[i-1]].Size < byURI[got[i]].Size {
			t.Fatalf("not by Size desc at %d", i)
		}
	}
	// Two keys: CustomLabels.batch asc, then Size desc.
	got, _ = queryAll(t, c, map[string]any{"Sort": "CustomLabels.batch,Size", "Order": "asc,desc"})
	if len(got) != testFiles {
		t.Fatalf("%d files", len(got))
	}
	for i := 1; i < len(got); i++ {
		a, b := byURI[got[i-1]], byURI[got[i]]
		ba, bb := a.CustomLabels["batch"].(string), b.CustomLabels["batch"].(string)
		if ba > bb || (ba == bb && a.Size < b.Size) {
			t.Fatalf("order broken at %d: %s/%d then %s/%d", i, ba, a.Size, bb, b.Size)
		}
	}
	a := c.call("SimpleQuery", ds(map[string]any{"Query": q("URI", "prefix", "oss://"), "MaxResults": 3,
		"WithFields": []string{"URI", "Figures"}, "WithoutTotalHits": true}))
	if _, ok := a.Body["TotalHits"]; ok {
		t.Error("TotalHits sent despite WithoutTotalHits")
	}
	for _, f := range a.list("Files") {
		if ks := keysOf(f.(map[string]any)); !slices.Equal(ks, []string{"Figures", "URI"}) {
			t.Errorf("keys %v", ks)
		}
	}
}

func TestSimpleQueryAggregates(t *testing.T) {
	r := startTest(t, emulator.Config{})
	a := newRaw(t, r).call("SimpleQuery", ds(map[string]any{
		"Query": q("MediaType", "eq", "image"),
		"Aggregations": []imm.Aggregation{{Field: "Labels.LabelName", Operation: "group"}, {Field: "Size", Operation: "max"},
			{Field: "Figures.FigureClusterId", Operation: "distinct"}},
	}))
	if a.Status != 200 {
		t.Fatal(string(a.Raw))
	}
	if _, ok := a.Body["Files"]; ok {
		t.Error("Files sent with Aggregations")
	}
	aggs := a.list("Aggregations")
	if len(aggs) != 3 {
		t.Fatalf("aggregations: %s", a.Raw)
	}
	groups := aggs[0].(map[string]any)["Groups"].([]any)
	var names []string
	for _, g := range groups {
		names = append(names, fmt.Sprint(g.(map[string]any)["Value"], "=", g.(map[string]any)["Count"]))
	}
	// MediaType image excludes i%5==0, which is exactly the Person label.
	if strings.Join(names, " ") != "Beach=50 Car=50 Cat=50 Mountain=50" {
		t.Errorf("groups %v", names)
	}
	var maxSize int64
	for i, f := range testData().Files {
		if i%5 != 0 {
			maxSize = max(maxSize, f.Size)
		}
	}
	if v := aggs[1].(map[string]any)["Value"]; v != float64(maxSize) {
		t.Errorf("max Size = %v, want %d", v, maxSize)
	}
	if v := aggs[2].(map[string]any)["Value"]; v != float64(testClusters) {
		t.Errorf("distinct clusters = %v", v)
	}
}
