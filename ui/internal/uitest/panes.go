package uitest

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/panes"
)

// StubFields are the stand-in panes' WithFields, in panes.Names order.
var StubFields = [][]string{
	{"Filename", "Size", "MediaType"}, {"Figures"}, {"Labels"}, {"OCRContents", "OCRTexts"},
	{"VideoStreams", "AudioStreams"}, {"Addresses"}, nil,
}

// StubPanes is a pane registry for tests: each pane shows its title and
// the file's name, and Enter on the Faces pane opens cluster "Cluster-0001".
func StubPanes(ctx panes.Context) []panes.Pane {
	out := make([]panes.Pane, len(panes.Names))
	for i, n := range panes.Names {
		out[i] = &stubPane{title: n, fields: StubFields[i]}
	}
	return out
}

type stubPane struct {
	title  string
	fields []string
	file   *imm.File
	w, h   int
}

var openKey = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open face's cluster"))

func (p *stubPane) Title() string             { return p.title }
func (p *stubPane) Fields() []string          { return p.fields }
func (p *stubPane) SetFile(f *imm.File)       { p.file = f }
func (p *stubPane) SetSize(w, h int)          { p.w, p.h = w, h }
func (p *stubPane) ShortHelp() []key.Binding  { return []key.Binding{openKey} }
func (p *stubPane) FullHelp() [][]key.Binding { return [][]key.Binding{{openKey}} }
func (p *stubPane) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok && p.title == "Faces" && key.Matches(k, openKey) {
		return func() tea.Msg { return panes.OpenClusterMsg{ClusterID: "Cluster-0001-a1b2c3d4e5f6"} }
	}
	return nil
}

var _ panes.Pane = (*stubPane)(nil)

func (p *stubPane) View() string {
	if p.w <= 0 || p.h <= 0 {
		return ""
	}
	if p.file == nil {
		return safetext.Truncate("no file", p.w)
	}
	return safetext.Truncate(p.title+" of "+p.file.Filename, p.w)
}
