package ui

import (
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/views"
)

// Choosing what to browse: the root keeps the pickers at the bottom of the
// stack (Projects, then one project's Datasets) and the dataset's screens
// above them. Opening a dataset swaps the environment's store; the views
// of the dataset left are closed first, so nothing reads the old one.

// datasetHome is the first screen of a dataset: its overview, with the
// clusters one key away (c); Options.StartOn may ask for the clusters.
func (m *Model) datasetHome() views.View {
	if m.opts.StartOn == StartOverview {
		m.home = views.NewOverview(m.env)
	} else {
		m.home = views.NewClusters(m.env)
	}
	return m.home
}

// firstStack is what the browser opens on: the dataset given, else the
// projects picker.
func (m *Model) firstStack() []views.View {
	if m.env.Data == nil && m.env.Catalog != nil {
		p := views.NewProjects(m.env, m.recent)
		if m.opts.StartProject == "" {
			return []views.View{p}
		}
		p.SelectProject(m.opts.StartProject)
		p.Pause()
		return []views.View{p, views.NewDatasets(m.env, m.opts.StartProject, "")}
	}
	return []views.View{m.datasetHome()}
}

// place is the project and dataset the header shows: the picker's, or the
// store's on a dataset's screens.
func (m *Model) place() (project, dataset string) {
	if p, ok := m.top().(views.Placer); ok {
		return p.Place()
	}
	if m.env.Data != nil {
		return m.env.Data.Project(), m.env.Data.Dataset()
	}
	return "", ""
}

// noPicker is the message when the session cannot list projects.
const noPicker = "this session has no project list (it browses one dataset given on the command line)"

// closeAbove drops the views from index keep up; resetHistory closes
// them (the history may hold them too).
func (m *Model) closeAbove(keep int) {
	m.stack = slices.Clone(m.stack[:keep])
}

// resetHistory starts the places visited over at the stack shown: the
// views of the dataset left are in no place any more and are closed, so
// nothing reads an old store and [ cannot go back into one.
func (m *Model) resetHistory() {
	m.hist = history{}
	m.visit()
}

// pickers is how many views at the bottom of the stack are the pickers
// leading to project's datasets: 0, 1 (Projects) or 2 (and its Datasets).
func (m *Model) pickers(project string) int {
	if _, ok := m.stack[0].(*views.Projects); !ok {
		return 0
	}
	if len(m.stack) > 1 {
		if d, ok := m.stack[1].(*views.Datasets); ok && d.Project() == project {
			return 2
		}
	}
	return 1
}

// pickerStack rebuilds the bottom of the stack up to project's datasets
// picker (project "": the projects picker alone), keeping the pickers
// already there; the views above are closed. The new top is not started.
func (m *Model) pickerStack(project, dataset string) {
	keep := m.pickers(project)
	if project == "" {
		keep = min(keep, 1)
	}
	m.closeAbove(keep)
	if keep == 0 {
		p := views.NewProjects(m.env, m.recent)
		if project == "" && m.env.Data != nil {
			p.SelectProject(m.env.Data.Project())
		} else {
			p.SelectProject(project)
		}
		m.stack = append(m.stack, p)
	}
	if project != "" && keep < 2 {
		m.stack = append(m.stack, views.NewDatasets(m.env, project, dataset))
	}
	for _, v := range m.stack {
		if p, ok := v.(views.Pauser); ok {
			p.Pause()
		}
	}
	m.resetHistory()
}

// showProjects is :projects (and P): the projects picker, the cursor on
// the project browsed.
func (m *Model) showProjects() tea.Cmd {
	if m.env.Catalog == nil {
		m.setMessage(noPicker)
		return nil
	}
	m.pickerStack("", "")
	m.resize()
	return m.top().(views.Resumer).Resume()
}

// showDatasets is :datasets: the datasets of the project browsed (or
// picked), the cursor on the dataset browsed.
func (m *Model) showDatasets() tea.Cmd {
	project, dataset := m.place()
	if m.env.Catalog == nil {
		m.setMessage(noPicker)
		return nil
	}
	if project == "" {
		m.setMessage("choose a project first: Enter on a project lists its datasets")
		return nil
	}
	if m.env.Data != nil && m.env.Data.Project() == project {
		dataset = m.env.Data.Dataset()
	}
	m.pickerStack(project, dataset)
	m.resize()
	return m.top().(views.Resumer).Resume()
}

// openDataset browses a dataset: the pickers leading to it stay below,
// the store is opened, and the dataset's first screen is pushed.
func (m *Model) openDataset(project, dataset string) tea.Cmd {
	if m.opts.Open == nil || m.env.Catalog == nil {
		m.setMessage(noPicker)
		return nil
	}
	m.pickerStack(project, dataset)
	if d := m.env.Data; d == nil || d.Project() != project || d.Dataset() != dataset {
		m.CloseData()
		m.env.Data = m.opts.Open(project, dataset)
		// The quality strips are the new dataset's: a cache over its store.
		m.env.Quality = nil
		if st, ok := m.env.Data.(*state.Store); ok {
			m.env.Quality = state.NewQuality(st, m.env.Thresholds())
		}
		m.ownData = true
	}
	m.recent = &views.Recent{Project: project, Dataset: dataset}
	home := m.datasetHome()
	m.stack = append(m.stack, home)
	m.visit()
	m.resize()
	return home.Init()
}

// Browsed is the dataset to remember for next time: the one browsed,
// unless its first screen failed (a name mistyped, a project not allowed).
func (m *Model) Browsed() (project, dataset string, ok bool) {
	if m.env.Data == nil || m.home == nil || m.home.Err() != nil {
		return "", "", false
	}
	return m.env.Data.Project(), m.env.Data.Dataset(), true
}

// Data is the store browsed now (nil in a picker before any dataset).
func (m *Model) Data() views.Data { return m.env.Data }

// CloseData closes the store the root opened (Options.Open), if any; the
// store given in Options is its caller's to close.
func (m *Model) CloseData() {
	if c, ok := m.env.Data.(interface{ Close() }); ok && m.ownData {
		c.Close()
	}
	m.ownData = false
}
