package table

import (
	"sort"
	"strings"
)

// Texter is a Source that says what a row's filter matches against (its
// full ID, its file name, its labels: more than the cells show). Without
// it the filter matches the row's cells, hidden columns included.
type Texter interface {
	FilterText(row int) string
}

// filter is the live `/` filter: the rows whose text holds every word of
// the query, ignoring case.
type filter struct {
	query string
	words []string
	match []int // source indexes of the matching rows, in order
}

func (f *filter) on() bool { return f.query != "" }

// SetFilter shows only the rows whose text holds every space-separated
// word of q, ignoring case ("" shows every row). The cursor stays on its
// row when it still matches, else on the next row that does.
func (m *Model) SetFilter(q string) {
	sel := m.Cursor()
	if sel >= m.Total() {
		sel = 0
	}
	m.filter.query = q
	m.filter.words = strings.Fields(strings.ToLower(q))
	if len(m.filter.words) == 0 {
		m.filter = filter{query: ""}
		m.cursor = sel
		m.clamp()
		return
	}
	m.refilter(sel)
	m.clamp()
}

// Filter is the query in force ("" when none).
func (m *Model) Filter() string { return m.filter.query }

// refilter matches every row again and puts the cursor on row sel, or on
// the first match after it. It costs one pass over the source, so it runs
// only when the query or the rows change, never per frame.
func (m *Model) refilter(sel int) {
	f := &m.filter
	f.match = f.match[:0]
	n := m.Total()
	texter, _ := m.src.(Texter)
	var b strings.Builder
	for i := 0; i < n; i++ {
		var text string
		if texter != nil {
			text = texter.FilterText(i)
		} else {
			m.cells(i)
			b.Reset()
			for _, c := range m.scratch {
				b.WriteString(c)
				b.WriteByte('\n') // no word spans two cells
			}
			text = b.String()
		}
		if matches(text, f.words) {
			f.match = append(f.match, i)
		}
	}
	m.cursor = m.position(sel)
}

// matches reports whether text holds every word (already lower case).
func matches(text string, words []string) bool {
	low := strings.ToLower(text)
	for _, w := range words {
		if !strings.Contains(low, w) {
			return false
		}
	}
	return true
}

// position is where source row i is shown: i itself without a filter,
// else the first match at or after i (the last match when none follows).
func (m *Model) position(i int) int {
	if !m.filter.on() {
		return i
	}
	p := sort.SearchInts(m.filter.match, i)
	if p >= len(m.filter.match) {
		p = len(m.filter.match) - 1
	}
	return p
}
