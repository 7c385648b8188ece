// Package review holds what immtui judges about face clustering: the
// thresholds below which a face is worth a second look. They are defined
// once here and every screen that flags, colours or counts faces reads
// them from a Thresholds value, so a face is an outlier by one rule
// everywhere (and the help shows the same numbers).
package review

import "strconv"

// Thresholds are the review limits; Default gives the shipped values.
type Thresholds struct {
	// LowClusterConfidence: a face whose FigureClusterConfidence is below
	// it is a likely misclustered face (0 means not sent, never low).
	LowClusterConfidence float64
}

// Default are the shipped thresholds. 0.7 separates the demo's
// misclustered faces (0.3-0.6) from its well-clustered ones (0.85 and
// up); IMM does not document a cut-off.
func Default() Thresholds { return Thresholds{LowClusterConfidence: 0.7} }

// LowCluster reports whether a sent cluster confidence is below the
// threshold.
func (t Thresholds) LowCluster(conf float64) bool {
	return conf != 0 && conf < t.LowClusterConfidence
}

// Describe is the rule in words for help and titles: "below 0.7".
func (t Thresholds) Describe() string {
	return "below " + strconv.FormatFloat(t.LowClusterConfidence, 'f', -1, 64)
}
