package views

import (
	"context"
	"strconv"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/widgets/table"
)

// Datasets is a project's datasets (ListDatasets) with their files, size,
// template and workflow, and the cluster count of the rows on screen
// (QueryFigureClusters, one call each). Enter browses a dataset.
type Datasets struct {
	p       *picker[imm.Dataset]
	project string
}

// NewDatasets makes the datasets picker of a project; the cursor goes to
// the dataset named select once it is listed ("": the first).
func NewDatasets(env *Env, project, selectDataset string) *Datasets {
	cat := env.Catalog
	v := &Datasets{project: project}
	spec := pickerSpec[imm.Dataset]{
		title: "Datasets of " + project, noun: "dataset", nouns: "datasets",
		empty: "Project " + strconv.Quote(project) + " has no dataset. Esc goes back to the projects.",
		columns: []table.Column{
			{Title: "Dataset", Min: 14, Max: 48, Flex: 2},
			{Title: "Files", Min: 9, Right: true},
			{Title: "Size", Min: 10, Right: true, Drop: 1},
			{Title: "Clusters", Min: 8, Right: true},
			{Title: "Template", Min: 12, Max: 28, Flex: 1, Drop: 2},
			{Title: "Workflow", Min: 9, Drop: 4},
			{Title: "Updated", Min: 16, Drop: 3},
		},
		name: func(d *imm.Dataset) string { return d.DatasetName },
		page: func(ctx context.Context, token string) ([]imm.Dataset, string, error) {
			pg, err := cat.Datasets(ctx, project, "", token)
			return pg.Datasets, pg.NextToken, err
		},
		cached: func(name string) bool { _, ok := cat.CachedClusterCount(project, name); return ok },
		fetch: func(ctx context.Context, name string) error {
			_, err := cat.ClusterCount(ctx, project, name)
			return err
		},
		cursorOn: selectDataset,
		cells:    v.cells,
		open: func(d *imm.Dataset) tea.Cmd {
			p, name := project, d.DatasetName
			return func() tea.Msg { return OpenDatasetMsg{Project: p, Dataset: name} }
		},
	}
	v.p = newPicker(env, spec)
	return v
}

func (v *Datasets) cells(d *imm.Dataset, dst []string) {
	dst[0] = d.DatasetName
	dst[1] = format.Count(d.FileCount)
	dst[2] = format.Size(d.TotalFileSize)
	n, ok := v.p.env.Catalog.CachedClusterCount(v.project, d.DatasetName)
	dst[3] = pickerCell(ok, format.Count(n), &v.p.lazy, d.DatasetName)
	dst[4] = d.TemplateId
	switch w := state.WorkflowParameters(d); {
	case w < 0:
		dst[5] = "-"
	default:
		dst[5] = format.Plural(int64(w), "param", "params")
	}
	dst[6] = format.Time(d.UpdateTime, format.Minute)
}

// Project is the project listed.
func (v *Datasets) Project() string { return v.project }

func (v *Datasets) Init() tea.Cmd              { return v.p.show() }
func (v *Datasets) Resume() tea.Cmd            { return v.p.show() }
func (v *Datasets) Pause()                     { v.p.hide() }
func (v *Datasets) Close()                     { v.p.close() }
func (v *Datasets) Crumb() string              { return v.project }
func (v *Datasets) Err() error                 { return v.p.err }
func (v *Datasets) SetSize(w, h int)           { v.p.setSize(w, h) }
func (v *Datasets) View() string               { return v.p.view() }
func (v *Datasets) Update(msg tea.Msg) tea.Cmd { return v.p.update(msg) }
func (v *Datasets) Typing() bool               { return v.p.filter.typing }
func (v *Datasets) Place() (string, string)    { return v.project, "" }
func (v *Datasets) ShortHelp() []key.Binding   { return v.p.shortHelp() }
func (v *Datasets) FullHelp() [][]key.Binding  { return v.p.fullHelp() }

// Rows is the number of datasets listed so far (for tests).
func (v *Datasets) Rows() int { return len(v.p.rows) }
