package views_test

import (
	"strings"
	"testing"

	"github.com/immtui/immtui/ui/internal/uitest"
)

// TestCompareDrawsTheSelectionOnlyInTheFocusedPart: the shared files'
// cursor row is highlighted only while they have the keys, and only the
// focused grid frames its selected face; Tab moves all three together.
func TestCompareDrawsTheSelectionOnlyInTheFocusedPart(t *testing.T) {
	d := startCompareDemo(t, uitest.NewImages(uitest.NoColour, nil))
	v := d.open(t, d.truth.CoOccurringPairs[0], 120, 36)
	for _, want := range []struct {
		part       string
		list, a, b bool
	}{{"the shared files", true, false, false}, {"grid A", false, true, false}, {"grid B", false, false, true}, {"the shared files again", true, false, false}} {
		out := v.View()
		uitest.CheckFrame(t, out, 120, 36)
		list, a, b := compareSelections(out)
		if list != want.list || a != want.a || b != want.b {
			t.Errorf("%s focused: selection in the files %v, grid A %v, grid B %v; want %v %v %v:\n%s",
				want.part, list, a, b, want.list, want.a, want.b, out)
		}
		press(v, "tab")
	}
}

// compareSelections reports where a compare frame shows a selection: the
// shared files' cursor mark, a selection frame in the left or right grid.
func compareSelections(frame string) (list, a, b bool) {
	grids := false
	for _, l := range strings.Split(frame, "\n") {
		if strings.Contains(l, "faces, outliers first") {
			grids = true
			continue
		}
		if !grids {
			list = list || strings.HasPrefix(l, "> oss://")
			continue
		}
		left, right, _ := strings.Cut(l, " | ")
		a = a || strings.Contains(left, "┌") || strings.Contains(left, "+-")
		b = b || strings.Contains(right, "┌") || strings.Contains(right, "+-")
	}
	return list, a, b
}
