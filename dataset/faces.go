package dataset

import (
	"math"

	"github.com/immtui/immtui/imm"
)

// figures draws the faces of one file from its slots. A cluster appears at
// most once per file: a repeated draw is redrawn, and becomes an
// independent face if it keeps repeating.
func (g *gen) figures(slots []slot, p *plan, w, h int64) []imm.Figure {
	if len(slots) == 0 {
		return nil
	}
	seen := make([]int32, 0, len(slots))
	for _, s := range slots {
		if s.guaranteed {
			seen = append(seen, s.cluster)
		}
	}
	out := make([]imm.Figure, 0, len(slots))
	for i, s := range slots {
		if s.cluster >= 0 && !s.guaranteed {
			for try := 0; contains(seen, s.cluster); try++ {
				if try == 5 {
					s.cluster, s.misclustered = slotIndependent, false
					break
				}
				s.cluster = int32(g.sampleCluster())
			}
			if s.cluster >= 0 {
				seen = append(seen, s.cluster)
			}
		}
		out = append(out, g.face(s, p, w, h, i, len(slots)))
	}
	return out
}

func contains(s []int32, x int32) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// face draws one Figure with every attribute the API documents. Its
// person is the cluster's, except for a misclustered face (someone else,
// with a low cluster confidence) and unclustered faces (a stranger).
func (g *gen) face(s slot, p *plan, w, h int64, i, n int) imm.Figure {
	var who person
	whoIdx := -1
	switch {
	case s.cluster < 0:
		who = g.stranger()
	case s.misclustered:
		whoIdx = g.r.IntN(len(g.people))
		who = g.people[whoIdx]
	default:
		who = g.people[s.cluster]
	}
	f := imm.Figure{
		FigureId:         g.r.uuid(),
		FigureType:       "face",
		FigureConfidence: g.r.score(0.88, 0.999),
	}
	switch s.cluster {
	case slotIndependent:
		f.FigureClusterId = imm.ClusterIndependent
	case slotUnavailable:
		f.FigureClusterId = imm.ClusterUnavailable
	default:
		f.FigureClusterId = g.clusterIDs[s.cluster]
		if s.misclustered {
			f.FigureClusterConfidence = g.r.score(0.3, 0.6)
			g.truth.MisclusteredFaces[f.FigureId] = g.clusterIDs[whoIdx]
		} else {
			f.FigureClusterConfidence = g.r.score(0.85, 0.99)
		}
	}
	years := p.produce.Sub(who.birth).Hours() / (365.25 * 24)
	age := math.Round(years + g.r.NormFloat64()*2.5)
	f.Age = int64(max(1, age))
	f.AgeSD = float64(math.Round(g.r.between(1.5, 6)*10) / 10)
	f.Gender, f.GenderConfidence = who.gender, g.r.score(0.9, 1)
	if g.r.chance(0.03) { // the model gets it wrong now and then
		f.Gender = "female"
		if who.gender == "female" {
			f.Gender = "male"
		}
		f.GenderConfidence = g.r.score(0.5, 0.7)
	}
	fa := &g.v.Faces
	f.Emotion, f.EmotionConfidence = g.r.weighted(fa.Emotion), g.r.score(0.55, 0.99)
	f.Glasses = who.glasses
	if g.r.chance(0.15) {
		f.Glasses = g.r.weighted(fa.Glasses)
	}
	f.GlassesConfidence = g.r.score(0.7, 0.99)
	f.Beard = "none"
	if who.beard && g.r.chance(0.9) {
		f.Beard = fa.Beard[len(fa.Beard)-1].Value
	}
	f.BeardConfidence = g.r.score(0.7, 0.99)
	f.Hat, f.HatConfidence = g.r.weighted(fa.Hat), g.r.score(0.7, 0.99)
	f.Mask, f.MaskConfidence = g.r.weighted(fa.Mask), g.r.score(0.7, 0.99)
	f.Mouth, f.MouthConfidence = g.r.weighted(fa.Mouth), g.r.score(0.6, 0.99)
	f.Attractive = g.r.score(0.3, 0.95)
	f.FaceQuality = g.r.score(0.4, 0.99)
	f.Sharpness = g.r.score(0.3, 0.99)

	// Faces of a group photo are smaller and spread across the frame.
	side := float64(min(w, h)) * g.r.between(0.12, 0.35) / math.Sqrt(float64(n))
	fw := int64(side)
	fh := min(int64(side*1.25), h)
	slotW := w / int64(n)
	left := int64(i)*slotW + g.r.Int64N(max(1, slotW-fw))
	if left+fw > w {
		left = max(0, w-fw)
	}
	top := g.r.Int64N(max(1, h*6/10-fh/2))
	if top+fh > h {
		top = max(0, h-fh)
	}
	f.Boundary = rect(left, top, fw, fh)
	f.HeadPose = &imm.HeadPose{
		Pitch: round3(g.r.NormFloat64() * 8),
		Roll:  round3(g.r.NormFloat64() * 6),
		Yaw:   round3(g.r.NormFloat64() * 18),
	}
	keepZero(&f.HeadPose.Extras, "Pitch", f.HeadPose.Pitch)
	keepZero(&f.HeadPose.Extras, "Roll", f.HeadPose.Roll)
	keepZero(&f.HeadPose.Extras, "Yaw", f.HeadPose.Yaw)
	return f
}

// stranger is a passer-by: faces IMM did not (or could not yet) cluster.
func (g *gen) stranger() person {
	p := person{gender: "female", glasses: "none"}
	if g.r.chance(0.5) {
		p.gender = "male"
	}
	p.birth = g.o.Now.AddDate(-(5 + g.r.IntN(70)), 0, 0)
	return p
}

// rect is a Boundary with its polygon: the four corners, clockwise.
func rect(left, top, w, h int64) *imm.Boundary {
	// One allocation for the boundary and its corners.
	b := &struct {
		imm.Boundary
		corners [4]imm.PointInt64
	}{}
	b.corners = [4]imm.PointInt64{
		{X: left, Y: top}, {X: left + w, Y: top}, {X: left + w, Y: top + h}, {X: left, Y: top + h},
	}
	b.Left, b.Top, b.Width, b.Height, b.Polygon = left, top, w, h, b.corners[:]
	// IMM sends every coordinate, 0 at the image edge included.
	keepZero(&b.Extras, "Left", left)
	keepZero(&b.Extras, "Top", top)
	keepZero(&b.Extras, "Width", w)
	keepZero(&b.Extras, "Height", h)
	for i := range b.corners {
		c := &b.corners[i]
		keepZero(&c.Extras, "X", c.X)
		keepZero(&c.Extras, "Y", c.Y)
	}
	return &b.Boundary
}

// keepZero marks the field name as sent although zero when v is zero: for
// fields IMM always sends. Only zeros are marked, so the many boundaries
// that touch no edge cost no map.
func keepZero[T int64 | float64 | string](e *imm.Extras, name string, v T) {
	var zero T
	if v == zero {
		e.KeepZero(name)
	}
}
