// Package component is the one contract every part of the browser is
// built on: screens (ui/views.View), file panes (ui/panes.Pane), the
// sub-models a screen is made of (Members, the file panes' tabs, the
// cluster's JSON, the face grid) and the table. In the spirit of
// soft-serve's Component (tea.Model + help.KeyMap + SetSize):
//
//   - it reports its own keys (ShortHelp, FullHelp); a container composes
//     help from the parts it shows, never by a part's position;
//   - it takes its size from its parent (SetSize) and View draws exactly
//     that, no line wider;
//   - Update changes it in place and returns the I/O to run as a tea.Cmd;
//     it owns its spinner and keeps the replies whose request id it issued,
//     so a container passes every non-key message on to all its parts and
//     never picks messages out for them by type.
package component

import (
	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
)

// Model is a part of the UI: a pointer that changes in place.
type Model interface {
	help.KeyMap
	// Update handles a message (a key while focused; any reply or tick,
	// which it drops unless it asked for it) and returns the work to run.
	Update(msg tea.Msg) tea.Cmd
	// View renders at most the size SetSize gave, no line wider.
	View() string
	// SetSize gives the cells the part may draw in.
	SetSize(width, height int)
}
