package review

import (
	"fmt"
	"math"
)

// Verdict is what a comparison of two clusters concludes.
type Verdict int

const (
	// Undecided: not enough to go on (no age curve, no gender).
	Undecided Verdict = iota
	// TwoPeople: a photo holds a face of each; one person is not in a
	// photo twice, so they are two people (strong evidence).
	TwoPeople
	// MergeCandidate: never in one photo, born about the same year, same
	// gender: possibly one person IMM split in two.
	MergeCandidate
	// Different: never in one photo, but born years apart or of another
	// gender.
	Different
)

func (v Verdict) String() string {
	return [...]string{"undecided", "two people", "merge candidate", "different people"}[v]
}

// Comparison is two clusters side by side.
type Comparison struct {
	A, B         Strip
	GenderA      string
	GenderB      string
	SharedFiles  []string // URIs of the files holding a face of each
	BirthYearGap float64  // |A - B| birth years, when both curves exist
	Verdict      Verdict
	Reason       string // the verdict in words, for the compare screen
}

// Compare weighs two tallies and the files both appear in (shared: the
// URIs found, by a query on both cluster IDs or intersecting their pages).
func Compare(a, b *Tally, shared []string, th Thresholds) Comparison {
	c := Comparison{A: a.Strip(), B: b.Strip(), GenderA: a.Gender(), GenderB: b.Gender(), SharedFiles: shared}
	ca, cb := c.A.Curve, c.B.Curve
	if ca.OK && cb.OK {
		c.BirthYearGap = math.Round(math.Abs(ca.BirthYear-cb.BirthYear)*10) / 10
	}
	switch {
	case len(shared) > 0:
		c.Verdict = TwoPeople
		c.Reason = fmt.Sprintf("%d %s a face of each, and nobody is twice in one photo", len(shared), plural(len(shared), "photo holds", "photos hold"))
	case c.GenderA != "" && c.GenderB != "" && c.GenderA != c.GenderB:
		c.Verdict = Different
		c.Reason = fmt.Sprintf("never in one photo, but %s and %s", c.GenderA, c.GenderB)
	case !ca.OK || !cb.OK:
		c.Verdict = Undecided
		c.Reason = "never in one photo; too few dated faces with an age to compare birth years"
	case c.BirthYearGap > th.MergeBirthYears:
		c.Verdict = Different
		c.Reason = fmt.Sprintf("never in one photo, but born %d and %d, %s years apart", ca.Born(), cb.Born(), num(c.BirthYearGap))
	case c.GenderA == "" || c.GenderB == "":
		c.Verdict = Undecided
		c.Reason = fmt.Sprintf("never in one photo, born %d and %d; gender unknown", ca.Born(), cb.Born())
	default:
		c.Verdict = MergeCandidate
		c.Reason = fmt.Sprintf("never in one photo, both %s, born %d and %d", c.GenderA, ca.Born(), cb.Born())
	}
	if (!c.A.Complete || !c.B.Complete) && c.Verdict != TwoPeople {
		c.Reason += " (so far: not every face read)"
	}
	return c
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
