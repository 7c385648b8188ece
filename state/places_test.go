package state

import (
	"context"
	"slices"
	"testing"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/search"
)

// placesAPI answers Places' two kinds of SimpleQuery: the group
// aggregations with the counts it was given, and a file for each city
// asked for, in its one address.
type placesAPI struct {
	*fakeAPI
	places []imm.Address               // one file's address each
	counts map[string]map[string]int64 // field -> value -> files
}

func (a *placesAPI) SimpleQuery(_ context.Context, r imm.SimpleQueryRequest) (*imm.SimpleQueryResponse, error) {
	resp := &imm.SimpleQueryResponse{RequestId: "rid"}
	if len(r.Aggregations) > 0 {
		for _, ag := range r.Aggregations {
			res := imm.AggregationResult{Field: ag.Field, Operation: ag.Operation}
			for v, n := range a.counts[ag.Field] {
				res.Groups = append(res.Groups, imm.AggregationGroup{Value: v, Count: n})
			}
			// IMM's order: most files first.
			slices.SortFunc(res.Groups, func(x, y imm.AggregationGroup) int { return int(y.Count - x.Count) })
			resp.Aggregations = append(resp.Aggregations, res)
		}
		return resp, nil
	}
	asked := map[string]bool{}
	for _, q := range append([]imm.SimpleQuery{*r.Query}, r.Query.SubQueries...) {
		if q.Field == search.FieldCity {
			asked[q.Value] = true
		}
	}
	for _, p := range a.places {
		if asked[p.City] {
			resp.Files = append(resp.Files, imm.File{URI: "oss://b/" + p.City, Addresses: []imm.Address{p}})
		}
	}
	return resp, nil
}

// TestPlacesListEachLevelByItsOwnCount: the cities come most files first,
// so a province or country met first through its largest city would lead
// its siblings even with fewer files (Hong Kong SAR's one city of 70
// before Guangdong's three of 80 in all).
func TestPlacesListEachLevelByItsOwnCount(t *testing.T) {
	addr := func(country, province, city string) imm.Address {
		return imm.Address{Country: country, Province: province, City: city, Language: "en"}
	}
	api := &placesAPI{fakeAPI: newFakeAPI(),
		places: []imm.Address{
			addr("Japan", "Tokyo", "Tokyo"), addr("China", "Hong Kong SAR", "Hong Kong"),
			addr("France", "Île-de-France", "Paris"), addr("France", "Rhône", "Lyon"),
			addr("China", "Guangdong", "Guangzhou"), addr("China", "Guangdong", "Shenzhen"), addr("China", "Guangdong", "Zhuhai"),
		},
		counts: map[string]map[string]int64{
			search.FieldCountry:  {"China": 150, "France": 110, "Japan": 90},
			search.FieldProvince: {"Guangdong": 80, "Hong Kong SAR": 70, "Tokyo": 90, "Île-de-France": 60, "Rhône": 50},
			search.FieldCity:     {"Tokyo": 90, "Hong Kong": 70, "Paris": 60, "Lyon": 50, "Guangzhou": 30, "Shenzhen": 26, "Zhuhai": 24},
		}}
	s := New(api, "proj", "ds", Options{})
	t.Cleanup(s.Close)
	roots, err := s.Places(context.Background(), []string{"en"})
	if err != nil {
		t.Fatal(err)
	}
	names := func(ns []*PlaceNode) []string {
		var out []string
		for _, n := range ns {
			out = append(out, n.Name)
		}
		return out
	}
	if got, want := names(roots), []string{"China", "France", "Japan"}; !slices.Equal(got, want) {
		t.Fatalf("countries %v, want %v (150, 110, 90 files)", got, want)
	}
	if got, want := names(roots[0].Children), []string{"Guangdong", "Hong Kong SAR"}; !slices.Equal(got, want) {
		t.Errorf("China's provinces %v, want %v (80, 70 files)", got, want)
	}
	if got, want := names(roots[0].Children[0].Children), []string{"Guangzhou", "Shenzhen", "Zhuhai"}; !slices.Equal(got, want) {
		t.Errorf("Guangdong's cities %v, want %v", got, want)
	}
	if got, want := names(roots[1].Children), []string{"Île-de-France", "Rhône"}; !slices.Equal(got, want) {
		t.Errorf("France's provinces %v, want %v", got, want)
	}
}
