package dataset

import (
	"reflect"
	"testing"

	"github.com/immtui/immtui/imm"
)

func TestGenerateTruthIsGeneratesDatasetAndIsDeterministic(t *testing.T) {
	d1, t1 := GenerateTruth(Options{Seed: 3})
	d2, t2 := GenerateTruth(Options{Seed: 3})
	if !reflect.DeepEqual(t1, t2) || !reflect.DeepEqual(d1, d2) {
		t.Fatal("two runs differ")
	}
	if !reflect.DeepEqual(d1, Generate(Options{Seed: 3})) {
		t.Fatal("GenerateTruth's dataset is not Generate's")
	}
}

// faceIndex maps FigureId -> its figure and file.
func faceIndex(d *Dataset) (map[string]*imm.Figure, map[string]*imm.File) {
	figs, files := map[string]*imm.Figure{}, map[string]*imm.File{}
	for i := range d.Files {
		f := &d.Files[i]
		for j := range f.Figures {
			figs[f.Figures[j].FigureId], files[f.Figures[j].FigureId] = &f.Figures[j], f
		}
	}
	return figs, files
}

func TestTruthNamesTheReviewCases(t *testing.T) {
	d, tr := GenerateTruth(Options{Seed: 1})
	figs, _ := faceIndex(d)
	clusters := map[string]*imm.FigureCluster{}
	for i := range d.FigureClusters {
		clusters[d.FigureClusters[i].ObjectId] = &d.FigureClusters[i]
	}
	if len(tr.MisclusteredFaces) < 20 {
		t.Errorf("%d misclustered faces", len(tr.MisclusteredFaces))
	}
	for id, person := range tr.MisclusteredFaces {
		if fg := figs[id]; fg == nil || fg.FigureClusterConfidence >= 0.7 || clusters[person] == nil {
			t.Fatalf("misclustered %s: %+v, person %s", id, fg, person)
		}
	}
	if len(tr.OffCurveFaces) != offCurveFaces {
		t.Errorf("%d off-curve faces, want %d", len(tr.OffCurveFaces), offCurveFaces)
	}
	for _, id := range tr.OffCurveFaces {
		if fg := figs[id]; fg == nil || fg.FigureClusterConfidence < 0.85 {
			t.Errorf("off-curve %s: %+v, want a confident face", id, fg)
		}
	}
	if len(tr.SplitPairs) != 1 {
		t.Fatalf("split pairs %v", tr.SplitPairs)
	}
	a, b := tr.SplitPairs[0][0], tr.SplitPairs[0][1]
	if clusters[a].Gender != clusters[b].Gender || clusters[b].Name != "" || clusters[b].FaceCount < splitMinFaces {
		t.Errorf("split %s (%s) / %s (%s, %q, %d faces)", a, clusters[a].Gender, b, clusters[b].Gender, clusters[b].Name, clusters[b].FaceCount)
	}
	if n := sharedFiles(d, a, b); n != 0 {
		t.Errorf("the split clusters share %d files", n)
	}
	if len(tr.CoOccurringPairs) == 0 {
		t.Fatal("no co-occurring pairs")
	}
	for _, p := range tr.CoOccurringPairs {
		if n := sharedFiles(d, p[0], p[1]); n < coOccurMin {
			t.Errorf("co-occurring %v share %d files", p, n)
		}
	}
	n := 0
	for _, f := range d.Files {
		for _, fg := range f.Figures {
			if fg.FigureClusterId == imm.ClusterIndependent || fg.FigureClusterId == imm.ClusterUnavailable {
				n++
			}
		}
	}
	got := len(tr.UnclusteredFaces[imm.ClusterIndependent]) + len(tr.UnclusteredFaces[imm.ClusterUnavailable])
	if n == 0 || got != n || len(tr.UnclusteredFaces) != 2 {
		t.Errorf("unclustered truth %d faces in %d groups, dataset %d", got, len(tr.UnclusteredFaces), n)
	}
}

func sharedFiles(d *Dataset, a, b string) int {
	n := 0
	for _, f := range d.Files {
		var hasA, hasB bool
		for _, fg := range f.Figures {
			hasA = hasA || fg.FigureClusterId == a
			hasB = hasB || fg.FigureClusterId == b
		}
		if hasA && hasB {
			n++
		}
	}
	return n
}

func TestTinyDatasetsHaveTruthWithoutCases(t *testing.T) {
	d, tr := GenerateTruth(Options{Clusters: 3, Files: 12})
	if len(d.FigureClusters) != 3 || tr == nil || len(tr.SplitPairs) != 0 || len(tr.OffCurveFaces) != 0 {
		t.Errorf("truth %+v", tr)
	}
}
