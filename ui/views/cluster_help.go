package views

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// headerKey is `i` with help that says what it will do now.
func (v *Cluster) headerKey() key.Binding {
	b := v.keys.Header
	if v.FullHeader() {
		b.SetHelp("i", "short header")
	}
	return b
}

// ShortHelp is the view's keys and then the shown pane's (or the
// members', or the cluster JSON's).
func (v *Cluster) ShortHelp() []key.Binding {
	if v.showRaw {
		return append([]key.Binding{v.keys.Cover, v.keys.Members, v.keys.Refresh, v.headerKey()}, v.raw.ShortHelp()...)
	}
	if v.showMembers {
		// Enter and c first: they are what a narrow help line must keep.
		mv := v.members.ShortHelp()
		first := []key.Binding{mv[len(mv)-1], v.keys.Cover, v.keys.Grid, v.keys.Refresh}
		if v.next != nil {
			first = append(first, v.keys.Next)
		}
		return append(first, append(mv[:len(mv)-1:len(mv)-1], v.headerKey())...)
	}
	b := []key.Binding{v.files.NextKey(), v.keys.Members, v.keys.Grid, v.keys.Refresh, v.headerKey(), v.keys.Raw}
	return append(b, v.files.PaneShortHelp()...)
}

// FullHelp groups the view's keys, the pane numbers and the pane's keys
// (or the members', or the cluster JSON's).
func (v *Cluster) FullHelp() [][]key.Binding {
	if v.showRaw {
		g := [][]key.Binding{{v.keys.Cover, v.keys.Members, v.keys.Refresh, v.headerKey()}, v.files.JumpKeys()}
		return append(g, v.raw.FullHelp()...)
	}
	if v.showMembers {
		g := [][]key.Binding{{v.keys.Cover, v.keys.Grid, v.keys.Raw, v.keys.Refresh, v.headerKey()}}
		if v.next != nil {
			g[0] = append(g[0], v.keys.Next)
		}
		return append(g, v.members.FullHelp()...)
	}
	g := [][]key.Binding{{v.files.NextKey(), v.files.PrevKey(), v.keys.Members, v.keys.Grid, v.keys.Raw, v.keys.Refresh, v.headerKey()}, v.files.JumpKeys()}
	return append(g, v.files.PaneFullHelp()...)
}

// Binds reports the Members' threshold keys while the members are shown.
func (v *Cluster) Binds(msg tea.KeyMsg) bool {
	return v.showMembers && key.Matches(msg, v.members.keys.Up, v.members.keys.Down)
}
