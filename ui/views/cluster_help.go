package views

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// homeFirstKey is the first-row key of the cluster's parts: Home only,
// since the view binds g to the face grid.
func homeFirstKey() key.Binding {
	return key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first"))
}

// headerKey is `i`. Its help names both headers rather than the one it
// would switch to: with the default header the full help's lines (`?`)
// can themselves switch it (FullHeader picks by the height), so a wording
// by state would say one thing on the short help line and another under
// `?`.
func (v *Cluster) headerKey() key.Binding { return v.keys.Header }

// ShortHelp is the view's keys and then the shown pane's (or the
// members', or the cluster JSON's).
func (v *Cluster) ShortHelp() []key.Binding {
	if v.showRaw {
		return append([]key.Binding{v.keys.Cover, v.keys.Members, v.keys.Refresh, v.headerKey()}, v.raw.ShortHelp()...)
	}
	if v.showMembers {
		// The members' Enter, then c and g: what a narrow help line must
		// keep; the members' other keys follow.
		open := v.members.OpenKey()
		first := []key.Binding{open, v.keys.Cover, v.keys.Grid, v.keys.Refresh}
		if v.next != nil {
			first = append(first, v.keys.Next)
		}
		return append(append(first, without(v.members.ShortHelp(), open)...), v.headerKey())
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

// without is bs less the bindings named like drop (the same keys and help
// key): a container composing its help with a part's takes out by name
// what it already put first.
func without(bs []key.Binding, drop ...key.Binding) []key.Binding {
	out := make([]key.Binding, 0, len(bs))
	for _, b := range bs {
		if !slices.ContainsFunc(drop, func(d key.Binding) bool { return sameKey(b, d) }) {
			out = append(out, b)
		}
	}
	return out
}

func sameKey(a, b key.Binding) bool {
	return a.Help().Key == b.Help().Key && slices.Equal(a.Keys(), b.Keys())
}
