package table

import (
	"io"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/immtui/immtui/ui/component"
	"github.com/immtui/immtui/ui/theme"
)

type rows int

func (r rows) Len() int { return int(r) }
func (r rows) Cells(i int, dst []string) {
	dst[0] = "名字" + strconv.Itoa(i)
	dst[1] = strconv.Itoa(i * 10)
	dst[2] = "2024-01-01 00:00"
}

func newTable(n int) *Model {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	m := New([]Column{
		{Title: "Name", Min: 8, Flex: 1},
		{Title: "Count", Min: 6, Right: true},
		{Title: "Updated", Min: 16, Drop: 1},
	}, theme.New(r))
	m.SetSource(rows(n))
	return m
}

func TestTableDrawsOnlyTheRowsThatFit(t *testing.T) {
	m := newTable(1000)
	m.SetSize(60, 11)
	lines := strings.Split(m.View(), "\n")
	if len(lines) != 11 {
		t.Fatalf("%d lines, want header + 10 rows", len(lines))
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w != 60 {
			t.Fatalf("line %q is %d cells, want 60", l, w)
		}
	}
	if !strings.HasPrefix(lines[1], "> 名字0") {
		t.Fatalf("first row %q lacks the cursor mark", lines[1])
	}
}

func TestTableDropsColumnsWhenNarrow(t *testing.T) {
	m := newTable(5)
	m.SetSize(25, 5)
	if out := m.View(); strings.Contains(out, "Updated") || !strings.Contains(out, "Count") {
		t.Fatalf("narrow table should drop Updated and keep Count:\n%s", out)
	}
}

func TestTableScrollsToKeepTheCursorVisible(t *testing.T) {
	m := newTable(100)
	m.SetSize(60, 6) // 5 rows
	m.SetCursor(42)
	out := m.View()
	if !strings.Contains(out, "> 名字42") || strings.Contains(out, "名字37 ") {
		t.Fatalf("cursor row not in view:\n%s", out)
	}
	m.SetSource(rows(10)) // rows went away: the cursor follows
	if m.Cursor() != 9 {
		t.Fatalf("cursor %d, want 9", m.Cursor())
	}
	m.SetCursor(-5)
	if m.Cursor() != 0 {
		t.Fatalf("cursor %d, want 0", m.Cursor())
	}
}

func TestTableCutsWideCellsWithoutSplittingCharacters(t *testing.T) {
	m := New([]Column{{Title: "Name", Min: 5}}, newTable(0).st)
	m.SetSource(one("张伟张伟张伟\x1b[31m"))
	m.SetSize(9, 2)
	lines := strings.Split(m.View(), "\n")
	if w := ansi.StringWidth(lines[1]); w != 9 {
		t.Fatalf("row %q is %d cells", lines[1], w)
	}
	if strings.Contains(lines[1], "\x1b") {
		t.Fatalf("escape reached the row: %q", lines[1])
	}
}

type one string

func (o one) Len() int                  { return 1 }
func (o one) Cells(i int, dst []string) { dst[0] = string(o) }

// styledRows marks the Count cell of even rows through the Styler.
type styledRows struct {
	rows
	mark *lipgloss.Style
}

func (s styledRows) CellStyle(row, col int) *lipgloss.Style {
	if col == 1 && row%2 == 0 {
		return s.mark
	}
	return nil
}

func TestStylerStylesItsCellsButNotTheSelectedRow(t *testing.T) {
	m := newTable(4)
	// A transform shows without colour: the test renders with no profile.
	mark := lipgloss.NewStyle().Transform(func(s string) string { return strings.ReplaceAll(s, " ", "*") })
	m.SetSource(styledRows{rows(4), &mark})
	m.SetSize(60, 6)
	lines := strings.Split(m.View(), "\n")
	if strings.Contains(lines[1], "*") {
		t.Fatalf("the selected row took a cell style: %q", lines[1])
	}
	if !strings.Contains(lines[3], "****20") || strings.Contains(lines[2], "*") || strings.Contains(lines[4], "*") {
		t.Fatalf("only row 2's Count cell should be styled:\n%s", strings.Join(lines, "\n"))
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w != 60 {
			t.Fatalf("line is %d cells wide, want 60: %q", w, l)
		}
	}
}

func TestUpdateMovesByKeysAndWheelAndIgnoresOtherMessages(t *testing.T) {
	m := newTable(100)
	m.SetSize(60, 11) // 10 rows a page
	var _ component.Model = m
	steps := []struct {
		msg  tea.Msg
		want int
	}{
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")}, 1},
		{tea.KeyMsg{Type: tea.KeyPgDown}, 11},
		{tea.MouseMsg{Button: tea.MouseButtonWheelDown}, 12},
		{tea.MouseMsg{Button: tea.MouseButtonWheelUp}, 11},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")}, 11},
		{tea.WindowSizeMsg{Width: 1, Height: 1}, 11},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")}, 99},
		{tea.KeyMsg{Type: tea.KeyHome}, 0},
	}
	for i, s := range steps {
		if cmd := m.Update(s.msg); cmd != nil {
			t.Fatalf("step %d: the table returned a command; it does no I/O", i)
		}
		if m.Cursor() != s.want {
			t.Fatalf("step %d (%v): cursor %d, want %d", i, s.msg, m.Cursor(), s.want)
		}
	}
	if !m.Moves(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("k")}) || m.Moves(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")}) {
		t.Fatal("Moves should report exactly the movement keys")
	}
	if len(m.ShortHelp()) == 0 || len(m.FullHelp()[0]) != 6 {
		t.Fatalf("help: short %d, full %v", len(m.ShortHelp()), m.FullHelp())
	}
}
