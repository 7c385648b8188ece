package dataset

import "github.com/immtui/immtui/imm"

// The names of the multi-project demo beyond the default project and
// dataset, which come first (GenerateMulti).
const (
	DemoTravelDataset  = "travel-2024"
	DemoArchiveProject = "immtui-archive"
	DemoArchiveDataset = "scanned-albums"
)

// The sizes of the extra datasets: small, so the demo starts as fast as
// the single-dataset one.
const (
	demoTravelClusters  = 24
	demoArchiveClusters = 12
)

// GenerateMulti builds the demo for the project and dataset pickers: two
// projects and three datasets. The first project and dataset are exactly
// Generate(o) (o.Project/o.Dataset, default immtui-demo/family-photos), so
// whatever opens the default demo keeps working; the project also holds
// travel-2024, and a second project, immtui-archive, holds
// scanned-albums. Each extra dataset has its own seed (derived from
// o.Seed), so the output is as deterministic as Generate's. The result is
// Complete and passes Validate; the projects' DatasetCount, FileCount and
// TotalFileSize add up their datasets.
func GenerateMulti(o Options) *Dataset {
	first := Generate(o)
	o = o.withDefaults()
	travel := Generate(Options{Seed: o.Seed + 1, Clusters: demoTravelClusters, Project: o.Project, Dataset: DemoTravelDataset, Now: o.Now})
	archive := Generate(Options{Seed: o.Seed + 2, Clusters: demoArchiveClusters, Project: DemoArchiveProject, Dataset: DemoArchiveDataset, Now: o.Now})

	travel.Datasets[0].Description = "旅行 2024 / travel photos and clips, 2024"
	travel.Datasets[0].TemplateId = "Official:ImageManagement"
	archive.Projects[0].Description = "扫描的旧相册 / scanned family albums"
	archive.Projects[0].Tags = []imm.ProjectTag{{TagKey: "env", TagValue: "demo"}, {TagKey: "owner", TagValue: "archive"}}
	archive.Datasets[0].Description = "扫描的相册 / albums scanned from paper"
	archive.Datasets[0].TemplateId = "Official:ImageManagement"

	d := &Dataset{Projects: []imm.Project{first.Projects[0], archive.Projects[0]}}
	for _, part := range []*Dataset{first, travel, archive} {
		d.Datasets = append(d.Datasets, part.Datasets...)
		d.FigureClusters = append(d.FigureClusters, part.FigureClusters...)
	}
	d.Files = make([]imm.File, 0, len(first.Files)+len(travel.Files)+len(archive.Files))
	for _, part := range []*Dataset{first, travel, archive} {
		d.Files = append(d.Files, part.Files...)
	}
	// Covers pointed into each part's Files: point them at the merged
	// slice, as Complete's own covers do (one File, shown as it is).
	at := make(map[key]int, len(d.Files))
	for i := range d.Files {
		f := &d.Files[i]
		at[key{f.ProjectName, f.DatasetName, f.URI}] = i
	}
	for i := range d.FigureClusters {
		c := &d.FigureClusters[i]
		if c.Cover == nil {
			continue
		}
		if fi, ok := at[key{c.ProjectName, c.DatasetName, c.Cover.URI}]; ok {
			c.Cover = &d.Files[fi]
		}
	}
	// Each part counted only its own dataset: count the projects again.
	for i := range d.Projects {
		p := &d.Projects[i]
		p.DatasetCount, p.FileCount, p.TotalFileSize = 0, 0, 0
	}
	d.Complete()
	return d
}
