package dataset

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadSampleComputesDerivedFields(t *testing.T) {
	d, warnings, err := LoadFile(filepath.Join("testdata", "sample.json"))
	if err != nil || len(warnings) > 0 {
		t.Fatal(err, warnings)
	}
	a, b, c := d.FigureClusters[0], d.FigureClusters[1], d.FigureClusters[2]
	if a.FaceCount != 3 || a.ImageCount != 2 || a.VideoCount != 1 || a.MinAge != 30 || a.MaxAge != 34 ||
		a.AverageAge != 32 || a.Gender != "female" {
		t.Errorf("Cluster-aaaa: %+v", a)
	}
	if a.Cover == nil || a.Cover.URI != "oss://sample/photos/b.jpg" || a.Cover.Size != 2000 || len(a.Cover.Figures) != 2 {
		t.Errorf("Cluster-aaaa cover not filled from b.jpg: %+v", a.Cover)
	}
	if b.FaceCount != 2 || b.ImageCount != 1 || b.VideoCount != 1 || b.AverageAge != 61 || b.Gender != "male" ||
		b.Cover == nil || b.Cover.URI != "oss://sample/photos/a.jpg" {
		t.Errorf("Cluster-bbbb: %+v cover %v", b, b.Cover)
	}
	if c.FaceCount != 7 || c.Gender != "male" || c.Cover != nil || c.ImageCount != 0 {
		t.Errorf("Cluster-cccc lost its reported values: %+v", c)
	}
	for _, cl := range d.FigureClusters {
		if cl.ProjectName != "sample-project" || cl.DatasetName != "sample-dataset" || cl.ObjectType != "figure-cluster" {
			t.Errorf("%s not adopted by the only dataset: %+v", cl.ObjectId, cl)
		}
	}
	if got := d.Files[3].OCRTexts; got != "第一行\nsecond line" {
		t.Errorf("OCRTexts %q", got)
	}
	if d.Files[0].Filename != "a.jpg" || d.Files[0].FigureCount != 2 || d.Files[0].ObjectType != "file" {
		t.Errorf("file fields not completed: %+v", d.Files[0])
	}
	if ds := d.Datasets[0]; ds.FileCount != 5 || ds.TotalFileSize != 10500 {
		t.Errorf("dataset totals %d files %d bytes", ds.FileCount, ds.TotalFileSize)
	}
	if p := d.Projects[0]; p.DatasetCount != 1 || p.FileCount != 5 || p.TotalFileSize != 10500 {
		t.Errorf("project totals %+v", p)
	}
}

func TestLoadRoundTripsAGeneratedDataset(t *testing.T) {
	t.Parallel()
	for _, o := range []Options{{Seed: 11}, {Seed: 12, Clusters: 20, Files: 300}} {
		want := Generate(o)
		got, warnings, err := Load(bytes.NewReader(encode(t, want)))
		if err != nil || len(warnings) > 0 {
			t.Fatal(err, warnings)
		}
		// Compared as JSON: a zero the generator marks with KeepZero and
		// the same zero decoded are kept differently but encode the same.
		if !bytes.Equal(encode(t, got), encode(t, want)) {
			for i := range want.Files {
				g, w := mustJSON(t, got.Files[i]), mustJSON(t, want.Files[i])
				if !bytes.Equal(g, w) {
					t.Fatalf("Files[%d] differs after the round trip:\n got %s\nwant %s", i, g, w)
				}
			}
			t.Fatal("dataset differs after the round trip")
		}
	}
}

func TestLoadTakesThePublishedExamplesAsTheyCome(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "published.json"))
	if err != nil {
		t.Fatal(err)
	}
	// As published, the file's face points at a cluster the list lacks, and
	// the file names another dataset than the only one: both are kept.
	d, warnings, err := Load(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	wantWarnings(t, warnings,
		`Files[0] names dataset "test-project"/"test-dataset": served in the only dataset, "immtest"/"dataset001", with its names kept`,
		`Files[0].Figures[0].FigureClusterId "Cluster-dbe72fec-b84c-4ab6-885b-3678e64****" is not one of the FigureClusters`)
	c, f := d.FigureClusters[0], d.Files[0]
	if c.FaceCount != 3 || c.ImageCount != 5 || c.AverageAge != 26 || c.Cover.URI != f.URI {
		t.Errorf("published cluster values not kept: %+v", c)
	}
	if c.ProjectName != "immtest" || c.DatasetName != "dataset001" || c.Cover.ProjectName != "test-project" {
		t.Errorf("cluster names changed: %s/%s, cover %s", c.ProjectName, c.DatasetName, c.Cover.ProjectName)
	}
	if f.ProjectName != "test-project" || f.DatasetName != "test-dataset" || f.Timezone != `""` || !strings.Contains(f.EXIF, "Compression") {
		t.Errorf("published file altered: %s/%s %q", f.ProjectName, f.DatasetName, f.Timezone)
	}
	if f.Figures[0].FigureClusterId != "Cluster-dbe72fec-b84c-4ab6-885b-3678e64****" {
		t.Errorf("face's cluster changed to %q", f.Figures[0].FigureClusterId)
	}
	// Keys the model does not know (Dataset.WorkflowParameters) survive.
	out, _ := json.Marshal(d.Datasets[0])
	if !strings.Contains(string(out), "WorkflowParameters") {
		t.Errorf("unknown dataset key lost: %s", out)
	}
}

func TestLoadWithTwoDatasetsKeepsACoverItDoesNotHold(t *testing.T) {
	file := `{"Datasets":[{"ProjectName":"immtest","DatasetName":"dataset001"},{"ProjectName":"test-project","DatasetName":"test-dataset"}],
	 "FigureClusters":[{"ObjectId":"Cluster-1","ProjectName":"immtest","DatasetName":"dataset001","FaceCount":3,
	   "Cover":{"URI":"oss://test-bucket/test-object.jpg","ProjectName":"test-project","DatasetName":"test-dataset","Size":1000}}],
	 "Files":[{"URI":"oss://test-bucket/test-object.jpg","ProjectName":"test-project","DatasetName":"test-dataset","Size":1000,
	   "Figures":[{"FigureClusterId":"Cluster-1"}]}]}`
	d, warnings, err := Load(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	wantWarnings(t, warnings,
		`FigureClusters[0].Cover.URI "oss://test-bucket/test-object.jpg" is not one of the Files of immtest/dataset001: the cover is served as given`,
		// The face is in the other dataset, which has no Cluster-1.
		`Files[0].Figures[0].FigureClusterId "Cluster-1" is not one of the FigureClusters`)
	c := d.FigureClusters[0]
	if c.Cover == nil || c.Cover.URI != "oss://test-bucket/test-object.jpg" || c.Cover.Size != 1000 || c.Cover.DatasetName != "test-dataset" || c.FaceCount != 3 {
		t.Errorf("cluster or cover not kept as given: %+v cover %+v", c, c.Cover)
	}
}

func TestLoadKeepsWhatIMMMayAnswerAndWarns(t *testing.T) {
	const one = `"Projects":[{"ProjectName":"p"}],"Datasets":[{"ProjectName":"p","DatasetName":"d"}]`
	cases := map[string]struct{ file, want string }{
		"unknown cover": {
			`{` + one + `,"FigureClusters":[{"ObjectId":"Cluster-1"},{"ObjectId":"Cluster-2","Cover":{"URI":"oss://x"}}],"Files":[{"URI":"oss://a"}]}`,
			`FigureClusters[1].Cover.URI "oss://x" is not one of the Files of p/d`},
		"cover without URI": {
			`{` + one + `,"FigureClusters":[{"ObjectId":"Cluster-1","Cover":{"Size":5}}]}`,
			`FigureClusters[0].Cover has no URI`},
		"face of unknown cluster": {
			`{` + one + `,"FigureClusters":[{"ObjectId":"Cluster-1"}],"Files":[{"URI":"oss://a"},{"URI":"oss://b","Figures":[{"FigureClusterId":"figure-cluster-id-independent"},{"FigureClusterId":"Cluster-9"}]}]}`,
			`Files[1].Figures[1].FigureClusterId "Cluster-9" is not one of the FigureClusters`},
		"cluster of another dataset": {
			`{` + one + `,"FigureClusters":[{"ObjectId":"Cluster-1","ProjectName":"q","DatasetName":"e"}]}`,
			`FigureClusters[0] names dataset "q"/"e": served in the only dataset, "p"/"d", with its names kept`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			d, warnings, err := Load(strings.NewReader(c.file))
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			wantWarnings(t, warnings, c.want)
			if len(d.FigureClusters) == 0 {
				t.Fatal("clusters lost")
			}
		})
	}
}

func TestLoadKeepsEachRecordsNamesWithOneDataset(t *testing.T) {
	d, _, err := Load(strings.NewReader(`{"Datasets":[{"ProjectName":"p","DatasetName":"d"}],
	 "FigureClusters":[{"ObjectId":"Cluster-1","ProjectName":"q","DatasetName":"e"},{"ObjectId":"Cluster-2"}],
	 "Files":[{"URI":"oss://a","ProjectName":"q","DatasetName":"e","Size":7,"Figures":[{"FigureClusterId":"Cluster-2","Age":40}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	a, b, f := d.FigureClusters[0], d.FigureClusters[1], d.Files[0]
	if a.ProjectName != "q" || a.DatasetName != "e" || f.ProjectName != "q" || f.DatasetName != "e" {
		t.Errorf("names replaced: cluster %s/%s, file %s/%s", a.ProjectName, a.DatasetName, f.ProjectName, f.DatasetName)
	}
	// Records that name no dataset get the only one's names; all belong to it.
	if b.ProjectName != "p" || b.DatasetName != "d" || b.FaceCount != 1 || b.MaxAge != 40 || b.Cover == nil || b.Cover.URI != "oss://a" {
		t.Errorf("cluster without names: %+v", b)
	}
	if ds := d.Datasets[0]; ds.FileCount != 1 || ds.TotalFileSize != 7 {
		t.Errorf("the file is not counted in the only dataset: %+v", ds)
	}
}

// wantWarnings fails unless every want is the start of one warning.
func wantWarnings(t *testing.T, got []string, want ...string) {
	t.Helper()
	for _, w := range want {
		found := false
		for _, g := range got {
			found = found || strings.HasPrefix(g, w)
		}
		if !found {
			t.Errorf("no warning %q in %q", w, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d warnings, want %d: %q", len(got), len(want), got)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLoadReportsContradictionsWithTheOffendingIndex(t *testing.T) {
	const one = `"Projects":[{"ProjectName":"p"}],"Datasets":[{"ProjectName":"p","DatasetName":"d"}]`
	cases := map[string]struct{ file, want string }{
		"duplicate URI": {
			`{` + one + `,"Files":[{"URI":"oss://a"},{"URI":"oss://b"},{"URI":"oss://a"}]}`,
			`Files[2].URI "oss://a" appears twice`},
		"duplicate cluster": {
			`{` + one + `,"FigureClusters":[{"ObjectId":"Cluster-1"},{"ObjectId":"Cluster-1"}]}`,
			`FigureClusters[1].ObjectId "Cluster-1" appears twice`},
		"reserved ID as cluster": {
			`{` + one + `,"FigureClusters":[{"ObjectId":"figure-cluster-id-unavailable"}]}`,
			`FigureClusters[0].ObjectId "figure-cluster-id-unavailable" is a reserved ID`},
		"cluster without ObjectId": {
			`{` + one + `,"FigureClusters":[{"ObjectId":"Cluster-1"},{"Name":"x"}]}`,
			`FigureClusters[1] has no ObjectId`},
		"duplicate project": {
			`{"Projects":[{"ProjectName":"p"},{"ProjectName":"p"}],"Datasets":[{"ProjectName":"p","DatasetName":"d"}]}`,
			`Projects[1].ProjectName "p" appears twice`},
		"project without name": {
			`{"Projects":[{"ProjectName":"p"},{}],"Datasets":[{"ProjectName":"p","DatasetName":"d"}]}`,
			`Projects[1] has no ProjectName`},
		"no datasets": {
			`{"Projects":[{"ProjectName":"p"}],"Files":[{"URI":"oss://a"}]}`,
			`there are no Datasets`},
		"file without URI": {
			`{` + one + `,"Files":[{"URI":"oss://a"},{"Filename":"b.jpg"}]}`,
			`Files[1] has no URI`},
		"dataset of unknown project": {
			`{"Projects":[{"ProjectName":"p"}],"Datasets":[{"ProjectName":"q","DatasetName":"d"}]}`,
			`Datasets[0].ProjectName "q" is not one of the Projects`},
		"several datasets, file names none": {
			`{"Datasets":[{"ProjectName":"p","DatasetName":"d1"},{"ProjectName":"p","DatasetName":"d2"}],"Files":[{"URI":"oss://a","ProjectName":"p","DatasetName":"d1"},{"URI":"oss://b"}]}`,
			`Files[1] names dataset ""/"", which is not one of the Datasets`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			d, _, err := Load(strings.NewReader(c.file))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, %v; want an error containing %q", d, err, c.want)
			}
		})
	}
}

func TestLoadListsSeveralProblemsButNotHundreds(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"Datasets":[{"ProjectName":"p","DatasetName":"d"}],"Files":[`)
	for i := range 50 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"URI":"oss://same"}`)
	}
	b.WriteString(`]}`)
	_, _, err := Load(strings.NewReader(b.String()))
	if err == nil || !strings.Contains(err.Error(), "Files[1].URI") || !strings.Contains(err.Error(), "and 39 more problems") {
		t.Fatalf("got %v", err)
	}
}

func TestLoadRejectsWhatIsNotADatasetFile(t *testing.T) {
	cases := map[string]struct{ file, want string }{
		"empty":           {"  \n", "empty"},
		"array":           {`[{"Files":[]}]`, "does not start with a JSON object"},
		"text":            {"hello", "does not start with a JSON object"},
		"not JSON inside": {`{"Files": [ nope ]}`, "not valid JSON"},
		"wrong shape":     {`{"Files": 3}`, "wrong shape"},
		"wrong item":      {`{"Datasets":[{"ProjectName":"p","DatasetName":"d"}],"Files":[{"URI": 5}]}`, "wrong shape"},
		"truncated":       {`{"Datasets":[{"ProjectName":"p"`, "truncated"},
		"two objects":     {`{"Datasets":[{"ProjectName":"p","DatasetName":"d"}]} {}`, "extra data"},
		"API response":    {`{"RequestId":"x","Files":[]}`, `unknown top-level key "RequestId"`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, _, err := Load(strings.NewReader(c.file))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want an error containing %q", err, c.want)
			}
		})
	}
}

func TestLoadAcceptsAByteOrderMark(t *testing.T) {
	d, _, err := Load(strings.NewReader("\uFEFF" + `{"Datasets":[{"ProjectName":"p","DatasetName":"d"}]}`))
	if err != nil || len(d.Projects) != 1 || d.Projects[0].ProjectName != "p" {
		t.Fatalf("got %+v, %v", d, err)
	}
}

func TestLoadWithSeveralDatasetsKeepsEachItemInItsOwn(t *testing.T) {
	file := `{"Projects":[{"ProjectName":"p"}],
	 "Datasets":[{"ProjectName":"p","DatasetName":"d1"},{"ProjectName":"p","DatasetName":"d2"}],
	 "FigureClusters":[{"ObjectId":"Cluster-1","ProjectName":"p","DatasetName":"d1"},{"ObjectId":"Cluster-1","ProjectName":"p","DatasetName":"d2"}],
	 "Files":[{"URI":"oss://a","Size":10,"ProjectName":"p","DatasetName":"d1","Figures":[{"FigureClusterId":"Cluster-1","Age":5}]},
	          {"URI":"oss://a","Size":20,"ProjectName":"p","DatasetName":"d2","Figures":[{"FigureClusterId":"Cluster-1","Age":7},{"FigureClusterId":"Cluster-1","Age":9}]}]}`
	d, _, err := Load(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if d.FigureClusters[0].FaceCount != 1 || d.FigureClusters[1].FaceCount != 2 || d.FigureClusters[1].MaxAge != 9 {
		t.Errorf("clusters counted across datasets: %+v", d.FigureClusters)
	}
	if d.Datasets[0].TotalFileSize != 10 || d.Datasets[1].TotalFileSize != 20 || d.Projects[0].DatasetCount != 2 || d.Projects[0].TotalFileSize != 30 {
		t.Errorf("totals: %+v %+v", d.Datasets, d.Projects)
	}
}

func TestLoadAddsAProjectNamedOnlyByItsDataset(t *testing.T) {
	d, _, err := Load(strings.NewReader(`{"Datasets":[{"ProjectName":"p","DatasetName":"d"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Projects) != 1 || d.Projects[0].ProjectName != "p" || d.Projects[0].DatasetCount != 1 {
		t.Fatalf("projects %+v", d.Projects)
	}
}

func TestLoadFileNamesTheFileInErrors(t *testing.T) {
	_, _, err := LoadFile(filepath.Join(t.TempDir(), "missing.json"))
	if err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Fatalf("got %v", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte("[]"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadFile(bad); err == nil || !strings.HasPrefix(err.Error(), bad+": ") {
		t.Fatalf("got %v", err)
	}
}

// FuzzLoad: Load never panics, and what it accepts is valid and complete.
func FuzzLoad(f *testing.F) {
	sample, err := os.ReadFile(filepath.Join("testdata", "sample.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sample)
	f.Add([]byte(`{"Datasets":[{"ProjectName":"p","DatasetName":"d"}],"FigureClusters":[{"ObjectId":"C","Cover":{"URI":"u"}}],"Files":[{"URI":"u","Figures":[{"FigureClusterId":"C"}]}]}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, _, err := Load(bytes.NewReader(b))
		if err != nil {
			return
		}
		if err := d.Validate(); err != nil {
			t.Fatalf("Load accepted an invalid dataset: %v", err)
		}
		again, _ := json.Marshal(d)
		d.Complete()
		if after, _ := json.Marshal(d); !bytes.Equal(again, after) {
			t.Fatal("Complete is not idempotent")
		}
	})
}
