package emulator

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/immtui/immtui/imm"
)

// The SimpleQuery language (docs/api.md §2) over imm.File values. Field
// lookup is generic: a dotted path of JSON names walks structs, maps
// (CustomLabels.key), arrays (every element; a leaf condition holds if any
// element's value does, as in Elasticsearch) and keys kept in a model's
// Extras, so later views can query any field without changes here.

type queryNode struct {
	op    string
	field string
	path  []string
	value string
	num   float64 // value as a number, when numOK
	numOK bool
	tm    int64 // value as an RFC 3339 time in Unix ns, when tmOK
	tmOK  bool
	lower string // value lowercased, for match-phrase
	subs  []*queryNode
}

var leafOps = map[string]bool{"eq": true, "gt": true, "gte": true, "lt": true, "lte": true,
	"prefix": true, "match-phrase": true, "exist": true}

// compileQuery checks q against the documented limits (limits.go) and
// prepares its values. The limits bound the work of one file's test: at
// most maxQueryConditions leaves, maxQueryDepth levels.
func compileQuery(q imm.SimpleQuery) (*queryNode, *apiError) {
	if n := countConditions(q); n > maxQueryConditions {
		return nil, errInvalid("Query", fmt.Sprintf("it holds %d conditions in all its subqueries; at most %d are allowed", n, maxQueryConditions))
	}
	return compileNode(q, 1, "")
}

// countConditions counts the leaf conditions (those without SubQueries)
// at every level. The Query's byte bound limits how deep this recurses.
func countConditions(q imm.SimpleQuery) int {
	if len(q.SubQueries) == 0 {
		return 1
	}
	n := 0
	for _, sq := range q.SubQueries {
		n += countConditions(sq)
	}
	return n
}

// compileNode compiles one condition at depth; nestedIn is the field of
// the innermost enclosing nested condition ("" outside one).
func compileNode(q imm.SimpleQuery, depth int, nestedIn string) (*queryNode, *apiError) {
	bad := func(format string, a ...any) (*queryNode, *apiError) {
		return nil, errInvalid("Query", fmt.Sprintf(format, a...))
	}
	if depth > maxQueryDepth {
		return bad("it nests deeper than %d levels", maxQueryDepth)
	}
	if len(q.SubQueries) > maxQuerySubQueries {
		return bad("a condition holds %d subqueries; at most %d are allowed", len(q.SubQueries), maxQuerySubQueries)
	}
	n := &queryNode{op: strings.ToLower(q.Operation), field: q.Field, value: q.Value}
	switch {
	case leafOps[n.op]:
		if q.Field == "" {
			return bad("the %s condition needs a Field", n.op)
		}
		if nestedIn != "" && !strings.HasPrefix(q.Field, nestedIn+".") {
			return bad("inside nested %s, the field %s must be a subfield of it", nestedIn, q.Field)
		}
		n.path = strings.Split(q.Field, ".")
		if f, err := strconv.ParseFloat(q.Value, 64); err == nil {
			n.num, n.numOK = f, true
		}
		if t, err := time.Parse(time.RFC3339Nano, q.Value); err == nil {
			n.tm, n.tmOK = t.UnixNano(), true
		}
		n.lower = strings.ToLower(q.Value)
		if (n.op == "gt" || n.op == "gte" || n.op == "lt" || n.op == "lte") && q.Value == "" {
			return bad("the %s condition on %s needs a Value", n.op, q.Field)
		}
		return n, nil
	case n.op == "and" || n.op == "or" || n.op == "not" || n.op == "nested":
		if len(q.SubQueries) == 0 {
			return bad("the %s condition needs SubQueries", n.op)
		}
		inner := nestedIn
		if n.op == "nested" {
			if q.Field == "" {
				return bad("the nested condition needs the array Field it applies to, such as Figures")
			}
			n.path = strings.Split(q.Field, ".")
			inner = q.Field
		}
		for _, sq := range q.SubQueries {
			c, e := compileNode(sq, depth+1, inner)
			if e != nil {
				return nil, e
			}
			n.subs = append(n.subs, c)
		}
		return n, nil
	}
	return bad("Operation %q is not one of eq, gt, gte, lt, lte, prefix, match-phrase, exist, and, or, not, nested", q.Operation)
}

// binding ties the elements of a nested array to its field path.
type binding struct {
	prefix []string
	elem   reflect.Value
}

// matches evaluates n against root (a imm.File) under the nested
// bindings in scope (innermost last).
func (n *queryNode) matches(root reflect.Value, binds []binding) bool {
	switch n.op {
	case "and":
		for _, c := range n.subs {
			if !c.matches(root, binds) {
				return false
			}
		}
		return true
	case "or":
		for _, c := range n.subs {
			if c.matches(root, binds) {
				return true
			}
		}
		return false
	case "not":
		for _, c := range n.subs {
			if c.matches(root, binds) {
				return false
			}
		}
		return true
	case "nested":
		base, rest := resolveBase(root, binds, n.path)
		// One element must satisfy every subquery.
		return walk(base, rest, true, func(elem reflect.Value) bool {
			inner := append(binds[:len(binds):len(binds)], binding{prefix: n.path, elem: elem})
			for _, c := range n.subs {
				if !c.matches(root, inner) {
					return false
				}
			}
			return true
		})
	}
	base, rest := resolveBase(root, binds, n.path)
	return walk(base, rest, false, n.leaf)
}

// resolveBase picks where a path starts: the element of the innermost
// nested binding whose field prefixes it, else the root.
func resolveBase(root reflect.Value, binds []binding, path []string) (reflect.Value, []string) {
	for i := len(binds) - 1; i >= 0; i-- {
		b := binds[i]
		if len(path) > len(b.prefix) && equalPath(path[:len(b.prefix)], b.prefix) {
			return b.elem, path[len(b.prefix):]
		}
	}
	return root, path
}

func equalPath(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}

// walk follows path from v and calls fn on every value it reaches,
// stopping at the first true. Arrays on the way are flattened; with
// elements set, an array at the end of the path yields its elements rather
// than itself (for nested).
func walk(v reflect.Value, path []string, elements bool, fn func(reflect.Value) bool) bool {
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) {
		if v.IsNil() {
			return false
		}
		v = v.Elem()
	}
	if !v.IsValid() {
		return false
	}
	if (v.Kind() == reflect.Slice || v.Kind() == reflect.Array) && (len(path) > 0 || elements) {
		for i := 0; i < v.Len(); i++ {
			if walk(v.Index(i), path, elements, fn) {
				return true
			}
		}
		return false
	}
	if len(path) == 0 {
		return fn(v)
	}
	switch v.Kind() {
	case reflect.Struct:
		if i, ok := jsonFields(v.Type())[path[0]]; ok {
			return walk(v.Field(i), path[1:], elements, fn)
		}
		if extra, ok := extraKey(v, path[0]); ok {
			return walk(reflect.ValueOf(extra), path[1:], elements, fn)
		}
	case reflect.Map:
		if v.Type().Key().Kind() == reflect.String {
			return walk(v.MapIndex(reflect.ValueOf(path[0]).Convert(v.Type().Key())), path[1:], elements, fn)
		}
	}
	return false
}

var jsonFieldCache sync.Map // reflect.Type -> map[string]int

// jsonFields maps a struct type's JSON names to field indexes.
func jsonFields(t reflect.Type) map[string]int {
	if m, ok := jsonFieldCache.Load(t); ok {
		return m.(map[string]int)
	}
	m := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || f.Anonymous || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		m[name] = i
	}
	jsonFieldCache.Store(t, m)
	return m
}

var extrasType = reflect.TypeFor[imm.Extras]()

// extraKey looks a key up among the unknown keys a model kept.
func extraKey(v reflect.Value, key string) (any, bool) {
	f := v.FieldByName("Extras")
	if !f.IsValid() || f.Type() != extrasType {
		return nil, false
	}
	ex := f.Interface().(imm.Extras)
	if !ex.HasExtras() {
		return nil, false
	}
	raw, ok := ex.Unknown(v.Interface())[key]
	if !ok {
		return nil, false
	}
	var out any
	if json.Unmarshal(raw, &out) != nil {
		return nil, false
	}
	return out, true
}

// leaf tests one reached value against a leaf condition.
func (n *queryNode) leaf(v reflect.Value) bool {
	if n.op == "exist" {
		return !v.IsZero()
	}
	switch v.Kind() {
	case reflect.String:
		return n.compareString(v.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return n.compareNumber(float64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return n.compareNumber(float64(v.Uint()))
	case reflect.Float32, reflect.Float64:
		return n.compareNumber(v.Float())
	case reflect.Bool:
		return n.compareString(strconv.FormatBool(v.Bool()))
	}
	return false
}

func (n *queryNode) compareNumber(x float64) bool {
	if !n.numOK {
		return false
	}
	return n.compareOrdered(order(x, n.num))
}

func (n *queryNode) compareString(s string) bool {
	switch n.op {
	case "eq":
		return s == n.value
	case "prefix":
		return strings.HasPrefix(s, n.value)
	case "match-phrase":
		// An approximation of full-text phrase matching: a
		// case-insensitive substring.
		return strings.Contains(strings.ToLower(s), n.lower)
	}
	if n.tmOK {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return n.compareOrdered(order(t.UnixNano(), n.tm))
		}
	}
	if n.numOK {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return n.compareOrdered(order(f, n.num))
		}
	}
	return n.compareOrdered(strings.Compare(s, n.value))
}

// compareOrdered applies the operator to c = compare(value, n.value).
func (n *queryNode) compareOrdered(c int) bool {
	switch n.op {
	case "eq":
		return c == 0
	case "gt":
		return c > 0
	case "gte":
		return c >= 0
	case "lt":
		return c < 0
	case "lte":
		return c <= 0
	case "prefix", "match-phrase":
		return false // numbers have no prefixes or phrases
	}
	return false
}

// order is -1, 0 or 1 as a is below, equal to or above b. Unlike
// cmp.Compare, a NaN (a query value of "NaN") is neither below nor above
// anything, so it compares equal.
func order[T int64 | float64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
