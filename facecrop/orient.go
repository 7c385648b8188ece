package facecrop

import (
	"image"
	"image/draw"
)

// Orient turns a decoded image of stored pixels into the image as shown,
// applying EXIF Orientation o (Go's decoders ignore EXIF).
func Orient(src image.Image, o int64) image.Image {
	if !valid(o) || o == 1 {
		return src
	}
	b := src.Bounds()
	sw, sh := b.Dx(), b.Dy()
	dw, dh := StoredSize(sw, sh, o) // the swap is its own inverse
	rgba := toRGBA(src)
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for dy := 0; dy < dh; dy++ {
		for dx := 0; dx < dw; dx++ {
			sx, sy := storedPixel(dx, dy, sw, sh, o)
			i, j := rgba.PixOffset(sx, sy), dst.PixOffset(dx, dy)
			copy(dst.Pix[j:j+4], rgba.Pix[i:i+4])
		}
	}
	return dst
}

// storedPixel is the stored pixel shown at (dx, dy): ToStored for one
// pixel.
func storedPixel(dx, dy, sw, sh int, o int64) (int, int) {
	switch o {
	case 2:
		return sw - 1 - dx, dy
	case 3:
		return sw - 1 - dx, sh - 1 - dy
	case 4:
		return dx, sh - 1 - dy
	case 5:
		return dy, dx
	case 6:
		return dy, sh - 1 - dx
	case 7:
		return sw - 1 - dy, sh - 1 - dx
	case 8:
		return sw - 1 - dy, dx
	}
	return dx, dy
}

func toRGBA(src image.Image) *image.RGBA {
	b := src.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Bounds(), src, b.Min, draw.Src)
	return dst
}

// Cut returns the part of a decoded whole image (for example a video
// snapshot) that c covers, scaling c from the full-size coordinates
// (full x fullH displayed pixels) to the decoded size.
func Cut(img image.Image, c Crop, fullW, fullH int) image.Image {
	b := img.Bounds()
	if fullW <= 0 || fullH <= 0 {
		return img
	}
	sx, sy := float64(b.Dx())/float64(fullW), float64(b.Dy())/float64(fullH)
	d := c.Displayed
	r := image.Rect(int(float64(d.Min.X)*sx), int(float64(d.Min.Y)*sy), int(float64(d.Max.X)*sx+0.5), int(float64(d.Max.Y)*sy+0.5)).Add(b.Min).Intersect(b)
	dst := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	draw.Draw(dst, dst.Bounds(), img, r.Min, draw.Src)
	return dst
}
