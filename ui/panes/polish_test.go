package panes

import (
	tea "github.com/charmbracelet/bubbletea"

	"strings"
	"testing"
)

func TestFacesDetailTextDoesNotTouchTheBoxBorder(t *testing.T) {
	for _, w := range []int{40, 80, 120} {
		out := show(t, "Faces", cjkFile(t), w, 30).View()
		inBox := false
		for _, l := range strings.Split(out, "\n") {
			switch {
			case strings.HasPrefix(l, "┌"):
				inBox = true
			case strings.HasPrefix(l, "└"):
				inBox = false
			case inBox:
				if !strings.HasPrefix(l, "│ ") || !strings.HasSuffix(l, " │") {
					t.Fatalf("%d columns: box line without a space inside the border: %q", w, l)
				}
			}
		}
	}
}

func TestRawHelpSaysWhatWDoesNow(t *testing.T) {
	p := show(t, "Raw", cjkFile(t), 80, 20)
	desc := func() string { b := p.ShortHelp(); return b[len(b)-1].Help().Desc }
	if got := desc(); got != "wrap long lines" {
		t.Fatalf("w help before = %q", got)
	}
	p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("w")})
	if got := desc(); got != "cut long lines" {
		t.Fatalf("w help after wrapping = %q", got)
	}
}
