// Package dataset builds and loads the in-memory dataset the IMM emulator
// serves: Generate makes a deterministic, realistic demo dataset from the
// vocabulary in assets/; Load reads a dataset file of the API's own models
// (docs/architecture.md "Dataset files"). Validate and Complete keep either kind
// consistent: every count and age a cluster reports is derivable from the
// faces in its files.
package dataset

import (
	"time"

	"github.com/immtui/immtui/imm"
)

// Dataset is everything the emulator serves. Slices are in a stable order
// (generation order, or file order for loaded data).
type Dataset struct {
	Projects       []imm.Project       `json:"Projects"`
	Datasets       []imm.Dataset       `json:"Datasets"`
	FigureClusters []imm.FigureCluster `json:"FigureClusters"`
	Files          []imm.File          `json:"Files"`
}

// Options control Generate. The zero value gives the default demo.
type Options struct {
	Seed     int64     // same seed => byte-identical dataset
	Clusters int       // default 80
	Files    int       // default 0: DefaultFiles(Clusters)
	Project  string    // default DefaultProject
	Dataset  string    // default DefaultDataset
	Now      time.Time // reference time for timestamps; default DefaultNow (never time.Now: determinism)
}

// Names of the generated project and dataset.
const (
	DefaultProject = "immtui-demo"
	DefaultDataset = "family-photos"
)

// DefaultClusters is the number of clusters of the default demo.
const DefaultClusters = 80

// DefaultNow is the reference time of generated timestamps: every time in
// the dataset is at or before it.
var DefaultNow = time.Date(2025, 6, 1, 10, 0, 0, 0, cst)

// cst is China Standard Time; IMM reports times with +08:00. A fixed zone
// avoids depending on the tz database.
var cst = time.FixedZone("CST", 8*3600)

// Zone is the zone generated times are written in (+08:00): dates typed
// in a query about the demo mean days of this zone.
var Zone = cst

// DefaultFiles is the number of files generated for n clusters when
// Options.Files is 0: about 1,500 for the 80-cluster demo (a family library
// is many photos of few people), then 3 more per extra cluster so that
// 100,000 clusters stay around 300,000 files.
func DefaultFiles(clusters int) int {
	if clusters <= DefaultClusters {
		return (clusters*75 + 3) / 4
	}
	return 1500 + 3*(clusters-DefaultClusters)
}

func (o Options) withDefaults() Options {
	if o.Clusters <= 0 {
		o.Clusters = DefaultClusters
	}
	if o.Files <= 0 {
		o.Files = DefaultFiles(o.Clusters)
	}
	if o.Project == "" {
		o.Project = DefaultProject
	}
	if o.Dataset == "" {
		o.Dataset = DefaultDataset
	}
	if o.Now.IsZero() {
		o.Now = DefaultNow
	}
	o.Now = o.Now.In(cst)
	return o
}
