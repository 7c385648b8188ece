package panes_test

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/termimage"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/panes"
)

// paneUpdater drives one pane like its host does.
type paneUpdater struct{ p panes.Pane }

func (u *paneUpdater) Update(msg tea.Msg) tea.Cmd {
	return u.p.Update(msg)
}

// facesWithCrop is the Faces pane over the CJK file at w x h, pictures
// drawn as c says, after the crop's load ran.
func facesWithCrop(t *testing.T, c termimage.Capability, w, h int) *paneUpdater {
	t.Helper()
	ctx := panes.TestContextForTest()
	ctx.Images = uitest.NewImages(c, nil)
	var p panes.Pane
	for _, x := range panes.New(ctx) {
		if x.Title() == "Faces" {
			p = x
		}
	}
	p.SetSize(w, h)
	p.SetFile(panes.CJKFileForTest(t))
	u := &paneUpdater{p}
	uitest.Run(u, p.(panes.Loader).Load())
	return u
}

func TestGoldenFacesPaneWithTheSelectedFacesCrop(t *testing.T) {
	for _, mode := range []struct {
		name string
		c    termimage.Capability
	}{{"halfblock256", uitest.HalfBlock256}, {"placeholder", uitest.NoColour}} {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			id := fmt.Sprintf("faces-crop-%s-%dx%d", mode.name, sz[0], sz[1])
			t.Run(id, func(t *testing.T) {
				u := facesWithCrop(t, mode.c, sz[0], sz[1])
				uitest.Run(u, u.Update(uitest.Key("down"))) // another face, another crop
				v := u.p.View()
				uitest.CheckFrame(t, v, sz[0], sz[1])
				golden.RequireEqual(t, []byte(v))
			})
		}
	}
}

func TestFacesPaneDrawsTheSelectedFaceAndFollowsTheCursor(t *testing.T) {
	u := facesWithCrop(t, uitest.HalfBlock256, 120, 40)
	first := u.p.View()
	if !strings.Contains(first, "▀") {
		t.Fatalf("no crop drawn:\n%s", first)
	}
	uitest.Run(u, u.Update(uitest.Key("down")))
	if second := u.p.View(); second == first || !strings.Contains(second, "▀") {
		t.Error("moving to another face did not draw its crop")
	}
}

func TestFacesPaneHasNoCropWithImagesOff(t *testing.T) {
	ctx := panes.TestContextForTest()
	ctx.Images = uitest.NewImages(uitest.NoColour, nil)
	ctx.Images.Mode = termimage.ModeOff
	p := panes.New(ctx)[1]
	p.SetSize(120, 40)
	p.SetFile(panes.CJKFileForTest(t))
	if v := p.View(); strings.Contains(v, "off") || strings.Contains(v, "no colour") {
		t.Errorf("--images off still shows a placeholder:\n%s", v)
	}
}

func TestFacesPaneFlagsAFaceInWords(t *testing.T) {
	ctx := panes.TestContextForTest()
	var p panes.Pane
	for _, q := range panes.New(ctx) {
		if q.Title() == "Faces" {
			p = q
		}
	}
	p.SetSize(160, 20)
	p.SetFile(&imm.File{URI: "oss://b/a.jpg", ImageWidth: 4000, ImageHeight: 3000, Figures: []imm.Figure{
		{FigureId: "f1", FigureClusterId: "Cluster-1", FigureClusterConfidence: 0.3, FaceQuality: 0.9, Sharpness: 0.9,
			Boundary: &imm.Boundary{Left: 10, Top: 10, Width: 800, Height: 800}},
	}})
	v := p.View()
	if !strings.Contains(v, "Flags") || !strings.Contains(v, "conf") {
		t.Fatalf("the Faces pane does not flag a face of cluster confidence 0.3:\n%s", v)
	}
}
