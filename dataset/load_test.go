package dataset

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestLoadSampleComputesDerivedFields(t *testing.T) {
	d, err := LoadFile(filepath.Join("testdata", "sample.json"))
	if err != nil {
		t.Fatal(err)
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
	for _, o := range []Options{{Seed: 11}, {Seed: 12, Clusters: 20, Files: 300}} {
		want := Generate(o)
		got, err := Load(bytes.NewReader(encode(t, want)))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			for i := range want.Files {
				if !reflect.DeepEqual(got.Files[i], want.Files[i]) {
					t.Fatalf("Files[%d] differs after the round trip:\n got %+v\nwant %+v", i, got.Files[i], want.Files[i])
				}
			}
			t.Fatal("dataset differs after the round trip")
		}
	}
}

func TestLoadAcceptsThePublishedExampleShapes(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "published.json"))
	if err != nil {
		t.Fatal(err)
	}
	// As published, the file's face points at a cluster the list lacks.
	_, err = Load(bytes.NewReader(raw))
	if err == nil || !strings.Contains(err.Error(), `Files[0].Figures[0].FigureClusterId "Cluster-dbe72fec-b84c-4ab6-885b-3678e64****" is not a cluster of the dataset`) {
		t.Fatalf("published examples as-is: %v", err)
	}
	fixed := bytes.ReplaceAll(raw, []byte("Cluster-dbe72fec-b84c-4ab6-885b-3678e64****"), []byte("Cluster-ae6e3472-999e-410b-b54e-cd5dba****"))
	d, err := Load(bytes.NewReader(fixed))
	if err != nil {
		t.Fatal(err)
	}
	c, f := d.FigureClusters[0], d.Files[0]
	if c.FaceCount != 3 || c.ImageCount != 5 || c.AverageAge != 26 || c.Cover.URI != f.URI {
		t.Errorf("published cluster values not kept: %+v", c)
	}
	if f.ProjectName != "immtest" || f.DatasetName != "dataset001" || f.Timezone != `""` || !strings.Contains(f.EXIF, "Compression") {
		t.Errorf("published file not adopted or altered: %s/%s %q", f.ProjectName, f.DatasetName, f.Timezone)
	}
	// Keys the model does not know (Dataset.WorkflowParameters) survive.
	out, _ := json.Marshal(d.Datasets[0])
	if !strings.Contains(string(out), "WorkflowParameters") {
		t.Errorf("unknown dataset key lost: %s", out)
	}
}

func TestLoadReportsContradictionsWithTheOffendingIndex(t *testing.T) {
	const one = `"Projects":[{"ProjectName":"p"}],"Datasets":[{"ProjectName":"p","DatasetName":"d"}]`
	cases := map[string]struct{ file, want string }{
		"unknown cover": {
			`{` + one + `,"FigureClusters":[{"ObjectId":"Cluster-1"},{"ObjectId":"Cluster-2","Cover":{"URI":"oss://x"}}],"Files":[{"URI":"oss://a"}]}`,
			`FigureClusters[1].Cover.URI "oss://x" is not a file of the dataset`},
		"face of unknown cluster": {
			`{` + one + `,"FigureClusters":[{"ObjectId":"Cluster-1"}],"Files":[{"URI":"oss://a"},{"URI":"oss://b","Figures":[{"FigureClusterId":"figure-cluster-id-independent"},{"FigureClusterId":"Cluster-9"}]}]}`,
			`Files[1].Figures[1].FigureClusterId "Cluster-9" is not a cluster of the dataset`},
		"duplicate URI": {
			`{` + one + `,"Files":[{"URI":"oss://a"},{"URI":"oss://b"},{"URI":"oss://a"}]}`,
			`Files[2].URI "oss://a" appears twice`},
		"duplicate cluster": {
			`{` + one + `,"FigureClusters":[{"ObjectId":"Cluster-1"},{"ObjectId":"Cluster-1"}]}`,
			`FigureClusters[1].ObjectId "Cluster-1" appears twice`},
		"reserved ID as cluster": {
			`{` + one + `,"FigureClusters":[{"ObjectId":"figure-cluster-id-unavailable"}]}`,
			`FigureClusters[0].ObjectId "figure-cluster-id-unavailable" is a reserved ID`},
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
			d, err := Load(strings.NewReader(c.file))
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
	_, err := Load(strings.NewReader(b.String()))
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
			_, err := Load(strings.NewReader(c.file))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want an error containing %q", err, c.want)
			}
		})
	}
}

func TestLoadAcceptsAByteOrderMark(t *testing.T) {
	d, err := Load(strings.NewReader("\uFEFF" + `{"Datasets":[{"ProjectName":"p","DatasetName":"d"}]}`))
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
	d, err := Load(strings.NewReader(file))
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
	d, err := Load(strings.NewReader(`{"Datasets":[{"ProjectName":"p","DatasetName":"d"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Projects) != 1 || d.Projects[0].ProjectName != "p" || d.Projects[0].DatasetCount != 1 {
		t.Fatalf("projects %+v", d.Projects)
	}
}

func TestLoadFileNamesTheFileInErrors(t *testing.T) {
	_, err := LoadFile(filepath.Join(t.TempDir(), "missing.json"))
	if err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Fatalf("got %v", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte("[]"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadFile(bad); err == nil || !strings.HasPrefix(err.Error(), bad+": ") {
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
		d, err := Load(bytes.NewReader(b))
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
