package review

import (
	"math"
	"strings"

	"github.com/immtui/immtui/imm"
)

// Flag is one reason to look at a face again; a face carries a set of
// them (Flag values or-ed together). Each has a short word so a screen
// never tells them apart by colour alone.
type Flag uint16

const (
	FlagLowCluster Flag = 1 << iota // cluster confidence low
	FlagAge                         // age off the cluster's age curve
	FlagGender                      // gender differs from the cluster's
	FlagLowQuality                  // face quality or sharpness low
	FlagPose                        // head turned or tilted far
	FlagSmall                       // face too small in its image
	FlagMask                        // masked
	FlagSunglasses                  // sunglasses
)

// AllFlags lists every flag in column order: who the face is first, then
// how well it is seen.
var AllFlags = []Flag{FlagLowCluster, FlagAge, FlagGender, FlagLowQuality, FlagPose, FlagSmall, FlagMask, FlagSunglasses}

type flagInfo struct {
	word, meaning, threshold string
	identity                 bool // doubts who the face is, not how well it is seen
}

var flagInfos = map[Flag]flagInfo{
	FlagLowCluster: {"conf", "cluster confidence low", "low-cluster-confidence", true},
	FlagAge:        {"age", "age off the cluster's age curve", "age-off-curve", true},
	FlagGender:     {"gender", "gender differs from the cluster's", "gender-confidence", true},
	FlagLowQuality: {"blur", "face quality or sharpness low", "low-face-quality", false},
	FlagPose:       {"pose", "head turned or tilted far", "max-yaw", false},
	FlagSmall:      {"small", "face too small in its image", "min-face-area", false},
	FlagMask:       {"mask", "masked", "", false},
	FlagSunglasses: {"shades", "sunglasses", "", false},
}

// Word is the flag's short word for a Flags column ("conf", "age").
func (f Flag) Word() string { return flagInfos[f].word }

// Meaning is the flag in words for the help and the legend.
func (f Flag) Meaning() string { return flagInfos[f].meaning }

// Threshold names the threshold + and - change for this flag ("" for
// mask and sunglasses, which IMM decides).
func (f Flag) Threshold() string { return flagInfos[f].threshold }

// Has reports whether every flag of g is in f.
func (f Flag) Has(g Flag) bool { return f&g == g && g != 0 }

// Words lists the flags of a set in column order.
func (f Flag) Words() []string {
	var out []string
	for _, g := range AllFlags {
		if f.Has(g) {
			out = append(out, g.Word())
		}
	}
	return out
}

// String is the set for a column: "conf age", "" for none.
func (f Flag) String() string { return strings.Join(f.Words(), " ") }

// ParseFlag finds a flag by its word (for a filter or a sort key).
func ParseFlag(word string) (Flag, bool) {
	for _, g := range AllFlags {
		if g.Word() == word {
			return g, true
		}
	}
	return 0, false
}

// identity is the part of a set that doubts who the face is.
func (f Flag) identity() Flag {
	var out Flag
	for _, g := range AllFlags {
		if f.Has(g) && flagInfos[g].identity {
			out |= g
		}
	}
	return out
}

// Face is one face of a cluster: the figure and the file it is in, both
// shared with the cache (read only).
type Face struct {
	File   *imm.File
	Figure *imm.Figure
}

// FacesOf lists the faces carrying clusterID in files, in file order.
func FacesOf(clusterID string, files []*imm.File) []Face {
	var out []Face
	for _, f := range files {
		for i := range f.Figures {
			if f.Figures[i].FigureClusterId == clusterID {
				out = append(out, Face{File: f, Figure: &f.Figures[i]})
			}
		}
	}
	return out
}

// SeenFlags are the flags of a face on its own (how well it is seen, and
// its cluster confidence); the cluster's gender and age curve add the rest.
func (t Thresholds) SeenFlags(fc Face) Flag {
	g := fc.Figure
	var out Flag
	if t.LowCluster(g.FigureClusterConfidence) {
		out |= FlagLowCluster
	}
	if (g.FaceQuality != 0 && g.FaceQuality < t.LowFaceQuality) || (g.Sharpness != 0 && g.Sharpness < t.LowSharpness) {
		out |= FlagLowQuality
	}
	if p := g.HeadPose; p != nil && (math.Abs(p.Yaw) > t.MaxYaw || math.Abs(p.Pitch) > t.MaxPitch) {
		out |= FlagPose
	}
	if share, ok := AreaShare(fc); ok && share < t.MinFaceArea {
		out |= FlagSmall
	}
	if g.Mask != "" && g.Mask != "none" {
		out |= FlagMask
	}
	if g.Glasses == "sunglasses" {
		out |= FlagSunglasses
	}
	return out
}

// AreaShare is the share of its image (or video frame) a face's Boundary
// covers; ok is false when the sizes were not sent.
func AreaShare(fc Face) (float64, bool) {
	b := fc.Figure.Boundary
	if b == nil || b.Width <= 0 || b.Height <= 0 || fc.File == nil {
		return 0, false
	}
	w, h := fc.File.ImageWidth, fc.File.ImageHeight
	if w <= 0 || h <= 0 {
		w, h = fc.File.VideoWidth, fc.File.VideoHeight
	}
	if w <= 0 || h <= 0 {
		return 0, false
	}
	return float64(b.Width) * float64(b.Height) / (float64(w) * float64(h)), true
}

// GenderDiffers reports whether a face's gender counts against the
// cluster's gender.
func (t Thresholds) GenderDiffers(g *imm.Figure, clusterGender string) bool {
	if g.Gender == "" || clusterGender == "" || g.Gender == clusterGender {
		return false
	}
	return g.GenderConfidence == 0 || g.GenderConfidence >= t.GenderConfidence
}
