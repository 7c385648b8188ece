package emulator

import (
	"cmp"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/immtui/immtui/imm"
)

// The SimpleQuery action: filter (query.go), sort, page, trim, aggregate.
// Its limits are in limits.go; scans and aggregations stop at the
// request's deadline.

type simpleQueryBody struct {
	RequestId string
	Files     []any
	NextToken string
	TotalHits *int64 `json:",omitempty"`
}

type aggregationsBody struct {
	RequestId    string
	Aggregations []imm.AggregationResult
	NextToken    string
	TotalHits    *int64 `json:",omitempty"`
}

// sortSpec is one Sort field and its direction.
type sortSpec struct {
	path []string
	desc bool
}

// parseSort reads Sort and Order comma lists. Order entries missing at the
// end default to asc (docs/api.md §2); with no Order at all every field is
// desc, SimpleQuery's documented default in the SDK. Both are unverified.
func (p *params) parseSort() []sortSpec {
	if p.str("Sort") == "" {
		return nil
	}
	fields := strings.Split(p.str("Sort"), ",")
	if len(fields) > maxSortFields {
		p.fail(errInvalid("Sort", fmt.Sprintf("it lists %d fields; at most %d are allowed", len(fields), maxSortFields)))
		return nil
	}
	var orders []string
	if p.str("Order") != "" {
		orders = strings.Split(p.str("Order"), ",")
	}
	if len(orders) > len(fields) {
		p.fail(errInvalid("Order", "it lists more entries than Sort"))
		return nil
	}
	specs := make([]sortSpec, len(fields))
	for i, f := range fields {
		f = strings.TrimSpace(f)
		if f == "" {
			p.fail(errInvalid("Sort", "it has an empty field name"))
			return nil
		}
		specs[i].path = strings.Split(f, ".")
		def := orders == nil
		o := ""
		if i < len(orders) {
			o = orders[i]
		}
		desc, e := parseOrder("Order", o, def)
		if e != nil {
			p.fail(e)
			return nil
		}
		specs[i].desc = desc
	}
	return specs
}

func (s *Server) simpleQuery(p *params, rid string) (any, *apiError) {
	project, dataset := p.required("ProjectName"), p.required("DatasetName")
	var q imm.SimpleQuery
	hasQuery := false
	if n := len(p.str("Query")); n > maxQueryParamBytes {
		p.fail(errTooLarge("Query", n, maxQueryParamBytes))
	} else {
		hasQuery = p.object("Query", &q, false)
	}
	var aggs []imm.Aggregation
	hasAggs := p.object("Aggregations", &aggs, true) && len(aggs) > 0
	if len(aggs) > maxAggregations {
		p.fail(errTooMany("Aggregations", len(aggs), maxAggregations))
	}
	max := 100
	if hasAggs {
		max = p.maxResults(maxAggregationOut, 100)
	} else {
		max = p.maxResults(100, 100)
	}
	specs := p.parseSort()
	fields := p.withFields()
	noTotal := p.boolean("WithoutTotalHits")
	if p.err != nil {
		return nil, p.err
	}
	var root *queryNode
	if hasQuery {
		var e *apiError
		if root, e = compileQuery(q); e != nil {
			return nil, e
		}
	}
	de, err := s.data.dataset(project, dataset)
	if err != nil {
		return nil, err
	}

	stop := p.deadline()
	hits, ok := de.search(root, specs, fingerprint(p.str("Query"), p.str("Sort"), p.str("Order")), stop)
	if !ok {
		return nil, s.errStopped(p.ctx)
	}
	var total *int64
	if !noTotal {
		n := int64(len(hits))
		total = &n
	}
	if hasAggs {
		res, e := de.aggregate(hits, aggs, max, stop)
		if e != nil {
			return nil, e
		}
		if res == nil {
			return nil, s.errStopped(p.ctx)
		}
		return aggregationsBody{RequestId: rid, Aggregations: res, TotalHits: total}, nil
	}

	want := pageToken{Kind: "files", Scope: project + "/" + dataset,
		Fingerprint: fingerprint(p.str("Query"), p.str("Sort"), p.str("Order"))}
	tok, e := decodeToken(p.str("NextToken"), want)
	if e != nil {
		return nil, e
	}
	if tok.Pos > len(hits) {
		return nil, errInvalid("NextToken", "it points past the end of the listing")
	}
	end := min(tok.Pos+max, len(hits))
	out := simpleQueryBody{RequestId: rid, Files: make([]any, 0, end-tok.Pos), TotalHits: total}
	for _, i := range hits[tok.Pos:end] {
		v, e := fields.view(de.file(i))
		if e != nil {
			return nil, e
		}
		out.Files = append(out.Files, v)
	}
	if end < len(hits) {
		want.Pos = end
		out.NextToken = want.encode()
	}
	return out, nil
}

// search returns the ordered indexes of the files matching root (nil: all
// files), cached by key so paging a large result scans once. ok is false
// when stop ended the scan; nothing partial is cached.
func (de *datasetEntry) search(root *queryNode, specs []sortSpec, key string, stop *deadlineCheck) (hits []int32, ok bool) {
	if hits, ok := de.queries.get(key); ok {
		return hits, true
	}
	if hits, ok = de.filter(root, stop, true); !ok {
		return nil, false
	}
	if len(specs) > 0 && !de.sortFiles(hits, specs, stop) {
		return nil, false
	}
	de.queries.put(key, hits)
	return hits, true
}

// filter returns the files matching root (nil: all), ascending, in a new
// slice. With useIndex, the value indexes bound the files to test or give
// the answer (indexplan.go); without, every file is tested, which the
// tests compare against. false when stop ended it.
func (de *datasetEntry) filter(root *queryNode, stop *deadlineCheck, useIndex bool) (hits []int32, ok bool) {
	if stop.expired() {
		return nil, false
	}
	check, cand, bounded := root, []int32(nil), false
	if root != nil && useIndex {
		p := planner{de: de, stop: stop}
		pl := p.plan(root, false)
		if p.stopped {
			return nil, false
		}
		if pl.ok {
			check, cand, bounded = pl.rest, pl.cand, true
		}
	}
	if bounded && check == nil {
		return slices.Clone(cand), true // cand may be an index's own list
	}
	test := func(i int32) bool {
		if stop.expired() {
			return false
		}
		if check == nil || check.matches(reflect.ValueOf(de.files[i]).Elem(), nil) {
			hits = append(hits, i)
		}
		return true
	}
	if bounded {
		for _, i := range cand {
			if !test(i) {
				return nil, false
			}
		}
		return hits, true
	}
	for i := range de.files {
		if !test(int32(i)) {
			return nil, false
		}
	}
	return hits, true
}

// sortKey is one file's value for one Sort field: a number (numbers and
// RFC 3339 times), a string, or missing (sorted last in either order).
type sortKey struct {
	kind int // 0 missing, 1 number, 2 string
	num  float64
	str  string
}

func sortKeyOf(f *imm.File, path []string) sortKey {
	var k sortKey
	walk(reflect.ValueOf(f).Elem(), path, false, func(v reflect.Value) bool {
		switch v.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			k = sortKey{kind: 1, num: float64(v.Int())}
		case reflect.Float32, reflect.Float64:
			k = sortKey{kind: 1, num: v.Float()}
		case reflect.String:
			s := v.String()
			if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
				k = sortKey{kind: 1, num: float64(t.UnixNano())}
			} else if s != "" {
				k = sortKey{kind: 2, str: s}
			}
		case reflect.Bool:
			k = sortKey{kind: 2, str: strconv.FormatBool(v.Bool())}
		}
		// The first value decides (arrays sort by their first element).
		return k.kind != 0
	})
	return k
}

// sortFiles orders hits by specs; false when stop ended it (while the
// keys are read: the sort itself is n log n over at most the dataset).
func (de *datasetEntry) sortFiles(hits []int32, specs []sortSpec, stop *deadlineCheck) bool {
	keys := make(map[int32][]sortKey, len(hits))
	for _, i := range hits {
		if stop.expired() {
			return false
		}
		ks := make([]sortKey, len(specs))
		for j, sp := range specs {
			ks[j] = sortKeyOf(de.files[i], sp.path)
		}
		keys[i] = ks
	}
	slices.SortStableFunc(hits, func(a, b int32) int {
		ka, kb := keys[a], keys[b]
		for j, sp := range specs {
			x, y := ka[j], kb[j]
			if x.kind == 0 || y.kind == 0 {
				if x.kind != y.kind {
					return cmp.Compare(-x.kind, -y.kind) // missing last
				}
				continue
			}
			c := cmp.Compare(x.kind, y.kind)
			if c == 0 {
				c = cmp.Compare(x.num, y.num)
			}
			if c == 0 {
				c = cmp.Compare(x.str, y.str)
			}
			if sp.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return cmp.Compare(a, b)
	})
	return true
}

// aggregate answers Aggregations over the hits: average, min, max, sum
// (over numeric values; a time field answers 0: IMM documents no date
// aggregation), count (values), distinct (distinct values) and group
// (files per value, most first, at most max groups; on an array field a
// file counts once per value, a choice where IMM documents nothing:
// docs/emulator-search.md). It answers nil, nil when stop ended it.
func (de *datasetEntry) aggregate(hits []int32, aggs []imm.Aggregation, max int, stop *deadlineCheck) ([]imm.AggregationResult, *apiError) {
	return de.aggregateWith(hits, aggs, max, stop, true)
}

// aggregateWith is aggregate; with useIndex, group and distinct on an
// indexed field count from the index (countFromIndex) instead of reading
// every hit, which the tests compare against.
func (de *datasetEntry) aggregateWith(hits []int32, aggs []imm.Aggregation, max int, stop *deadlineCheck, useIndex bool) ([]imm.AggregationResult, *apiError) {
	out := make([]imm.AggregationResult, 0, len(aggs))
	for _, a := range aggs {
		op := strings.ToLower(a.Operation)
		switch op {
		case "average", "min", "max", "sum", "count", "distinct", "group":
		default:
			return nil, errInvalid("Aggregations", fmt.Sprintf("Operation %q is not one of average, min, max, count, distinct, sum, group", a.Operation))
		}
		if a.Field == "" {
			return nil, errInvalid("Aggregations", "every aggregation needs a Field")
		}
		path := strings.Split(a.Field, ".")
		var nums []float64
		counts := map[string]int64{}
		var values int64
		fromIndex := false
		if useIndex && (op == "group" || op == "distinct") {
			if x := de.fieldIndex(a.Field); x != nil {
				var ok bool
				if counts, ok = de.countFromIndex(x, hits, stop); !ok {
					return nil, nil
				}
				fromIndex = true
			}
		}
		for _, i := range hits {
			if fromIndex {
				break
			}
			if stop.expired() {
				return nil, nil
			}
			inFile := map[string]bool{}
			walk(reflect.ValueOf(de.files[i]).Elem(), path, false, func(v reflect.Value) bool {
				if v.IsZero() {
					return false
				}
				values++
				s := fmt.Sprint(v.Interface())
				if f, err := strconv.ParseFloat(s, 64); err == nil {
					nums = append(nums, f)
				}
				if !inFile[s] {
					inFile[s] = true
					counts[s]++
				}
				return false
			})
		}
		r := imm.AggregationResult{Field: a.Field, Operation: a.Operation}
		switch op {
		case "count":
			r.Value = float64(values)
		case "distinct":
			r.Value = float64(len(counts))
		case "sum", "average", "min", "max":
			r.Value = reduce(op, nums)
		case "group":
			for v, c := range counts {
				r.Groups = append(r.Groups, imm.AggregationGroup{Value: v, Count: c})
			}
			slices.SortFunc(r.Groups, func(x, y imm.AggregationGroup) int {
				if c := cmp.Compare(y.Count, x.Count); c != 0 {
					return c
				}
				return cmp.Compare(x.Value, y.Value)
			})
			if len(r.Groups) > max {
				r.Groups = r.Groups[:max]
			}
		}
		out = append(out, r)
	}
	return out, nil
}

func reduce(op string, nums []float64) float64 {
	if len(nums) == 0 {
		return 0
	}
	sum, lo, hi := 0.0, math.Inf(1), math.Inf(-1)
	for _, x := range nums {
		sum += x
		lo, hi = min(lo, x), max(hi, x)
	}
	switch op {
	case "average":
		return sum / float64(len(nums))
	case "min":
		return lo
	case "max":
		return hi
	}
	return sum
}
