package ui

import (
	"strconv"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/ui/views"
	"github.com/immtui/immtui/ui/widgets/table"
)

// filterLine is the `/` input: the query typed so far, applied to the top
// view's list at every key so the list narrows as one types.
type filterLine struct {
	table *table.Model // the list being filtered; nil when closed
	query string
}

func (f *filterLine) isOpen() bool { return f.table != nil }

// topTable is the list the top view shows, if any.
func (m *Model) topTable() *table.Model {
	if fv, ok := m.top().(views.Filterable); ok {
		return fv.FilterTable()
	}
	return nil
}

// openFilter starts typing a filter for the top view's list, from the
// query in force.
func (m *Model) openFilter() tea.Cmd {
	t := m.topTable()
	if t == nil {
		m.setNotice("/ filters a list; this view shows none", true)
		return nil
	}
	m.help.ShowAll = false
	m.filter = filterLine{table: t, query: t.Filter()}
	m.resize()
	return nil
}

// filterKey edits the query: text and Backspace change it, Enter keeps
// it, Esc clears it; movement keys still move in the list.
func (m *Model) filterKey(msg tea.KeyMsg) tea.Cmd {
	f := &m.filter
	switch msg.Type {
	case tea.KeyEnter:
		f.table = nil
		m.resize()
		return nil
	case tea.KeyEsc:
		f.table.SetFilter("")
		f.table = nil
		m.resize()
		return nil
	case tea.KeyBackspace:
		if f.query != "" {
			_, n := utf8.DecodeLastRuneInString(f.query)
			f.query = f.query[:len(f.query)-n]
		}
	case tea.KeyCtrlU:
		f.query = ""
	case tea.KeyRunes, tea.KeySpace:
		if msg.Type == tea.KeySpace {
			f.query += " "
		} else {
			f.query += string(msg.Runes)
		}
	case tea.KeyUp, tea.KeyDown, tea.KeyPgUp, tea.KeyPgDown, tea.KeyHome, tea.KeyEnd:
		return m.top().Update(msg)
	default:
		return nil
	}
	f.table.SetFilter(f.query)
	return nil
}

// filterView is the input line shown in place of the help.
func (m *Model) filterView() string {
	st := m.opts.Styles
	return st.Key.Render("/") + st.Value.Render(st.Fit(m.filter.query, max(m.width-30, 1))) + st.Key.Render("_") +
		"  " + st.Muted.Render("enter keep  esc clear")
}

// filterStatus says how many rows the filter in force shows ("" when
// none): `/ann: 3 of 120`.
func (m *Model) filterStatus() string {
	t := m.topTable()
	if t == nil || t.Filter() == "" {
		return ""
	}
	return "/" + t.Filter() + ": " + strconv.Itoa(t.Len()) + " of " + strconv.Itoa(t.Total())
}
