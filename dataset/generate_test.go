package dataset

import (
	"encoding/json"
	"math"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/immtui/immtui/imm"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// demo is the default dataset, generated once for the read-only tests.
var demo = sync.OnceValue(func() *Dataset { return Generate(Options{Seed: 7}) })

// lean is large enough that most files take the shared, lean path.
var lean = sync.OnceValue(func() *Dataset { return Generate(Options{Seed: 3, Clusters: 150, Files: 3 * richFiles}) })

func datasets() map[string]*Dataset { return map[string]*Dataset{"demo": demo(), "lean": lean()} }

func TestDefaultDemoHas80ClustersAnd1500Files(t *testing.T) {
	d := demo()
	if len(d.FigureClusters) != 80 || len(d.Files) != 1500 {
		t.Fatalf("%d clusters, %d files", len(d.FigureClusters), len(d.Files))
	}
	if d.Projects[0].ProjectName != DefaultProject || d.Datasets[0].DatasetName != DefaultDataset {
		t.Fatalf("names %q/%q", d.Projects[0].ProjectName, d.Datasets[0].DatasetName)
	}
}

func TestOptionsSetSizesAndNames(t *testing.T) {
	d := Generate(Options{Seed: 1, Clusters: 12, Files: 90, Project: "p", Dataset: "ds"})
	if len(d.FigureClusters) != 12 || len(d.Files) != 90 {
		t.Fatalf("%d clusters, %d files", len(d.FigureClusters), len(d.Files))
	}
	for _, f := range d.Files {
		if f.ProjectName != "p" || f.DatasetName != "ds" {
			t.Fatalf("file %s in %s/%s", f.URI, f.ProjectName, f.DatasetName)
		}
	}
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestEveryClusterHasAFaceEvenWithFewFiles(t *testing.T) {
	d := Generate(Options{Seed: 2, Clusters: 50, Files: 3})
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	for i, c := range d.FigureClusters {
		if c.FaceCount == 0 || c.Cover == nil {
			t.Fatalf("FigureClusters[%d] has %d faces, cover %v", i, c.FaceCount, c.Cover)
		}
	}
}

func TestDefaultFilesScaleWithClusters(t *testing.T) {
	for clusters, want := range map[int]int{80: 1500, 8: 150, 100_000: 301_260} {
		if got := DefaultFiles(clusters); got != want {
			t.Errorf("DefaultFiles(%d) = %d, want %d", clusters, got, want)
		}
	}
}

func TestGeneratedDatasetIsValidAndComplete(t *testing.T) {
	t.Parallel()
	for name, d := range datasets() {
		if err := d.Validate(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	// Complete changes nothing on a generated dataset: it is already complete.
	d := Generate(Options{Seed: 7})
	before, _ := json.Marshal(d)
	d.Complete()
	after, _ := json.Marshal(d)
	if string(before) != string(after) {
		t.Fatal("Complete changed a generated dataset")
	}
}

// facesOf gathers, per cluster ID, the faces carrying it and their files.
type faceRef struct {
	file *imm.File
	fig  imm.Figure
}

func facesOf(d *Dataset) map[string][]faceRef {
	out := map[string][]faceRef{}
	for i := range d.Files {
		f := &d.Files[i]
		for _, fg := range f.Figures {
			out[fg.FigureClusterId] = append(out[fg.FigureClusterId], faceRef{f, fg})
		}
	}
	return out
}

func TestClusterCountsAgesAndGenderComeFromItsFaces(t *testing.T) {
	for name, d := range datasets() {
		faces := facesOf(d)
		for i, c := range d.FigureClusters {
			fs := faces[c.ObjectId]
			if int64(len(fs)) != c.FaceCount {
				t.Fatalf("%s: FigureClusters[%d].FaceCount %d, %d faces carry its ID", name, i, c.FaceCount, len(fs))
			}
			images, videos := map[string]bool{}, map[string]bool{}
			minAge, maxAge, sum := int64(math.MaxInt64), int64(0), 0.0
			female, male := 0, 0
			for _, r := range fs {
				switch r.file.MediaType {
				case "image":
					images[r.file.URI] = true
				case "video":
					videos[r.file.URI] = true
				}
				minAge, maxAge = min(minAge, r.fig.Age), max(maxAge, r.fig.Age)
				sum += float64(r.fig.Age)
				if r.fig.Gender == "female" {
					female++
				} else {
					male++
				}
			}
			if int64(len(images)) != c.ImageCount || int64(len(videos)) != c.VideoCount {
				t.Fatalf("%s: FigureClusters[%d] images %d/%d videos %d/%d", name, i, c.ImageCount, len(images), c.VideoCount, len(videos))
			}
			if c.MinAge != float64(minAge) || c.MaxAge != float64(maxAge) ||
				math.Abs(float64(c.AverageAge)-sum/float64(len(fs))) > 0.051 ||
				c.MinAge > c.AverageAge || c.AverageAge > c.MaxAge {
				t.Fatalf("%s: FigureClusters[%d] ages %v ≤ %v ≤ %v, faces %d..%d avg %.2f",
					name, i, c.MinAge, c.AverageAge, c.MaxAge, minAge, maxAge, sum/float64(len(fs)))
			}
			if (female > male && c.Gender != "female") || (male > female && c.Gender != "male") {
				t.Fatalf("%s: FigureClusters[%d].Gender %s with %d female and %d male faces", name, i, c.Gender, female, male)
			}
		}
	}
}

func TestCoverIsAFileWithAFaceOfItsCluster(t *testing.T) {
	for name, d := range datasets() {
		byURI := map[string]*imm.File{}
		for i := range d.Files {
			byURI[d.Files[i].URI] = &d.Files[i]
		}
		for i, c := range d.FigureClusters {
			if c.Cover == nil {
				t.Fatalf("%s: FigureClusters[%d] has no cover", name, i)
			}
			f := byURI[c.Cover.URI]
			if f == nil {
				t.Fatalf("%s: FigureClusters[%d].Cover %q is not a file", name, i, c.Cover.URI)
			}
			if !reflect.DeepEqual(*f, *c.Cover) {
				t.Fatalf("%s: FigureClusters[%d].Cover differs from file %s", name, i, f.URI)
			}
			has := false
			for _, fg := range f.Figures {
				has = has || fg.FigureClusterId == c.ObjectId
			}
			if !has || f.ObjectStatus != "Indexed" {
				t.Fatalf("%s: FigureClusters[%d].Cover %s has no face of the cluster (or failed)", name, i, f.URI)
			}
		}
	}
}

func TestFacesPointAtClustersOrReservedIDsAndAFewAreMisclustered(t *testing.T) {
	for name, d := range datasets() {
		ids := map[string]bool{}
		for _, c := range d.FigureClusters {
			ids[c.ObjectId] = true
		}
		var clustered, low, independent, unavailable int
		for _, f := range d.Files {
			for _, fg := range f.Figures {
				switch {
				case fg.FigureClusterId == imm.ClusterIndependent:
					independent++
				case fg.FigureClusterId == imm.ClusterUnavailable:
					unavailable++
				case ids[fg.FigureClusterId]:
					clustered++
					if fg.FigureClusterConfidence < 0.7 {
						low++
						if fg.FigureClusterConfidence < 0.3 || fg.FigureClusterConfidence > 0.6 {
							t.Fatalf("%s: misclustered face confidence %v outside 0.3..0.6", name, fg.FigureClusterConfidence)
						}
					} else if fg.FigureClusterConfidence < 0.85 {
						t.Fatalf("%s: face confidence %v between the low and normal bands", name, fg.FigureClusterConfidence)
					}
				default:
					t.Fatalf("%s: face in %s points at unknown cluster %q", name, f.URI, fg.FigureClusterId)
				}
			}
		}
		if share := float64(low) / float64(clustered); share < 0.01 || share > 0.06 {
			t.Errorf("%s: %.1f%% of %d clustered faces have low confidence, want a few percent", name, 100*share, clustered)
		}
		if independent == 0 || unavailable == 0 {
			t.Errorf("%s: %d independent and %d unavailable faces, want some of each", name, independent, unavailable)
		}
	}
}

func TestEveryFaceCarriesEveryFigureAttribute(t *testing.T) {
	enum := map[string][]string{
		"Emotion": {"happiness", "none"}, "Glasses": {"none", "glasses", "sunglasses"}, "Mouth": {"open", "close"},
		"Beard": {"none", "have"}, "Hat": {"none", "wear"}, "Mask": {"none", "wear"}, "Gender": {"female", "male"},
	}
	seen := map[string]map[string]bool{}
	for _, f := range demo().Files {
		for _, fg := range f.Figures {
			v := reflect.ValueOf(fg)
			for field, allowed := range enum {
				s := v.FieldByName(field).String()
				if !containsString(allowed, s) {
					t.Fatalf("%s: %s %q not in %v", f.URI, field, s, allowed)
				}
				if seen[field] == nil {
					seen[field] = map[string]bool{}
				}
				seen[field][s] = true
			}
			for _, score := range []float64{fg.FigureConfidence, fg.GenderConfidence, fg.EmotionConfidence, fg.BeardConfidence,
				fg.GlassesConfidence, fg.HatConfidence, fg.MaskConfidence, fg.MouthConfidence, fg.Attractive, fg.FaceQuality, fg.Sharpness} {
				if score <= 0 || score > 1 {
					t.Fatalf("%s: a face score is %v", f.URI, score)
				}
			}
			b := fg.Boundary
			if fg.FigureId == "" || fg.FigureType != "face" || fg.Age <= 0 || fg.AgeSD <= 0 || fg.HeadPose == nil ||
				b == nil || b.Width <= 0 || b.Height <= 0 || len(b.Polygon) != 4 {
				t.Fatalf("%s: incomplete face %+v", f.URI, fg)
			}
			w, h := max(f.ImageWidth, f.VideoWidth), max(f.ImageHeight, f.VideoHeight)
			if b.Left < 0 || b.Top < 0 || b.Left+b.Width > w || b.Top+b.Height > h {
				t.Fatalf("%s: face %+v outside %dx%d", f.URI, *b, w, h)
			}
		}
	}
	for field, allowed := range enum {
		if len(seen[field]) != len(allowed) {
			t.Errorf("%s takes only %v", field, seen[field])
		}
	}
}

var reasonShape = regexp.MustCompile(`^\[[A-Za-z.]+\] .+ status: \d{3}, requestId: [0-9A-F-]{36}$`)

func TestAFewFilesFailedIndexingWithAReason(t *testing.T) {
	failed := 0
	for _, f := range demo().Files {
		if f.ObjectStatus == "Indexed" {
			if f.Reason != "" {
				t.Fatalf("indexed %s has Reason %q", f.URI, f.Reason)
			}
			continue
		}
		failed++
		if f.ObjectStatus != "Failed" || !reasonShape.MatchString(f.Reason) {
			t.Fatalf("%s: status %q reason %q", f.URI, f.ObjectStatus, f.Reason)
		}
		if len(f.Figures)+len(f.Labels) > 0 {
			t.Fatalf("failed %s has analysis results", f.URI)
		}
	}
	if share := float64(failed) / 1500; share < 0.01 || share > 0.06 {
		t.Fatalf("%d failed files of 1500", failed)
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func TestClustersAreMostlyNamedInChineseAndEnglish(t *testing.T) {
	var zh, en, unnamed, labelled int
	for _, c := range demo().FigureClusters {
		switch {
		case c.Name == "":
			unnamed++
		case hasHan(c.Name):
			zh++
		default:
			en++
		}
		if len(c.CustomLabels) > 0 {
			labelled++
		}
		if c.ObjectType != "figure-cluster" || c.OwnerId == "" || c.CreateTime == "" || c.UpdateTime < c.CreateTime ||
			!strings.HasPrefix(c.ObjectId, "Cluster-") {
			t.Fatalf("cluster %+v", c)
		}
	}
	if zh == 0 || en == 0 || unnamed == 0 || unnamed > 30 || labelled == 0 {
		t.Fatalf("%d Chinese, %d English, %d unnamed, %d with custom labels", zh, en, unnamed, labelled)
	}
}

func TestTimesAreRFC3339NanoInChinaTimeAndNotInTheFuture(t *testing.T) {
	check := func(what, s string) {
		ts, err := time.Parse(time.RFC3339Nano, s)
		if err != nil || !strings.HasSuffix(s, "+08:00") || ts.After(DefaultNow) {
			t.Fatalf("%s time %q (%v)", what, s, err)
		}
	}
	d := demo()
	for _, f := range d.Files {
		for _, s := range []string{f.CreateTime, f.UpdateTime, f.FileCreateTime, f.FileModifiedTime, f.ProduceTime} {
			check(f.URI, s)
		}
		if f.UpdateTime < f.CreateTime || f.CreateTime < f.ProduceTime {
			t.Fatalf("%s: produced %s, created %s, updated %s", f.URI, f.ProduceTime, f.CreateTime, f.UpdateTime)
		}
	}
	for _, c := range d.FigureClusters {
		check(c.ObjectId, c.CreateTime)
		check(c.ObjectId, c.UpdateTime)
	}
}

func TestProjectAndDatasetTotalsMatchTheFiles(t *testing.T) {
	for name, d := range datasets() {
		var size int64
		for _, f := range d.Files {
			size += f.Size
		}
		ds, p := d.Datasets[0], d.Projects[0]
		if ds.FileCount != int64(len(d.Files)) || ds.TotalFileSize != size || p.DatasetCount != 1 ||
			p.FileCount != ds.FileCount || p.TotalFileSize != size || p.TemplateId != "Official:AllFunction" ||
			p.ProjectQueriesPerSecond != 100 || p.EngineConcurrency != 100 {
			t.Fatalf("%s: project %+v dataset %+v, %d files of %d bytes", name, p, ds, len(d.Files), size)
		}
	}
}

var uriShape = regexp.MustCompile(`^oss://[a-z0-9-]+/[^/].*/[^/]+\.[A-Za-z0-9]+$`)

func TestURIsAreUniqueOSSURIsWithTheirFilename(t *testing.T) {
	for name, d := range datasets() {
		seen := map[string]bool{}
		chinese := 0
		for i, f := range d.Files {
			if seen[f.URI] || !uriShape.MatchString(f.URI) || !strings.HasSuffix(f.URI, "/"+f.Filename) {
				t.Fatalf("%s: Files[%d] URI %q filename %q", name, i, f.URI, f.Filename)
			}
			seen[f.URI] = true
			if hasHan(f.Filename) {
				chinese++
			}
		}
		if chinese == 0 {
			t.Errorf("%s: no Chinese file names", name)
		}
	}
}

func TestFamilyNamesMatchTheirAges(t *testing.T) {
	checked := 0
	for seed := int64(1); seed <= 5; seed++ {
		for _, c := range Generate(Options{Seed: seed}).FigureClusters {
			switch c.Name {
			case "奶奶", "爷爷", "外婆", "外公", "Grandpa Joe":
				checked++
				if c.AverageAge < 45 {
					t.Errorf("seed %d: %s averages %v years", seed, c.Name, c.AverageAge)
				}
			case "小宝", "囡囡":
				checked++
				if c.AverageAge > 25 {
					t.Errorf("seed %d: %s averages %v years", seed, c.Name, c.AverageAge)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no family names drawn in five seeds")
	}
}

func TestSomeDemoCoversAreVideoFramesSoTheStreamsPaneIsReachable(t *testing.T) {
	d := Generate(Options{Seed: 1})
	kinds := map[string]int{}
	for _, c := range d.FigureClusters {
		if c.Cover != nil {
			kinds[c.Cover.MediaType]++
		}
	}
	if kinds["video"] == 0 || kinds["image"] <= kinds["video"] {
		t.Fatalf("cover media types %v: want mostly photos and some videos", kinds)
	}
}
