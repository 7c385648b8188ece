package panes

import (
	"encoding/json"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
)

// ClusterRaw is the Raw pane over a figure cluster: its complete JSON,
// unknown keys included, with the Raw pane's scrolling and wrapping. The
// Raw pane draws a File; a cluster is carried in one, decoded from the
// cluster's JSON, so the keys a File does not model (Name, FaceCount,
// Cover...) sit in its kept raw keys and are encoded back as they came.
type ClusterRaw struct {
	raw *rawPane
}

// NewClusterRaw returns an empty cluster Raw pane.
func NewClusterRaw(ctx Context) *ClusterRaw { return &ClusterRaw{raw: newRawPane(ctx)} }

// SetCluster shows c (nil clears the pane). The same cluster again (a
// refresh) keeps the scroll position.
func (p *ClusterRaw) SetCluster(c *imm.FigureCluster) {
	if c == nil {
		p.raw.SetFile(nil)
		return
	}
	p.raw.SetFile(carrier(c))
}

// carrier is c's JSON in a File. Every carried cluster has the same
// (empty) URI, so the Raw pane takes a refresh for the same document and
// keeps its place. A cluster that cannot be carried (its JSON gives a
// File field another type) is a File holding only what went wrong, so the
// pane says so instead of showing nothing.
func carrier(c *imm.FigureCluster) *imm.File {
	var f imm.File
	b, err := json.Marshal(c)
	if err == nil {
		err = json.Unmarshal(b, &f)
	}
	if err != nil {
		msg, _ := json.Marshal(map[string]string{"CannotShowCluster": err.Error()})
		f = imm.File{}
		_ = json.Unmarshal(msg, &f) // a one-key object of a string always decodes
	}
	return &f
}

// SetSize sets the pane's area.
func (p *ClusterRaw) SetSize(w, h int) { p.raw.SetSize(w, h) }

// Update handles scrolling and the wrap key.
func (p *ClusterRaw) Update(msg tea.Msg) tea.Cmd {
	return p.raw.Update(msg)
}

// View renders the pane's area.
func (p *ClusterRaw) View() string { return p.raw.View() }

// SetFirstKey replaces the key that scrolls to the top (FirstKeyer).
func (p *ClusterRaw) SetFirstKey(b key.Binding) { p.raw.SetFirstKey(b) }

// ShortHelp is the Raw pane's keys.
func (p *ClusterRaw) ShortHelp() []key.Binding { return p.raw.ShortHelp() }

// FullHelp is the Raw pane's keys, grouped.
func (p *ClusterRaw) FullHelp() [][]key.Binding { return p.raw.FullHelp() }
