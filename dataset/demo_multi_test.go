package dataset

import (
	"reflect"
	"testing"
)

func TestGenerateMultiKeepsTheDefaultDemoFirst(t *testing.T) {
	one := Generate(Options{Clusters: 10})
	multi := GenerateMulti(Options{Clusters: 10})
	if err := multi.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(multi.Projects) != 2 || len(multi.Datasets) != 3 {
		t.Fatalf("%d projects, %d datasets; want 2 and 3", len(multi.Projects), len(multi.Datasets))
	}
	if got, want := multi.Datasets[0], one.Datasets[0]; !reflect.DeepEqual(got, want) {
		t.Errorf("first dataset %+v; want the default demo's %+v", got, want)
	}
	if multi.Projects[0].ProjectName != DefaultProject || multi.Datasets[0].DatasetName != DefaultDataset {
		t.Errorf("first is %s/%s", multi.Projects[0].ProjectName, multi.Datasets[0].DatasetName)
	}
	// The default dataset's files and clusters are the single demo's, in order.
	for i := range one.Files {
		if multi.Files[i].URI != one.Files[i].URI || multi.Files[i].Size != one.Files[i].Size {
			t.Fatalf("file %d differs: %s vs %s", i, multi.Files[i].URI, one.Files[i].URI)
		}
	}
	for i := range one.FigureClusters {
		if !reflect.DeepEqual(multi.FigureClusters[i].ObjectId, one.FigureClusters[i].ObjectId) ||
			multi.FigureClusters[i].FaceCount != one.FigureClusters[i].FaceCount {
			t.Fatalf("cluster %d differs", i)
		}
	}
}

func TestGenerateMultiProjectTotalsAddUpTheirDatasets(t *testing.T) {
	d := GenerateMulti(Options{Clusters: 10})
	type sums struct{ datasets, files, size int64 }
	want := map[string]*sums{}
	for _, ds := range d.Datasets {
		s := want[ds.ProjectName]
		if s == nil {
			s = &sums{}
			want[ds.ProjectName] = s
		}
		s.datasets++
		s.files += ds.FileCount
		s.size += ds.TotalFileSize
		var n, size int64
		for _, f := range d.Files {
			if f.ProjectName == ds.ProjectName && f.DatasetName == ds.DatasetName {
				n++
				size += f.Size
			}
		}
		if n == 0 || ds.FileCount != n || ds.TotalFileSize != size {
			t.Errorf("%s/%s: FileCount %d TotalFileSize %d; files hold %d, %d", ds.ProjectName, ds.DatasetName, ds.FileCount, ds.TotalFileSize, n, size)
		}
	}
	for _, p := range d.Projects {
		s := want[p.ProjectName]
		if s == nil || p.DatasetCount != s.datasets || p.FileCount != s.files || p.TotalFileSize != s.size {
			t.Errorf("project %s: %d datasets, %d files, %d bytes; want %+v", p.ProjectName, p.DatasetCount, p.FileCount, p.TotalFileSize, s)
		}
	}
	if want[DefaultProject].datasets != 2 || want[DemoArchiveProject].datasets != 1 {
		t.Errorf("datasets per project: %+v %+v", want[DefaultProject], want[DemoArchiveProject])
	}
}

func TestGenerateMultiCoversAreFilesOfTheMergedDataset(t *testing.T) {
	d := GenerateMulti(Options{Clusters: 10})
	for i, c := range d.FigureClusters {
		if c.Cover == nil {
			continue
		}
		found := false
		for j := range d.Files {
			if c.Cover == &d.Files[j] {
				found = c.Cover.ProjectName == c.ProjectName && c.Cover.DatasetName == c.DatasetName
				break
			}
		}
		if !found {
			t.Fatalf("cluster %d (%s/%s) cover %s is not a file of the merged Files of its dataset", i, c.ProjectName, c.DatasetName, c.Cover.URI)
		}
	}
}

func TestGenerateMultiIsDeterministic(t *testing.T) {
	a, b := GenerateMulti(Options{Seed: 7, Clusters: 5}), GenerateMulti(Options{Seed: 7, Clusters: 5})
	if !reflect.DeepEqual(a.Datasets, b.Datasets) || !reflect.DeepEqual(a.Projects, b.Projects) || len(a.Files) != len(b.Files) {
		t.Fatal("same options, different output")
	}
	for i := range a.Files {
		if a.Files[i].URI != b.Files[i].URI || a.Files[i].ContentMd5 != b.Files[i].ContentMd5 {
			t.Fatalf("file %d differs", i)
		}
	}
}
