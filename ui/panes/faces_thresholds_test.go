package panes

import (
	"slices"
	"strings"
	"testing"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/review"
)

// facesWith is the Faces pane over two well seen faces of quality 0.6
// and 0.9, judging by th() (a func, as the host hands it: the thresholds
// in force, which :threshold changes).
func facesWith(t *testing.T, th func() review.Thresholds) Pane {
	t.Helper()
	ctx := testContext()
	ctx.Thresholds = th
	p := paneByName(t, ctx, "Faces")
	p.SetSize(160, 20)
	face := func(id string, q float64) imm.Figure {
		return imm.Figure{FigureId: id, FigureClusterId: grandpa, FigureClusterConfidence: 0.9, FaceQuality: q, Sharpness: 0.9,
			Boundary: &imm.Boundary{Left: 10, Top: 10, Width: 800, Height: 800}}
	}
	p.SetFile(&imm.File{URI: "oss://b/a.jpg", ImageWidth: 4000, ImageHeight: 3000,
		Figures: []imm.Figure{face("f1", 0.6), face("f2", 0.9)}})
	return p
}

func TestFacesPaneFlagsByTheThresholdsInForce(t *testing.T) {
	th := review.Default()
	p := facesWith(t, func() review.Thresholds { return th })
	before := strings.Count(p.View(), "blur")
	if err := th.Set("low-face-quality", 0.95); err != nil {
		t.Fatal(err)
	}
	after := strings.Count(p.View(), "blur")
	if before != 0 || after != 2 {
		t.Fatalf("blur flags: %d by default, %d with low-face-quality 0.95; want none, then both faces", before, after)
	}
}

func TestFacesPaneHelpShowsTheThresholdsItJudgesBy(t *testing.T) {
	th := review.Default()
	if err := th.Set("low-cluster-confidence", 0.55); err != nil {
		t.Fatal(err)
	}
	p := facesWith(t, func() review.Thresholds { return th })
	for _, g := range p.FullHelp() {
		for _, b := range g {
			if slices.Contains(b.Keys(), ":threshold low-cluster-confidence") {
				if h := b.Help(); h.Key != "conf" || h.Desc != "ClConf<0.55" {
					t.Fatalf("help says %s %s for low-cluster-confidence, want conf ClConf<0.55", h.Key, h.Desc)
				}
				return
			}
		}
	}
	t.Fatal("the Faces pane's full help does not list low-cluster-confidence")
}
