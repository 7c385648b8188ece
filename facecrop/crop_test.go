package facecrop

import (
	"errors"
	"image"
	"image/color"
	"testing"

	"github.com/immtui/immtui/imm"
)

func bnd(l, t, w, h int64) *imm.Boundary { return &imm.Boundary{Left: l, Top: t, Width: w, Height: h} }

func TestFaceCropCentredWithMargin(t *testing.T) {
	c, err := FaceCrop(bnd(400, 300, 100, 120), 1000, 800, 1, 0.25)
	if err != nil {
		t.Fatal(err)
	}
	// side 120*1.5 = 180 around the centre (450, 360)
	if want := image.Rect(360, 270, 540, 450); c.Displayed != want || c.Stored != want {
		t.Errorf("crop %v / %v, want %v", c.Displayed, c.Stored, want)
	}
	if got := c.Process(64); got != "image/auto-orient,0/crop,x_360,y_270,w_180,h_180/resize,w_64" {
		t.Errorf("Process = %q", got)
	}
	if got := c.Process(400); got != "image/auto-orient,0/crop,x_360,y_270,w_180,h_180" {
		t.Errorf("no enlarging: %q", got)
	}
}

func TestFaceCropAtTheEdges(t *testing.T) {
	for _, tc := range []struct {
		name string
		b    *imm.Boundary
		want image.Rectangle
	}{
		{"top left corner: moved in", bnd(0, 0, 100, 100), image.Rect(0, 0, 150, 150)},
		{"bottom right corner: moved in", bnd(900, 700, 100, 100), image.Rect(850, 650, 1000, 800)},
		{"beyond the right edge: the visible part, moved in", bnd(950, 100, 200, 100), image.Rect(850, 75, 1000, 225)},
		{"negative left", bnd(-50, 100, 100, 100), image.Rect(0, 75, 150, 225)},
		{"face taller than the image: cut", bnd(100, 0, 700, 800), image.Rect(0, 0, 1000, 800)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := FaceCrop(tc.b, 1000, 800, 1, 0.25)
			if err != nil {
				t.Fatal(err)
			}
			if c.Displayed != tc.want {
				t.Errorf("crop %v, want %v", c.Displayed, tc.want)
			}
			if !c.Stored.In(image.Rect(0, 0, 1000, 800)) {
				t.Errorf("crop %v leaves the image", c.Stored)
			}
		})
	}
}

func TestFaceCropRefusesNoFace(t *testing.T) {
	for _, b := range []*imm.Boundary{nil, bnd(10, 10, 0, 5), bnd(2000, 10, 50, 50), bnd(-100, -100, 50, 50), bnd(1<<62, 1<<62, 1<<62, 1<<62)} {
		if _, err := FaceCrop(b, 1000, 800, 1, 0.25); !errors.Is(err, ErrNoFace) {
			t.Errorf("%+v: err %v", b, err)
		}
	}
	if _, err := FaceCrop(bnd(1, 1, 5, 5), 0, 800, 1, 0.25); !errors.Is(err, ErrNoSize) {
		t.Errorf("no size: %v", err)
	}
}

func TestFaceCropRotated(t *testing.T) {
	// A portrait photo shown 600 x 800, stored 800 x 600 (landscape
	// sensor). The face is near the top of the shown image.
	b := bnd(250, 50, 100, 100) // crop: 150x150 at (225, 25)
	c6, err := FaceCrop(b, 600, 800, 6, 0.25)
	if err != nil {
		t.Fatal(err)
	}
	if c6.Displayed != image.Rect(225, 25, 375, 175) {
		t.Fatalf("displayed %v", c6.Displayed)
	}
	// 6: shown = stored turned 90° clockwise, so the top of the shown
	// image is the left of the stored one, and shown x runs up.
	if want := image.Rect(25, 225, 175, 375); c6.Stored != want {
		t.Errorf("orientation 6: stored %v, want %v", c6.Stored, want)
	}
	// 8: anticlockwise: the top of the shown image is the stored right.
	c8, _ := FaceCrop(b, 600, 800, 8, 0.25)
	if want := image.Rect(625, 225, 775, 375); c8.Stored != want {
		t.Errorf("orientation 8: stored %v, want %v", c8.Stored, want)
	}
	// Off-centre, to tell x from y: face at the shown left edge.
	c6e, _ := FaceCrop(bnd(0, 600, 100, 100), 600, 800, 6, 0)
	if want := image.Rect(600, 500, 700, 600); c6e.Stored != want {
		t.Errorf("orientation 6 at the edge: %v, want %v", c6e.Stored, want)
	}
	if !c6e.Stored.In(image.Rect(0, 0, 800, 600)) {
		t.Error("outside the stored image")
	}
}

// TestToStoredAgreesWithOrient paints the stored pixels of a crop, turns
// the whole stored image for display with Orient, and checks the paint
// lands on the displayed crop, for all eight orientations.
func TestToStoredAgreesWithOrient(t *testing.T) {
	const dw, dh = 12, 8
	disp := image.Rect(2, 1, 7, 4)
	for o := int64(1); o <= 8; o++ {
		sw, sh := StoredSize(dw, dh, o)
		stored := image.NewRGBA(image.Rect(0, 0, sw, sh))
		s := ToStored(disp, dw, dh, o)
		for y := s.Min.Y; y < s.Max.Y; y++ {
			for x := s.Min.X; x < s.Max.X; x++ {
				stored.SetRGBA(x, y, color.RGBA{255, 0, 0, 255})
			}
		}
		shown := Orient(stored, o)
		if shown.Bounds().Dx() != dw || shown.Bounds().Dy() != dh {
			t.Fatalf("o=%d: shown %v", o, shown.Bounds())
		}
		for y := 0; y < dh; y++ {
			for x := 0; x < dw; x++ {
				r, _, _, _ := shown.At(x, y).RGBA()
				if in := (image.Point{x, y}).In(disp); in != (r > 0) {
					t.Fatalf("o=%d: pixel (%d,%d) painted=%v, in crop=%v", o, x, y, r > 0, in)
				}
			}
		}
	}
}

func TestSnapshotProcessAndCut(t *testing.T) {
	if got := SnapshotProcess(1500, 640); got != "video/snapshot,t_1500,f_jpg,w_640,h_0" {
		t.Errorf("SnapshotProcess = %q", got)
	}
	c, _ := FaceCrop(bnd(960, 540, 100, 100), 1920, 1080, 1, 0)
	frame := image.NewRGBA(image.Rect(0, 0, 640, 360))
	if got := Cut(frame, c, 1920, 1080).Bounds(); got.Dx() != 33 || got.Dy() != 33 {
		t.Errorf("cut %v, want about 33x33", got)
	}
}
