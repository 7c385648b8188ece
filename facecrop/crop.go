// Package facecrop computes where a face is in the object stored in OSS:
// from the face's Boundary, the image's size and its EXIF Orientation, the
// crop rectangle in the stored (unrotated) pixels with a margin around the
// face, clamped at the image's edges, and the OSS image-processing
// parameter that asks OSS to cut and shrink it (docs/images.md).
package facecrop

import (
	"errors"
	"image"
	"math"
	"strconv"

	"github.com/immtui/immtui/imm"
)

// DefaultMargin is the margin around a face, as a fraction of its larger
// side on each side: enough for hair and chin, little of the neighbours.
const DefaultMargin = 0.25

// ErrNoFace says the Boundary does not overlap the image (absent, empty or
// outside it), so there is nothing to cut.
var ErrNoFace = errors.New("the face's Boundary is empty or outside the image")

// ErrNoSize says the file does not report its size, so a crop cannot be
// clamped to it.
var ErrNoSize = errors.New("the file reports no image size")

// Crop is one face's rectangle. Displayed is in the coordinates IMM
// reports (the image as shown, Orientation applied); Stored is the same
// pixels in the object as stored, which is what OSS's crop cuts.
type Crop struct {
	Displayed   image.Rectangle
	Stored      image.Rectangle
	Orientation int64 // 1..8; anything else is taken as 1
}

// FaceCrop is the crop around b in an image shown w x h pixels (IMM's
// ImageWidth and ImageHeight, like the Boundary, are taken to be of the
// image as displayed: docs/images.md). The crop is a square of the face's
// larger side plus margin on each side, moved inside the image where it
// would cross an edge and cut to the image where it is larger.
func FaceCrop(b *imm.Boundary, w, h, orientation int64, margin float64) (Crop, error) {
	if w <= 0 || h <= 0 {
		return Crop{}, ErrNoSize
	}
	if b == nil {
		return Crop{}, ErrNoFace
	}
	img := image.Rect(0, 0, clampInt(w), clampInt(h))
	// Each side clamped first, so hostile values cannot overflow the sum.
	l, t := clampInt(b.Left), clampInt(b.Top)
	face := image.Rect(l, t, l+clampInt(b.Width), t+clampInt(b.Height)).Intersect(img)
	if face.Empty() || b.Width <= 0 || b.Height <= 0 {
		return Crop{}, ErrNoFace
	}
	if margin < 0 || math.IsNaN(margin) {
		margin = 0
	}
	side := int(math.Round(float64(max(face.Dx(), face.Dy())) * (1 + 2*margin)))
	cx, cy := (face.Min.X+face.Max.X)/2, (face.Min.Y+face.Max.Y)/2
	r := image.Rect(cx-side/2, cy-side/2, cx-side/2+side, cy-side/2+side)
	r = shiftInside(r, img).Intersect(img)
	if !valid(orientation) {
		orientation = 1
	}
	return Crop{Displayed: r, Stored: ToStored(r, img.Dx(), img.Dy(), orientation), Orientation: orientation}, nil
}

// shiftInside moves r so it lies within bounds along each axis where it
// fits; where it does not, it stays put (and is cut by the caller).
func shiftInside(r, bounds image.Rectangle) image.Rectangle {
	dx, dy := 0, 0
	if r.Dx() <= bounds.Dx() {
		if r.Min.X < bounds.Min.X {
			dx = bounds.Min.X - r.Min.X
		} else if r.Max.X > bounds.Max.X {
			dx = bounds.Max.X - r.Max.X
		}
	}
	if r.Dy() <= bounds.Dy() {
		if r.Min.Y < bounds.Min.Y {
			dy = bounds.Min.Y - r.Min.Y
		} else if r.Max.Y > bounds.Max.Y {
			dy = bounds.Max.Y - r.Max.Y
		}
	}
	return r.Add(image.Pt(dx, dy))
}

func valid(o int64) bool { return o >= 1 && o <= 8 }

// clampInt keeps hostile int64 values from overflowing int arithmetic.
func clampInt(v int64) int {
	const lim = 1 << 30
	return int(max(-lim, min(v, lim)))
}

// StoredSize is the size of the stored pixels of an image displayed w x h:
// Orientations 5 to 8 swap the sides (6 and 8 are the 90° rotations).
func StoredSize(w, h int, orientation int64) (int, int) {
	if orientation >= 5 && orientation <= 8 {
		return h, w
	}
	return w, h
}

// ToStored maps r, in an image displayed dw x dh with the given EXIF
// Orientation, to the stored image. The Orientation tells how the stored
// pixels are turned for display (6: 90° clockwise, 8: 90° anticlockwise);
// this is the inverse.
func ToStored(r image.Rectangle, dw, dh int, orientation int64) image.Rectangle {
	sw, sh := StoredSize(dw, dh, orientation)
	x, y, w, h := r.Min.X, r.Min.Y, r.Dx(), r.Dy()
	var sx, sy, ww, hh int
	switch orientation {
	case 2: // mirrored
		sx, sy, ww, hh = sw-x-w, y, w, h
	case 3: // 180°
		sx, sy, ww, hh = sw-x-w, sh-y-h, w, h
	case 4: // flipped
		sx, sy, ww, hh = x, sh-y-h, w, h
	case 5: // transposed
		sx, sy, ww, hh = y, x, h, w
	case 6: // shown turned 90° clockwise
		sx, sy, ww, hh = y, sh-x-w, h, w
	case 7: // transversed
		sx, sy, ww, hh = sw-y-h, sh-x-w, h, w
	case 8: // shown turned 90° anticlockwise
		sx, sy, ww, hh = sw-y-h, x, h, w
	default:
		sx, sy, ww, hh = x, y, w, h
	}
	return image.Rect(sx, sy, sx+ww, sy+hh)
}

// Process is the x-oss-process value that makes OSS cut the stored crop
// and shrink it to at most width pixels wide. auto-orient,0 comes first
// so that OSS's crop reads stored coordinates whatever the bucket's
// default (OSS documents auto-orient's default as 1, and skips it on
// images over 4096 pixels); the caller turns the small result with
// Orient. A crop narrower than width is not enlarged.
func (c Crop) Process(width int) string {
	r := c.Stored
	s := "image/auto-orient,0/crop,x_" + strconv.Itoa(r.Min.X) + ",y_" + strconv.Itoa(r.Min.Y) +
		",w_" + strconv.Itoa(r.Dx()) + ",h_" + strconv.Itoa(r.Dy())
	if width > 0 && r.Dx() > width {
		s += "/resize,w_" + strconv.Itoa(width)
	}
	return s
}

// SnapshotProcess is the x-oss-process value of a video frame at ms
// milliseconds, width pixels wide (IMM's video faces carry no crop of
// their own: the frame is cut locally with Cut).
func SnapshotProcess(ms int64, width int) string {
	return "video/snapshot,t_" + strconv.FormatInt(max(ms, 0), 10) + ",f_jpg,w_" + strconv.Itoa(max(width, 0)) + ",h_0"
}
