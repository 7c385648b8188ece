package table

import (
	tea "github.com/charmbracelet/bubbletea"
	"strings"
	"testing"
)

// idRows have a hidden ID the filter matches through FilterText.
type idRows struct{ rows }

func (idRows) FilterText(i int) string { return "id-" + string(rune('a'+i%26)) }

func TestFilterShowsOnlyMatchingRowsAndCursorIsTheSourceRow(t *testing.T) {
	m := newTable(100)
	m.SetSize(60, 11)
	m.SetFilter("名字7")
	// 7, 70..79: eleven rows.
	if m.Len() != 11 || m.Total() != 100 {
		t.Fatalf("Len %d Total %d, want 11 of 100", m.Len(), m.Total())
	}
	if m.Cursor() != 7 {
		t.Fatalf("cursor on source row %d, want 7", m.Cursor())
	}
	m.Move(1)
	if m.Cursor() != 70 {
		t.Fatalf("down from 7 lands on %d, want 70", m.Cursor())
	}
	lines := strings.Split(m.View(), "\n")
	if len(lines) != 11 || !strings.HasPrefix(lines[2], "> 名字70") {
		t.Fatalf("frame:\n%s", strings.Join(lines, "\n"))
	}
	for _, l := range lines[1:] {
		if !strings.Contains(l, "名字7") {
			t.Fatalf("row %q does not match", l)
		}
	}
}

func TestFilterMatchesEveryWordIgnoringCaseAndHiddenColumns(t *testing.T) {
	m := newTable(30)
	m.SetSize(25, 11) // Updated is hidden at this width
	m.SetFilter("2024-01 名字2")
	if m.Len() != 11 { // 2, 20..29
		t.Fatalf("Len %d, want 11", m.Len())
	}
	m.SetFilter("NOPE")
	if m.Len() != 0 || m.Cursor() != m.Total() {
		t.Fatalf("no match: Len %d cursor %d, want 0 and %d (nothing selected)", m.Len(), m.Cursor(), m.Total())
	}
	if lines := strings.Split(m.View(), "\n"); len(lines) != 1 {
		t.Fatalf("no match draws %d lines, want the header alone", len(lines))
	}
}

func TestFilterUsesTheSourcesFilterText(t *testing.T) {
	m := newTable(0)
	m.SetSource(idRows{rows(52)})
	m.SetSize(60, 5)
	m.SetFilter("ID-C")
	if m.Len() != 2 || m.Cursor() != 2 {
		t.Fatalf("Len %d cursor %d, want rows 2 and 28", m.Len(), m.Cursor())
	}
}

func TestClearingTheFilterKeepsTheCursorOnItsRow(t *testing.T) {
	m := newTable(100)
	m.SetSize(60, 11)
	m.SetFilter("名字4")
	m.Move(3) // 4, 40, 41, 42
	if m.Cursor() != 42 {
		t.Fatalf("cursor %d, want 42", m.Cursor())
	}
	m.SetFilter("")
	if m.Len() != 100 || m.Cursor() != 42 {
		t.Fatalf("cleared: Len %d cursor %d, want 100 rows on 42", m.Len(), m.Cursor())
	}
}

func TestFilterFollowsNewRowsAndSetCursorPicksTheNextMatch(t *testing.T) {
	m := newTable(10)
	m.SetSize(60, 11)
	m.SetFilter("名字1")
	if m.Len() != 1 {
		t.Fatalf("Len %d, want 1", m.Len())
	}
	m.SetSource(rows(20)) // a page merged in
	if m.Len() != 11 || m.Cursor() != 1 {
		t.Fatalf("after the page: Len %d cursor %d, want 11 on 1", m.Len(), m.Cursor())
	}
	m.SetCursor(5) // not a match: the next one
	if m.Cursor() != 10 {
		t.Fatalf("SetCursor(5) selects %d, want 10", m.Cursor())
	}
	m.Update(keyMsg("G"))
	if m.Cursor() != 19 {
		t.Fatalf("G selects %d, want 19", m.Cursor())
	}
}

func TestWidthsHidesTheHighestDropFirst(t *testing.T) {
	cols := []Column{{Title: "A", Min: 10, Flex: 1}, {Title: "B", Min: 5, Drop: 1}, {Title: "C", Min: 5, Drop: 2}}
	if w := Widths(cols, 16); w[0] != 10 || w[1] != 5 || w[2] != 0 {
		t.Fatalf("Widths(16) = %v, want C hidden", w)
	}
	if w := Widths(cols, 30); w[0] != 18 || w[1] != 5 || w[2] != 5 {
		t.Fatalf("Widths(30) = %v, want the spare in A", w)
	}
}

func keyMsg(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
