// Package move is the one set of movement keys every list, table and
// scrolling pane shares, so a key means the same thing on every screen:
// ↑/↓ (k/j) one row, PgUp/PgDn (Ctrl+B/Ctrl+F, Space) one screen, g/G
// (Home/End) the first and last row.
package move

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/keymap"
)

// Keys are the movement bindings.
type Keys struct {
	Up, Down, PageUp, PageDown, First, Last key.Binding
}

// New builds the bindings. The arrows in the help text are East Asian
// ambiguous, so ASCII glyphs name the keys instead.
func New(g format.Glyphs) Keys {
	up, down := "↑/k", "↓/j"
	if g.ASCII {
		up, down = "up/k", "down/j"
	}
	return Keys{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp(up, "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp(down, "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+f", " "), key.WithHelp("pgdn", "page down")),
		First:    key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first")),
		Last:     key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last")),
	}
}

// NewWith is New with the config file's bindings applied.
func NewWith(g format.Glyphs, bs keymap.Bindings) Keys {
	k := New(g)
	bs.Apply(keymap.Up, &k.Up)
	bs.Apply(keymap.Down, &k.Down)
	bs.Apply(keymap.PageUp, &k.PageUp)
	bs.Apply(keymap.PageDown, &k.PageDown)
	bs.Apply(keymap.First, &k.First)
	bs.Apply(keymap.Last, &k.Last)
	return k
}

// Short is the one-line help: up, down.
func (k Keys) Short() []key.Binding { return []key.Binding{k.Up, k.Down} }

// All is every movement key, for the full help.
func (k Keys) All() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.First, k.Last}
}
