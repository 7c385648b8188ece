// Package review holds what immtui judges about face clustering: the
// flags a face earns, the thresholds behind them, a cluster's quality
// strip and age curve, the comparison of two clusters and the export of a
// reviewed cluster. Thresholds are defined once here and every screen that
// flags, colours or counts faces reads them from a Thresholds value, so a
// face is an outlier by one rule everywhere (and the help shows the same
// numbers). The package is pure: no I/O, no Bubble Tea.
package review

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Thresholds are the review limits; Default gives the shipped values.
// Change them with Set (names in Names), which validates.
type Thresholds struct {
	// LowClusterConfidence: a face whose FigureClusterConfidence is below
	// it is a likely misclustered face (0 means not sent, never low).
	LowClusterConfidence float64
	// LowFaceQuality and LowSharpness: a face below either is hard to
	// judge (0 means not sent).
	LowFaceQuality float64
	LowSharpness   float64
	// MaxYaw and MaxPitch (degrees): a head turned further is a poor view.
	MaxYaw   float64
	MaxPitch float64
	// GenderConfidence: a face's Gender counts against its cluster's only
	// with a GenderConfidence at or above it (not sent counts).
	GenderConfidence float64
	// AgeOffCurve (years): a face whose Age differs from the age its
	// cluster's birth year gives at the photo's date by more is flagged.
	AgeOffCurve float64
	// AgeCurveMinFaces: fewer dated faces with an age than this give no
	// curve (and no age flag).
	AgeCurveMinFaces float64
	// MinFaceArea: a face whose Boundary covers less of its image than
	// this share (0.003 = 0.3%) is too small to judge.
	MinFaceArea float64
	// MergeBirthYears: two clusters whose birth years are at most this
	// far apart (and that share no photo, same gender) are merge candidates.
	MergeBirthYears float64
}

// Default are the shipped thresholds. IMM documents no cut-off; these
// separate the demo's misclustered faces (0.3-0.6) from the well-clustered
// ones (0.85 and up), and its age noise (about 2.5 years) from a face of
// someone a generation apart.
func Default() Thresholds {
	t := Thresholds{}
	for _, d := range defs {
		*d.field(&t) = d.def
	}
	return t
}

// def is one threshold: its name in `:threshold NAME VALUE` and the config
// file, its default, its bounds and step, and the rule in words.
type def struct {
	name     string
	def      float64
	min, max float64
	step     float64 // what + and - change it by
	integer  bool
	unit     string
	rule     string // "%s" is the value with its unit
	field    func(*Thresholds) *float64
}

var defs = []def{
	{"low-cluster-confidence", 0.7, 0, 1, 0.05, false, "", "cluster confidence below %s",
		func(t *Thresholds) *float64 { return &t.LowClusterConfidence }},
	{"low-face-quality", 0.5, 0, 1, 0.05, false, "", "face quality below %s",
		func(t *Thresholds) *float64 { return &t.LowFaceQuality }},
	{"low-sharpness", 0.4, 0, 1, 0.05, false, "", "sharpness below %s",
		func(t *Thresholds) *float64 { return &t.LowSharpness }},
	{"max-yaw", 45, 0, 180, 5, false, "°", "head turned more than %s",
		func(t *Thresholds) *float64 { return &t.MaxYaw }},
	{"max-pitch", 30, 0, 180, 5, false, "°", "head tilted more than %s",
		func(t *Thresholds) *float64 { return &t.MaxPitch }},
	{"gender-confidence", 0.8, 0, 1, 0.05, false, "", "gender differs from the cluster's, gender confidence %s or more",
		func(t *Thresholds) *float64 { return &t.GenderConfidence }},
	{"age-off-curve", 10, 1, 100, 1, false, " years", "age more than %s off the cluster's age curve",
		func(t *Thresholds) *float64 { return &t.AgeOffCurve }},
	{"age-curve-min-faces", 3, 1, 1000, 1, true, " faces", "an age curve needs %s with a date and an age",
		func(t *Thresholds) *float64 { return &t.AgeCurveMinFaces }},
	{"min-face-area", 0.003, 0, 1, 0.001, false, " of the image", "face covers less than %s",
		func(t *Thresholds) *float64 { return &t.MinFaceArea }},
	{"merge-birth-years", 5, 0, 100, 1, false, " years", "merge candidates are born at most %s apart",
		func(t *Thresholds) *float64 { return &t.MergeBirthYears }},
}

func lookup(name string) (def, bool) {
	for _, d := range defs {
		if d.name == name {
			return d, true
		}
	}
	return def{}, false
}

// Names lists the thresholds in help order.
func Names() []string {
	out := make([]string, len(defs))
	for i, d := range defs {
		out[i] = d.name
	}
	return out
}

// Get returns a threshold's value by name.
func (t Thresholds) Get(name string) (float64, bool) {
	d, ok := lookup(name)
	if !ok {
		return 0, false
	}
	return *d.field(&t), true
}

// Set changes a threshold by name, refusing unknown names and values out
// of bounds with a message that says what is allowed.
func (t *Thresholds) Set(name string, v float64) error {
	d, ok := lookup(name)
	if !ok {
		return fmt.Errorf("no threshold %q; the thresholds are %s", name, strings.Join(Names(), ", "))
	}
	switch {
	case math.IsNaN(v) || v < d.min || v > d.max:
		return fmt.Errorf("threshold %s must be between %s and %s, not %s", name, num(d.min), num(d.max), num(v))
	case d.integer && v != math.Trunc(v):
		return fmt.Errorf("threshold %s must be a whole number, not %s", name, num(v))
	}
	*d.field(t) = v
	return nil
}

// SetText is Set for a value as typed (`:threshold max-yaw 40`) or read
// from the config file.
func (t *Thresholds) SetText(name, value string) error {
	v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
	if err != nil {
		return fmt.Errorf("threshold %s: %q is not a number", name, value)
	}
	return t.Set(name, v)
}

// Nudge moves a threshold by its step (dir +1 or -1, for the + and - keys),
// staying within its bounds.
func (t *Thresholds) Nudge(name string, dir int) error {
	d, ok := lookup(name)
	if !ok {
		return t.Set(name, 0) // the unknown-name message
	}
	v := *d.field(t) + float64(dir)*d.step
	// Round away the float error of repeated steps (0.7-0.05 = 0.6499...).
	v = math.Round(v*1e9) / 1e9
	return t.Set(name, min(d.max, max(d.min, v)))
}

// Describe is a threshold's rule in words for help and titles:
// "cluster confidence below 0.7". An unknown name gives "".
func (t Thresholds) Describe(name string) string {
	d, ok := lookup(name)
	if !ok {
		return ""
	}
	return fmt.Sprintf(d.rule, num(*d.field(&t))+d.unit)
}

// LowCluster reports whether a sent cluster confidence is below the
// threshold.
func (t Thresholds) LowCluster(conf float64) bool {
	return conf != 0 && conf < t.LowClusterConfidence
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
