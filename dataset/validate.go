package dataset

import (
	"errors"
	"fmt"

	"github.com/immtui/immtui/imm"
)

// maxProblems bounds how many contradictions one error lists: enough to fix
// a file in one pass, short enough to read.
const maxProblems = 10

// problems collects contradictions, each naming the offending index.
type problems struct {
	list []error
	more int
}

func (p *problems) add(format string, args ...any) {
	if len(p.list) == maxProblems {
		p.more++
		return
	}
	p.list = append(p.list, fmt.Errorf(format, args...))
}

func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	if p.more > 0 {
		p.list = append(p.list, fmt.Errorf("and %d more problems", p.more))
	}
	return errors.Join(p.list...)
}

// Validate reports contradictions that make the dataset unusable, each
// naming the offending index, e.g.
//
//	FigureClusters[3].Cover.URI "oss://x" is not a file of the dataset
//
// It checks: at least one dataset; names present and unique (projects,
// datasets, cluster IDs and URIs within a dataset); with several datasets,
// every cluster and file names one of them; every face points at a
// cluster of its dataset or a reserved ID; every cover is a file of the
// dataset. It does not require derived fields: see Complete.
func (d *Dataset) Validate() error {
	var p problems
	projects := map[string]bool{}
	for i, pr := range d.Projects {
		switch {
		case pr.ProjectName == "":
			p.add("Projects[%d] has no ProjectName", i)
		case projects[pr.ProjectName]:
			p.add("Projects[%d].ProjectName %q appears twice", i, pr.ProjectName)
		}
		projects[pr.ProjectName] = true
	}
	if len(d.Datasets) == 0 {
		p.add("there are no Datasets: add one with its ProjectName and DatasetName")
		return p.err()
	}
	datasets := map[key]bool{}
	for i, ds := range d.Datasets {
		k := key{ds.ProjectName, ds.DatasetName, ""}
		switch {
		case ds.ProjectName == "" || ds.DatasetName == "":
			p.add("Datasets[%d] needs both ProjectName and DatasetName", i)
		case datasets[k]:
			p.add("Datasets[%d] %s/%s appears twice", i, ds.ProjectName, ds.DatasetName)
		case len(d.Projects) > 0 && !projects[ds.ProjectName]:
			p.add("Datasets[%d].ProjectName %q is not one of the Projects", i, ds.ProjectName)
		}
		datasets[k] = true
	}
	// owner resolves which dataset an item belongs to.
	owner := func(what string, i int, project, dataset string) (key, bool) {
		if len(d.Datasets) == 1 {
			only := d.Datasets[0]
			if (project == "" || project == only.ProjectName) && (dataset == "" || dataset == only.DatasetName) {
				return key{only.ProjectName, only.DatasetName, ""}, true
			}
			p.add("%s[%d] names dataset %s/%s, but the only dataset is %s/%s", what, i, project, dataset, only.ProjectName, only.DatasetName)
			return key{}, false
		}
		k := key{project, dataset, ""}
		if !datasets[k] {
			p.add("%s[%d] names dataset %q/%q, which is not one of the Datasets (with several datasets, each item must name its ProjectName and DatasetName)", what, i, project, dataset)
			return key{}, false
		}
		return k, true
	}
	clusters := make(map[key]bool, len(d.FigureClusters))
	for i, c := range d.FigureClusters {
		ds, ok := owner("FigureClusters", i, c.ProjectName, c.DatasetName)
		if !ok {
			continue
		}
		k := key{ds.project, ds.dataset, c.ObjectId}
		switch {
		case c.ObjectId == "":
			p.add("FigureClusters[%d] has no ObjectId", i)
		case c.ObjectId == imm.ClusterIndependent || c.ObjectId == imm.ClusterUnavailable:
			p.add("FigureClusters[%d].ObjectId %q is a reserved ID, not a cluster", i, c.ObjectId)
		case clusters[k]:
			p.add("FigureClusters[%d].ObjectId %q appears twice", i, c.ObjectId)
		}
		clusters[k] = true
	}
	uris := make(map[key]bool, len(d.Files))
	for i := range d.Files {
		f := &d.Files[i]
		ds, ok := owner("Files", i, f.ProjectName, f.DatasetName)
		if !ok {
			continue
		}
		k := key{ds.project, ds.dataset, f.URI}
		switch {
		case f.URI == "":
			p.add("Files[%d] has no URI", i)
		case uris[k]:
			p.add("Files[%d].URI %q appears twice", i, f.URI)
		}
		uris[k] = true
		for j, fg := range f.Figures {
			id := fg.FigureClusterId
			if id == "" || id == imm.ClusterIndependent || id == imm.ClusterUnavailable {
				continue
			}
			if !clusters[key{ds.project, ds.dataset, id}] {
				p.add("Files[%d].Figures[%d].FigureClusterId %q is not a cluster of the dataset (nor %s or %s)",
					i, j, id, imm.ClusterIndependent, imm.ClusterUnavailable)
			}
		}
	}
	for i, c := range d.FigureClusters {
		if c.Cover == nil {
			continue
		}
		ds, ok := owner("FigureClusters", i, c.ProjectName, c.DatasetName)
		if !ok {
			continue
		}
		switch {
		case c.Cover.URI == "":
			p.add("FigureClusters[%d].Cover has no URI: set it to a file of the dataset or remove Cover", i)
		case !uris[key{ds.project, ds.dataset, c.Cover.URI}]:
			p.add("FigureClusters[%d].Cover.URI %q is not a file of the dataset", i, c.Cover.URI)
		}
	}
	return p.err()
}
