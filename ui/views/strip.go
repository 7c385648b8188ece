package views

import (
	"math"
	"strconv"
	"strings"

	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/ui/format"
)

// stripFields are a cluster's quality strip as header fields: faces
// examined of FaceCount, cluster confidence (mean and minimum), the share
// of low-quality faces, the flagged faces by flag, the age spread and the
// birth year with its spread. A partial strip says "so far".
func stripFields(g format.Glyphs, s review.Strip) []field {
	examined := format.Count(int64(s.Examined))
	if s.FaceCount > 0 {
		examined += " of " + format.Count(s.FaceCount)
	}
	if !s.Complete {
		examined += " so far"
	}
	f := []field{{key: "Examined", val: examined}}
	conf := "-"
	if s.ConfFaces > 0 {
		conf = "mean " + format.Confidence(s.MeanConf) + " min " + format.Confidence(s.MinConf)
	}
	f = append(f, field{key: "Conf", val: conf})
	f = append(f, field{key: "LowQual", val: percent(s.LowQualityShare())})
	f = append(f, field{key: "Flagged", val: flaggedPhrase(s)})
	ages := "-"
	if s.AgeFaces > 0 {
		ages = strconv.FormatInt(s.AgeMin, 10) + "-" + strconv.FormatInt(s.AgeMax, 10) +
			" (" + strconv.FormatInt(s.AgeSpread(), 10) + "y)"
	}
	f = append(f, field{key: "Ages", val: ages})
	f = append(f, field{key: "Born", val: bornPhrase(g, s.Curve)})
	return f
}

// flaggedPhrase is "25: conf 24, age 1", or "0".
func flaggedPhrase(s review.Strip) string {
	out := format.Count(int64(s.Flagged))
	var parts []string
	for _, fl := range review.AllFlags {
		if n := s.Count(fl); n > 0 {
			parts = append(parts, fl.Word()+" "+format.Count(int64(n)))
		}
	}
	if len(parts) > 0 {
		out += ": " + strings.Join(parts, ", ")
	}
	return out
}

// bornPhrase is the curve's birth year and its 10-90% spread: "1988 ±2",
// "-" without a curve.
func bornPhrase(g format.Glyphs, c review.Curve) string {
	if !c.OK {
		return "-"
	}
	return strconv.Itoa(c.Born()) + " " + g.PlusMinus() +
		strconv.Itoa(int(math.Round(c.Spread()/2)))
}

// bornCell is the birth year alone for a narrow column.
func bornCell(c review.Curve) string {
	if !c.OK {
		return "-"
	}
	return strconv.Itoa(c.Born())
}

func percent(v float64) string { return strconv.Itoa(int(math.Round(v*100))) + "%" }

// compactStrip is the strip for one line: the flagged count without its
// words (the Members title has them), and the figures that tell most
// first, so a narrow line drops the rest.
func compactStrip(f []field) []field {
	order := []string{"Examined", "Flagged", "Conf", "Born", "LowQual", "Ages", "Review"}
	out := make([]field, 0, len(f))
	for _, k := range order {
		for _, fl := range f {
			if fl.key != k {
				continue
			}
			if k == "Flagged" {
				fl.val, _, _ = strings.Cut(fl.val, ":")
			}
			out = append(out, fl)
		}
	}
	return out
}
