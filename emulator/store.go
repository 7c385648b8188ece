package emulator

import (
	"cmp"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/imm"
)

// store is the served data, indexed once at start-up and read-only after
// that, so handlers share it without locks. The only mutable parts are the
// lazily built caches (sorted cluster orders, value indexes, query
// results), which have their own locks.
type store struct {
	projects      []*projectEntry // sorted by name
	projectByName map[string]*projectEntry
}

type projectEntry struct {
	p        imm.Project
	datasets []*datasetEntry // sorted by name
	byName   map[string]*datasetEntry
}

type datasetEntry struct {
	d imm.Dataset

	clusters    []imm.FigureCluster
	clusterByID map[string]int32
	coverOf     []int32 // cluster index -> file index of its cover, or -1
	created     []int64 // cluster index -> CreateTime in Unix ns (0 if unparsable)
	updated     []int64
	orders      sync.Map // clusterOrderKey -> *clusterOrder

	files     []*imm.File // into the caller's Data, never written
	fileByURI map[string]int32
	indexes   []lazyIndex // per indexedFields entry, built on first use (index.go)
	totalSize int64

	queries *resultCache
}

// source is what New serves: the slices of a dataset.Dataset.
type source struct {
	Projects       []imm.Project
	Datasets       []imm.Dataset
	FigureClusters []imm.FigureCluster
	Files          []imm.File
}

func sourceOf(d *dataset.Dataset) source {
	return source{Projects: d.Projects, Datasets: d.Datasets, FigureClusters: d.FigureClusters, Files: d.Files}
}

// newStore indexes src. With one dataset, every cluster and file belongs to
// it, whatever dataset it names (pasted answers keep the names they came
// with); otherwise each must name its ProjectName and DatasetName.
// Contradictions are errors naming the offending index.
func newStore(src source) (*store, error) {
	s := &store{projectByName: map[string]*projectEntry{}}
	for i, p := range src.Projects {
		if p.ProjectName == "" {
			return nil, fmt.Errorf("emulator: Projects[%d] has no ProjectName", i)
		}
		if s.projectByName[p.ProjectName] != nil {
			return nil, fmt.Errorf("emulator: Projects[%d]: project %q is listed twice", i, p.ProjectName)
		}
		s.addProject(p)
	}
	for i, d := range src.Datasets {
		if d.ProjectName == "" || d.DatasetName == "" {
			return nil, fmt.Errorf("emulator: Datasets[%d] needs both ProjectName and DatasetName", i)
		}
		pe := s.projectByName[d.ProjectName]
		if pe == nil {
			// A dataset file may list datasets only; their projects exist implicitly.
			pe = s.addProject(imm.Project{ProjectName: d.ProjectName})
		}
		if pe.byName[d.DatasetName] != nil {
			return nil, fmt.Errorf("emulator: Datasets[%d]: dataset %s/%s is listed twice", i, d.ProjectName, d.DatasetName)
		}
		de := &datasetEntry{d: d, clusterByID: map[string]int32{}, fileByURI: map[string]int32{},
			indexes: newLazyIndexes(), queries: newResultCache(32)}
		pe.byName[d.DatasetName] = de
		pe.datasets = append(pe.datasets, de)
	}
	var only *datasetEntry
	if len(src.Datasets) == 1 {
		only = s.projectByName[src.Datasets[0].ProjectName].byName[src.Datasets[0].DatasetName]
	}
	owner := func(what string, i int, project, dataset string) (*datasetEntry, error) {
		if only != nil {
			return only, nil
		}
		if pe := s.projectByName[project]; pe != nil {
			if de := pe.byName[dataset]; de != nil {
				return de, nil
			}
		}
		if project == "" || dataset == "" {
			return nil, fmt.Errorf("emulator: %s[%d] names no dataset; with several datasets each must give ProjectName and DatasetName", what, i)
		}
		return nil, fmt.Errorf("emulator: %s[%d] names dataset %s/%s, which Datasets does not list", what, i, project, dataset)
	}
	// Size the per-dataset slices first: growing slices of large File
	// structs one append at a time costs seconds at 100k files.
	fileCount, clusterCount := map[*datasetEntry]int{}, map[*datasetEntry]int{}
	for i, f := range src.Files {
		if de, err := owner("Files", i, f.ProjectName, f.DatasetName); err == nil {
			fileCount[de]++
		}
	}
	for i, c := range src.FigureClusters {
		if de, err := owner("FigureClusters", i, c.ProjectName, c.DatasetName); err == nil {
			clusterCount[de]++
		}
	}
	for de, n := range fileCount {
		de.files = make([]*imm.File, 0, n)
		de.fileByURI = make(map[string]int32, n)
	}
	for de, n := range clusterCount {
		de.clusters = make([]imm.FigureCluster, 0, n)
		de.clusterByID = make(map[string]int32, n)
		de.coverOf, de.created, de.updated = make([]int32, 0, n), make([]int64, 0, n), make([]int64, 0, n)
	}
	for i := range src.Files {
		f := &src.Files[i]
		de, err := owner("Files", i, f.ProjectName, f.DatasetName)
		if err != nil {
			return nil, err
		}
		if f.URI == "" {
			return nil, fmt.Errorf("emulator: Files[%d] has no URI", i)
		}
		if _, dup := de.fileByURI[f.URI]; dup {
			return nil, fmt.Errorf("emulator: Files[%d]: URI %q is listed twice", i, f.URI)
		}
		idx := int32(len(de.files))
		de.fileByURI[f.URI] = idx
		de.files = append(de.files, f)
		de.totalSize += f.Size
	}
	for i, c := range src.FigureClusters {
		de, err := owner("FigureClusters", i, c.ProjectName, c.DatasetName)
		if err != nil {
			return nil, err
		}
		if c.ObjectId == "" {
			return nil, fmt.Errorf("emulator: FigureClusters[%d] has no ObjectId", i)
		}
		if _, dup := de.clusterByID[c.ObjectId]; dup {
			return nil, fmt.Errorf("emulator: FigureClusters[%d]: ObjectId %q is listed twice", i, c.ObjectId)
		}
		c.ProjectName, c.DatasetName = orName(c.ProjectName, de.d.ProjectName), orName(c.DatasetName, de.d.DatasetName)
		if c.ObjectType == "" {
			c.ObjectType = "figure-cluster"
		}
		cover := int32(-1)
		if c.Cover != nil {
			if fi, ok := de.fileByURI[c.Cover.URI]; ok {
				cover = fi
			}
		}
		de.clusterByID[c.ObjectId] = int32(len(de.clusters))
		de.clusters = append(de.clusters, c)
		de.coverOf = append(de.coverOf, cover)
		de.created = append(de.created, parseTime(c.CreateTime))
		de.updated = append(de.updated, parseTime(c.UpdateTime))
	}
	slices.SortFunc(s.projects, func(a, b *projectEntry) int { return cmp.Compare(a.p.ProjectName, b.p.ProjectName) })
	for _, pe := range s.projects {
		slices.SortFunc(pe.datasets, func(a, b *datasetEntry) int { return cmp.Compare(a.d.DatasetName, b.d.DatasetName) })
	}
	return s, nil
}

func (s *store) addProject(p imm.Project) *projectEntry {
	pe := &projectEntry{p: p, byName: map[string]*datasetEntry{}}
	s.projectByName[p.ProjectName] = pe
	s.projects = append(s.projects, pe)
	return pe
}

// parseTime reads an RFC 3339 time as Unix nanoseconds; 0 when it is not one.
func parseTime(s string) int64 {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return 0
	}
	return t.UnixNano()
}

// project finds a project or answers ResourceNotFound.
func (s *store) project(name string) (*projectEntry, *apiError) {
	pe := s.projectByName[name]
	if pe == nil {
		return nil, errNotFound("project")
	}
	return pe, nil
}

// dataset finds a dataset or answers ResourceNotFound for the project or
// the dataset, whichever is missing.
func (s *store) dataset(project, dataset string) (*datasetEntry, *apiError) {
	pe, err := s.project(project)
	if err != nil {
		return nil, err
	}
	de := pe.byName[dataset]
	if de == nil {
		return nil, errNotFound("dataset")
	}
	return de, nil
}

// coverFile returns cluster i's cover: the stored File when the dataset
// holds it (IMM answers the full File), else the Cover as given.
func (de *datasetEntry) coverFile(i int32) *imm.File {
	if fi := de.coverOf[i]; fi >= 0 {
		return de.file(fi)
	}
	return de.clusters[i].Cover
}

// file returns file i as answered: with a ProjectName and DatasetName,
// the dataset's filled in on a copy when the data left them out (files are
// shared with the caller's Data and never written). Names the data gives
// are kept.
func (de *datasetEntry) file(i int32) *imm.File {
	f := de.files[i]
	if f.ProjectName != "" && f.DatasetName != "" {
		return f
	}
	c := *f
	c.ProjectName, c.DatasetName = orName(f.ProjectName, de.d.ProjectName), orName(f.DatasetName, de.d.DatasetName)
	return &c
}

// orName is have, or the dataset's name when have is empty.
func orName(have, dataset string) string {
	if have == "" {
		return dataset
	}
	return have
}

// clusterOrderKey names one cached ordering of a dataset's clusters.
type clusterOrderKey struct {
	Sort string
	Desc bool
}

type clusterOrder struct {
	once sync.Once
	idx  []int32
}

// clusterOrder returns the cluster indexes sorted by key, built on first
// use and cached: paging 100k clusters then costs a slice per page.
func (de *datasetEntry) clusterOrder(key clusterOrderKey) []int32 {
	v, _ := de.orders.LoadOrStore(key, &clusterOrder{})
	o := v.(*clusterOrder)
	o.once.Do(func() { o.idx = de.sortClusters(key) })
	return o.idx
}

func (de *datasetEntry) sortClusters(key clusterOrderKey) []int32 {
	idx := make([]int32, len(de.clusters))
	for i := range idx {
		idx[i] = int32(i)
	}
	primary := de.clusterCompare(key.Sort)
	slices.SortFunc(idx, func(a, b int32) int {
		c := primary(a, b)
		if c == 0 {
			// Ties fall back to group ID, so pages are stable.
			c = cmp.Compare(de.clusters[a].ObjectId, de.clusters[b].ObjectId)
		}
		// desc mirrors asc exactly, ties included, so the first page of the
		// reversed order is the last page of this one (the browser's G/End
		// relies on that). How IMM orders ties is not documented.
		if key.Desc {
			c = -c
		}
		return c
	})
	return idx
}

// clusterCompare compares two clusters by one of imm.SortKeys ("" is
// group ID). Unknown keys are rejected before this is called.
func (de *datasetEntry) clusterCompare(sortKey string) func(a, b int32) int {
	c := de.clusters
	str := func(f func(*imm.FigureCluster) string) func(a, b int32) int {
		return func(a, b int32) int { return cmp.Compare(f(&c[a]), f(&c[b])) }
	}
	num := func(f func(*imm.FigureCluster) int64) func(a, b int32) int {
		return func(a, b int32) int { return cmp.Compare(f(&c[a]), f(&c[b])) }
	}
	timeCmp := func(ns []int64, raw func(*imm.FigureCluster) string) func(a, b int32) int {
		return func(a, b int32) int {
			if r := cmp.Compare(ns[a], ns[b]); r != 0 {
				return r
			}
			return cmp.Compare(raw(&c[a]), raw(&c[b]))
		}
	}
	switch sortKey {
	case "ImageCount":
		return num(func(x *imm.FigureCluster) int64 { return x.ImageCount })
	case "VideoCount":
		return num(func(x *imm.FigureCluster) int64 { return x.VideoCount })
	case "FaceCount":
		return num(func(x *imm.FigureCluster) int64 { return x.FaceCount })
	case "ProjectName":
		return str(func(x *imm.FigureCluster) string { return x.ProjectName })
	case "DatasetName":
		return str(func(x *imm.FigureCluster) string { return x.DatasetName })
	case "Gender":
		return str(func(x *imm.FigureCluster) string { return x.Gender })
	case "GroupName":
		// GroupName is the cluster's Name (the "group" of faces).
		return str(func(x *imm.FigureCluster) string { return x.Name })
	case "CreateTime":
		return timeCmp(de.created, func(x *imm.FigureCluster) string { return x.CreateTime })
	case "UpdateTime":
		return timeCmp(de.updated, func(x *imm.FigureCluster) string { return x.UpdateTime })
	}
	// No Sort: group ID order, which Order may reverse.
	return str(func(x *imm.FigureCluster) string { return x.ObjectId })
}

// resultCache keeps the ordered hits of recent SimpleQuery listings so
// paging through a large unindexed result does not redo the scan per page.
type resultCache struct {
	mu    sync.Mutex
	max   int
	items map[string][]int32
	order []string
}

func newResultCache(max int) *resultCache {
	return &resultCache{max: max, items: map[string][]int32{}}
}

func (c *resultCache) get(key string) ([]int32, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.items[key]
	return v, ok
}

func (c *resultCache) put(key string, v []int32) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[key]; ok {
		return
	}
	if len(c.order) >= c.max {
		delete(c.items, c.order[0])
		c.order = c.order[1:]
	}
	c.items[key] = v
	c.order = append(c.order, key)
}
