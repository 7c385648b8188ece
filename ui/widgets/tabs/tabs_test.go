package tabs_test

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/widgets/tabs"
)

var names = []string{"Overview", "Faces", "Labels", "OCR", "Streams", "Addresses", "Raw"}

func ascii() *theme.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return theme.New(r)
}

func TestActiveTabIsBracketedWithoutColour(t *testing.T) {
	got := tabs.Render(ascii(), names, 1, 80)
	if !strings.Contains(got, "[2 Faces]") || strings.Count(got, "[") != 1 {
		t.Fatalf("tab bar = %q, want only the active tab in brackets", got)
	}
}

func TestTabsKeepTheirPlaceWhenTheActiveOneChanges(t *testing.T) {
	st := ascii()
	ref := tabs.Render(st, names, 0, 80)
	for i := range names {
		got := tabs.Render(st, names, i, 80)
		for _, n := range names {
			if strings.Index(got, n) != strings.Index(ref, n) {
				t.Fatalf("active %d moved %q:\n%q\n%q", i, n, ref, got)
			}
		}
	}
}

func TestNarrowTabBarDropsNumbersThenKeepsTheActiveTabInView(t *testing.T) {
	st := ascii()
	if got := tabs.Render(st, names, 0, 60); strings.Contains(got, "1 Overview") || !strings.Contains(got, "[Overview]") {
		t.Fatalf("60 columns: %q, want names without numbers", got)
	}
	for w := 1; w <= 100; w++ {
		for a := range names {
			got := tabs.Render(st, names, a, w)
			if safetext.Width(got) > w {
				t.Fatalf("%d columns, active %d: %q is %d wide", w, a, got, safetext.Width(got))
			}
			if w >= 20 && !strings.Contains(got, names[a]+"]") {
				t.Fatalf("%d columns: active %q not in view: %q", w, names[a], got)
			}
		}
	}
}
