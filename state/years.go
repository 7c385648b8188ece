package state

import (
	"context"
	"strconv"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/search"
)

// Files by year of ProduceTime. SimpleQuery has no date histogram: a group
// aggregation on ProduceTime groups by the exact timestamp, and min/max
// on a time field are not documented (docs/emulator-search.md). So the
// years come from the oldest and newest file (two sorted one-file
// queries, in parallel), then one count query per year, a few at a time.

// YearCount is the files produced in one calendar year.
type YearCount struct {
	Year   int
	Count  int64   // files (TotalHits)
	Size   float64 // their bytes (sum of Size)
	Search string  // "date:2024": compile with search.Compile to list them
}

const (
	maxYears        = 100 // the most recent ones, if files span more
	yearConcurrency = 4
)

// Years counts the files of each year from the oldest file's to the
// newest's, in loc (nil: time.Local), oldest first. Files without a
// ProduceTime are in no year. It costs 2 + (years) calls.
func (s *Store) Years(ctx context.Context, loc *time.Location) ([]YearCount, error) {
	if err := s.enter(ctx); err != nil {
		return nil, err
	}
	if loc == nil {
		loc = time.Local
	}
	var ends [2]time.Time
	var found [2]bool
	g, gctx := errgroup.WithContext(ctx)
	for i, order := range []string{"asc", "desc"} {
		g.Go(func() error {
			r, err := s.call(gctx, func(c context.Context) (any, error) {
				return s.api.SimpleQuery(c, imm.SimpleQueryRequest{ProjectName: s.project, DatasetName: s.dataset,
					Query: &imm.SimpleQuery{Field: search.FieldProduced, Operation: "exist"},
					Sort:  search.FieldProduced, Order: order, MaxResults: 1,
					WithFields: []string{uriField, search.FieldProduced}, WithoutTotalHits: true})
			})
			if err != nil {
				return err
			}
			for _, f := range r.(*imm.SimpleQueryResponse).Files {
				if t, err := time.Parse(time.RFC3339Nano, f.ProduceTime); err == nil {
					ends[i], found[i] = t.In(loc), true
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if !found[0] || !found[1] {
		return nil, nil
	}
	first, last := ends[0].Year(), ends[1].Year()
	if first > last { // an API that sorted the other way round
		first, last = last, first
	}
	first = max(first, last-maxYears+1)
	out := make([]YearCount, last-first+1)
	g, gctx = errgroup.WithContext(ctx)
	g.SetLimit(yearConcurrency)
	for i := range out {
		y := first + i
		text := "date:" + strconv.Itoa(y)
		g.Go(func() error {
			q, err := search.Compile(text, search.Options{Location: loc})
			if err != nil {
				return err
			}
			resp, err := s.aggregate(gctx, q, []imm.Aggregation{{Field: search.FieldSize, Operation: "sum"}})
			if err != nil {
				return err
			}
			out[i] = YearCount{Year: y, Count: resp.TotalHits, Search: text}
			if len(resp.Aggregations) > 0 {
				out[i].Size = resp.Aggregations[0].Value
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}
