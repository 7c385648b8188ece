package termimage

import (
	"image"
	"image/color"
	"strconv"
	"strings"

	"golang.org/x/image/draw"
)

// Fit scales img to fit a box of w x h pixels, keeping its aspect ratio,
// and returns the scaled image (at least 1x1). An image already that size
// is returned as it is, so small known images render pixel for pixel.
func Fit(img image.Image, w, h int) *image.RGBA {
	b := img.Bounds()
	sw, sh := max(b.Dx(), 1), max(b.Dy(), 1)
	tw, th := w, sh*w/sw
	if th > h {
		tw, th = sw*h/sh, h
	}
	tw, th = max(1, min(tw, w)), max(1, min(th, h))
	dst := image.NewRGBA(image.Rect(0, 0, tw, th))
	if tw == b.Dx() && th == b.Dy() {
		draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Src)
		return dst
	}
	// CatmullRom keeps a face's features when shrinking 200 px to 20 cells.
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst
}

// HalfBlock draws img in cols x rows cells: each cell is ▀ with the upper
// pixel as foreground and the lower as background, so a cell holds two
// square pixels. The image is scaled to fit and centred; the cells around
// it are blank. Every line is exactly cols cells and ends with a reset.
// colors must be ColorsTrueColor or ColorsANSI256; with ColorsNone the
// placeholder is returned.
func HalfBlock(img image.Image, cols, rows int, colors Colors) []string {
	if cols <= 0 || rows <= 0 {
		return nil
	}
	if colors == ColorsNone {
		return Placeholder(cols, rows, "[face]")
	}
	px := Fit(img, cols, 2*rows)
	pw, ph := px.Bounds().Dx(), px.Bounds().Dy()
	x0, y0 := (cols-pw)/2, (2*rows-ph)/2
	if y0%2 == 1 { // keep pixel pairs in one cell where we can
		y0--
	}
	lines := make([]string, rows)
	var b strings.Builder
	for r := 0; r < rows; r++ {
		b.Reset()
		var cur cellStyle
		for c := 0; c < cols; c++ {
			top, topOK := pixel(px, c-x0, 2*r-y0)
			bot, botOK := pixel(px, c-x0, 2*r+1-y0)
			var want cellStyle
			ch := "▀"
			switch {
			case topOK && botOK:
				want = cellStyle{fg: top, bg: bot, hasFG: true, hasBG: true}
			case topOK:
				want = cellStyle{fg: top, hasFG: true}
			case botOK:
				want, ch = cellStyle{fg: bot, hasFG: true}, "▄"
			default:
				ch = " "
			}
			if ch == " " {
				want.hasFG = false // a space shows no foreground; don't send one
			}
			cur = writeStyle(&b, cur, want, colors)
			b.WriteString(ch)
		}
		if cur != (cellStyle{}) {
			b.WriteString("\x1b[0m")
		}
		lines[r] = b.String()
	}
	return lines
}

func pixel(img *image.RGBA, x, y int) (color.RGBA, bool) {
	if !(image.Point{x, y}.In(img.Bounds())) {
		return color.RGBA{}, false
	}
	return img.RGBAAt(x, y), true
}

type cellStyle struct {
	fg, bg       color.RGBA
	hasFG, hasBG bool
}

// writeStyle emits only the colours that change from cur to want, which
// keeps a frame of faces to a few bytes per cell.
func writeStyle(b *strings.Builder, cur, want cellStyle, colors Colors) cellStyle {
	if cur.hasFG && !want.hasFG || cur.hasBG && !want.hasBG {
		b.WriteString("\x1b[0m")
		cur = cellStyle{}
	}
	if want.hasFG && (!cur.hasFG || key(cur.fg, colors) != key(want.fg, colors)) {
		sgr(b, "38", want.fg, colors)
	}
	if want.hasBG && (!cur.hasBG || key(cur.bg, colors) != key(want.bg, colors)) {
		sgr(b, "48", want.bg, colors)
	}
	return want
}

// key is the colour as the terminal will see it: in 256 colours two RGB
// values with the same palette index need no new escape.
func key(c color.RGBA, colors Colors) uint32 {
	if colors == ColorsANSI256 {
		return uint32(Nearest256(c))
	}
	return uint32(c.R)<<16 | uint32(c.G)<<8 | uint32(c.B)
}

func sgr(b *strings.Builder, layer string, c color.RGBA, colors Colors) {
	b.WriteString("\x1b[")
	b.WriteString(layer)
	if colors == ColorsANSI256 {
		b.WriteString(";5;")
		b.WriteString(strconv.Itoa(int(Nearest256(c))))
	} else {
		b.WriteString(";2;")
		b.WriteString(strconv.Itoa(int(c.R)))
		b.WriteByte(';')
		b.WriteString(strconv.Itoa(int(c.G)))
		b.WriteByte(';')
		b.WriteString(strconv.Itoa(int(c.B)))
	}
	b.WriteByte('m')
}

// Placeholder is cols x rows cells of plain text, the label centred on the
// middle row (cut to fit; only printable ASCII is kept, so the width is
// the byte count). It stands in for an image where colours or the image
// are missing.
func Placeholder(cols, rows int, label string) []string {
	if cols <= 0 || rows <= 0 {
		return nil
	}
	clean := make([]byte, 0, len(label))
	for i := 0; i < len(label); i++ {
		if c := label[i]; c >= 0x20 && c < 0x7f {
			clean = append(clean, c)
		}
	}
	if len(clean) > cols {
		clean = clean[:cols]
	}
	blank := strings.Repeat(" ", cols)
	lines := make([]string, rows)
	for i := range lines {
		lines[i] = blank
	}
	pad := (cols - len(clean)) / 2
	lines[(rows-1)/2] = blank[:pad] + string(clean) + blank[pad+len(clean):]
	return lines
}
