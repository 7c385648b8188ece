package ui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"

	"github.com/immtui/immtui/ui/keymap"
	"github.com/immtui/immtui/ui/widgets/errview"
)

// globalKeys work in every view.
type globalKeys struct {
	Back, Quit, ForceQuit, Help, Command, Find key.Binding
	// Filter narrows the list shown; the Place keys move through the
	// places visited; Copy, CopyJSON and Export take things out.
	Filter, PlaceBack, PlaceForward, PlacePrev key.Binding
	Copy, CopyJSON, Export                     key.Binding
	// Projects opens the projects picker; disabled (neither matched nor
	// listed in the help) when the session has no catalog to pick from.
	Projects key.Binding
}

func newGlobalKeys(bs keymap.Bindings, projects bool) globalKeys {
	k := globalKeys{
		Back:      key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", "back")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		Command:   key.NewBinding(key.WithKeys(":"), key.WithHelp(":", "command")),
		Find:      key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "find files")),

		Filter:       key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		PlaceBack:    key.NewBinding(key.WithKeys("["), key.WithHelp("[", "back (places)")),
		PlaceForward: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "forward (places)")),
		PlacePrev:    key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "previous place")),
		Copy:         key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy ID/URI")),
		CopyJSON:     key.NewBinding(key.WithKeys("Y"), key.WithHelp("Y", "copy JSON")),
		Export:       key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "export")),
		Projects:     key.NewBinding(key.WithKeys(errview.PickerKey), key.WithHelp(errview.PickerKey, "projects")),
	}
	bs.Apply(keymap.Back, &k.Back)
	bs.Apply(keymap.Quit, &k.Quit)
	bs.Apply(keymap.ForceQuit, &k.ForceQuit)
	bs.Apply(keymap.Help, &k.Help)
	bs.Apply(keymap.Command, &k.Command)
	bs.Apply(keymap.Projects, &k.Projects)
	k.Projects.SetEnabled(projects)
	return k
}

// helpKeys joins the top view's keys with the global ones.
type helpKeys struct {
	view   help.KeyMap
	global globalKeys
	top    bool // the view is the last on the stack: Esc has nowhere to go
}

func (h helpKeys) ShortHelp() []key.Binding {
	// The ways out and to more help come first: when the line is cut for
	// width, it is the view's rarer keys that go.
	help := h.global.Help
	help.SetHelp("?", "help")
	var b []key.Binding
	if h.top {
		b = []key.Binding{h.global.Quit, help, h.global.Command}
	} else {
		back := h.global.Back
		back.SetHelp("esc", "back")
		b = []key.Binding{back, help, h.global.Command}
	}
	return append(b, h.view.ShortHelp()...)
}

// FullHelp is the view's groups, then the keys that work everywhere, then
// the commands.
func (h helpKeys) FullHelp() [][]key.Binding {
	return append(h.view.FullHelp(), h.everywhere(), commandHelp())
}

// everywhere is the root's own keys, the ways out first.
func (h helpKeys) everywhere() []key.Binding {
	last := []key.Binding{h.global.Help, h.global.Command, h.global.Find, h.global.Projects, h.global.ForceQuit}
	if !h.top {
		// Below the first view q goes back, as Esc does; say so.
		back := h.global.Quit
		back.SetHelp("q", "back")
		last = append([]key.Binding{h.global.Back, back}, last...)
	} else {
		last = append(last, h.global.Quit)
	}
	return append(last, h.global.Filter, h.global.PlaceBack, h.global.PlaceForward, h.global.PlacePrev,
		h.global.Copy, h.global.CopyJSON, h.global.Export)
}
