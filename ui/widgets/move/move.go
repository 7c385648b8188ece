// Package move is the one set of movement keys every list, table and
// scrolling pane shares, so a key means the same thing on every screen:
// ↑/↓ (k/j) one row, PgUp/PgDn (Ctrl+B/Ctrl+F, Space) one screen, g/G
// (Home/End) the first and last row.
package move

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

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

// ToEnd is the delta of First and Last: beyond any list, so the caller's
// clamp lands on the first or last row.
const ToEnd = 1 << 40

// Delta is how far msg moves a cursor or a window of page rows: one row,
// a page, or ToEnd either way; ok is false for any other key. Every list
// and scrolling pane moves through it, so a key moves the same way on
// every screen.
func (k Keys) Delta(msg tea.KeyMsg, page int) (d int, ok bool) {
	switch {
	case key.Matches(msg, k.Up):
		return -1, true
	case key.Matches(msg, k.Down):
		return 1, true
	case key.Matches(msg, k.PageUp):
		return -max(page, 1), true
	case key.Matches(msg, k.PageDown):
		return max(page, 1), true
	case key.Matches(msg, k.First):
		return -ToEnd, true
	case key.Matches(msg, k.Last):
		return ToEnd, true
	}
	return 0, false
}

// Short is the one-line help: up, down.
func (k Keys) Short() []key.Binding { return []key.Binding{k.Up, k.Down} }

// All is every movement key, for the full help.
func (k Keys) All() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.First, k.Last}
}
