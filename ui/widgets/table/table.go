// Package table is immtui's list widget: a virtualised table that renders
// only the rows on screen. Its cost per frame follows the visible rows, never
// the rows loaded, so a list of 100,000 clusters moves as fast as one of 100
// (docs/performance.md §1.6: bubbles/table allocates per loaded row on every
// key, bubbles/list's paginator is quadratic in pages).
//
// The table does not hold rows. A Source hands it the cells of row i when
// that row is drawn; column widths are fixed from the terminal width, not
// measured from content, so nothing scans the rows.
package table

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/widgets/move"
)

// Column describes one column. Widths are in terminal cells.
type Column struct {
	Title string
	Min   int  // width the column needs; it is dropped rather than squeezed
	Max   int  // cap on growth (0: grows without cap)
	Flex  int  // share of spare width (0: stays at Min)
	Right bool // right-align (numbers)
	// Drop orders which columns go first when the terminal is narrow: the
	// highest Drop is hidden first; 0 is never hidden.
	Drop int
	// Fit cuts a cell to w cells (nil: safetext.Fit, which keeps the
	// start). A URI column keeps both ends with a middle cut instead; Fit
	// must sanitise, and cost what it shows, as safetext.Fit does.
	Fit func(st *theme.Styles, s string, w int) string
}

// Source gives the table its rows. Cells must fill dst[c] for every column
// with the row's text; the table sanitises and cuts it to the column width.
// Cells is called only for rows on screen.
type Source interface {
	Len() int
	Cells(row int, dst []string)
}

// Styler is a Source that colours some cells (a low score in Warn). The
// style is applied to the cell's fitted, padded text; the selected row
// keeps the selection style whole, so it shows no cell colours.
type Styler interface {
	CellStyle(row, col int) *lipgloss.Style
}

// KeyMap is the movement keys every list shares (package move).
type KeyMap = move.Keys

// Model is the table. Use New; the zero value is not ready.
type Model struct {
	Keys KeyMap

	cols   []Column
	st     *theme.Styles
	src    Source
	styler Styler // src, when it colours cells
	width  int
	height int // rows of data (the header line is extra)

	gutter  int   // cells before the first column: the cursor mark
	visible []int // indexes of shown columns
	widths  []int // width of each shown column
	header  string

	// cursor and offset are positions among the rows shown: every row,
	// or with a filter the matching ones (filter.match).
	cursor, offset int
	filter         filter
	// blurred: another part of the screen has the keys, so the cursor
	// row is drawn as any other (SetFocused); the zero value is focused.
	blurred bool

	scratch []string // reused cells of one row
	line    []byte   // reused line buffer
	out     []byte   // reused frame buffer
}

// New makes a table with the given columns and styles.
func New(cols []Column, st *theme.Styles) *Model {
	return &Model{Keys: move.NewWith(st.Glyphs, st.Bindings), cols: cols, st: st, scratch: make([]string, len(cols))}
}

// SetSource swaps the rows, or says they changed (a page merged in, a new
// sort): a filter is applied again and the cursor stays on its row.
func (m *Model) SetSource(src Source) {
	sel := m.Cursor()
	m.src = src
	m.styler, _ = src.(Styler)
	if m.filter.on() {
		m.refilter(sel)
	}
	m.clamp()
}

// SetSize sets the cells the table draws in: one header line and height-1
// rows. Column widths are recomputed here, and only here.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 0), max(height-1, 0)
	m.layout()
	m.clamp()
}

// Len is the number of rows shown: the source's, or with a filter the
// matching ones.
func (m *Model) Len() int {
	if m.filter.on() {
		return len(m.filter.match)
	}
	return m.Total()
}

// Total is the number of rows in the source, filtered or not.
func (m *Model) Total() int {
	if m.src == nil {
		return 0
	}
	return m.src.Len()
}

// Cursor is the selected row's index in the source (0 when empty). When a
// filter matches nothing it is Total(), past the rows: nothing is selected.
func (m *Model) Cursor() int { return m.row(m.cursor) }

// Row is the source index of the row shown at position p (0 ≤ p < Len).
func (m *Model) Row(p int) int { return m.row(p) }

// row is the source index of the row shown at position i.
func (m *Model) row(i int) int {
	if !m.filter.on() {
		return i
	}
	if i < 0 || i >= len(m.filter.match) {
		return m.Total()
	}
	return m.filter.match[i]
}

// SetFocused says whether the table has the keys. An unfocused table
// keeps its cursor but draws no selection (no highlight, no mark), so the
// part that has the focus is the only one emphasised.
func (m *Model) SetFocused(focused bool) { m.blurred = !focused }

// Focused reports whether the table draws its selection.
func (m *Model) Focused() bool { return !m.blurred }

// Offset is the first row on screen.
func (m *Model) Offset() int { return m.offset }

// PageSize is the number of rows on screen.
func (m *Model) PageSize() int { return max(m.height, 1) }

// SetCursor selects the source's row i (clamped) and scrolls it into
// view. With a filter, the first matching row from i on is selected (the
// last match when none follows).
func (m *Model) SetCursor(i int) {
	m.cursor = m.position(i)
	m.clamp()
}

// Move moves the cursor by n rows shown (negative: up).
func (m *Model) Move(n int) {
	m.cursor += n
	m.clamp()
}

// Update moves the cursor for a movement key or the mouse wheel; the
// table does no I/O, so it returns no command. A parent that acts after a
// move (paging in, loading pictures) matches Keys.All() itself.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if d, ok := m.Keys.Delta(msg, m.PageSize()); ok {
			m.Move(d)
		}
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			m.Move(-1)
		case tea.MouseButtonWheelDown:
			m.Move(1)
		}
	}
	return nil
}

// Moves reports whether msg is one of the table's movement keys.
func (m *Model) Moves(msg tea.KeyMsg) bool { return key.Matches(msg, m.Keys.All()...) }

// ShortHelp is the movement keys of a one-line help.
func (m *Model) ShortHelp() []key.Binding { return m.Keys.Short() }

// FullHelp is every movement key.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.Keys.All()} }

func (m *Model) clamp() {
	n := m.Len()
	if m.cursor >= n {
		m.cursor = n - 1
	}
	if m.cursor < 0 {
		m.cursor = 0
	}
	h := m.PageSize()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	// Keep the window full when rows were removed or the screen grew.
	if m.offset > n-h {
		m.offset = n - h
	}
	if m.offset < 0 {
		m.offset = 0
	}
}

// layout picks the shown columns and their widths for the current width.
func (m *Model) layout() {
	// The selected row carries a ">" mark as well as its highlight, so the
	// cursor is visible without colour (NO_COLOR, the ASCII profile).
	m.gutter = 0
	if m.width >= 10 {
		m.gutter = 2
	}
	m.visible, m.widths = fitColumns(m.cols, m.width-m.gutter, m.visible[:0], m.widths[:0])
	titles := make([]string, len(m.cols))
	for i, c := range m.cols {
		titles[i] = c.Title
	}
	m.header = m.st.ColHeader.Render(string(m.join(titles, -1, false)))
}

// join lays out one row's cells into m.line and returns it; it pads to the
// full width so a selected row's highlight spans the screen. row is the
// row's index for the Styler (-1: the header).
func (m *Model) join(cells []string, row int, selected bool) []byte {
	b := m.line[:0]
	used := m.gutter
	switch {
	case m.gutter == 0:
	case selected:
		b = append(b, "> "...)
	default:
		b = append(b, "  "...)
	}
	for k, i := range m.visible {
		if k > 0 {
			b = append(b, ' ')
			used++
		}
		w := m.widths[k]
		// Fit costs what the cell shows, not what the string holds: a
		// 1 MB name must not be escaped and measured on every frame.
		var s string
		if fit := m.cols[i].Fit; fit != nil {
			s = fit(m.st, cells[i], w)
		} else {
			s = m.st.Fit(cells[i], w)
		}
		if m.cols[i].Right {
			s = safetext.PadLeft(s, w)
		} else {
			s = safetext.Pad(s, w)
		}
		if m.styler != nil && row >= 0 && !selected {
			if st := m.styler.CellStyle(row, i); st != nil {
				s = st.Render(s)
			}
		}
		b = append(b, s...)
		used += w
	}
	for ; used < m.width; used++ {
		b = append(b, ' ')
	}
	m.line = b
	return b
}

// View renders the header and the visible rows: exactly height lines (fewer
// when there are fewer rows), each exactly width cells.
func (m *Model) View() string {
	if m.width <= 0 || m.height < 0 {
		return ""
	}
	out := append(m.out[:0], m.header...)
	n := m.Len()
	end := min(m.offset+m.height, n)
	for p := m.offset; p < end; p++ {
		out = append(out, '\n')
		i := m.row(p)
		m.cells(i)
		selected := p == m.cursor && !m.blurred
		line := m.join(m.scratch, i, selected)
		if selected {
			out = append(out, m.st.Selected.Render(string(line))...)
		} else {
			out = append(out, line...)
		}
	}
	m.out = out
	return string(out)
}

// Source is the rows' source (nil before SetSource).
func (m *Model) Source() Source { return m.src }

// cells fills the scratch cells with row i's.
func (m *Model) cells(i int) {
	for c := range m.scratch {
		m.scratch[c] = ""
	}
	m.src.Cells(i, m.scratch)
}
