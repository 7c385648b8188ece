package state_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/internal/teststack"
	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/state"
)

// demo is the default demo dataset (seed 1) served by the emulator, read
// through the real client and a store, with the generator's ground truth.
type demo struct {
	*teststack.Stack
	q   *state.Quality
	ids []string // every cluster ID, in dataset order
}

func startDemo(t *testing.T) *demo {
	t.Helper()
	s := teststack.Start(t, teststack.Options{Dataset: dataset.Options{Seed: 1}, Truth: true})
	dm := &demo{Stack: s, q: state.NewQuality(s.Store, review.Default())}
	for _, c := range s.Data.FigureClusters {
		dm.ids = append(dm.ids, c.ObjectId)
	}
	return dm
}

// computeAll steps until every strip of ids is complete.
func (d *demo) computeAll(t *testing.T, ids []string) {
	t.Helper()
	for steps := 0; ; steps++ {
		p, err := d.q.Step(context.Background(), ids)
		if err != nil {
			t.Fatal(err)
		}
		if !p.More {
			return
		}
		if steps > 10*len(ids) {
			t.Fatalf("still %d pending after %d steps", p.Pending, steps)
		}
	}
}

func TestDemoMisclusteredFacesRankFirstAndAreFlaggedConf(t *testing.T) {
	d := startDemo(t)
	d.computeAll(t, d.ids)
	byCluster := map[string]int{}
	figs := map[string]*imm.Figure{}
	for i := range d.Data.Files {
		for j := range d.Data.Files[i].Figures {
			fg := &d.Data.Files[i].Figures[j]
			figs[fg.FigureId] = fg
			if _, ok := d.Truth.MisclusteredFaces[fg.FigureId]; ok {
				byCluster[fg.FigureClusterId]++
			}
		}
	}
	gendered := 0
	for _, id := range d.ids {
		faces, complete, ok := d.q.Faces(id)
		if !ok || !complete {
			t.Fatalf("%s: faces ok %v complete %v", id, ok, complete)
		}
		n := byCluster[id]
		for i, fl := range faces {
			_, mis := d.Truth.MisclusteredFaces[fl.Figure.FigureId]
			if mis != (i < n) {
				t.Fatalf("%s: face %d (%s) misclustered %v, but the %d misclustered faces should come first", id, i, fl.Figure.FigureId, mis, n)
			}
			if mis != fl.Flags.Has(review.FlagLowCluster) {
				t.Errorf("%s: face %s misclustered %v, flags %q", id, fl.Figure.FigureId, mis, fl.Flags)
			}
			if mis && fl.Flags.Has(review.FlagGender) {
				gendered++
			}
		}
	}
	// Misclustered faces are of a random other person: about half are of
	// the other gender, and those carry the gender flag too.
	if total := len(d.Truth.MisclusteredFaces); gendered < total/4 {
		t.Errorf("%d of %d misclustered faces flagged gender", gendered, total)
	}
}

func TestDemoAgeCurveFlagsTheFacesPlacedOffTheCurve(t *testing.T) {
	d := startDemo(t)
	d.computeAll(t, d.ids)
	off := map[string]bool{}
	for _, id := range d.Truth.OffCurveFaces {
		off[id] = true
	}
	found, falsePositives := 0, 0
	for _, id := range d.ids {
		faces, _, _ := d.q.Faces(id)
		for _, fl := range faces {
			_, mis := d.Truth.MisclusteredFaces[fl.Figure.FigureId]
			switch flagged := fl.Flags.Has(review.FlagAge); {
			case off[fl.Figure.FigureId] && flagged:
				found++
				if fl.Flags.Has(review.FlagLowCluster) {
					t.Errorf("off-curve face %s has a low cluster confidence: only the age curve should catch it", fl.Figure.FigureId)
				}
			case off[fl.Figure.FigureId]:
				t.Errorf("off-curve face %s (age %d, %v off) not flagged", fl.Figure.FigureId, fl.Figure.Age, fl.AgeOffset)
			case flagged && !mis:
				falsePositives++
			}
		}
	}
	if found != len(d.Truth.OffCurveFaces) || found == 0 {
		t.Errorf("found %d of %d off-curve faces", found, len(d.Truth.OffCurveFaces))
	}
	// Seed 1: 1 of about 1,780 well-clustered faces is more than 10 years
	// off by the age noise alone.
	if falsePositives > 2 {
		t.Errorf("%d well-clustered faces flagged age", falsePositives)
	}
}

func TestDemoSplitPersonIsAMergeCandidateAndCoOccurringPeopleAreNot(t *testing.T) {
	d := startDemo(t)
	if len(d.Truth.SplitPairs) == 0 || len(d.Truth.CoOccurringPairs) == 0 {
		t.Fatal("the demo has no split or co-occurring pair")
	}
	sp := d.Truth.SplitPairs[0]
	c, err := d.q.Compare(context.Background(), sp[0], sp[1])
	if err != nil {
		t.Fatal(err)
	}
	if c.Verdict != review.MergeCandidate || len(c.SharedFiles) != 0 || !c.A.Complete || !c.B.Complete {
		t.Errorf("split pair: %v (%s), %d shared", c.Verdict, c.Reason, len(c.SharedFiles))
	}
	for _, p := range d.Truth.CoOccurringPairs {
		c, err := d.q.Compare(context.Background(), p[0], p[1])
		if err != nil {
			t.Fatal(err)
		}
		if want := sharedInData(d.Data, p[0], p[1]); c.Verdict != review.TwoPeople || len(c.SharedFiles) != want {
			t.Errorf("co-occurring %v: %v (%s), %d shared, dataset %d", p, c.Verdict, c.Reason, len(c.SharedFiles), want)
		}
	}
}

func sharedInData(d *dataset.Dataset, a, b string) int {
	n := 0
	for _, f := range d.Files {
		var ha, hb bool
		for _, fg := range f.Figures {
			ha, hb = ha || fg.FigureClusterId == a, hb || fg.FigureClusterId == b
		}
		if ha && hb {
			n++
		}
	}
	return n
}

func TestDemoUnclusteredRowsListExactlyTheUnclusteredFaces(t *testing.T) {
	d := startDemo(t)
	rows, err := d.Store.Unclustered(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].ID != imm.ClusterIndependent || rows[1].ID != imm.ClusterUnavailable {
		t.Fatalf("rows %+v", rows)
	}
	d.computeAll(t, state.UnclusteredIDs)
	for _, r := range rows {
		want := slices.Clone(d.Truth.UnclusteredFaces[r.ID])
		faces, _, _ := d.q.Faces(r.ID)
		var got []string
		files := map[string]bool{}
		for _, fl := range faces {
			got = append(got, fl.Figure.FigureId)
			files[fl.File.URI] = true
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("%s: %d faces, want the dataset's %d", r.ID, len(got), len(want))
		}
		if r.Files != int64(len(files)) || (r.Exact && r.Faces != int64(len(want))) {
			t.Errorf("%s: row %+v, %d files", r.ID, r, len(files))
		}
		if s, _ := d.q.Strip(r.ID); s.FaceCount != int64(len(want)) || s.Flagged > s.Examined {
			t.Errorf("%s: strip %+v", r.ID, s)
		}
	}
}

func TestDemoExportRoundTrips(t *testing.T) {
	d := startDemo(t)
	id := d.Truth.SplitPairs[0][1]
	d.computeAll(t, []string{id})
	c, err := d.Store.Cluster(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	e, ok := d.q.Export(id, c)
	if !ok {
		t.Fatal("no export of a complete cluster")
	}
	b, err := e.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := review.ReadExport(b)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := back.Marshal()
	if string(again) != string(b) {
		t.Fatal("the export changed on a round trip")
	}
	if back.IMM.FigureCluster.ObjectId != id || int64(len(back.Immtui.Faces)) != c.FaceCount || back.Immtui.Strip.Examined != int(c.FaceCount) {
		t.Errorf("export of %s: %d faces, strip %+v, FaceCount %d", id, len(back.Immtui.Faces), back.Immtui.Strip, c.FaceCount)
	}
	// The IMM part is the cluster exactly as the store holds it.
	want, _ := json.Marshal(c)
	got, _ := json.Marshal(back.IMM.FigureCluster)
	if string(got) != string(want) {
		t.Errorf("cluster changed:\n%s\n%s", got, want)
	}
}
