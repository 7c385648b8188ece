// Package facegrid is a grid of face crops: one tile per face, its
// picture with the face's cluster confidence and review flags under it,
// the selected tile framed. It lays out in cells for any size (never
// wider or taller than given), moves with the arrows and the one movement
// key map, and loads pictures only for the tiles on screen and the next
// screen (a faceimg.Set: a few at a time, cancelled when scrolled away).
//
// It does not hold faces: a Source hands it face i, so a screen's own
// list (Members' order, a comparison's side) is the grid's order. Two
// grids side by side (compare) are two Models, each given half the width.
package facegrid

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/component"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/widgets/faceimg"
	"github.com/immtui/immtui/ui/widgets/move"
)

// Source gives the grid its faces, in the order shown. Face is called only
// for tiles on screen (and the next screen's, to load them).
type Source interface {
	Len() int
	Face(i int) (*imm.File, *imm.Figure)
}

// Judged is a Source that has judged its faces already (Members' rows,
// whose flags include the cluster's age curve, which one face alone
// cannot show): the grid draws those flags instead of its own.
type Judged interface {
	Flags(i int) review.Flag
}

// Keys are the grid's movement keys: the arrows (h/l left and right), and
// the shared map's up, down, pages, first and last, which move by rows of
// tiles.
type Keys struct {
	move.Keys
	Left, Right key.Binding
}

// Tile sizes, in cells of the picture (two pixels a cell vertically, so a
// square picture is twice as wide as tall).
const (
	MinImageRows = 2
	MaxImageRows = 8
	textLines    = 2 // confidence, flags
	frameCells   = 2 // the selection frame: one cell each side
)

// Model is the grid. Use New.
type Model struct {
	Keys Keys

	st     *theme.Styles
	set    *faceimg.Set
	src    Source
	review review.Thresholds
	gender string // the cluster's gender, for the gender flag

	w, h           int
	cursor, top    int // top: the first row of tiles shown
	imgCols        int
	imgRows        int
	cols, rows     int  // tiles across, rows of tiles that fit
	maxRows        int  // a cap on the picture's rows (0: MaxImageRows)
	blurred        bool // another part has the keys: no selection frame
	border         [6]string
	blankTile      string
	blankTileWidth int
}

// New makes an empty grid; its loads end with ctx.
func New(st *theme.Styles, im *faceimg.Images, ctx context.Context) *Model {
	m := &Model{st: st, set: faceimg.NewSet(im, ctx), review: review.Default()}
	m.Keys = Keys{
		Keys:  move.New(st.Glyphs),
		Left:  key.NewBinding(key.WithKeys("left", "h"), key.WithHelp(leftRight(st), "move")),
		Right: key.NewBinding(key.WithKeys("right", "l")),
	}
	m.border = borders(st)
	return m
}

func leftRight(st *theme.Styles) string {
	if st.Glyphs.ASCII {
		return "left/right"
	}
	return "←/→"
}

// borders is the selection frame's glyphs (the theme's box border, ASCII
// where its glyphs are not one cell), coloured: ┌ ─ ┐ │ └ ┘.
func borders(st *theme.Styles) [6]string {
	b := st.Box.GetBorderStyle()
	g := [6]string{b.TopLeft, b.Top, b.TopRight, b.Left, b.BottomLeft, b.BottomRight}
	for _, s := range g {
		if safetext.Width(s) != 1 {
			g = [6]string{"+", "-", "+", "|", "+", "+"}
			break
		}
	}
	accent := st.Renderer.NewStyle().Foreground(st.Box.GetBorderTopForeground())
	for i := range g {
		g[i] = accent.Render(g[i])
	}
	return g
}

// SetFocused says whether the grid has the keys: an unfocused grid keeps
// its cursor but draws no selection frame (two grids side by side frame
// only the one the keys move). The zero value is focused.
func (m *Model) SetFocused(focused bool) { m.blurred = !focused }

// SetSource sets the faces; the cursor is kept in range.
func (m *Model) SetSource(src Source) {
	m.src = src
	m.clamp()
}

// SetGender is the cluster's gender: a face of another gender is flagged.
func (m *Model) SetGender(g string) { m.gender = g }

// SetThresholds sets the review thresholds behind the flags.
func (m *Model) SetThresholds(t review.Thresholds) { m.review = t }

// SetMaxImageRows caps the pictures' height (compare's narrower halves).
func (m *Model) SetMaxImageRows(n int) {
	m.maxRows = n
	m.layout()
}

// Len is the number of faces.
func (m *Model) Len() int {
	if m.src == nil {
		return 0
	}
	return m.src.Len()
}

// Cursor is the selected face (0 when empty).
func (m *Model) Cursor() int { return m.cursor }

// SetCursor selects face i (clamped) and scrolls it into view.
func (m *Model) SetCursor(i int) {
	m.cursor = i
	m.clamp()
}

// Columns and Rows are the tiles across and the rows of tiles on screen.
func (m *Model) Columns() int { return m.cols }

// Rows is the rows of tiles on screen.
func (m *Model) Rows() int { return m.rows }

// Top is the first row of tiles shown.
func (m *Model) Top() int { return m.top }

// ImageSize is one picture's size in cells.
func (m *Model) ImageSize() (cols, rows int) { return m.imgCols, m.imgRows }

// Denied is the permission a refused picture read named ("" if none).
func (m *Model) Denied() string { return m.set.Denied() }

// Close cancels every load.
func (m *Model) Close() { m.set.Close() }

// SetSize lays the grid out in w x h cells.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = max(w, 0), max(h, 0)
	m.layout()
	m.clamp()
}

// layout picks the picture size: three rows of tiles on a tall screen,
// two on a medium one, one on a short one, each picture as tall as that
// leaves (between MinImageRows and MaxImageRows), square, and narrower
// when one tile would not fit the width.
func (m *Model) layout() {
	top := MaxImageRows
	if m.maxRows > 0 {
		top = min(top, max(m.maxRows, MinImageRows))
	}
	tiles := 1
	switch extra := textLines + frameCells; {
	case m.h >= 3*(6+extra):
		tiles = 3
	case m.h >= 2*(4+extra):
		tiles = 2
	}
	r := min(max(m.h/tiles-textLines-frameCells, MinImageRows), top)
	c := 2 * r
	if c+frameCells > m.w {
		c = max(m.w-frameCells, 1)
		r = max(min(r, c/2), 1)
	}
	m.imgCols, m.imgRows = c, r
	tw, th := m.tileSize()
	m.cols = max((m.w+1)/(tw+1), 1)
	m.rows = max(m.h/th, 1)
	m.blankTileWidth = tw
	m.blankTile = strings.Repeat(" ", tw)
}

// tileSize is one tile in cells, frame included.
func (m *Model) tileSize() (w, h int) {
	return m.imgCols + frameCells, m.imgRows + textLines + frameCells
}

func (m *Model) clamp() {
	n := m.Len()
	m.cursor = min(max(m.cursor, 0), max(n-1, 0))
	if m.cols <= 0 {
		return
	}
	row := m.cursor / m.cols
	if row < m.top {
		m.top = row
	}
	if row >= m.top+m.rows {
		m.top = row - m.rows + 1
	}
	last := max((n+m.cols-1)/m.cols-m.rows, 0)
	m.top = min(max(m.top, 0), last)
}

// Move handles a movement key and reports whether it was one.
func (m *Model) Move(msg tea.KeyMsg) bool {
	page := m.cols * m.rows
	switch k := m.Keys; {
	case key.Matches(msg, k.Left):
		m.SetCursor(m.cursor - 1)
	case key.Matches(msg, k.Right):
		m.SetCursor(m.cursor + 1)
	case key.Matches(msg, k.Up):
		if m.cursor >= m.cols {
			m.SetCursor(m.cursor - m.cols)
		}
	case key.Matches(msg, k.Down):
		if m.cursor+m.cols < m.Len() {
			m.SetCursor(m.cursor + m.cols)
		} else if m.cursor/m.cols < (m.Len()-1)/m.cols {
			m.SetCursor(m.Len() - 1) // a short last row: its last tile
		}
	case key.Matches(msg, k.PageUp):
		m.SetCursor(m.cursor - page)
	case key.Matches(msg, k.PageDown):
		m.SetCursor(m.cursor + page)
	case key.Matches(msg, k.First):
		m.SetCursor(0)
	case key.Matches(msg, k.Last):
		m.SetCursor(m.Len() - 1)
	default:
		return false
	}
	return true
}

// Update moves for a key and takes picture replies; it returns the loads
// the new position needs.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok {
		if m.Move(k) {
			return m.Load()
		}
		return nil
	}
	cmd, _ := m.set.Update(msg)
	return cmd
}

// Load asks for the pictures of the tiles on screen, then of the next
// screen; loads for tiles no longer among them are cancelled. Call it
// after the size, the source or the position changed.
func (m *Model) Load() tea.Cmd {
	n := m.Len()
	if n == 0 || m.w <= 0 || m.h <= 0 {
		return m.set.Want(nil)
	}
	from := m.top * m.cols
	to := min((m.top+2*m.rows)*m.cols, n)
	wants := make([]faceimg.Want, 0, to-from)
	for i := from; i < to; i++ {
		if w, ok := m.want(i); ok {
			wants = append(wants, w)
		}
	}
	return m.set.Want(wants)
}

func (m *Model) want(i int) (faceimg.Want, bool) {
	f, fig := m.src.Face(i)
	if f == nil || fig == nil {
		return faceimg.Want{}, false
	}
	return faceimg.Want{File: f, Figure: fig, Cols: m.imgCols, Rows: m.imgRows}, true
}

// View draws the rows of tiles on screen: at most h lines, each exactly w
// cells.
func (m *Model) View() string {
	if m.w <= 0 || m.h <= 0 {
		return ""
	}
	n := m.Len()
	_, th := m.tileSize()
	pad := m.w - (m.cols*(m.blankTileWidth+1) - 1)
	if pad < 0 {
		pad = 0
	}
	var b strings.Builder
	lines := 0
	for r := m.top; r < m.top+m.rows && lines < m.h; r++ {
		tiles := make([][]string, m.cols)
		for c := 0; c < m.cols; c++ {
			if i := r*m.cols + c; i < n {
				tiles[c] = m.tile(i)
			}
		}
		for l := 0; l < th && lines < m.h; l++ {
			if lines > 0 {
				b.WriteByte('\n')
			}
			var line strings.Builder
			for c, t := range tiles {
				if c > 0 {
					line.WriteByte(' ')
				}
				if t == nil {
					line.WriteString(m.blankTile)
				} else {
					line.WriteString(t[l])
				}
			}
			line.WriteString(strings.Repeat(" ", pad))
			s := line.String()
			if m.cols*(m.blankTileWidth+1)-1 > m.w { // one tile wider than the grid
				s = m.st.Truncate(s, m.w)
			}
			b.WriteString(s)
			lines++
		}
	}
	return b.String()
}

// tile is face i's lines, each exactly the tile's width.
func (m *Model) tile(i int) []string {
	f, fig := m.src.Face(i)
	w, ok := m.want(i)
	_, th := m.tileSize()
	out := make([]string, 0, th)
	side := " "
	framed := i == m.cursor && !m.blurred
	if framed {
		side = m.border[3]
		out = append(out, m.border[0]+strings.Repeat(m.border[1], m.imgCols)+m.border[2])
	} else {
		out = append(out, m.blankTile)
	}
	var img []string
	if ok {
		img = m.set.Lines(w)
	}
	picture := ok && m.set.Ready(w)
	for r := 0; r < m.imgRows; r++ {
		cell := strings.Repeat(" ", m.imgCols)
		if r < len(img) {
			cell = m.placeholderStyle(img[r], picture)
		}
		out = append(out, side+cell+side)
	}
	conf, flags := "", ""
	confStyle := &m.st.Value
	if fig != nil {
		conf = format.Confidence(fig.FigureClusterConfidence)
		if m.review.LowCluster(fig.FigureClusterConfidence) {
			confStyle = &m.st.Warn
		}
		flags = m.flags(i, f, fig).String()
	}
	out = append(out, side+confStyle.Render(safetext.Pad(m.st.Truncate(conf, m.imgCols), m.imgCols))+side)
	out = append(out, side+m.st.Warn.Render(safetext.Pad(m.st.Truncate(flags, m.imgCols), m.imgCols))+side)
	if framed {
		out = append(out, m.border[4]+strings.Repeat(m.border[1], m.imgCols)+m.border[5])
	} else {
		out = append(out, m.blankTile)
	}
	return out
}

// placeholderStyle mutes a placeholder's line; a picture's is as drawn.
func (m *Model) placeholderStyle(line string, picture bool) string {
	if picture {
		return line
	}
	return m.st.Muted.Render(line)
}

// flags are face i's review flags: the source's own judgement, else how
// it is seen and a gender other than the cluster's.
func (m *Model) flags(i int, f *imm.File, fig *imm.Figure) review.Flag {
	if j, ok := m.src.(Judged); ok {
		return j.Flags(i)
	}
	fl := m.review.SeenFlags(review.Face{File: f, Figure: fig})
	if m.review.GenderDiffers(fig, m.gender) {
		fl |= review.FlagGender
	}
	return fl
}

// ShortHelp is the arrows.
func (m *Model) ShortHelp() []key.Binding { return []key.Binding{m.Keys.Left, m.Keys.Up, m.Keys.Down} }

// FullHelp is every movement key, one group.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.Keys
	return [][]key.Binding{{k.Left, k.Up, k.Down, k.PageUp, k.PageDown, k.First, k.Last}}
}

// The grid is on the one component contract (SetSize, View, Update, help);
// SetSource, Load and the cursor are its own API on top.
var _ component.Model = (*Model)(nil)
