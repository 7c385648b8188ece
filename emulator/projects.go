package emulator

import (
	"sort"
	"strings"

	"github.com/immtui/immtui/imm"
)

// Project and dataset actions: ListProjects, ListDatasets, GetProject and
// GetDataset (docs/api.md §1.1). Lists are in lexicographic name order; a
// NextToken resumes after the last name returned.

const maxPrefix = 128

type listProjectsBody struct {
	RequestId string
	Projects  []imm.Project
	NextToken string
}

type listDatasetsBody struct {
	RequestId string
	Datasets  []imm.Dataset
	NextToken string
}

type projectBody struct {
	RequestId string
	Project   imm.Project
}

type datasetBody struct {
	RequestId string
	Dataset   imm.Dataset
}

// tag is one ListProjects Tag filter entry.
type tag struct {
	Key   string
	Value string
}

func (p *params) prefix() string {
	s := p.str("Prefix")
	if len(s) > maxPrefix {
		p.fail(errInvalid("Prefix", "it must be at most 128 characters"))
	}
	return s
}

func (s *Server) listProjects(p *params, rid string) (any, *apiError) {
	max := p.maxResults(200, 100)
	prefix := p.prefix()
	var tags []tag
	p.object("Tag", &tags, true)
	if p.err != nil {
		return nil, p.err
	}
	want := pageToken{Kind: "projects", Fingerprint: fingerprint(prefix, p.str("Tag"))}
	tok, e := decodeToken(p.str("NextToken"), want)
	if e != nil {
		return nil, e
	}
	out := listProjectsBody{RequestId: rid, Projects: []imm.Project{}}
	// Names are sorted, so the page starts at the first name after the
	// token and past the prefix, and ends with the last name holding it.
	start := startAt(len(s.data.projects), func(i int) string { return s.data.projects[i].p.ProjectName }, tok.After, prefix)
	for _, pe := range s.data.projects[start:] {
		name := pe.p.ProjectName
		if !strings.HasPrefix(name, prefix) {
			break
		}
		if !hasTags(pe.p.Tags, tags) {
			continue
		}
		if len(out.Projects) == max {
			// Another match exists: hand out a token after the last one.
			want.After = out.Projects[max-1].ProjectName
			out.NextToken = want.encode()
			break
		}
		out.Projects = append(out.Projects, pe.p)
	}
	return out, nil
}

// startAt is the index of the first of n sorted names that comes after
// after and is not before prefix (every name holding prefix is at or
// past it).
func startAt(n int, name func(int) string, after, prefix string) int {
	return sort.Search(n, func(i int) bool {
		s := name(i)
		return s > after && s >= prefix
	})
}

func hasTags(have []imm.ProjectTag, want []tag) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			if h.TagKey == w.Key && (w.Value == "" || h.TagValue == w.Value) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func (s *Server) listDatasets(p *params, rid string) (any, *apiError) {
	project := p.required("ProjectName")
	max := p.maxResults(200, 100)
	prefix := p.prefix()
	if p.err != nil {
		return nil, p.err
	}
	pe, err := s.data.project(project)
	if err != nil {
		return nil, err
	}
	want := pageToken{Kind: "datasets", Scope: project, Fingerprint: fingerprint(prefix)}
	tok, e := decodeToken(p.str("NextToken"), want)
	if e != nil {
		return nil, e
	}
	out := listDatasetsBody{RequestId: rid, Datasets: []imm.Dataset{}}
	start := startAt(len(pe.datasets), func(i int) string { return pe.datasets[i].d.DatasetName }, tok.After, prefix)
	for _, de := range pe.datasets[start:] {
		name := de.d.DatasetName
		if !strings.HasPrefix(name, prefix) {
			break
		}
		if len(out.Datasets) == max {
			want.After = out.Datasets[max-1].DatasetName
			out.NextToken = want.encode()
			break
		}
		out.Datasets = append(out.Datasets, de.d)
	}
	return out, nil
}

func (s *Server) getProject(p *params, rid string) (any, *apiError) {
	project := p.required("ProjectName")
	stats := p.boolean("WithStatistics")
	if p.err != nil {
		return nil, p.err
	}
	pe, err := s.data.project(project)
	if err != nil {
		return nil, err
	}
	out := pe.p
	if stats {
		// Computed live, as IMM does with WithStatistics=true.
		out.DatasetCount, out.FileCount, out.TotalFileSize = int64(len(pe.datasets)), 0, 0
		for _, de := range pe.datasets {
			out.FileCount += int64(len(de.files))
			out.TotalFileSize += de.totalSize
		}
	}
	return projectBody{RequestId: rid, Project: out}, nil
}

func (s *Server) getDataset(p *params, rid string) (any, *apiError) {
	project, dataset := p.required("ProjectName"), p.required("DatasetName")
	stats := p.boolean("WithStatistics")
	de, err := s.requestedDataset(p, project, dataset)
	if err != nil {
		return nil, err
	}
	out := de.d
	if stats {
		out.FileCount, out.TotalFileSize = int64(len(de.files)), de.totalSize
	}
	return datasetBody{RequestId: rid, Dataset: out}, nil
}
