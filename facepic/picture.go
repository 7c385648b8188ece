package facepic

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/immtui/immtui/imm"
)

// Picture is one file's image, drawn on demand at any scale: only the
// pixels asked for are computed, so a face crop costs its own size, not
// the photo's.
type Picture struct {
	w, h        int   // as displayed (IMM's ImageWidth/ImageHeight)
	orientation int64 // EXIF: how the stored pixels are turned for display
	sky, sky2   color.RGBA
	ground      color.RGBA
	horizon     float64
	blobs       []blob
	faces       []face
}

type blob struct {
	x, y, r float64
	c       color.RGBA
}

type face struct {
	cx, cy, hw, hh float64 // centre and half-sizes in displayed pixels
	look
	age            float64
	glasses, beard string
	yaw            float64
}

// New describes f's picture. seed says who each face is. A file without a
// size (neither image nor video dimensions) gets nil.
func New(f *imm.File, seed SeedFunc) *Picture {
	w, h := f.ImageWidth, f.ImageHeight
	if w <= 0 || h <= 0 {
		w, h = f.VideoWidth, f.VideoHeight
	}
	const limit = 1 << 15 // beyond any camera; keeps hostile sizes bounded
	if w <= 0 || h <= 0 || w > limit || h > limit {
		return nil
	}
	r := rand.New(rand.NewPCG(Hash("scene", f.URI), 0x7363656e))
	p := &Picture{w: int(w), h: int(h), orientation: f.Orientation, horizon: 0.45 + r.Float64()*0.25}
	p.sky = color.RGBA{uint8(90 + r.IntN(120)), uint8(130 + r.IntN(100)), uint8(180 + r.IntN(75)), 255}
	p.sky2 = mix(p.sky, color.RGBA{255, 240, 220, 255}, 0.5)
	p.ground = color.RGBA{uint8(60 + r.IntN(120)), uint8(70 + r.IntN(110)), uint8(40 + r.IntN(80)), 255}
	if strings.Contains(f.URI, "/videos/") || r.IntN(3) == 0 { // indoors: a wall and a floor
		p.sky = color.RGBA{uint8(170 + r.IntN(70)), uint8(160 + r.IntN(70)), uint8(140 + r.IntN(70)), 255}
		p.sky2 = p.sky
	}
	for i := 0; i < 3+r.IntN(4); i++ {
		p.blobs = append(p.blobs, blob{
			x: r.Float64() * float64(w), y: (0.3 + r.Float64()*0.5) * float64(h), r: (0.05 + r.Float64()*0.15) * float64(min(w, h)),
			c: color.RGBA{uint8(30 + r.IntN(120)), uint8(60 + r.IntN(120)), uint8(30 + r.IntN(90)), 255},
		})
	}
	for i := range f.Figures {
		fg := &f.Figures[i]
		b := fg.Boundary
		if b == nil || b.Width <= 0 || b.Height <= 0 || fg.FigureType != "" && fg.FigureType != "face" {
			continue
		}
		fc := face{
			cx: float64(b.Left) + float64(b.Width)/2, cy: float64(b.Top) + float64(b.Height)/2,
			hw: float64(b.Width) / 2, hh: float64(b.Height) / 2,
			look: lookOf(seed(fg)), age: float64(fg.Age), glasses: fg.Glasses, beard: fg.Beard,
		}
		if fg.HeadPose != nil {
			fc.yaw = math.Max(-1, math.Min(1, fg.HeadPose.Yaw/60))
		}
		p.faces = append(p.faces, fc)
	}
	return p
}

// StoredSize is the size of the object's pixels (the displayed size with
// the sides swapped for Orientations 5 to 8).
func (p *Picture) StoredSize() (int, int) {
	if p.orientation >= 5 && p.orientation <= 8 {
		return p.h, p.w
	}
	return p.w, p.h
}

// Render draws the part r of the stored image (stored coordinates, as OSS
// crops) into outW x outH pixels.
func (p *Picture) Render(r image.Rectangle, outW, outH int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, outW, outH))
	if r.Empty() || outW <= 0 || outH <= 0 {
		return dst
	}
	sx, sy := float64(r.Dx())/float64(outW), float64(r.Dy())/float64(outH)
	// Small outputs are supersampled 2x2: a face of 40 pixels needs it,
	// a full photo does not and would pay four times.
	ss := 1
	if outW*outH <= 512*512 {
		ss = 2
	}
	sw, sh := p.StoredSize()
	for j := 0; j < outH; j++ {
		for i := 0; i < outW; i++ {
			var acc [3]float64
			for a := 0; a < ss; a++ {
				for b := 0; b < ss; b++ {
					x := float64(r.Min.X) + (float64(i)+(float64(a)+0.5)/float64(ss))*sx
					y := float64(r.Min.Y) + (float64(j)+(float64(b)+0.5)/float64(ss))*sy
					dx, dy := displayed(x, y, float64(sw), float64(sh), p.orientation)
					c := p.at(dx, dy)
					acc[0] += float64(c.R)
					acc[1] += float64(c.G)
					acc[2] += float64(c.B)
				}
			}
			n := float64(ss * ss)
			o := dst.PixOffset(i, j)
			dst.Pix[o], dst.Pix[o+1], dst.Pix[o+2], dst.Pix[o+3] = uint8(acc[0]/n), uint8(acc[1]/n), uint8(acc[2]/n), 255
		}
	}
	return dst
}

// JPEG encodes Render's result.
func (p *Picture) JPEG(r image.Rectangle, outW, outH, quality int) []byte {
	var buf bytes.Buffer
	_ = jpeg.Encode(&buf, p.Render(r, outW, outH), &jpeg.Options{Quality: quality})
	return buf.Bytes()
}

// displayed maps a stored point to the displayed image (the inverse of
// facecrop.ToStored, for points).
func displayed(x, y, sw, sh float64, o int64) (float64, float64) {
	switch o {
	case 2:
		return sw - x, y
	case 3:
		return sw - x, sh - y
	case 4:
		return x, sh - y
	case 5:
		return y, x
	case 6:
		return sh - y, x
	case 7:
		return sh - y, sw - x
	case 8:
		return y, sw - x
	}
	return x, y
}

// at is the colour of the displayed point (x, y).
func (p *Picture) at(x, y float64) color.RGBA {
	var c color.RGBA
	hy := p.horizon * float64(p.h)
	if y < hy {
		c = mix(p.sky, p.sky2, y/hy)
	} else {
		c = mix(p.ground, color.RGBA{0, 0, 0, 255}, 0.3*(y-hy)/(float64(p.h)-hy+1))
	}
	for _, b := range p.blobs {
		if dx, dy := x-b.x, y-b.y; dx*dx+dy*dy < b.r*b.r {
			c = b.c
		}
	}
	for i := range p.faces {
		if fc, ok := p.faces[i].at(x, y); ok {
			c = fc
		}
	}
	return c
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	t = math.Max(0, math.Min(1, t))
	l := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t) }
	return color.RGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), 255}
}
