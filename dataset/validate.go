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

// identifies records the identifier id of item what[i] (its field, seen
// under k) and reports it missing or repeated.
func identifies[K comparable](p *problems, seen map[K]bool, k K, what string, i int, field, id string) {
	switch {
	case id == "":
		p.add("%s[%d] has no %s", what, i, field)
	case seen[k]:
		p.add("%s[%d].%s %q appears twice", what, i, field, id)
	}
	seen[k] = true
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

// list renders p as lines, for warnings.
func (p *problems) lines() []string {
	if len(p.list) == 0 {
		return nil
	}
	out := make([]string, 0, len(p.list)+1)
	for _, e := range p.list {
		out = append(out, e.Error())
	}
	if p.more > 0 {
		out = append(out, fmt.Sprintf("and %d more warnings", p.more))
	}
	return out
}

// Validate reports contradictions that make the dataset unusable, each
// naming the offending index, e.g.
//
//	Files[3].URI "oss://x" appears twice
//
// It checks: at least one dataset; names present and unique (projects,
// datasets, cluster IDs and URIs within a dataset); with several datasets,
// every cluster and file names one of them. It does not require derived
// fields (see Complete), and what IMM's own answers may hold is not a
// contradiction: see Check for the warnings.
func (d *Dataset) Validate() error {
	_, err := d.Check()
	return err
}

// Check is Validate that also returns warnings: what is kept as given but
// may surprise, each naming the offending index. A face pointing at a
// cluster the dataset does not hold, a cover that is not one of its files,
// and, with one dataset, a cluster or file that names another dataset (it
// is served in the only one, its names kept) are warnings: IMM's own
// answers hold them, since a sample of its responses never has every
// cluster and file of the account.
func (d *Dataset) Check() (warnings []string, err error) {
	var p, w problems
	projects := map[string]bool{}
	for i, pr := range d.Projects {
		identifies(&p, projects, pr.ProjectName, "Projects", i, "ProjectName", pr.ProjectName)
	}
	if len(d.Datasets) == 0 {
		p.add("there are no Datasets: add one with its ProjectName and DatasetName")
		return nil, p.err()
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
			if (project != "" && project != only.ProjectName) || (dataset != "" && dataset != only.DatasetName) {
				w.add("%s[%d] names dataset %q/%q: served in the only dataset, %q/%q, with its names kept", what, i, project, dataset, only.ProjectName, only.DatasetName)
			}
			return d.ownerKey(project, dataset), true
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
		if c.ObjectId == imm.ClusterIndependent || c.ObjectId == imm.ClusterUnavailable {
			p.add("FigureClusters[%d].ObjectId %q is a reserved ID, not a cluster", i, c.ObjectId)
			continue // faces never look a reserved ID up
		}
		identifies(&p, clusters, k, "FigureClusters", i, "ObjectId", c.ObjectId)
	}
	uris := make(map[key]bool, len(d.Files))
	for i := range d.Files {
		f := &d.Files[i]
		ds, ok := owner("Files", i, f.ProjectName, f.DatasetName)
		if !ok {
			continue
		}
		identifies(&p, uris, key{ds.project, ds.dataset, f.URI}, "Files", i, "URI", f.URI)
		for j, fg := range f.Figures {
			id := fg.FigureClusterId
			if id == "" || id == imm.ClusterIndependent || id == imm.ClusterUnavailable {
				continue
			}
			if !clusters[key{ds.project, ds.dataset, id}] {
				w.add("Files[%d].Figures[%d].FigureClusterId %q is not one of the FigureClusters: the face is kept, its cluster cannot be opened",
					i, j, id)
			}
		}
	}
	for i, c := range d.FigureClusters {
		if c.Cover == nil {
			continue
		}
		ds := d.ownerKey(c.ProjectName, c.DatasetName)
		if !datasets[ds] {
			continue // reported above
		}
		switch {
		case c.Cover.URI == "":
			w.add("FigureClusters[%d].Cover has no URI: served as given", i)
		case !uris[key{ds.project, ds.dataset, c.Cover.URI}]:
			w.add("FigureClusters[%d].Cover.URI %q is not one of the Files of %s/%s: the cover is served as given", i, c.Cover.URI, ds.project, ds.dataset)
		}
	}
	return w.lines(), p.err()
}

// ownerKey names the dataset a cluster or file naming project/dataset
// belongs to: the only dataset when there is one, whatever the names say.
func (d *Dataset) ownerKey(project, dataset string) key {
	if len(d.Datasets) == 1 {
		return key{d.Datasets[0].ProjectName, d.Datasets[0].DatasetName, ""}
	}
	return key{project, dataset, ""}
}
