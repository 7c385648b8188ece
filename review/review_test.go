package review

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/immtui/immtui/imm"
)

// photo is a file of one face of cluster "C" taken in year, of a person of
// age and cluster confidence conf, seen well.
func photo(uri string, year int, age int64, conf float64) *imm.File {
	return &imm.File{
		URI: uri, ProduceTime: fmt.Sprintf("%d-07-02T12:00:00+08:00", year),
		ImageWidth: 4000, ImageHeight: 3000,
		Figures: []imm.Figure{{
			FigureId: "fig-" + uri, FigureClusterId: "C", Age: age, Gender: "female", GenderConfidence: 0.95,
			FigureClusterConfidence: conf, FaceQuality: 0.9, Sharpness: 0.9,
			Boundary: &imm.Boundary{Width: 400, Height: 500}, HeadPose: &imm.HeadPose{Yaw: 5, Pitch: 2},
		}},
	}
}

// grandmother is a cluster of a woman born in 1950, photographed 2019-2024.
func grandmother() []*imm.File {
	var out []*imm.File
	for i, y := range []int{2019, 2020, 2021, 2022, 2023, 2024, 2020, 2022} {
		out = append(out, photo(fmt.Sprintf("oss://b/g%d.jpg", i), y, int64(y-1950), 0.9+float64(i)/100))
	}
	return out
}

func TestSeenFlagsNameEachReason(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(*imm.File)
		want Flag
	}{
		{"clean", func(*imm.File) {}, 0},
		{"conf", func(f *imm.File) { f.Figures[0].FigureClusterConfidence = 0.4 }, FlagLowCluster},
		{"quality", func(f *imm.File) { f.Figures[0].FaceQuality = 0.3 }, FlagLowQuality},
		{"sharpness", func(f *imm.File) { f.Figures[0].Sharpness = 0.2 }, FlagLowQuality},
		{"yaw", func(f *imm.File) { f.Figures[0].HeadPose.Yaw = -60 }, FlagPose},
		{"pitch", func(f *imm.File) { f.Figures[0].HeadPose.Pitch = 35 }, FlagPose},
		{"small", func(f *imm.File) { f.Figures[0].Boundary = &imm.Boundary{Width: 100, Height: 100} }, FlagSmall},
		{"video frame small", func(f *imm.File) {
			f.ImageWidth, f.ImageHeight, f.VideoWidth, f.VideoHeight = 0, 0, 1920, 1080
			f.Figures[0].Boundary = &imm.Boundary{Width: 60, Height: 80}
		}, FlagSmall},
		{"mask", func(f *imm.File) { f.Figures[0].Mask = "wear" }, FlagMask},
		{"sunglasses", func(f *imm.File) { f.Figures[0].Glasses = "sunglasses" }, FlagSunglasses},
		{"unsent zeros flag nothing", func(f *imm.File) {
			g := &f.Figures[0]
			g.FigureClusterConfidence, g.FaceQuality, g.Sharpness, g.HeadPose, g.Boundary = 0, 0, 0, nil, nil
		}, 0},
	} {
		f := photo("oss://b/x.jpg", 2020, 70, 0.95)
		c.edit(f)
		if got := Default().SeenFlags(FacesOf("C", []*imm.File{f})[0]); got != c.want {
			t.Errorf("%s: flags %q, want %q", c.name, got, c.want)
		}
	}
	if got := (FlagLowCluster | FlagAge | FlagSunglasses).String(); got != "conf age shades" {
		t.Errorf("String = %q", got)
	}
}

func TestAgeCurveCatchesAChildInAGrandmothersClusterDespiteHighConfidence(t *testing.T) {
	files := grandmother()
	child := photo("oss://b/child.jpg", 2023, 6, 0.97)
	undated := photo("oss://b/undated.jpg", 2023, 9, 0.97)
	undated.ProduceTime = ""
	files = append(files, child, undated)
	tl := NewTally("C", &imm.FigureCluster{ObjectId: "C", Gender: "female", FaceCount: 10}, Default())
	tl.Add(files)
	cv := tl.Curve()
	if !cv.OK || cv.Faces != 9 || cv.BirthYear < 1950 || cv.BirthYear > 1951 {
		t.Fatalf("curve %+v, want born 1950.5 from 9 dated faces", cv)
	}
	var flagged []string
	for _, fl := range tl.Faces() {
		if fl.Flags.Has(FlagAge) {
			flagged = append(flagged, fl.File.URI)
		}
		if fl.File.URI == "oss://b/undated.jpg" && fl.HasOffset {
			t.Error("an undated face got an offset")
		}
	}
	if strings.Join(flagged, ",") != "oss://b/child.jpg" {
		t.Errorf("age-flagged %v, want only the child", flagged)
	}
	if f := tl.Faces()[0]; f.File.URI != "oss://b/child.jpg" || f.AgeOffset > -60 {
		t.Errorf("first face %s offset %v, want the child about -67 years off", f.File.URI, f.AgeOffset)
	}
}

func TestTooFewDatedFacesGiveNoCurveAndNoAgeFlag(t *testing.T) {
	tl := NewTally("C", nil, Default())
	tl.Add([]*imm.File{photo("oss://b/a.jpg", 2020, 70, 0.9), photo("oss://b/b.jpg", 2020, 5, 0.9)})
	if tl.Curve().OK || tl.Strip().Count(FlagAge) != 0 {
		t.Errorf("curve %+v, strip %+v", tl.Curve(), tl.Strip())
	}
}

func TestFacesRankLowConfidenceFirstThenOtherDoubts(t *testing.T) {
	files := grandmother()
	files[3].Figures[0].FaceQuality = 0.1             // blur only
	files[5].Figures[0].FigureClusterConfidence = 0.5 // conf
	files[6].Figures[0].Gender = "male"               // gender
	files[1].Figures[0].FigureClusterConfidence = 0.3 // conf, lowest
	tl := NewTally("C", &imm.FigureCluster{Gender: "female"}, Default())
	tl.Add(files)
	var got []string
	for _, fl := range tl.Faces()[:4] {
		got = append(got, fl.File.URI[len("oss://b/"):]+":"+fl.Flags.String())
	}
	if want := "g1.jpg:conf,g5.jpg:conf,g6.jpg:gender,g3.jpg:blur"; strings.Join(got, ",") != want {
		t.Errorf("order %v, want %s", got, want)
	}
}

func TestStripIsPartialWhilePagingAndCountsFlags(t *testing.T) {
	files := grandmother()
	files[0].Figures[0].FigureClusterConfidence = 0.5
	files[4].Figures[0].Glasses = "sunglasses"
	tl := NewTally("C", &imm.FigureCluster{Gender: "female", FaceCount: 8}, Default())
	tl.Add(files[:3])
	s := tl.Strip()
	if s.Examined != 3 || s.FaceCount != 8 || s.Complete || s.MinConf != 0.5 || s.Flagged != 1 {
		t.Fatalf("after one page: %+v", s)
	}
	tl.Add(files[2:]) // a repeated file is counted once
	tl.Done()
	s = tl.Strip()
	if s.Examined != 8 || !s.Complete || s.Flagged != 2 || s.Count(FlagLowCluster) != 1 || s.Count(FlagSunglasses) != 1 {
		t.Fatalf("complete: %+v", s)
	}
	if s.AgeMin != 69 || s.AgeMax != 74 || s.AgeSpread() != 5 || s.Curve.Spread() > 1.1 {
		t.Errorf("ages %d-%d, birth spread %v", s.AgeMin, s.AgeMax, s.Curve.Spread())
	}
	if s.MeanConf <= 0.5 || s.MeanConf >= 1 {
		t.Errorf("mean conf %v", s.MeanConf)
	}
}

func TestPseudoClustersGetNoGenderOrAgeFlags(t *testing.T) {
	files := grandmother()
	for _, f := range files {
		f.Figures[0].FigureClusterId, f.Figures[0].FigureClusterConfidence = imm.ClusterIndependent, 0
	}
	files[0].Figures[0].Age, files[1].Figures[0].Gender = 3, "male"
	tl := NewPseudoTally(imm.ClusterIndependent, 8, Default())
	tl.Add(files)
	if s := tl.Strip(); s.Examined != 8 || s.Flagged != 0 || s.Curve.OK {
		t.Errorf("strip %+v", s)
	}
}

func tallyOf(id, gender string, files []*imm.File) *Tally {
	for _, f := range files {
		f.Figures[0].FigureClusterId = id
	}
	tl := NewTally(id, &imm.FigureCluster{ObjectId: id, Gender: gender}, Default())
	tl.Add(files)
	tl.Done()
	return tl
}

func TestCompareVerdicts(t *testing.T) {
	th := Default()
	a, b := tallyOf("A", "female", grandmother()), tallyOf("B", "female", grandmother())
	if c := Compare(a, b, nil, th); c.Verdict != MergeCandidate || c.BirthYearGap > 1 {
		t.Errorf("same birth, same gender, no shared photo: %v (%s)", c.Verdict, c.Reason)
	}
	if c := Compare(a, b, []string{"oss://b/both.jpg"}, th); c.Verdict != TwoPeople || c.Reason != "1 photo holds a face of each, and nobody is twice in one photo" {
		t.Errorf("a shared photo: %v (%s)", c.Verdict, c.Reason)
	}
	if c := Compare(a, tallyOf("M", "male", grandmother()), nil, th); c.Verdict != Different {
		t.Errorf("other gender: %v (%s)", c.Verdict, c.Reason)
	}
	var young []*imm.File
	for i, y := range []int{2019, 2021, 2023} {
		young = append(young, photo(fmt.Sprintf("oss://b/y%d.jpg", i), y, int64(y-1990), 0.9))
	}
	if c := Compare(a, tallyOf("Y", "female", young), nil, th); c.Verdict != Different || !strings.Contains(c.Reason, "years apart") ||
		!strings.Contains(c.Reason, fmt.Sprintf("born %d and %d", c.A.Curve.Born(), c.B.Curve.Born())) {
		t.Errorf("born 40 years apart: %v (%s); the years as the strips show them", c.Verdict, c.Reason)
	}
	if c := Compare(a, tallyOf("S", "female", young[:1]), nil, th); c.Verdict != Undecided {
		t.Errorf("one face: %v (%s)", c.Verdict, c.Reason)
	}
}

func TestExportSeparatesIMMFromComputedAndRoundTrips(t *testing.T) {
	files := grandmother()
	files[0].Figures[0].FigureClusterConfidence = 0.5
	files[0].Figures[0].Emotion = "<b>&" // kept as sent, not \u003c
	cluster := &imm.FigureCluster{ObjectId: "C", Name: "外婆", Gender: "female", FaceCount: 8}
	tl := NewTally("C", cluster, Default())
	tl.Add(files)
	tl.Done()
	b, err := tl.Export(cluster).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil || len(top) != 2 || top["IMM"] == nil || top["immtui"] == nil {
		t.Fatalf("top-level keys %v (%v)", keys(top), err)
	}
	if bytes.Contains(top["IMM"], []byte("Flags")) || !bytes.Contains(b, []byte("<b>&")) {
		t.Error("computed figures leaked into the IMM part, or text was escaped")
	}
	back, err := ReadExport(b)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := back.Marshal()
	if !bytes.Equal(b, again) {
		t.Errorf("round trip changed the export:\n%s\n---\n%s", b, again)
	}
	if back.IMM.FigureCluster.Name != "外婆" || len(back.IMM.Files) != 8 || back.Immtui.Faces[0].Flags[0] != "conf" {
		t.Errorf("read back %+v", back.Immtui.Faces[0])
	}
	b2, _ := tl.Export(cluster).Marshal()
	if !bytes.Equal(b, b2) {
		t.Error("two exports of the same tally differ")
	}
}

func keys(m map[string]json.RawMessage) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestFileNameIsSafe(t *testing.T) {
	if got := FileName("../Cluster-1/x y"); got != "cluster-.._Cluster-1_x_y.json" {
		t.Errorf("FileName = %q", got)
	}
}

func TestBornIsTheCalendarYearOfTheBirthYear(t *testing.T) {
	for _, c := range []struct {
		year float64
		want int
	}{{1964.7, 1964}, {1964.2, 1964}, {1965, 1965}, {-0.5, -1}} {
		if got := (Curve{OK: true, BirthYear: c.year}).Born(); got != c.want {
			t.Errorf("Born of %v = %d, want %d", c.year, got, c.want)
		}
	}
}
