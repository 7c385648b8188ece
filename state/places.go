package state

import (
	"cmp"
	"context"
	"slices"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/search"
)

// PlaceNode is a country, province or city with its files.
type PlaceNode struct {
	Kind     string // "country", "province" or "city"
	Name     string
	Language string // of the address it came from
	Count    int64  // files with the value (see Grouping.PerFile on counts of arrays)
	Search   string // "city=杭州市"
	Children []*PlaceNode
}

// Places fetches countries → provinces → cities with counts: one call of
// group aggregations, then files that show how the cities nest (see
// resolve). IMM geocodes a place in several languages (杭州市 and
// Hangzhou): a city is shown once, in the first language of langs that
// names it, and the tree follows its address in that language. A city
// never seen on a file sits at the top level, alone. Each level is in
// the order of its counts.
func (s *Store) Places(ctx context.Context, langs []string) ([]*PlaceNode, error) {
	if err := s.enter(ctx); err != nil {
		return nil, err
	}
	resp, err := s.aggregate(ctx, nil, []imm.Aggregation{
		{Field: search.FieldCountry, Operation: "group"},
		{Field: search.FieldProvince, Operation: "group"},
		{Field: search.FieldCity, Operation: "group"},
	})
	if err != nil {
		return nil, err
	}
	counts := map[string]map[string]int64{}
	var cities []Group
	for _, f := range []string{search.FieldCountry, search.FieldProvince, search.FieldCity} {
		counts[f] = map[string]int64{}
		for _, g := range grouping(resp, f, false).Groups {
			counts[f][g.Value] = g.Count
			if f == search.FieldCity {
				cities = append(cities, g)
			}
		}
	}
	names := make([]string, len(cities))
	for i, c := range cities {
		names[i] = c.Value
	}
	where := map[string]imm.Address{} // city -> its address element
	aliases := map[string][]string{}  // city -> the same place's cities in other languages
	err = s.resolve(ctx, search.FieldCity, "Addresses", names, func(f *imm.File, seen func(string) bool) {
		for _, a := range f.Addresses {
			if _, ok := counts[search.FieldCity][a.City]; !ok {
				continue
			}
			if seen(a.City) {
				where[a.City] = a
				for _, b := range f.Addresses {
					if b.City != a.City && b.Language != a.Language {
						aliases[a.City] = append(aliases[a.City], b.City)
					}
				}
			}
		}
	})
	if err != nil {
		return nil, err
	}
	var roots []*PlaceNode
	index := map[string]*PlaceNode{}
	child := func(list *[]*PlaceNode, key, kind, name, lang string, count int64, field string) *PlaceNode {
		if n := index[key]; n != nil {
			return n
		}
		n := &PlaceNode{Kind: kind, Name: name, Language: lang, Count: count, Search: search.Term(field, name)}
		index[key] = n
		*list = append(*list, n)
		return n
	}
	for _, c := range cities {
		a, ok := where[c.Value]
		if ok && hasBetterAlias(a, aliases[c.Value], where, counts[search.FieldCity], langs) {
			continue
		}
		if !ok {
			roots = append(roots, &PlaceNode{Kind: "city", Name: c.Value, Count: c.Count, Search: search.Term("city", c.Value)})
			continue
		}
		country := child(&roots, "c\x00"+a.Country, "country", a.Country, a.Language, counts[search.FieldCountry][a.Country], "country")
		province := child(&country.Children, "p\x00"+a.Country+"\x00"+a.Province, "province", a.Province, a.Language,
			counts[search.FieldProvince][a.Province], "province")
		province.Children = append(province.Children, &PlaceNode{Kind: "city", Name: c.Value, Language: a.Language,
			Count: c.Count, Search: search.Term("city", c.Value)})
	}
	sortPlaces(roots)
	return roots, nil
}

// sortPlaces orders every level by its own count, most files first: the
// tree was built in the cities' order, which puts a province with one
// large city before one with more files over several smaller ones.
func sortPlaces(ns []*PlaceNode) {
	slices.SortStableFunc(ns, func(a, b *PlaceNode) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	for _, n := range ns {
		sortPlaces(n.Children)
	}
}

// hasBetterAlias reports whether another language's name of the same
// place ranks before a's language in langs (and will be shown instead).
func hasBetterAlias(a imm.Address, aliases []string, where map[string]imm.Address, cities map[string]int64, langs []string) bool {
	mine := langRank(a.Language, langs)
	for _, other := range aliases {
		b, ok := where[other]
		if _, counted := cities[other]; ok && counted && langRank(b.Language, langs) < mine {
			return true
		}
	}
	return false
}
