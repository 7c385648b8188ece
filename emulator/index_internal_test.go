package emulator

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/search"
)

// indexTestEntry is a generated dataset plus files made to trip an
// index: empty values, a value twice on one file, no values, case and
// parameters in a MIME type, unknown keys kept in Extras.
func indexTestEntry(t *testing.T, files int) *datasetEntry {
	t.Helper()
	d := dataset.Generate(dataset.Options{Seed: 7, Clusters: 30, Files: files})
	odd := []string{
		`{"URI":"oss://odd/1","Labels":[{"LabelName":""},{"LabelName":"狗"},{"LabelName":"狗"}],
		  "Figures":[{"FigureClusterId":""},{"FigureClusterId":"odd-cluster"}],"Addresses":[{"City":""},{"City":"杭州市","Province":"浙江省"}]}`,
		`{"URI":"oss://odd/2","MediaType":"Video","ContentType":"image/jpeg; q=1","ObjectStatus":"","Labels":[]}`,
		`{"URI":"oss://odd/3","Labels":[{"LabelName":"猫","Unknown":1}],"MediaType":"image","Extra":{"LabelName":"狗"},
		  "Addresses":[{"Country":"中国","Province":"浙江省"},{"Country":"China","Province":"Zhejiang","City":"Hangzhou"}]}`,
	}
	for _, s := range odd {
		var f imm.File
		if err := json.Unmarshal([]byte(s), &f); err != nil {
			t.Fatal(err)
		}
		d.Files = append(d.Files, f)
	}
	st, err := newStore(sourceOf(d))
	if err != nil {
		t.Fatal(err)
	}
	de, e := st.dataset(dataset.DefaultProject, dataset.DefaultDataset)
	if e != nil {
		t.Fatal(e)
	}
	return de
}

func TestIndexAccessorsReadWhatWalkReaches(t *testing.T) {
	de := indexTestEntry(t, 300)
	for _, field := range indexedFields {
		path := strings.Split(field.path, ".")
		for i, f := range de.files {
			var walked, read []string
			walk(reflect.ValueOf(f).Elem(), path, false, func(v reflect.Value) bool {
				if v.Kind() != reflect.String {
					t.Fatalf("%s on file %d reaches a %s", field.path, i, v.Kind())
				}
				walked = append(walked, v.String())
				return false
			})
			field.values(f, func(s string) { read = append(read, s) })
			if !slices.Equal(walked, read) {
				t.Fatalf("%s on file %d: walk reaches %q, the index reads %q", field.path, i, walked, read)
			}
		}
	}
}

// queryGen makes random SimpleQuery trees over the indexed fields (with
// values the data holds, prefixes of them, absent and empty values) mixed
// with unindexed conditions, and search-language texts.
type queryGen struct {
	r      *rand.Rand
	values map[string][]string // field -> values seen, plus "" and an absent one
}

func newQueryGen(de *datasetEntry, seed uint64) *queryGen {
	g := &queryGen{r: rand.New(rand.NewPCG(seed, 1)), values: map[string][]string{}}
	for _, field := range indexedFields {
		seen := map[string]bool{"": true, "absent-值": true}
		for _, f := range de.files {
			field.values(f, func(s string) { seen[s] = true })
		}
		for v := range seen {
			g.values[field.path] = append(g.values[field.path], v)
		}
		slices.Sort(g.values[field.path])
	}
	return g
}

func (g *queryGen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// value is a value of field, or a prefix of one (by runes or, rarely, by
// bytes, which may cut a character).
func (g *queryGen) value(field string, prefix bool) string {
	v := g.pick(g.values[field])
	if !prefix || v == "" {
		return v
	}
	if g.r.IntN(8) == 0 {
		return v[:g.r.IntN(len(v)+1)]
	}
	rs := []rune(v)
	return string(rs[:g.r.IntN(len(rs)+1)])
}

// nestedFields are the arrays nested applies to, with subfields.
var nestedFields = map[string][]string{
	"Labels":    {"Labels.LabelName", "Labels.ParentLabelName", "Labels.Language"},
	"Addresses": {"Addresses.City", "Addresses.Province", "Addresses.Country", "Addresses.District"},
	"Figures":   {"Figures.FigureClusterId", "Figures.Gender"},
}

func (g *queryGen) leaf(nestedIn string) imm.SimpleQuery {
	var field string
	if nestedIn != "" {
		field = g.pick(nestedFields[nestedIn])
	} else if g.r.IntN(4) == 0 {
		// Unindexed conditions, and spellings no index may take.
		unindexed := []imm.SimpleQuery{
			{Field: "Filename", Operation: "match-phrase", Value: g.pick([]string{"img", "a", "mov", "0"})},
			{Field: "Size", Operation: g.pick([]string{"gt", "lt"}), Value: g.pick([]string{"100000", "2000000"})},
			{Field: "ProduceTime", Operation: "gte", Value: "2024-03-01T00:00:00+08:00"},
			{Field: "FigureCount", Operation: "eq", Value: g.pick([]string{"0", "1", "2"})},
			{Field: "Labels.LabelName", Operation: "exist"},
			{Field: "labels.labelname", Operation: "eq", Value: g.value("Labels.LabelName", false)},
			{Field: "Labels.LabelName", Operation: "match-phrase", Value: g.value("Labels.LabelName", true)},
			{Field: "MediaType", Operation: "gte", Value: "image"},
			{Field: "URI", Operation: "eq", Value: g.pick([]string{"oss://odd/1", "oss://odd/3", "oss://none"})},
		}
		return unindexed[g.r.IntN(len(unindexed))]
	} else {
		field = indexedFields[g.r.IntN(len(indexedFields))].path
	}
	op := g.pick([]string{"eq", "eq", "prefix", "EQ", "Prefix"})
	if _, indexed := g.values[field]; !indexed {
		return imm.SimpleQuery{Field: field, Operation: g.pick([]string{"eq", "prefix", "exist"}), Value: g.pick([]string{"", "en", "zh", "male", "西"})}
	}
	return imm.SimpleQuery{Field: field, Operation: op, Value: g.value(field, strings.EqualFold(op, "prefix"))}
}

// tree is a random condition at most levels deep.
func (g *queryGen) tree(levels int, nestedIn string) imm.SimpleQuery {
	if levels <= 1 || g.r.IntN(3) == 0 {
		return g.leaf(nestedIn)
	}
	ops := []string{"and", "or", "not", "and", "or"}
	if nestedIn == "" {
		ops = append(ops, "nested")
	}
	op := g.pick(ops)
	q := imm.SimpleQuery{Operation: op}
	inner := nestedIn
	if op == "nested" {
		keys := []string{"Labels", "Addresses", "Figures"}
		q.Field = keys[g.r.IntN(len(keys))]
		inner = q.Field
	}
	for range 1 + g.r.IntN(4) {
		q.SubQueries = append(q.SubQueries, g.tree(levels-1, inner))
	}
	return q
}

// text is a random query in the search language.
func (g *queryGen) text() string {
	quote := func(v string) string { return `"` + strings.ReplaceAll(v, `"`, `\"`) + `"` }
	term := func() string {
		switch g.r.IntN(14) {
		case 0:
			return "label:" + quote(g.value("Labels.LabelName", false))
		case 1:
			if v := g.value("Labels.LabelName", true); v != "" && !strings.ContainsAny(v, "*\" ()") {
				return "label:" + v + "*"
			}
			return "label=" + quote(g.value("Labels.LabelName", false))
		case 2:
			return "city:" + quote(g.value("Addresses.City", true))
		case 3:
			return "city=" + quote(g.value("Addresses.City", false))
		case 4:
			return "province:" + quote(g.value("Addresses.Province", true))
		case 5:
			return "country=" + quote(g.value("Addresses.Country", false))
		case 6:
			return "type:" + g.pick(search.MediaTypes)
		case 7:
			return g.pick([]string{"mime:image/*", "mime:video/*", "mime:" + quote(g.value("ContentType", false))})
		case 8:
			return "status:" + g.pick([]string{"failed", "Indexed", "processing"})
		case 9:
			return "cluster:" + quote(g.value("Figures.FigureClusterId", false))
		case 10:
			return g.pick([]string{"name:IMG_*", "size>1MB", "after:2024-03", "date:2024", "faces>1"})
		case 11:
			return g.pick([]string{"text:猫", "text:会议"})
		case 12:
			return quote(g.value("Labels.LabelName", false)) // a bare word
		}
		return "district:" + quote(g.value("Addresses.City", true))
	}
	var b strings.Builder
	for i := range 1 + g.r.IntN(3) {
		if i > 0 {
			b.WriteString(g.pick([]string{" ", " ", " or ", " and "}))
		}
		if g.r.IntN(5) == 0 {
			b.WriteString("-")
		}
		if g.r.IntN(5) == 0 {
			fmt.Fprintf(&b, "(%s or %s)", term(), term())
		} else {
			b.WriteString(term())
		}
	}
	return b.String()
}

// TestIndexedQueriesAnswerAsTheScan is the property the indexes promise:
// for random queries, the files and their order are those of testing
// every file, with and without a sort, whether or not an index took part.
func TestIndexedQueriesAnswerAsTheScan(t *testing.T) {
	de := indexTestEntry(t, 400)
	g := newQueryGen(de, 42)
	live := func() *deadlineCheck { return &deadlineCheck{ctx: context.Background()} }
	sorts := [][]sortSpec{nil, {{path: []string{"Size"}, desc: true}}, {{path: []string{"ProduceTime"}}, {path: []string{"Filename"}}}}
	trees, texts := 700, 400
	if testing.Short() {
		trees, texts = 150, 100
	}
	var queries []imm.SimpleQuery
	for range trees {
		queries = append(queries, g.tree(1+g.r.IntN(4), ""))
	}
	compiled := 0
	for range texts {
		text := g.text()
		q, err := search.Compile(text, search.Options{Location: time.UTC})
		if err != nil || q == nil {
			continue
		}
		compiled++
		queries = append(queries, *q)
	}
	if compiled < texts/2 {
		t.Fatalf("only %d of %d texts compiled: the generator makes bad texts", compiled, texts)
	}
	planned, exact, nonEmpty := 0, 0, 0
	for n, q := range queries {
		root, e := compileQuery(q)
		if e != nil {
			t.Fatalf("query %d does not compile: %v\n%s", n, e.Message, search.JSON(&q))
		}
		p := planner{de: de, stop: live()}
		if pl := p.plan(root, false); pl.ok {
			planned++
			if pl.rest == nil {
				exact++
			}
		}
		specs := sorts[n%len(sorts)]
		want, ok := de.filter(root, live(), false)
		if !ok || (len(specs) > 0 && !de.sortFiles(want, specs, live())) {
			t.Fatal("the scan stopped under no deadline")
		}
		got, ok := de.search(root, specs, fmt.Sprint("q", n), live())
		if !ok {
			t.Fatal("the indexed search stopped under no deadline")
		}
		if len(want) > 0 {
			nonEmpty++
		}
		if !slices.Equal(got, want) {
			t.Fatalf("query %d answers %d files, the scan %d (first %v vs %v)\n%s", n, len(got), len(want),
				got[:min(5, len(got))], want[:min(5, len(want))], search.JSON(&q))
		}
	}
	// The random queries must exercise the indexes, exact and not, and
	// find files: else the comparison proves little.
	if planned < len(queries)/3 || exact < len(queries)/6 || nonEmpty < len(queries)/4 {
		t.Fatalf("of %d queries %d planned, %d exact, %d found files", len(queries), planned, exact, nonEmpty)
	}
	t.Logf("%d queries (%d from texts): %d planned by the indexes, %d answered by them alone, %d found files",
		len(queries), compiled, planned, exact, nonEmpty)
}

// TestIndexPlansTheExploreQueries: the explore screens' queries are
// answered by the indexes alone, or narrowed by them, as intended.
func TestIndexPlansTheExploreQueries(t *testing.T) {
	de := indexTestEntry(t, 200)
	g := newQueryGen(de, 1)
	eq := func(field, v string) imm.SimpleQuery { return imm.SimpleQuery{Field: field, Operation: "eq", Value: v} }
	node := func(op, field string, subs ...imm.SimpleQuery) imm.SimpleQuery {
		return imm.SimpleQuery{Operation: op, Field: field, SubQueries: subs}
	}
	var anyLabel []imm.SimpleQuery
	for _, v := range g.values["Labels.LabelName"][:min(100, len(g.values["Labels.LabelName"]))] {
		anyLabel = append(anyLabel, eq("Labels.LabelName", v))
	}
	size := imm.SimpleQuery{Field: "Size", Operation: "gt", Value: "1000"}
	cases := []struct {
		name       string
		q          imm.SimpleQuery
		ok, exact  bool
		restIsSize bool
	}{
		{"any of the labels (state.Labels)", node("or", "", anyLabel...), true, true, false},
		{"any of the cities (state.Places)", node("or", "", eq("Addresses.City", "杭州市"), eq("Addresses.City", "Hangzhou")), true, true, false},
		{"a cluster's members", eq("Figures.FigureClusterId", "odd-cluster"), true, true, false},
		{"not Indexed (problems)", node("not", "", eq("ObjectStatus", "Indexed")), true, true, false},
		{"city prefix", imm.SimpleQuery{Field: "Addresses.City", Operation: "prefix", Value: "杭"}, true, true, false},
		{"type, mime prefix and size", node("and", "", eq("MediaType", "video"),
			imm.SimpleQuery{Field: "ContentType", Operation: "prefix", Value: "video/"}, size), true, false, true},
		{"nested figure", node("nested", "Figures", eq("Figures.FigureClusterId", "odd-cluster"), eq("Figures.Gender", "male")), true, false, false},
		{"text only", node("or", "", imm.SimpleQuery{Field: "OCRContents.Contents", Operation: "match-phrase", Value: "会议"}), false, false, false},
		{"not inside nested", node("nested", "Labels", node("not", "", eq("Labels.LabelName", "狗"))), false, false, false},
		{"or with an unindexed side", node("or", "", eq("MediaType", "video"), size), false, false, false},
	}
	for _, tc := range cases {
		root, e := compileQuery(tc.q)
		if e != nil {
			t.Fatalf("%s: %v", tc.name, e.Message)
		}
		p := planner{de: de, stop: &deadlineCheck{ctx: context.Background()}}
		pl := p.plan(root, false)
		if pl.ok != tc.ok || (pl.ok && (pl.rest == nil) != tc.exact) {
			t.Errorf("%s: planned %v, exact %v; want %v, %v", tc.name, pl.ok, pl.rest == nil, tc.ok, tc.exact)
		}
		if tc.restIsSize && (pl.rest == nil || pl.rest.field != "Size") {
			t.Errorf("%s: left %+v to check, want the Size condition alone", tc.name, pl.rest)
		}
	}
}

// TestIndexedSearchStopsAtAnExpiredDeadline: an answer from the indexes
// alone still honours the request's deadline.
func TestIndexedSearchStopsAtAnExpiredDeadline(t *testing.T) {
	de := indexTestEntry(t, 200)
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	for _, q := range []imm.SimpleQuery{
		{Field: "MediaType", Operation: "eq", Value: "image"},
		{Operation: "or", SubQueries: []imm.SimpleQuery{{Field: "MediaType", Operation: "eq", Value: "image"}, {Field: "MediaType", Operation: "eq", Value: "video"}}},
	} {
		root, _ := compileQuery(q)
		if _, ok := de.filter(root, &deadlineCheck{ctx: ctx}, true); ok {
			t.Errorf("%s answered past the deadline", search.JSON(&q))
		}
		if hits, ok := de.filter(root, &deadlineCheck{ctx: context.Background()}, true); !ok || len(hits) == 0 {
			t.Errorf("%s under no deadline: %d hits, ok %v", search.JSON(&q), len(hits), ok)
		}
	}
}

// TestIndexedAggregationsAnswerAsTheScan: group and distinct counted from
// an index equal the scan's, over every file and over random hits in
// query order and sorted.
func TestIndexedAggregationsAnswerAsTheScan(t *testing.T) {
	de := indexTestEntry(t, 400)
	g := newQueryGen(de, 9)
	live := func() *deadlineCheck { return &deadlineCheck{ctx: context.Background()} }
	var aggs []imm.Aggregation
	for _, f := range indexedFields {
		aggs = append(aggs, imm.Aggregation{Field: f.path, Operation: "group"}, imm.Aggregation{Field: f.path, Operation: "Distinct"})
	}
	aggs = append(aggs, imm.Aggregation{Field: "Labels.LabelName", Operation: "count"}, imm.Aggregation{Field: "Addresses.District", Operation: "group"})
	all, _ := de.filter(nil, live(), false)
	hitSets := [][]int32{all, nil}
	for n := range 60 {
		root, e := compileQuery(g.tree(1+g.r.IntN(3), ""))
		if e != nil {
			t.Fatal(e.Message)
		}
		hits, _ := de.filter(root, live(), false)
		if n%2 == 0 {
			de.sortFiles(hits, []sortSpec{{path: []string{"Size"}, desc: true}}, live())
		}
		hitSets = append(hitSets, hits)
	}
	for n, hits := range hitSets {
		max := []int{3, 2000}[n%2]
		want, e1 := de.aggregateWith(hits, aggs, max, live(), false)
		got, e2 := de.aggregateWith(hits, aggs, max, live(), true)
		if e1 != nil || e2 != nil || want == nil || got == nil {
			t.Fatalf("aggregations failed: %v %v", e1, e2)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("hit set %d (%d files): the index answers\n%+v\nthe scan\n%+v", n, len(hits), got, want)
		}
	}
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	if res, e := de.aggregateWith(all, aggs[:1], 10, &deadlineCheck{ctx: ctx}, true); res != nil || e != nil {
		t.Errorf("an indexed group ran past the deadline: %v %v", res, e)
	}
}
