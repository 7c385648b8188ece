package review

import (
	"cmp"
	"math"
	"slices"

	"github.com/immtui/immtui/imm"
)

// Pseudo reports whether id is one of IMM's two IDs for unclustered faces:
// they are not a person, so no gender or age curve applies to them.
func Pseudo(id string) bool { return id == imm.ClusterIndependent || id == imm.ClusterUnavailable }

// Tally gathers a cluster's faces page by page and judges them: the flags
// of each face, the age curve, the quality strip. Figures are partial
// until Done is called after the last page. A Tally is not safe for
// concurrent use; the state package guards it.
type Tally struct {
	id        string
	gender    string // as IMM sent it; "" takes the faces' majority
	faceCount int64
	th        Thresholds
	files     []*imm.File
	seen      map[string]bool // URIs added
	faces     []Face
	done      bool
	judged    *judgement // nil after an Add: judged again on demand
}

type judgement struct {
	curve  Curve
	gender string
	faces  []Flagged
	strip  Strip
}

// Flagged is a face with its flags and its distance from the age curve.
type Flagged struct {
	Face
	Flags     Flag
	AgeOffset float64 // years off the curve (+ older); 0 without a curve
	HasOffset bool
}

// NewTally starts the tally of a cluster (Gender and FaceCount are read
// from it; nil is allowed for a cluster not fetched yet).
func NewTally(id string, c *imm.FigureCluster, th Thresholds) *Tally {
	t := &Tally{id: id, th: th, seen: map[string]bool{}}
	if c != nil {
		t.gender, t.faceCount = c.Gender, c.FaceCount
	}
	return t
}

// NewPseudoTally starts the tally of an unclustered pseudo-cluster whose
// face count comes from a TotalHits.
func NewPseudoTally(id string, faceCount int64, th Thresholds) *Tally {
	return &Tally{id: id, th: th, faceCount: faceCount, seen: map[string]bool{}}
}

// ID is the cluster's ID.
func (t *Tally) ID() string { return t.id }

// Add takes one page of the cluster's files; a file seen before is skipped.
func (t *Tally) Add(files []*imm.File) {
	for _, f := range files {
		if f == nil || t.seen[f.URI] {
			continue
		}
		t.seen[f.URI] = true
		t.files = append(t.files, f)
		t.faces = append(t.faces, FacesOf(t.id, []*imm.File{f})...)
	}
	t.judged = nil
}

// Done marks the tally complete: every page was added. A cluster whose
// face count was not known (a pseudo-cluster) now has the faces counted.
func (t *Tally) Done() {
	t.done, t.judged = true, nil
	if t.faceCount == 0 {
		t.faceCount = int64(len(t.faces))
	}
}

// Complete reports whether Done was called.
func (t *Tally) Complete() bool { return t.done }

// SetThresholds judges again with other thresholds.
func (t *Tally) SetThresholds(th Thresholds) { t.th, t.judged = th, nil }

// Files are the files added, in order (for the export).
func (t *Tally) Files() []*imm.File { return t.files }

// Faces are the faces with their flags, worst first: low cluster
// confidence, then other doubts about who it is (age, gender), then how
// well it is seen, then the rest; lowest cluster confidence first within
// each, then by URI.
func (t *Tally) Faces() []Flagged { return t.judge().faces }

// Curve is the cluster's age curve from the faces added so far.
func (t *Tally) Curve() Curve { return t.judge().curve }

// Gender is the cluster's gender: as IMM sent it, else the majority of
// the faces added ("" when tied or none).
func (t *Tally) Gender() string { return t.judge().gender }

// Strip is the quality strip from the faces added so far.
func (t *Tally) Strip() Strip { return t.judge().strip }

func (t *Tally) judge() *judgement {
	if t.judged != nil {
		return t.judged
	}
	j := &judgement{gender: t.gender}
	pseudo := Pseudo(t.id)
	if !pseudo {
		j.curve = CurveOf(t.faces, int(t.th.AgeCurveMinFaces))
		if j.gender == "" {
			j.gender = majorityGender(t.faces)
		}
	}
	j.faces = make([]Flagged, len(t.faces))
	for i, fc := range t.faces {
		fl := Flagged{Face: fc, Flags: t.th.SeenFlags(fc)}
		if !pseudo {
			if t.th.GenderDiffers(fc.Figure, j.gender) {
				fl.Flags |= FlagGender
			}
			if off, ok := j.curve.Offset(fc); ok {
				fl.AgeOffset, fl.HasOffset = math.Round(off*10)/10, true
				if math.Abs(off) > t.th.AgeOffCurve {
					fl.Flags |= FlagAge
				}
			}
		}
		j.faces[i] = fl
	}
	slices.SortStableFunc(j.faces, compareFlagged)
	j.strip = t.strip(j)
	t.judged = j
	return j
}

// rank orders the groups of compareFlagged.
func rank(f Flag) int {
	switch {
	case f.Has(FlagLowCluster):
		return 0
	case f.identity() != 0:
		return 1
	case f != 0:
		return 2
	}
	return 3
}

func compareFlagged(a, b Flagged) int {
	if c := cmp.Compare(rank(a.Flags), rank(b.Flags)); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Figure.FigureClusterConfidence, b.Figure.FigureClusterConfidence); c != 0 {
		return c
	}
	if c := cmp.Compare(a.File.URI, b.File.URI); c != 0 {
		return c
	}
	return cmp.Compare(a.Figure.FigureId, b.Figure.FigureId)
}

func majorityGender(faces []Face) string {
	n := map[string]int{}
	for _, fc := range faces {
		if g := fc.Figure.Gender; g != "" {
			n[g]++
		}
	}
	best, tie := "", false
	for _, g := range []string{"female", "male"} {
		switch {
		case n[g] > n[best]:
			best, tie = g, false
		case n[g] == n[best] && n[g] > 0:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}
