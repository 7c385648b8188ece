package facegrid_test

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/ui/component"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/widgets/facegrid"
)

// faces are n faces of sharp, frontal, clear photos: nothing one face
// alone could flag.
type faces int

func (n faces) Len() int { return int(n) }
func (n faces) Face(i int) (*imm.File, *imm.Figure) {
	f := &imm.File{URI: fmt.Sprintf("oss://b/%02d.jpg", i), ImageWidth: 400, ImageHeight: 300,
		Figures: []imm.Figure{{FigureId: fmt.Sprintf("f%02d", i), FigureClusterConfidence: 0.95, Sharpness: 0.9,
			Boundary: &imm.Boundary{Left: 100, Top: 80, Width: 120, Height: 140}}}}
	return f, &f.Figures[0]
}

// judged are the same faces as a list that judged them: face 0 is off
// the cluster's age curve, which no single face can show.
type judged struct{ faces }

func (j judged) Flags(i int) review.Flag {
	if i == 0 {
		return review.FlagAge
	}
	return 0
}

func newGrid(t *testing.T, src facegrid.Source) *facegrid.Model {
	t.Helper()
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	m := facegrid.New(theme.New(r), nil, ctx)
	var _ component.Model = m
	m.SetSource(src)
	m.SetSize(80, 24)
	return m
}

func TestTilesShowTheSourcesJudgementWhenItHasOne(t *testing.T) {
	if v := newGrid(t, judged{faces(4)}).View(); strings.Count(v, "age") != 1 {
		t.Fatalf("want the age flag under face 0 only, as the source judged:\n%s", v)
	}
	if v := newGrid(t, faces(4)).View(); strings.Contains(v, "age") {
		t.Fatalf("a source without a judgement got an age flag:\n%s", v)
	}
}
