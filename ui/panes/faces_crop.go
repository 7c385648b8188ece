package panes

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/termimage"
	"github.com/immtui/immtui/ui/widgets/faceimg"
)

// The selected face's crop, left of its detail box: as tall as the box
// (between minCropRows and maxCropRows), square, and only where the box
// keeps minDetailWidth beside it.
const (
	minCropRows    = 3
	maxCropRows    = 10
	minDetailWidth = 40
)

// cropRows is the crop's height beside a box boxH lines tall (0: no crop,
// for --images off or a pane too narrow).
func (p *facesPane) cropRows(boxH int) int {
	im := p.ctx.Images
	if im == nil || im.Mode == termimage.ModeOff {
		return 0
	}
	r := min(boxH, maxCropRows)
	if r < minCropRows || p.w-2*r-1 < minDetailWidth {
		return 0
	}
	return r
}

// boxWidth is the detail box's width beside a crop rows tall.
func (p *facesPane) boxWidth(rows int) int {
	if rows == 0 {
		return p.w
	}
	return p.w - 2*rows - 1
}

// cropWant is the selected face at the crop's size.
func (p *facesPane) cropWant(rows int) faceimg.Want {
	return faceimg.Want{File: p.file, Figure: p.Selected(), Cols: 2 * rows, Rows: rows}
}

// Load asks for the selected face's crop at the size the layout gives it;
// a crop asked for before (another face, another size) is cancelled.
func (p *facesPane) Load() tea.Cmd {
	_, _, rows := p.layout()
	if rows == 0 || p.Selected() == nil {
		return p.crop.Want(nil)
	}
	return p.crop.Want([]faceimg.Want{p.cropWant(rows)})
}

// boxWithCrop is the crop (top-aligned) and a space left of the detail
// box, h lines, each the pane's width.
func (p *facesPane) boxWithCrop(h, rows int) []string {
	box := p.box(p.boxWidth(rows), h)
	if rows == 0 {
		return box
	}
	w := p.cropWant(rows)
	pic := p.crop.Lines(w)
	muted := !p.crop.Ready(w)
	blank := strings.Repeat(" ", 2*rows)
	for i := range box {
		c := blank
		if i < len(pic) {
			c = pic[i]
			if muted {
				c = p.styles.Muted.Render(c)
			}
		}
		box[i] = c + " " + box[i]
	}
	return box
}
