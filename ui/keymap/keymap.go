// Package keymap applies the key bindings of the config file ([keys]
// action = ["key", ...]) to the UI's key maps. An action listed there
// loses its built-in keys; the others keep theirs.
package keymap

import (
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// The actions a config file may bind, by the names it uses.
const (
	Quit      = "quit"
	ForceQuit = "force_quit"
	Help      = "help"
	Command   = "command"
	Back      = "back"
	Up        = "up"
	Down      = "down"
	PageUp    = "page_up"
	PageDown  = "page_down"
	First     = "first"
	Last      = "last"
	Open      = "open"
	Refresh   = "refresh"
	Filter    = "filter"
	Projects  = "projects"
)

// Actions are every action name, in the order help lists them.
var Actions = []string{Quit, ForceQuit, Help, Command, Back, Up, Down, PageUp, PageDown, First, Last, Open, Refresh, Filter, Projects}

// Bindings are the configured keys by action; nil binds nothing.
type Bindings map[string][]string

// Apply gives b the keys configured for action, if any. The help names
// the keys as they are configured; the description stays.
func (bs Bindings) Apply(action string, b *key.Binding) {
	keys, ok := bs[action]
	if !ok || len(keys) == 0 {
		return
	}
	b.SetKeys(keys...)
	b.SetHelp(strings.Join(keys, "/"), b.Help().Desc)
}

// Unknown are the configured action names no key map has, sorted, for
// the config warnings.
func Unknown(bs map[string][]string) []string {
	known := map[string]bool{}
	for _, a := range Actions {
		known[a] = true
	}
	var out []string
	for a := range bs {
		if !known[a] {
			out = append(out, a)
		}
	}
	sort.Strings(out)
	return out
}
