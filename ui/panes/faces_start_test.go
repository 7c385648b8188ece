package panes

import (
	"testing"

	"github.com/immtui/immtui/imm"
)

// TestFacesCursorStartsOnTheShownClustersWorstFace: under a cluster's
// header (StartInCluster) the cover's Faces pane starts on that cluster's
// face, the worst of them when the file has several, not on another
// cluster's worse face; a FigureID still wins, and without StartInCluster
// the worst face of the file is first (TestFacesPaneSortsOutliersFirst).
func TestFacesCursorStartsOnTheShownClustersWorstFace(t *testing.T) {
	ctx := testContext()
	ctx.StartInCluster = true
	p := paneByName(t, ctx, "Faces").(*facesPane)
	p.SetSize(120, 40)
	p.SetFile(cjkFile(t))
	if got := p.Selected(); got.FigureClusterId != grandpa || p.table.Cursor() == 0 {
		t.Fatalf("cursor on row %d, a face of %s; want grandpa's, below the file's worst face", p.table.Cursor(), got.FigureClusterId)
	}

	two := &imm.File{URI: "oss://b/two.jpg", Figures: []imm.Figure{
		{FigureId: "a", FigureClusterId: grandpa, FigureClusterConfidence: 0.9},
		{FigureId: "b", FigureClusterId: grandma, FigureClusterConfidence: 0.3},
		{FigureId: "c", FigureClusterId: grandpa, FigureClusterConfidence: 0.5},
	}}
	p = paneByName(t, ctx, "Faces").(*facesPane)
	p.SetSize(120, 40)
	p.SetFile(two)
	if got := p.Selected().FigureId; got != "c" {
		t.Fatalf("cursor on face %s, want c: the worst of the cluster's two", got)
	}

	ctx.FigureID = "a"
	p = paneByName(t, ctx, "Faces").(*facesPane)
	p.SetSize(120, 40)
	p.SetFile(two)
	if got := p.Selected().FigureId; got != "a" {
		t.Fatalf("cursor on face %s, want a: the face the user came for", got)
	}
}
