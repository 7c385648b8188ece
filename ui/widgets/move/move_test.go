package move_test

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/widgets/move"
)

func TestDeltaIsTheSameMoveForEveryKeyOfTheMap(t *testing.T) {
	k := move.New(format.Glyphs{})
	runes := func(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
	cases := []struct {
		msg  tea.KeyMsg
		want int
		ok   bool
	}{
		{tea.KeyMsg{Type: tea.KeyUp}, -1, true},
		{runes("k"), -1, true},
		{runes("j"), 1, true},
		{tea.KeyMsg{Type: tea.KeyPgDown}, 10, true},
		{tea.KeyMsg{Type: tea.KeyCtrlB}, -10, true},
		{tea.KeyMsg{Type: tea.KeySpace, Runes: []rune(" ")}, 10, true},
		{runes("g"), -move.ToEnd, true},
		{tea.KeyMsg{Type: tea.KeyEnd}, move.ToEnd, true},
		{runes("x"), 0, false},
	}
	for _, c := range cases {
		if d, ok := k.Delta(c.msg, 10); d != c.want || ok != c.ok {
			t.Errorf("%q: Delta = %d, %v; want %d, %v", c.msg.String(), d, ok, c.want, c.ok)
		}
	}
	if d, _ := k.Delta(tea.KeyMsg{Type: tea.KeyPgUp}, 0); d != -1 {
		t.Errorf("a page of no rows moves %d; want one row", d)
	}
}
