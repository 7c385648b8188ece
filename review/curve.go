package review

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/immtui/immtui/imm"
)

// Curve is a cluster's age curve: the birth year its faces point at. A
// person's age grows with the photos' dates, so a face whose Age is far
// from (photo year - BirthYear) is probably someone else, whatever its
// cluster confidence says.
type Curve struct {
	OK        bool    `json:"OK"`        // enough dated faces with an age
	BirthYear float64 `json:"BirthYear"` // weighted median of photo year - Age
	Faces     int     `json:"Faces"`     // dated faces with an age it was drawn from
	// BirthLow and BirthHigh are the 10th and 90th weighted percentiles:
	// the birth-year spread without the odd outlier.
	BirthLow  float64 `json:"BirthLow"`
	BirthHigh float64 `json:"BirthHigh"`
}

// Spread is the birth-year spread (BirthHigh - BirthLow).
func (c Curve) Spread() float64 { return c.BirthHigh - c.BirthLow }

// AgeAt is the age the curve gives at a fractional year.
func (c Curve) AgeAt(year float64) float64 { return year - c.BirthYear }

// Born is the calendar year of BirthYear (1964.7 is during 1964): the one
// way a birth year is shown, in a strip and in a verdict alike.
func (c Curve) Born() int { return int(math.Floor(c.BirthYear)) }

// Offset is how far a face's age is from the curve, in years (positive:
// older than the curve says); ok is false without a curve, a date or an age.
func (c Curve) Offset(fc Face) (float64, bool) {
	b, _, ok := birthOf(fc)
	if !c.OK || !ok {
		return 0, false
	}
	return c.BirthYear - b, true
}

// ProduceYear is a file's ProduceTime as a fractional year (2021.5 is
// early July 2021); ok is false when it was not sent or does not parse.
func ProduceYear(f *imm.File) (float64, bool) {
	if f == nil || f.ProduceTime == "" {
		return 0, false
	}
	t, err := time.Parse(time.RFC3339Nano, f.ProduceTime)
	if err != nil {
		return 0, false
	}
	start := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, t.Location())
	end := start.AddDate(1, 0, 0)
	return float64(t.Year()) + float64(t.Sub(start))/float64(end.Sub(start)), true
}

// birthOf is the birth year a face points at and its weight: the cluster
// confidence (a doubtful face counts less), 1 when it was not sent.
func birthOf(fc Face) (year, weight float64, ok bool) {
	if fc.Figure.Age == 0 {
		return 0, 0, false
	}
	y, ok := ProduceYear(fc.File)
	if !ok {
		return 0, 0, false
	}
	w := fc.Figure.FigureClusterConfidence
	if w <= 0 {
		w = 1
	}
	return y - float64(fc.Figure.Age), w, true
}

// CurveOf estimates the age curve of a cluster's faces. Faces without a
// ProduceTime or an Age are skipped; fewer than minFaces left give none.
func CurveOf(faces []Face, minFaces int) Curve {
	type point struct{ v, w float64 }
	pts := make([]point, 0, len(faces))
	total := 0.0
	for _, fc := range faces {
		if y, w, ok := birthOf(fc); ok {
			pts = append(pts, point{y, w})
			total += w
		}
	}
	if len(pts) == 0 || len(pts) < minFaces {
		return Curve{Faces: len(pts)}
	}
	slices.SortFunc(pts, func(a, b point) int { return cmp.Compare(a.v, b.v) })
	quantile := func(q float64) float64 {
		acc := 0.0
		for _, p := range pts {
			acc += p.w
			if acc >= q*total {
				return p.v
			}
		}
		return pts[len(pts)-1].v
	}
	round := func(v float64) float64 { return math.Round(v*100) / 100 }
	return Curve{
		OK: true, Faces: len(pts),
		BirthYear: round(quantile(0.5)),
		BirthLow:  round(quantile(0.1)), BirthHigh: round(quantile(0.9)),
	}
}
