package views

import (
	"context"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/ui/panes"
)

// File is one file by its URI (`:file URI`): a line with the URI over the
// same seven panes as a cluster's cover, fetched the same lazy way.
type File struct {
	env     *Env
	cancel  context.CancelFunc
	refresh key.Binding
	uri     string
	cluster string // the cluster the Faces pane marks ("" none)
	files   *FilePanes

	width, height int
}

// NewFile makes the view of the file at uri (oss://bucket/key or pds://...;
// the command line checks the form, the store says whether it exists).
func NewFile(env *Env, uri string) *File {
	ctx, cancel := context.WithCancel(context.Background())
	v := &File{env: env, cancel: cancel, uri: uri,
		refresh: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh"))}
	// No cluster: the Faces pane marks none, and Enter on any face opens
	// that face's cluster.
	pctx := panes.Context{Styles: env.Styles, ClusterName: env.Data.ClusterName}
	v.files = NewFilePanes(env, ctx, pctx)
	v.files.SetURI(uri)
	return v
}

// NewClusterFile is the file view of a cluster's member (Enter on the
// Members list): the Faces pane marks clusterID and starts on the face
// figureID, and the view opens on Faces, whose fields the members fetch
// has cached.
func NewClusterFile(env *Env, uri, clusterID, figureID string) *File {
	ctx, cancel := context.WithCancel(context.Background())
	v := &File{env: env, cancel: cancel, uri: uri, cluster: clusterID,
		refresh: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh"))}
	pctx := panes.Context{Styles: env.Styles, ClusterID: clusterID, FigureID: figureID, ClusterName: env.Data.ClusterName}
	v.files = NewFilePanes(env, ctx, pctx)
	v.files.SetURI(uri)
	v.files.Select(slices.Index(panes.Names, "Faces"))
	return v
}

// Init fetches the first pane's fields.
func (v *File) Init() tea.Cmd { return v.files.Ensure() }

// Crumb is "File > name", the name being the URI's last path element.
func (v *File) Crumb() string { return "File > " + FileName(v.uri) }

// FileName is the last path element of a URI (the URI when it has none).
func FileName(uri string) string {
	s := strings.TrimRight(uri, "/")
	if i := strings.LastIndexByte(s, '/'); i >= 0 && i+1 < len(s) {
		return s[i+1:]
	}
	return uri
}

// Err is the shown pane's error.
func (v *File) Err() error { return v.files.Err() }

// Close cancels every request of the view.
func (v *File) Close() { v.cancel() }

// URI is the file shown.
func (v *File) URI() string { return v.uri }

// ClusterID is the cluster the Faces pane marks ("" when none).
func (v *File) ClusterID() string { return v.cluster }

// Active is the index of the shown pane.
func (v *File) Active() int { return v.files.Active() }

// Update handles r (refetch the shown pane past the cache) and hands the
// rest to the panes.
func (v *File) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok && key.Matches(k, v.refresh) {
		return v.files.Refresh()
	}
	return v.files.Update(msg)
}

// SetSize lays out the URI line and the panes (their tab bar and area).
func (v *File) SetSize(w, h int) {
	v.width, v.height = w, h
	v.files.SetSize(w, max(h-1, 0))
}

// View renders the URI line, the tabs and the shown pane.
func (v *File) View() string {
	if v.width <= 0 || v.height <= 0 {
		return ""
	}
	if v.height == 1 {
		return v.uriLine()
	}
	return v.uriLine() + "\n" + v.files.View()
}

// uriLine is "URI oss://...", losing the URI's middle when it is too wide:
// the bucket and the file name are what tell files apart.
func (v *File) uriLine() string {
	st := v.env.Styles
	const label = "URI "
	// Fit sanitises and bounds the cost of a pasted megabyte.
	uri := elideMiddle(v.env.Styles, v.env.Styles.Fit(v.uri, maxFieldCells), max(v.width-len(label), 0))
	return v.env.Styles.Truncate(st.Key.Render(label)+st.Value.Render(uri), v.width)
}

// ShortHelp is the view's keys and then the shown pane's.
func (v *File) ShortHelp() []key.Binding {
	return append([]key.Binding{v.files.NextKey(), v.refresh}, v.files.PaneShortHelp()...)
}

// FullHelp groups the view's keys, the pane numbers and the pane's keys.
func (v *File) FullHelp() [][]key.Binding {
	g := [][]key.Binding{{v.files.NextKey(), v.files.PrevKey(), v.refresh}, v.files.JumpKeys()}
	return append(g, v.files.PaneFullHelp()...)
}
