package keymap

import (
	"slices"
	"testing"

	"github.com/charmbracelet/bubbles/key"
)

func TestApplyReplacesTheKeysOfAConfiguredActionOnly(t *testing.T) {
	bs := Bindings{Quit: {"x", "ctrl+q"}}
	quit := key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit"))
	help := key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help"))
	bs.Apply(Quit, &quit)
	bs.Apply(Help, &help)
	if !slices.Equal(quit.Keys(), []string{"x", "ctrl+q"}) || quit.Help().Key != "x/ctrl+q" || quit.Help().Desc != "quit" {
		t.Fatalf("quit %v %+v", quit.Keys(), quit.Help())
	}
	if !slices.Equal(help.Keys(), []string{"?"}) {
		t.Fatalf("help changed: %v", help.Keys())
	}
}

func TestUnknownNamesTheActionsNoKeyMapHas(t *testing.T) {
	got := Unknown(map[string][]string{"quit": {"q"}, "zoom": {"z"}, "frobnicate": {"f"}})
	if !slices.Equal(got, []string{"frobnicate", "zoom"}) {
		t.Fatalf("got %v", got)
	}
}
