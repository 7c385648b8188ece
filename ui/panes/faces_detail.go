package panes

import (
	"fmt"
	"strings"

	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/theme"
)

// attrCell is the width of one attribute in the detail grid.
const attrCell = 27

// attrKey is the width of an attribute name in the grid.
const attrKey = 11

// detailLines describes the selected face in lines of at most w cells:
// identity and cluster, boundary and head pose (and, on request, the
// boundary's polygon), then every attribute with its confidence in a grid.
func (p *facesPane) detailLines(w int) []string {
	f := p.Selected()
	if f == nil || w <= 0 {
		return nil
	}
	s := p.styles
	var out []string
	add := func(l string) { out = append(out, p.styles.Truncate(l, w)) }
	kvLine := func(k, v string) string { return s.Key.Render(k) + " " + s.Value.Render(safetext.Line(v)) }

	id := f.FigureId
	if f.FigureType != "" {
		id += " (" + f.FigureType + ")"
	}
	// pair puts b beside a when both fit, else under it: a long ID must
	// not cut the confidence off the line.
	pair := func(a, b string) {
		if safetext.Width(a)+2+safetext.Width(b) <= w {
			add(a + "  " + b)
			return
		}
		add(a)
		add(b)
	}
	pair(kvLine("Face", id), kvLine("confidence", format.Confidence(f.FigureConfidence)))
	cl, st := p.clusterLabel(f.FigureClusterId, false)
	clStyled := s.Value.Render(safetext.Line(cl))
	if st != nil {
		clStyled = st.Render(safetext.Line(cl))
	}
	pair(s.Key.Render("Cluster")+" "+clStyled, kvLine("confidence", format.Confidence(f.FigureClusterConfidence)))
	b := orDash(boundary(f.Boundary))
	if f.Boundary != nil && !p.points {
		switch n := len(f.Boundary.Polygon); {
		case n == 1:
			b += ", polygon of 1 point (p shows it)"
		case n > 1:
			b += fmt.Sprintf(", polygon of %d points (p shows them)", n)
		}
	}
	geo := kvLine("Boundary", b)
	if f.HeadPose != nil {
		hp := kvLine("Head pose", fmt.Sprintf("pitch %s roll %s yaw %s",
			format.Decimal(float64(f.HeadPose.Pitch), 1), format.Decimal(float64(f.HeadPose.Roll), 1), format.Decimal(float64(f.HeadPose.Yaw), 1)))
		if safetext.Width(geo)+2+safetext.Width(hp) <= w {
			geo += "  " + hp
		} else {
			add(geo)
			geo = hp
		}
	}
	add(geo)
	if pts := polygon(f.Boundary); pts != "" && p.points {
		for _, l := range safetext.Wrap("Polygon "+pts, w) {
			add(s.Value.Render(l))
		}
	}

	age := ""
	if f.Age > 0 || f.AgeSD > 0 {
		age = fmt.Sprintf("%d %s%s", f.Age, p.styles.Glyphs.PlusMinus(), format.Decimal(float64(f.AgeSD), 1))
	}
	attrs := []kv{
		{k: "Age", v: age},
		attr("Gender", f.Gender, f.GenderConfidence),
		attr("Emotion", f.Emotion, f.EmotionConfidence),
		attr("Mouth", f.Mouth, f.MouthConfidence),
		attr("Mask", f.Mask, f.MaskConfidence),
		attr("Glasses", f.Glasses, f.GlassesConfidence),
		attr("Hat", f.Hat, f.HatConfidence),
		attr("Beard", f.Beard, f.BeardConfidence),
		{k: "Quality", v: confOrEmpty(f.FaceQuality)},
		{k: "Sharpness", v: confOrEmpty(f.Sharpness)},
		{k: "Attractive", v: confOrEmpty(f.Attractive)},
	}
	perLine := max(w/attrCell, 1)
	var line strings.Builder
	n := 0
	for _, a := range attrs {
		if a.v == "" {
			continue
		}
		if n > 0 {
			line.WriteString("  ")
		}
		cellW := min(attrCell-2, w)
		if n == perLine-1 || perLine == 1 {
			cellW = min(attrKey+safetext.Width(a.v), w) // the last cell needs no padding
		}
		k := safetext.Pad(a.k, min(attrKey, cellW))
		v := safetext.Pad(safetext.Line(a.v), cellW-safetext.Width(k))
		line.WriteString(s.Key.Render(k) + s.Value.Render(v))
		n++
		if n == perLine {
			add(line.String())
			line.Reset()
			n = 0
		}
	}
	if n > 0 {
		add(line.String())
	}
	if perm := p.crop.Denied(); perm != "" {
		add(s.Warn.Render("No picture: these credentials lack " + perm + " on the bucket"))
	}
	return out
}

// attr renders "female 0.98"; empty when the attribute was not detected.
func attr(k, v string, c float64) kv {
	if v == "" {
		return kv{k: k}
	}
	return kv{k: k, v: v + " " + format.Confidence(c)}
}

// confOrEmpty is conf, or "" for a score the server did not send.
func confOrEmpty(c float64) string {
	if c == 0 {
		return ""
	}
	return format.Confidence(c)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// detailMemo keeps the detail of one face at one width: layout needs its
// height on every key.
type detailMemo struct {
	valid     bool
	cursor, w int
	lines     []string
}

// detail returns detailLines(w), computed once per face and width.
func (p *facesPane) detail(w int) []string {
	m := &p.memo
	if c := p.table.Cursor(); !m.valid || m.cursor != c || m.w != w {
		*m = detailMemo{valid: true, cursor: c, w: w, lines: p.detailLines(w)}
	}
	return m.lines
}

// frame is the box border: the theme's glyphs and colour, drawn by hand
// because a lipgloss bordered block costs more per key than the table.
type frame struct {
	tl, t, tr, l, r, bl, b, br string
}

func newFrame(s *theme.Styles) frame {
	b := s.Box.GetBorderStyle()
	glyphs := []string{b.TopLeft, b.Top, b.TopRight, b.Left, b.Right, b.BottomLeft, b.Bottom, b.BottomRight}
	for _, g := range glyphs {
		if safetext.Width(g) != 1 {
			glyphs = []string{"+", "-", "+", "|", "|", "+", "-", "+"}
			break
		}
	}
	st := s.Renderer.NewStyle().Foreground(s.Box.GetBorderTopForeground())
	for i, g := range glyphs {
		glyphs[i] = st.Render(g)
	}
	return frame{glyphs[0], glyphs[1], glyphs[2], glyphs[3], glyphs[4], glyphs[5], glyphs[6], glyphs[7]}
}

// box draws the detail lines in a frame w wide and at most h tall.
func (p *facesPane) box(w, h int) []string {
	inner := w - 2
	// A space inside each border, as in the cluster header's box, so text
	// does not touch the frame.
	pad := ""
	if inner >= 10 {
		pad = " "
	}
	text := inner - 2*len(pad)
	src := p.detail(text)
	f := p.frame
	out := make([]string, 0, h)
	out = append(out, f.tl+strings.Repeat(f.t, inner)+f.tr)
	for i := 0; i < min(len(src), max(h-2, 0)); i++ {
		out = append(out, f.l+pad+safetext.Pad(src[i], text)+pad+f.r)
	}
	return append(out, f.bl+strings.Repeat(f.b, inner)+f.br)
}
