package facepic

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"

	"github.com/immtui/immtui/facecrop"
	"github.com/immtui/immtui/imm"
)

func photo(orientation int64, figs ...imm.Figure) *imm.File {
	return &imm.File{URI: "oss://b/photos/x.jpg", ImageWidth: 600, ImageHeight: 400, Orientation: orientation, Figures: figs}
}

func fig(id, cluster string, conf float64, l, t int64) imm.Figure {
	return imm.Figure{FigureId: id, FigureType: "face", FigureClusterId: cluster, FigureClusterConfidence: conf, Age: 30,
		Boundary: &imm.Boundary{Left: l, Top: t, Width: 80, Height: 100}}
}

func TestByClusterSeparatesMisclusteredFaces(t *testing.T) {
	seed := ByCluster(0.7)
	a := fig("f1", "Cluster-1", 0.9, 0, 0)
	b := fig("f2", "Cluster-1", 0.95, 0, 0)
	wrong := fig("f3", "Cluster-1", 0.4, 0, 0)
	stranger := fig("f4", imm.ClusterIndependent, 0, 0, 0)
	if seed(&a) != seed(&b) {
		t.Error("two faces of one cluster should be one person")
	}
	if seed(&wrong) == seed(&a) || seed(&stranger) == seed(&a) || seed(&wrong) == seed(&stranger) {
		t.Error("a misclustered face or a stranger should be someone else")
	}
	if lookOf(seed(&a)) != lookOf(seed(&b)) || lookOf(seed(&a)) == lookOf(seed(&wrong)) {
		t.Error("looks follow the seeds")
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	f := photo(1, fig("f1", "C", 0.9, 100, 80))
	p1, p2 := New(f, ByCluster(0.7)), New(f, ByCluster(0.7))
	r := image.Rect(60, 40, 240, 220)
	if !bytes.Equal(p1.JPEG(r, 64, 64, 85), p2.JPEG(r, 64, 64, 85)) {
		t.Error("the same file drew two different pictures")
	}
	other := photo(1, fig("f1", "D", 0.9, 100, 80))
	if bytes.Equal(p1.Render(r, 32, 32).Pix, New(other, ByCluster(0.7)).Render(r, 32, 32).Pix) {
		t.Error("another person drew the same face")
	}
}

func TestTwoFacesOfOnePersonMatchBetterThanAStranger(t *testing.T) {
	// The same person in two photos (different scenes, same place in
	// the frame) against a stranger: the faces' pixels differ less.
	crop := func(f *imm.File) *image.RGBA {
		c, err := facecrop.FaceCrop(f.Figures[0].Boundary, f.ImageWidth, f.ImageHeight, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		return New(f, ByCluster(0.7)).Render(c.Stored, 32, 32)
	}
	a := photo(1, fig("f1", "C", 0.9, 200, 100))
	b := photo(1, fig("f2", "C", 0.9, 200, 100))
	b.URI = "oss://b/photos/other.jpg"
	s := photo(1, fig("f3", "C", 0.3, 200, 100))
	same, diff := distance(crop(a), crop(b)), distance(crop(a), crop(s))
	if same >= diff {
		t.Errorf("same person distance %d, stranger %d", same, diff)
	}
}

func distance(a, b *image.RGBA) int {
	d := 0
	for i := range a.Pix {
		x := int(a.Pix[i]) - int(b.Pix[i])
		d += x * x
	}
	return d
}

func TestRenderReadsStoredCoordinates(t *testing.T) {
	// Orientation 6: the stored object is the shown image turned back.
	// The stored crop of a face must show the same face as the crop of
	// the same photo stored upright, once turned with Orient.
	upright := photo(1, fig("f1", "C", 0.9, 300, 150))
	turned := photo(6, fig("f1", "C", 0.9, 300, 150))
	c1, _ := facecrop.FaceCrop(upright.Figures[0].Boundary, 600, 400, 1, 0.2)
	c6, _ := facecrop.FaceCrop(turned.Figures[0].Boundary, 600, 400, 6, 0.2)
	a := New(upright, ByCluster(0.7)).Render(c1.Stored, 40, 40)
	b := facecrop.Orient(New(turned, ByCluster(0.7)).Render(c6.Stored, 40, 40), 6)
	if d := distance(a, b.(*image.RGBA)); d > 40*40*3*20 {
		t.Errorf("turned face differs by %d", d)
	}
	if w, h := New(turned, ByCluster(0.7)).StoredSize(); w != 400 || h != 600 {
		t.Errorf("stored size %dx%d", w, h)
	}
}

func TestJPEGAndBounds(t *testing.T) {
	p := New(photo(1, fig("f1", "C", 0.9, 10, 10)), ByCluster(0.7))
	img, err := jpeg.Decode(bytes.NewReader(p.JPEG(image.Rect(0, 0, 600, 400), 150, 100, 80)))
	if err != nil || img.Bounds().Dx() != 150 || img.Bounds().Dy() != 100 {
		t.Fatalf("decoded %v, %v", img.Bounds(), err)
	}
	if New(&imm.File{URI: "oss://b/doc.pdf"}, ByCluster(0.7)) != nil {
		t.Error("a file without a size has no picture")
	}
	if New(&imm.File{ImageWidth: 1 << 40, ImageHeight: 2}, ByCluster(0.7)) != nil {
		t.Error("a hostile size must not be drawn")
	}
}
