// Package panes renders one IMM File through the browser's tabs: Overview,
// Faces, Labels, OCR, Streams, Addresses and Raw. Each pane is its own
// model with its own keys and help, declares the File fields it needs
// (the WithFields of its lazy fetch), and renders only what fits its size.
package panes

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/ui/component"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/widgets/faceimg"
)

// Pane is one tab of the file view: a component.Model (its own help,
// SetSize, View never larger, Update to a command) that also says which
// fields of the file it draws. Its host passes it keys while it is shown
// and every other message always, so a picture it asked for reaches it
// shown or not.
type Pane interface {
	component.Model
	// Title is the tab name, exactly one of Names.
	Title() string
	// Fields lists the File fields the pane needs (WithFields); nil means
	// the whole file (Raw). The loader always adds "URI".
	Fields() []string
	// SetFile gives the pane its data (nil clears it). The file holds at
	// least Fields(); it may hold more.
	SetFile(f *imm.File)
}

// Context is what panes know about where they are shown.
type Context struct {
	Styles *theme.Styles
	// ClusterID is the cluster the user came from ("" if none); the Faces
	// pane marks faces of this cluster.
	ClusterID string
	// FigureID is the face the user came for ("" if none): the Faces pane
	// starts with its cursor on it.
	FigureID string
	// StartInCluster makes the Faces pane start, without a FigureID, on
	// the worst face of ClusterID rather than the worst of the file: the
	// cluster view shows its cover under that cluster's header.
	StartInCluster bool
	// ClusterName returns a known cluster's name for the Faces pane (it
	// may return false; the pane then shows a short ID).
	ClusterName func(id string) (string, bool)
	// Language is the user's language (BCP 47, "" when unknown): labels,
	// addresses and OCR blocks in it are shown, the others on L.
	Language string
	// Images draws face crops (the Faces pane's selected face); nil: none.
	Images *faceimg.Images
	// Thresholds are the review thresholds in force (the config's, as
	// :threshold changed them): the Faces pane judges outliers and flags by
	// the one definition Members uses. Nil: review.Default.
	Thresholds func() review.Thresholds
	// Ctx ends the panes' background loads (the host's context; nil:
	// they end when done).
	Ctx context.Context
}

// thresholds are the review thresholds ctx says are in force.
func (ctx Context) thresholds() review.Thresholds {
	if ctx.Thresholds == nil {
		return review.Default()
	}
	return ctx.Thresholds()
}

// Loader is a pane that loads pictures for what it shows (the Faces
// pane's crop): its host calls Load after the pane got a file or a size,
// since SetFile and SetSize return no command.
type Loader interface {
	Load() tea.Cmd
}

// FirstKeyer is a pane whose first-row (top) key its host may replace: a
// host that binds g itself (the cluster view's face grid) gives its panes
// Home only, so their help names the key that does it there.
type FirstKeyer interface {
	SetFirstKey(b key.Binding)
}

// OpenClusterMsg asks the browser to open a cluster (Enter on a face whose
// cluster differs from the one shown).
type OpenClusterMsg struct{ ClusterID string }

// Names are the tab names in order; keys 1-7 select them.
var Names = []string{"Overview", "Faces", "Labels", "OCR", "Streams", "Addresses", "Raw"}
