package emulator

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/immtui/immtui/imm"
)

// Figure cluster actions: QueryFigureClusters, BatchGetFigureCluster and
// GetFigureCluster (docs/api.md §1.1).

// maxClusterIDs: BatchGetFigureCluster documents no limit; 100 matches the
// other batch APIs and is a guess (unverified against IMM).
const maxClusterIDs = 100

type queryFigureClustersBody struct {
	RequestId      string
	FigureClusters []imm.FigureCluster
	NextToken      string
	TotalCount     int64 `json:",omitempty"`
}

type figureClustersBody struct {
	RequestId      string
	FigureClusters []imm.FigureCluster
}

type figureClusterBody struct {
	RequestId     string
	FigureCluster imm.FigureCluster
}

func (s *Server) queryFigureClusters(p *params, rid string) (any, *apiError) {
	project, dataset := p.required("ProjectName"), p.required("DatasetName")
	max := p.maxResults(100, 100)
	sortKey := p.str("Sort")
	if sortKey != "" && !slices.Contains(imm.SortKeys, sortKey) {
		p.fail(errInvalid("Sort", fmt.Sprintf("%q is not one of %s", sortKey, strings.Join(imm.SortKeys, ", "))))
	}
	desc, e := parseOrder("Order", p.str("Order"), false)
	if e != nil {
		p.fail(e)
	}
	withTotal := p.boolean("WithTotalCount")
	created := p.timeRange("CreateTimeRange")
	updated := p.timeRange("UpdateTimeRange")
	labelKey, labelValue, hasLabel := strings.Cut(p.str("CustomLabels"), "=")
	if p.str("CustomLabels") != "" && !hasLabel {
		hasLabel = true // "key" alone: the label must exist
		labelValue = "\x00any"
	}
	de, err := s.requestedDataset(p, project, dataset)
	if err != nil {
		return nil, err
	}

	order := de.clusterOrder(clusterOrderKey{Sort: sortKey, Desc: desc})
	if created.set || updated.set || hasLabel {
		filtered := make([]int32, 0, len(order)/4)
		for _, i := range order {
			if created.holds(de.created[i]) && updated.holds(de.updated[i]) &&
				(!hasLabel || labelMatches(de.clusters[i].CustomLabels, labelKey, labelValue)) {
				filtered = append(filtered, i)
			}
		}
		order = filtered
	}

	want := pageToken{Kind: "clusters", Scope: project + "/" + dataset,
		Fingerprint: fingerprint(sortKey, fmt.Sprint(desc), p.str("CreateTimeRange"), p.str("UpdateTimeRange"), p.str("CustomLabels"))}
	tok, e := decodeToken(p.str("NextToken"), want)
	if e != nil {
		return nil, e
	}
	if tok.Pos > len(order) {
		return nil, errInvalid("NextToken", "it points past the end of the listing")
	}
	end := min(tok.Pos+max, len(order))
	out := queryFigureClustersBody{RequestId: rid, FigureClusters: make([]imm.FigureCluster, 0, end-tok.Pos)}
	for _, i := range order[tok.Pos:end] {
		out.FigureClusters = append(out.FigureClusters, de.clusterView(i))
	}
	if end < len(order) {
		want.Pos = end
		out.NextToken = want.encode()
	}
	if withTotal {
		out.TotalCount = int64(len(order))
	}
	return out, nil
}

// clusterView is cluster i as IMM answers it, with the full cover File.
func (de *datasetEntry) clusterView(i int32) imm.FigureCluster {
	c := de.clusters[i]
	c.Cover = de.coverFile(i)
	return c
}

func labelMatches(labels map[string]any, key, value string) bool {
	v, ok := labels[key]
	if !ok {
		return false
	}
	return value == "\x00any" || fmt.Sprint(v) == value
}

func (s *Server) batchGetFigureCluster(p *params, rid string) (any, *apiError) {
	project, dataset := p.required("ProjectName"), p.required("DatasetName")
	ids := p.stringList("ObjectIds")
	if p.err == nil && len(ids) == 0 {
		p.fail(errMissing("ObjectIds"))
	}
	if len(ids) > maxClusterIDs {
		p.fail(errTooMany("ObjectIds", len(ids), maxClusterIDs))
	}
	de, err := s.requestedDataset(p, project, dataset)
	if err != nil {
		return nil, err
	}
	// Unknown IDs are left out of the answer rather than failing the batch
	// (unverified against IMM); duplicates are answered once.
	out := figureClustersBody{RequestId: rid, FigureClusters: make([]imm.FigureCluster, 0, len(ids))}
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if i, ok := de.clusterByID[id]; ok && !seen[id] {
			seen[id] = true
			out.FigureClusters = append(out.FigureClusters, de.clusterView(i))
		}
	}
	return out, nil
}

func (s *Server) getFigureCluster(p *params, rid string) (any, *apiError) {
	project, dataset, id := p.required("ProjectName"), p.required("DatasetName"), p.required("ObjectId")
	de, err := s.requestedDataset(p, project, dataset)
	if err != nil {
		return nil, err
	}
	i, ok := de.clusterByID[id]
	if !ok {
		return nil, errNotFound("figure cluster")
	}
	return figureClusterBody{RequestId: rid, FigureCluster: de.clusterView(i)}, nil
}

// timeFilter is an inclusive CreateTimeRange/UpdateTimeRange bound in Unix ns.
type timeFilter struct {
	set        bool
	start, end int64
	hasStart   bool
	hasEnd     bool
}

func (f timeFilter) holds(ns int64) bool {
	return !f.set || ((!f.hasStart || ns >= f.start) && (!f.hasEnd || ns <= f.end))
}

// timeRange reads a JSON TimeRange object parameter.
func (p *params) timeRange(name string) timeFilter {
	var tr imm.TimeRange
	if !p.object(name, &tr, false) {
		return timeFilter{}
	}
	f := timeFilter{set: true}
	for _, b := range []struct {
		s   string
		dst *int64
		has *bool
	}{{tr.Start, &f.start, &f.hasStart}, {tr.End, &f.end, &f.hasEnd}} {
		if b.s == "" {
			continue
		}
		t, err := time.Parse(time.RFC3339Nano, b.s)
		if err != nil {
			p.fail(errInvalid(name, "Start and End must be RFC 3339 times such as 2024-01-02T15:04:05Z"))
			return timeFilter{}
		}
		*b.dst, *b.has = t.UnixNano(), true
	}
	return f
}
