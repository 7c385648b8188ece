package review

import "math"

// Strip is a cluster's quality at a glance: the figures of its header and
// of its row on the clusters list. It is partial (Complete false) while
// the cluster's pages are being read.
type Strip struct {
	ClusterID string `json:"ClusterId"`
	Examined  int    `json:"Examined"`  // faces seen so far
	FaceCount int64  `json:"FaceCount"` // the cluster's FaceCount (0: unknown)
	Complete  bool   `json:"Complete"`  // every page was read

	ConfFaces int     `json:"ConfFaces"` // faces with a cluster confidence sent
	MeanConf  float64 `json:"MeanConf"`  // mean cluster confidence (0 without)
	MinConf   float64 `json:"MinConf"`   // minimum cluster confidence (0 without)

	LowQuality int            `json:"LowQuality"` // faces flagged blur
	Flagged    int            `json:"Flagged"`    // faces with any flag
	Doubtful   int            `json:"Doubtful"`   // faces flagged conf, age or gender: maybe someone else
	ByFlag     map[string]int `json:"ByFlag"`     // faces per flag word (only flags that occur)

	AgeFaces int   `json:"AgeFaces"` // faces with an age
	AgeMin   int64 `json:"AgeMin"`
	AgeMax   int64 `json:"AgeMax"`
	Curve    Curve `json:"Curve"`
}

// LowQualityShare is the share of the examined faces flagged blur.
func (s Strip) LowQualityShare() float64 {
	if s.Examined == 0 {
		return 0
	}
	return float64(s.LowQuality) / float64(s.Examined)
}

// AgeSpread is the oldest face's age minus the youngest's.
func (s Strip) AgeSpread() int64 { return s.AgeMax - s.AgeMin }

// Count is the number of examined faces carrying flag f.
func (s Strip) Count(f Flag) int { return s.ByFlag[f.Word()] }

func (t *Tally) strip(j *judgement) Strip {
	s := Strip{ClusterID: t.id, Examined: len(j.faces), FaceCount: t.faceCount, Complete: t.done, ByFlag: map[string]int{}, Curve: j.curve}
	sum := 0.0
	for _, fl := range j.faces {
		g := fl.Figure
		if c := g.FigureClusterConfidence; c != 0 {
			if s.ConfFaces == 0 || c < s.MinConf {
				s.MinConf = c
			}
			s.ConfFaces++
			sum += c
		}
		if g.Age != 0 {
			if s.AgeFaces == 0 || g.Age < s.AgeMin {
				s.AgeMin = g.Age
			}
			if s.AgeFaces == 0 || g.Age > s.AgeMax {
				s.AgeMax = g.Age
			}
			s.AgeFaces++
		}
		if fl.Flags != 0 {
			s.Flagged++
		}
		if fl.Flags.identity() != 0 {
			s.Doubtful++
		}
		if fl.Flags.Has(FlagLowQuality) {
			s.LowQuality++
		}
		for _, w := range fl.Flags.Words() {
			s.ByFlag[w]++
		}
	}
	if s.ConfFaces > 0 {
		s.MeanConf = math.Round(sum/float64(s.ConfFaces)*1e4) / 1e4
	}
	return s
}
