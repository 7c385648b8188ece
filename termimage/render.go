package termimage

import "image"

// Frame is one image drawn in cells: Lines are exactly the asked number of
// lines, each exactly the asked number of cells wide; Transmit (kitty
// only) must be written to the terminal before the lines, and is empty
// once the terminal holds the image.
type Frame struct {
	Transmit string
	Lines    []string
}

// Renderer draws images the way Capability says. One per terminal session;
// safe for concurrent use (decoding and drawing run in tea.Cmds).
type Renderer struct {
	Cap   Capability
	kitty *Kitty
}

// NewRenderer returns a renderer for c.
func NewRenderer(c Capability) *Renderer {
	r := &Renderer{Cap: c}
	if c.Protocol == ProtocolKitty {
		r.kitty = NewKitty(c.Tmux)
	}
	return r
}

// Draw renders img in cols x rows cells. key names the image for kitty's
// ids (a face's cache key); a nil img draws the placeholder with label.
func (r *Renderer) Draw(key string, img image.Image, cols, rows int, label string) Frame {
	if cols <= 0 || rows <= 0 {
		return Frame{}
	}
	if img == nil || r.Cap.Protocol == ProtocolPlaceholder {
		return Frame{Lines: Placeholder(cols, rows, label)}
	}
	if r.Cap.Protocol == ProtocolKitty && cols <= MaxKittyCells && rows <= MaxKittyCells {
		t, lines := r.kitty.Draw(r.kitty.ID(key), img, cols, rows)
		return Frame{Transmit: t, Lines: lines}
	}
	colors := r.Cap.Colors
	if colors == ColorsNone { // a forced kitty placement too large for the table
		colors = ColorsANSI256
	}
	return Frame{Lines: HalfBlock(img, cols, rows, colors)}
}

// Forget makes the next kitty Draw of key transmit again: for a frame that
// was drawn but never reached the terminal (a screen dropped the reply of a
// face scrolled away). It does nothing for other protocols.
func (r *Renderer) Forget(key string) {
	if r.kitty != nil {
		r.kitty.Forget(r.kitty.ID(key))
	}
}
