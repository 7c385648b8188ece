package views

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/widgets/facegrid"
)

// compareFocus is the part of the comparison the keys move: the shared
// files or one of the two grids.
type compareFocus int

const (
	focusShared compareFocus = iota
	focusA
	focusB
)

// Grid sizes in lines. A tile is its picture plus four lines: the
// confidence, the flags and the selection frame's two (facegrid's tile).
const (
	gridLabelLines = 1
	gridTileExtra  = 4
	// gridMinLines: the label and one row of the smallest tiles.
	gridMinLines = gridLabelLines + facegrid.MinImageRows + gridTileExtra
	// gridWantLines: the label and two rows of tiles four cells tall; what
	// is left above that goes to the age chart.
	gridWantLines = gridLabelLines + 2*(4+gridTileExtra)
	// gridMinWidth is one half's narrowest tile: a square picture of the
	// smallest height and its frame.
	gridMinWidth = 2*facegrid.MinImageRows + 2
	// compareDivider stands between the two halves (strips and grids).
	compareDivider = " | "
)

// compareGrids are both clusters' faces as two face grids side by side,
// outliers first (review's order, the Members order), read from the pages
// the comparison already read (the strip cache): no fetch of their own.
type compareGrids struct {
	a, b     *facegrid.Model
	faces    [2][]review.Flagged
	h        int  // lines given, label included; 0: not shown
	tooSmall bool // the lines or columns left cannot hold a tile
}

// compareFaces is one side's faces for its grid.
type compareFaces []review.Flagged

func (s compareFaces) Len() int { return len(s) }
func (s compareFaces) Face(i int) (*imm.File, *imm.Figure) {
	return s[i].File, s[i].Figure
}

// Flags are the strip's judgement of face i (its age curve's flag too).
func (s compareFaces) Flags(i int) review.Flag { return s[i].Flags }

func (v *Compare) newGrids() {
	v.grids.a = facegrid.New(v.env.Styles, v.env.Images, v.ctx)
	v.grids.b = facegrid.New(v.env.Styles, v.env.Images, v.ctx)
}

// takeFaces reads both sides' faces from the strip cache (no I/O): the
// comparison just read them to the end.
func (v *Compare) takeFaces(c *review.Comparison) {
	th := v.env.Thresholds()
	for i, side := range []struct {
		id, gender string
		g          *facegrid.Model
	}{{v.a, c.GenderA, v.grids.a}, {v.b, c.GenderB, v.grids.b}} {
		faces, _, _ := v.env.Quality.Faces(side.id)
		v.grids.faces[i] = faces
		side.g.SetThresholds(th)
		side.g.SetGender(side.gender)
		side.g.SetSource(compareFaces(faces))
	}
}

// sizeGrids gives each grid its half of width in h lines (the label
// line taken off); h 0 hides them, and a hidden grid loads nothing.
func (v *Compare) sizeGrids(width, h int) {
	v.grids.h = h
	gh := max(h-gridLabelLines, 0)
	left, right := compareHalves(width)
	v.grids.a.SetSize(left, gh)
	v.grids.b.SetSize(right, gh)
}

// compareHalves are the widths of the left and right halves.
func compareHalves(width int) (left, right int) {
	left = max((width-len(compareDivider))/2, 0)
	return left, max(width-len(compareDivider)-left, 0)
}

// LoadVisible asks for the pictures of the faces the grids show now (the
// root calls it after a resize and when the view is back on top).
func (v *Compare) LoadVisible() tea.Cmd {
	return tea.Batch(v.grids.a.Load(), v.grids.b.Load())
}

// gridsShown reports whether the grids have room on screen.
func (v *Compare) gridsShown() bool { return v.cmp != nil && v.grids.h > 0 }

// focused is the part the keys move: a hidden grid or an empty list gives
// the focus to what is shown.
func (v *Compare) focused() compareFocus {
	for _, f := range []compareFocus{v.focus, focusShared, focusA} {
		if v.canFocus(f) {
			return f
		}
	}
	return focusShared
}

func (v *Compare) canFocus(f compareFocus) bool {
	if v.cmp == nil {
		return false
	}
	switch f {
	case focusShared:
		return len(v.cmp.SharedFiles) > 0
	default:
		return v.gridsShown()
	}
}

// cycleFocus moves the focus by step through the parts shown.
func (v *Compare) cycleFocus(step int) {
	f := v.focused()
	for range 3 {
		f = compareFocus((int(f) + step + 3) % 3)
		if v.canFocus(f) {
			v.focus = f
			v.showFocus()
			return
		}
	}
}

// showFocus draws a selection only in the part the keys move: the shared
// files' cursor row or one grid's frame, never two at once. The focus
// follows the parts shown, so layout calls it too.
func (v *Compare) showFocus() {
	f := v.focused()
	v.list.SetFocused(f == focusShared)
	v.grids.a.SetFocused(f == focusA)
	v.grids.b.SetFocused(f == focusB)
}

// focusedGrid is the grid that has the focus, and its cluster (nil when
// the shared files have it).
func (v *Compare) focusedGrid() (*facegrid.Model, string) {
	switch v.focused() {
	case focusA:
		return v.grids.a, v.a
	case focusB:
		return v.grids.b, v.b
	}
	return nil, ""
}

// openFace opens the file of the selected face of grid g (cluster id) on
// that face, as the Grid screen does.
func (v *Compare) openFace(g *facegrid.Model, id string) tea.Cmd {
	if g.Len() == 0 {
		return nil
	}
	side := v.grids.faces[0]
	if g == v.grids.b {
		side = v.grids.faces[1]
	}
	f := side[g.Cursor()]
	return Push(NewClusterFile(v.env, f.File.URI, id, f.Figure.FigureId))
}

// gridLines draws the label line and both grids side by side in width
// cells, or the one muted line that says the grids do not fit.
func (v *Compare) gridLines(width int) []string {
	st := v.env.Styles
	if v.grids.tooSmall {
		return []string{st.Muted.Render("Faces not shown: too small for the tiles (" + strconv.Itoa(gridMinLines) + " lines and " + strconv.Itoa(2*gridMinWidth+len(compareDivider)) + " columns)")}
	}
	if !v.gridsShown() {
		return nil
	}
	left, right := compareHalves(width)
	div := st.Muted.Render(compareDivider)
	label := func(tag string, n int, f compareFocus, w int) string {
		text := tag + " " + strconv.Itoa(n) + " faces, outliers first"
		if n == 0 {
			text = tag + " no face read"
		}
		if v.focused() == f {
			return safetext.Pad(st.Title.Render(st.Truncate("> "+text, w)), w)
		}
		return safetext.Pad(st.Muted.Render(st.Truncate("  "+text, w)), w)
	}
	out := []string{label("A", v.grids.a.Len(), focusA, left) + div + label("B", v.grids.b.Len(), focusB, right)}
	la, lb := viewLines(v.grids.a.View()), viewLines(v.grids.b.View())
	for i := range max(len(la), len(lb)) {
		l, r := strings.Repeat(" ", left), ""
		if i < len(la) {
			l = la[i]
		}
		if i < len(lb) {
			r = lb[i]
		}
		out = append(out, l+div+r)
	}
	return out
}

// viewLines splits a part's view into lines (none for an empty view).
func viewLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// gridNotice says why no picture is drawn: a refused read names the
// permission, else the session's reason ("" when pictures are drawn).
func (v *Compare) gridNotice() string {
	st := v.env.Styles
	if !v.gridsShown() {
		return ""
	}
	for _, g := range []*facegrid.Model{v.grids.a, v.grids.b} {
		if p := g.Denied(); p != "" {
			return st.Error.Render(deniedNotice(p))
		}
	}
	if why := v.env.Images.Why(); why != "" {
		return st.Muted.Render(why)
	}
	return ""
}

// focusShort is the focused part's movement keys, for the short help.
func (v *Compare) focusShort() []key.Binding {
	if g, _ := v.focusedGrid(); g != nil {
		return g.ShortHelp()
	}
	return v.list.ShortHelp()
}

// focusFull is the focused part's own help groups (a grid's, or the
// shared files list's movement).
func (v *Compare) focusFull() [][]key.Binding {
	if g, _ := v.focusedGrid(); g != nil {
		return g.FullHelp()
	}
	return v.list.FullHelp()
}

// Grids are both sides' face grids (for tests).
func (v *Compare) Grids() (a, b *facegrid.Model) { return v.grids.a, v.grids.b }
