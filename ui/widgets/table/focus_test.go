package table

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/immtui/immtui/ui/theme"
)

// TestUnfocusedTableDrawsNoSelectionAndKeepsItsCursor: while another part
// has the keys the cursor row looks like any other (no mark, no
// highlight); focused again, the same row is selected.
func TestUnfocusedTableDrawsNoSelectionAndKeepsItsCursor(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	m := New([]Column{{Title: "Name", Min: 8, Flex: 1}, {Title: "Count", Min: 6, Right: true}, {Title: "Updated", Min: 16}}, theme.New(r))
	m.SetSource(rows(10))
	m.SetSize(60, 6)
	m.SetCursor(3)
	focused := strings.Split(m.View(), "\n")
	if !strings.HasPrefix(focused[4], "\x1b[") || !strings.Contains(focused[4], "> 名字3") {
		t.Fatalf("focused: cursor row %q is not highlighted and marked", focused[4])
	}

	m.SetFocused(false)
	blurred := strings.Split(m.View(), "\n")
	if m.Focused() || !strings.HasPrefix(blurred[4], "  名字3") || strings.Contains(blurred[4], "\x1b[") {
		t.Fatalf("unfocused: cursor row %q still shows a selection", blurred[4])
	}
	for _, l := range blurred[1:] {
		if strings.Contains(l, ">") {
			t.Fatalf("unfocused: a row carries the cursor mark: %q", l)
		}
	}
	if m.Cursor() != 3 {
		t.Fatalf("unfocused: cursor moved to %d", m.Cursor())
	}

	m.SetFocused(true)
	if again := m.View(); again != strings.Join(focused, "\n") {
		t.Fatalf("focused again: the frame differs from before:\n%s", again)
	}
}
