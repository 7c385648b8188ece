package views

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/widgets/table"
)

// Projects is the account's projects (ListProjects), filtered as you
// type, each with its dataset count, files and size (GetProject
// WithStatistics, for the rows on screen only). Enter lists a project's
// datasets; the last project and dataset browsed are the first row.
type Projects struct {
	p *picker[imm.Project]
}

// NewProjects makes the projects picker; recent (may be nil) is offered
// first. Init (or Resume) fetches the first page.
func NewProjects(env *Env, recent *Recent) *Projects {
	cat := env.Catalog
	spec := pickerSpec[imm.Project]{
		title: "Projects", noun: "project", nouns: "projects",
		empty: "This account has no IMM project in this region. Check --region, or create a project in the IMM console.",
		columns: []table.Column{
			{Title: "Project", Min: 14, Max: 48, Flex: 2},
			{Title: "Datasets", Min: 8, Right: true},
			{Title: "Files", Min: 9, Right: true, Drop: 1},
			{Title: "Size", Min: 10, Right: true, Drop: 2},
			{Title: "Created", Min: 16, Drop: 4},
			{Title: "Description", Min: 12, Flex: 1, Drop: 3},
		},
		name: func(pr *imm.Project) string { return pr.ProjectName },
		page: func(ctx context.Context, token string) ([]imm.Project, string, error) {
			pg, err := cat.Projects(ctx, "", token)
			return pg.Projects, pg.NextToken, err
		},
		cached: func(name string) bool { _, ok := cat.CachedProjectStats(name); return ok },
		fetch: func(ctx context.Context, name string) error {
			_, err := cat.ProjectStats(ctx, name)
			return err
		},
	}
	v := &Projects{}
	spec.cells = v.cells
	spec.open = func(pr *imm.Project) tea.Cmd {
		return Push(NewDatasets(env, pr.ProjectName, ""))
	}
	if recent != nil && recent.Project != "" && recent.Dataset != "" {
		spec.recent = []string{recent.Project + " / " + recent.Dataset, "", "", "", "", "last browsed: Enter opens it"}
		r := *recent
		spec.openRecent = func() tea.Cmd {
			return func() tea.Msg { return OpenDatasetMsg(r) }
		}
	}
	v.p = newPicker(env, spec)
	return v
}

// SelectProject puts the cursor on a project once it is listed.
func (v *Projects) SelectProject(name string) { v.p.spec.cursorOn = name }

func (v *Projects) cells(pr *imm.Project, dst []string) {
	dst[0] = pr.ProjectName
	s, ok := v.p.env.Catalog.CachedProjectStats(pr.ProjectName)
	l := &v.p.lazy
	dst[1] = pickerCell(ok, format.Count(s.DatasetCount), l, pr.ProjectName)
	dst[2] = pickerCell(ok, format.Count(s.FileCount), l, pr.ProjectName)
	dst[3] = pickerCell(ok, format.Size(s.TotalFileSize), l, pr.ProjectName)
	dst[4] = format.Time(pr.CreateTime, format.Minute)
	dst[5] = pr.Description
}

func (v *Projects) Init() tea.Cmd              { return v.p.show() }
func (v *Projects) Resume() tea.Cmd            { return v.p.show() }
func (v *Projects) Pause()                     { v.p.hide() }
func (v *Projects) Close()                     { v.p.close() }
func (v *Projects) Crumb() string              { return "Projects" }
func (v *Projects) Err() error                 { return v.p.err }
func (v *Projects) SetSize(w, h int)           { v.p.setSize(w, h) }
func (v *Projects) View() string               { return v.p.view() }
func (v *Projects) Update(msg tea.Msg) tea.Cmd { return v.p.update(msg) }
func (v *Projects) Typing() bool               { return v.p.filter.typing }
func (v *Projects) Place() (string, string)    { return "", "" }
func (v *Projects) ShortHelp() []key.Binding   { return v.p.shortHelp() }
func (v *Projects) FullHelp() [][]key.Binding  { return v.p.fullHelp() }

// Rows is the number of projects listed so far (for tests).
func (v *Projects) Rows() int { return len(v.p.rows) }
