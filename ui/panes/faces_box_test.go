package panes

import (
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
