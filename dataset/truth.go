package dataset

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/immtui/immtui/imm"
)

// Truth is what the generator knows about its faces that IMM's answers do
// not say: the review tests check immtui's flags and verdicts against it.
type Truth struct {
	// MisclusteredFaces: FigureId -> the ID of the cluster whose person
	// the face really is (a low FigureClusterConfidence).
	MisclusteredFaces map[string]string
	// OffCurveFaces: FigureIds of faces put in a cluster with a high
	// FigureClusterConfidence whose Age is decades off the cluster's
	// person at the photo's date (a child's face in a grandparent's
	// cluster). Sorted.
	OffCurveFaces []string
	// SplitPairs: two clusters of one person (same birth, same gender)
	// that never share a file: merge candidates.
	SplitPairs [][2]string
	// CoOccurringPairs: two clusters of different people that share many
	// files, most shared first.
	CoOccurringPairs [][2]string
	// UnclusteredFaces: imm.ClusterIndependent and imm.ClusterUnavailable
	// -> the FigureIds carrying it, in file order.
	UnclusteredFaces map[string][]string
}

// GenerateTruth is Generate with the generator's ground truth.
func GenerateTruth(o Options) (*Dataset, *Truth) {
	d, g := generate(o)
	return d, g.truth
}

// Post-generation review cases. They draw from their own stream, so the
// rest of the dataset is what it was before they existed.
const (
	offCurveFaces    = 6  // faces placed off their cluster's age curve
	offCurveMinFaces = 12 // only in clusters with this many faces (a clear curve)
	coOccurMin       = 3  // shared files for a co-occurring pair
	coOccurPairs     = 5
	coOccurTop       = 20 // pairs are looked for among the most photographed clusters
	splitMinFaces    = 4
)

// faceAt locates one face: file index and figure index.
type faceAt struct{ file, fig int32 }

// reviewCases adds the cases the review screens are tested on, and fills
// the rest of the truth from the files.
func (g *gen) reviewCases(files []imm.File, clusters []imm.FigureCluster) {
	r := newRNG(g.o.Seed ^ 0x7265766965770000) // "review"
	byCluster := make(map[string][]faceAt, len(clusters))
	index := make(map[string]int, len(clusters))
	for i, id := range g.clusterIDs {
		index[id] = i
	}
	for fi := range files {
		for gi := range files[fi].Figures {
			fg := &files[fi].Figures[gi]
			if _, ok := index[fg.FigureClusterId]; ok {
				byCluster[fg.FigureClusterId] = append(byCluster[fg.FigureClusterId], faceAt{int32(fi), int32(gi)})
			} else {
				g.truth.UnclusteredFaces[fg.FigureClusterId] = append(g.truth.UnclusteredFaces[fg.FigureClusterId], fg.FigureId)
			}
		}
	}
	// Clusters by face count, most first (ties by index: deterministic).
	order := make([]int, len(clusters))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(len(byCluster[g.clusterIDs[b]]), len(byCluster[g.clusterIDs[a]]))
	})
	split := g.split(files, clusters, byCluster, order, r)
	g.offCurve(files, byCluster, order, split, r)
	g.coOccurring(files, index, order)
}

// split makes one person two clusters: a cluster that never shares a file
// with a big one becomes the same person (its faces' ages and gender are
// drawn again for that person) and loses its name, as when IMM splits
// someone. It returns the two cluster indexes (-1 when none qualify).
func (g *gen) split(files []imm.File, clusters []imm.FigureCluster, byCluster map[string][]faceAt, order []int, r rng) [2]int {
	vocab := map[string]bool{}
	for _, p := range g.v.People {
		vocab[p.Name] = true
	}
	filesOf := func(c int) map[int32]bool {
		m := map[int32]bool{}
		for _, f := range byCluster[g.clusterIDs[c]] {
			m[f.file] = true
		}
		return m
	}
	for ai := 3; ai < len(order) && ai < 20; ai++ {
		a := order[ai]
		if len(byCluster[g.clusterIDs[a]]) < offCurveMinFaces {
			break
		}
		inA := filesOf(a)
		for _, b := range order[ai+1:] {
			refs := byCluster[g.clusterIDs[b]]
			if len(refs) < splitMinFaces {
				break
			}
			if vocab[clusters[b].Name] || shares(refs, inA) {
				continue
			}
			who := g.people[a]
			for _, ref := range refs {
				fg := &files[ref.file].Figures[ref.fig]
				if _, mis := g.truth.MisclusteredFaces[fg.FigureId]; mis {
					continue
				}
				fg.Age = ageAt(files[ref.file].ProduceTime, who.birth, r)
				fg.Gender = who.gender
			}
			g.people[b] = who
			clusters[b].Name = ""
			g.truth.SplitPairs = append(g.truth.SplitPairs, [2]string{g.clusterIDs[a], g.clusterIDs[b]})
			return [2]int{a, b}
		}
	}
	return [2]int{-1, -1}
}

func shares(refs []faceAt, in map[int32]bool) bool {
	for _, f := range refs {
		if in[f.file] {
			return true
		}
	}
	return false
}

// ageAt is a person's age in a photo, with the generator's usual noise.
func ageAt(produce string, birth time.Time, r rng) int64 {
	t, err := time.Parse(time.RFC3339Nano, produce)
	if err != nil {
		return 0
	}
	years := t.Sub(birth).Hours() / (365.25 * 24)
	return int64(max(1, math.Round(years+r.NormFloat64()*2.5)))
}

// offCurve gives a few well-clustered faces of big clusters an age a
// generation away from their person's: a child among a grandparent's
// faces, a grandparent among a young adult's.
func (g *gen) offCurve(files []imm.File, byCluster map[string][]faceAt, order []int, split [2]int, r rng) {
	for _, c := range order {
		if len(g.truth.OffCurveFaces) == offCurveFaces {
			break
		}
		refs := byCluster[g.clusterIDs[c]]
		if len(refs) < offCurveMinFaces {
			break
		}
		if c == split[0] || c == split[1] || r.chance(0.4) {
			continue
		}
		ref := refs[r.IntN(len(refs))]
		f := &files[ref.file]
		fg := &f.Figures[ref.fig]
		if _, mis := g.truth.MisclusteredFaces[fg.FigureId]; mis || f.MediaType != "image" {
			continue
		}
		expected := ageAt(f.ProduceTime, g.people[c].birth, r)
		if expected >= 35 {
			fg.Age = 3 + r.Int64N(8)
		} else {
			fg.Age = expected + 35 + r.Int64N(25)
		}
		g.truth.OffCurveFaces = append(g.truth.OffCurveFaces, fg.FigureId)
	}
	slices.Sort(g.truth.OffCurveFaces)
}

// coOccurring finds the pairs of the most photographed clusters that share
// the most files.
func (g *gen) coOccurring(files []imm.File, index map[string]int, order []int) {
	top := order[:min(coOccurTop, len(order))]
	rank := map[int]int{}
	for i, c := range top {
		rank[c] = i
	}
	n := len(top)
	shared := make([]int, n*n)
	var in []int
	for fi := range files {
		in = in[:0]
		for _, fg := range files[fi].Figures {
			if _, mis := g.truth.MisclusteredFaces[fg.FigureId]; mis {
				continue
			}
			if c, ok := index[fg.FigureClusterId]; ok {
				if k, ok := rank[c]; ok {
					in = append(in, k)
				}
			}
		}
		for i, a := range in {
			for _, b := range in[i+1:] {
				shared[min(a, b)*n+max(a, b)]++
			}
		}
	}
	type pair struct{ a, b, n int }
	var pairs []pair
	for a := range n {
		for b := a + 1; b < n; b++ {
			if k := shared[a*n+b]; k >= coOccurMin {
				pairs = append(pairs, pair{a, b, k})
			}
		}
	}
	slices.SortStableFunc(pairs, func(x, y pair) int { return cmp.Compare(y.n, x.n) })
	for _, p := range pairs[:min(coOccurPairs, len(pairs))] {
		g.truth.CoOccurringPairs = append(g.truth.CoOccurringPairs, [2]string{g.clusterIDs[top[p.a]], g.clusterIDs[top[p.b]]})
	}
}
