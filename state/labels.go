package state

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/search"
)

// The label tree and the place tree. A group aggregation gives values and
// counts but not how values relate (a label's parent, a city's province),
// so those come from files that hold the values: a few SimpleQuery pages
// of "any of these values", WithFields Labels (or Addresses), until every
// value has been seen on a file. Each page names at least one value not
// yet seen, so the calls are bounded by the values, and are few in
// practice: one page of 100 files shows most of them.

// LabelNode is one label of the dataset with its sub-labels.
type LabelNode struct {
	Name     string
	Language string // BCP 47, as the label said ("zh-Hans", "en")
	Parent   string // ParentLabelName ("" for a top label)
	Level    int64  // LabelLevel
	Count    int64  // files with the label (see Grouping.PerFile on counts of arrays)
	Search   string // "label=狗"
	Children []*LabelNode
}

// maxResolveCalls bounds the calls that learn how values relate.
const maxResolveCalls = 50

// Labels fetches the dataset's labels with counts as a tree (from
// ParentLabelName), top labels in the languages of langs first (in that
// order; "zh" matches "zh-Hans"), then by count.
func (s *Store) Labels(ctx context.Context, langs []string) ([]*LabelNode, error) {
	if err := s.enter(ctx); err != nil {
		return nil, err
	}
	resp, err := s.aggregate(ctx, nil, []imm.Aggregation{{Field: search.FieldLabel, Operation: "group"}})
	if err != nil {
		return nil, err
	}
	nodes := map[string]*LabelNode{}
	var names []string
	for _, g := range grouping(resp, search.FieldLabel, false).Groups {
		nodes[g.Value] = &LabelNode{Name: g.Value, Count: g.Count, Search: g.Search}
		names = append(names, g.Value)
	}
	err = s.resolve(ctx, search.FieldLabel, "Labels", names, func(f *imm.File, seen func(string) bool) {
		for _, l := range f.Labels {
			if n := nodes[l.LabelName]; n != nil && seen(l.LabelName) {
				n.Language, n.Parent, n.Level = l.Language, l.ParentLabelName, l.LabelLevel
			}
		}
	})
	if err != nil {
		return nil, err
	}
	var roots []*LabelNode
	for _, name := range names {
		n := nodes[name]
		if p := nodes[n.Parent]; p != nil && p != n && !isAncestor(n, p, nodes) {
			p.Children = append(p.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	sortLabels(roots, langs)
	return roots, nil
}

// isAncestor reports whether n is above p (so attaching n under p would
// make a loop in a hostile or inconsistent dataset).
func isAncestor(n, p *LabelNode, nodes map[string]*LabelNode) bool {
	for i, at := 0, p; at != nil && i <= len(nodes); i++ {
		if at == n {
			return true
		}
		at = nodes[at.Parent]
	}
	return false
}

func sortLabels(ns []*LabelNode, langs []string) {
	slices.SortStableFunc(ns, func(a, b *LabelNode) int {
		if c := cmp.Compare(langRank(a.Language, langs), langRank(b.Language, langs)); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	for _, n := range ns {
		sortLabels(n.Children, langs)
	}
}

// langRank is the position of lang among prefs (by prefix: "zh" matches
// "zh-Hans"), len(prefs) when absent.
func langRank(lang string, prefs []string) int {
	lang = strings.ToLower(lang)
	for i, p := range prefs {
		p = strings.ToLower(p)
		if p != "" && (lang == p || strings.HasPrefix(lang, p+"-") || strings.HasPrefix(p, lang+"-")) {
			return i
		}
	}
	return len(prefs)
}

// resolve pages files holding any of values (field eq v) with WithFields
// want, giving each file to learn, until every value is seen or the
// calls run out. learn calls seen(v) to mark v as seen (true when v is
// among the values).
func (s *Store) resolve(ctx context.Context, field, want string, values []string, learn func(f *imm.File, seen func(string) bool)) error {
	left := map[string]bool{}
	for _, v := range values {
		left[v] = true
	}
	seen := func(v string) bool {
		_, ok := left[v]
		if ok {
			delete(left, v)
		}
		return ok
	}
	for calls := 0; len(left) > 0 && calls < maxResolveCalls; calls++ {
		var chunk []imm.SimpleQuery
		for _, v := range values {
			if left[v] && len(chunk) < search.MaxConditions {
				chunk = append(chunk, imm.SimpleQuery{Field: field, Operation: "eq", Value: v})
			}
		}
		q := &imm.SimpleQuery{Operation: "or", SubQueries: chunk}
		if len(chunk) == 1 {
			q = &chunk[0]
		}
		page, err := s.queryFiles(ctx, q, "", []string{want})
		if err != nil {
			return err
		}
		before := len(left)
		for _, f := range page.Files {
			learn(f, seen)
		}
		if len(left) == before {
			break // the API names values no file holds: nothing more to learn
		}
	}
	return nil
}
