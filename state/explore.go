package state

import (
	"context"

	"golang.org/x/sync/errgroup"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/search"
)

// The dataset overview and the Files view: what a dataset holds, counted
// on IMM's side (SimpleQuery Aggregations), and every file, paged.

// FilesColumns are the fields a Files view row needs (WithFields).
var FilesColumns = []string{"Filename", "MediaType", "Size", "ImageWidth", "ImageHeight",
	"VideoWidth", "VideoHeight", "Duration", "FigureCount", "ProduceTime", "ObjectStatus"}

// FilesSortKeys are the columns the Files view offers to sort by: scalar
// fields, which SimpleQuery sorts (docs/emulator-search.md).
var FilesSortKeys = []string{"Filename", "Size", "ProduceTime", "FileModifiedTime", "CreateTime", "UpdateTime", "FigureCount", "MediaType", "ObjectStatus"}

// FilesQuery is what a Files view lists, in which order.
type FilesQuery struct {
	Query *imm.SimpleQuery // nil: every file; search.Compile's output otherwise
	Sort  string           // one of FilesSortKeys, or "" for the API's order
	Order string           // "asc" or "desc" ("" with a Sort: IMM's default, desc)
}

// Files fetches one page (up to 100) of the files q matches, TotalHits on
// the first page (token ""), with fields (nil: all; FilesColumns for the
// rows). The files are merged into the file cache, so opening one in its
// panes costs no call for those fields.
func (s *Store) Files(ctx context.Context, q FilesQuery, token string, fields []string) (FilePage, error) {
	return s.querySortedFiles(ctx, q.Query, q.Sort, q.Order, token, fields)
}

// Group is one value of a grouped field and the files IMM counted for it.
type Group struct {
	Value string
	Count int64
	// Search is the query-language text of "files with this value"
	// (label=狗): compile it with search.Compile, show it as the title.
	Search string
}

// Grouping is one field's groups, largest first (at most 2000).
type Grouping struct {
	Field string // the IMM field: MediaType, Labels.LabelName, ...
	// PerFile is true for fields with one value per file (MediaType,
	// ObjectStatus, ContentType): Count/Overview.Files is the share of
	// files. For array fields (labels, addresses) IMM does not document
	// whether a group counts files or values, so draw those bars
	// relative to the largest group, never as a share of files.
	PerFile bool
	Groups  []Group
}

// Overview is what a dataset holds.
type Overview struct {
	Dataset  imm.Dataset // GetDataset WithStatistics: FileCount, TotalFileSize, BindCount, TemplateId, ...
	Clusters int64       // face clusters (QueryFigureClusters' TotalCount)
	Files    int64       // the files SimpleQuery searches (its TotalHits)
	// TotalSize and AverageSize are the sum and average of Size, in bytes.
	TotalSize, AverageSize               float64
	MediaTypes, Statuses, ContentTypes   Grouping
	Labels, Cities, Provinces, Countries Grouping
}

// overviewAggs are the aggregations of the overview, in one call (IMM's
// limit in the emulator is 10 per call).
var overviewAggs = []imm.Aggregation{
	{Field: search.FieldType, Operation: "group"},
	{Field: search.FieldStatus, Operation: "group"},
	{Field: search.FieldMIME, Operation: "group"},
	{Field: search.FieldLabel, Operation: "group"},
	{Field: search.FieldCity, Operation: "group"},
	{Field: search.FieldProvince, Operation: "group"},
	{Field: search.FieldCountry, Operation: "group"},
	{Field: search.FieldSize, Operation: "sum"},
	{Field: search.FieldSize, Operation: "average"},
}

// maxGroups is SimpleQuery's MaxResults with aggregations: groups per
// aggregation, IMM's maximum (docs/api.md §2).
const maxGroups = 2000

// groupNames are the search fields of the grouped IMM fields.
var groupNames = map[string]string{
	search.FieldType: "type", search.FieldStatus: "status", search.FieldMIME: "mime", search.FieldLabel: "label",
	search.FieldCity: "city", search.FieldProvince: "province", search.FieldCountry: "country",
}

// Overview fetches the dataset's statistics, its cluster count and the
// aggregations, three calls in parallel: one round trip.
func (s *Store) Overview(ctx context.Context) (Overview, error) {
	if err := s.enter(ctx); err != nil {
		return Overview{}, err
	}
	var o Overview
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		r, err := s.call(gctx, func(c context.Context) (any, error) {
			return s.api.GetDataset(c, imm.GetDatasetRequest{ProjectName: s.project, DatasetName: s.dataset, WithStatistics: true})
		})
		if err == nil {
			o.Dataset = r.(*imm.GetDatasetResponse).Dataset
		}
		return err
	})
	g.Go(func() error {
		r, err := s.call(gctx, func(c context.Context) (any, error) {
			return s.api.QueryFigureClusters(c, imm.QueryFigureClustersRequest{ProjectName: s.project, DatasetName: s.dataset,
				MaxResults: 1, WithTotalCount: true, CoverURIOnly: true})
		})
		if err == nil {
			o.Clusters = r.(*imm.QueryFigureClustersResponse).TotalCount
		}
		return err
	})
	g.Go(func() error {
		resp, err := s.aggregate(gctx, nil, overviewAggs)
		if err != nil {
			return err
		}
		o.Files = resp.TotalHits
		for _, a := range resp.Aggregations {
			if a.Operation == "sum" {
				o.TotalSize = a.Value
			}
			if a.Operation == "average" {
				o.AverageSize = a.Value
			}
		}
		o.MediaTypes = grouping(resp, search.FieldType, true)
		o.Statuses = grouping(resp, search.FieldStatus, true)
		o.ContentTypes = grouping(resp, search.FieldMIME, true)
		o.Labels = grouping(resp, search.FieldLabel, false)
		o.Cities = grouping(resp, search.FieldCity, false)
		o.Provinces = grouping(resp, search.FieldProvince, false)
		o.Countries = grouping(resp, search.FieldCountry, false)
		return nil
	})
	if err := g.Wait(); err != nil {
		return Overview{}, err
	}
	return o, nil
}

// grouping picks field's group aggregation out of resp.
func grouping(resp *imm.SimpleQueryResponse, field string, perFile bool) Grouping {
	out := Grouping{Field: field, PerFile: perFile}
	for _, a := range resp.Aggregations {
		if a.Field != field || a.Operation != "group" {
			continue
		}
		for _, g := range a.Groups {
			out.Groups = append(out.Groups, Group{Value: g.Value, Count: g.Count, Search: search.Term(groupNames[field], g.Value)})
		}
	}
	return out
}

// Snapshot is the overview's values for search completion.
func (o Overview) Snapshot() search.Snapshot {
	vals := func(g Grouping) []search.Value {
		out := make([]search.Value, len(g.Groups))
		for i, x := range g.Groups {
			out[i] = search.Value{Value: x.Value, Count: x.Count}
		}
		return out
	}
	return search.Snapshot{Labels: vals(o.Labels), Cities: vals(o.Cities), Provinces: vals(o.Provinces),
		Countries: vals(o.Countries), Types: vals(o.MediaTypes), Statuses: vals(o.Statuses), MIMEs: vals(o.ContentTypes)}
}

// enter refuses work on a closed store or a finished ctx.
func (s *Store) enter(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	return nil
}

// call runs one API call with ctx, counted in Stats and stopped when the
// store closes.
func (s *Store) call(ctx context.Context, fn func(context.Context) (any, error)) (any, error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil, ErrClosed
	}
	s.callStartedLocked()
	s.mu.Unlock()
	callCtx, cancel := context.WithCancel(ctx)
	stop := context.AfterFunc(s.root, cancel)
	r, err := fn(callCtx)
	stop()
	cancel()
	s.mu.Lock()
	s.callDoneLocked()
	s.mu.Unlock()
	if err != nil {
		return nil, s.closedErr(err)
	}
	return r, nil
}

// aggregate is one SimpleQuery with aggregations over the files q matches.
func (s *Store) aggregate(ctx context.Context, q *imm.SimpleQuery, aggs []imm.Aggregation) (*imm.SimpleQueryResponse, error) {
	r, err := s.call(ctx, func(c context.Context) (any, error) {
		return s.api.SimpleQuery(c, imm.SimpleQueryRequest{ProjectName: s.project, DatasetName: s.dataset,
			Query: q, Aggregations: aggs, MaxResults: maxGroups})
	})
	if err != nil {
		return nil, err
	}
	return r.(*imm.SimpleQueryResponse), nil
}
