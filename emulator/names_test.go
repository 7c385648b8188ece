package emulator_test

import (
	"testing"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/imm"
)

// TestOneDatasetServesRecordsWithTheNamesTheyCarry: with one dataset,
// pasted answers that name another dataset are served in it, their
// ProjectName and DatasetName as given; records that name none get the
// dataset's.
func TestOneDatasetServesRecordsWithTheNamesTheyCarry(t *testing.T) {
	data := &dataset.Dataset{
		Datasets: []imm.Dataset{{ProjectName: "p", DatasetName: "d"}},
		FigureClusters: []imm.FigureCluster{
			{ObjectId: "Cluster-1", ProjectName: "immtest", DatasetName: "dataset001", Cover: &imm.File{URI: "oss://b/a.jpg"}},
			{ObjectId: "Cluster-2"},
		},
		Files: []imm.File{
			{URI: "oss://b/a.jpg", ProjectName: "test-project", DatasetName: "test-dataset"},
			{URI: "oss://b/b.jpg"},
		},
	}
	c := newRaw(t, startTest(t, emulator.Config{Data: data}))
	files := c.call("BatchGetFileMeta", map[string]any{"ProjectName": "p", "DatasetName": "d", "URIs": []string{"oss://b/a.jpg", "oss://b/b.jpg"}}).list("Files")
	if len(files) != 2 {
		t.Fatalf("%d files", len(files))
	}
	wantNames(t, "Files[0]", files[0], "test-project", "test-dataset")
	wantNames(t, "Files[1]", files[1], "p", "d")
	clusters := c.call("BatchGetFigureCluster", map[string]any{"ProjectName": "p", "DatasetName": "d", "ObjectIds": []string{"Cluster-1", "Cluster-2"}}).list("FigureClusters")
	if len(clusters) != 2 {
		t.Fatalf("%d clusters", len(clusters))
	}
	wantNames(t, "FigureClusters[0]", clusters[0], "immtest", "dataset001")
	wantNames(t, "FigureClusters[0].Cover", clusters[0].(map[string]any)["Cover"], "test-project", "test-dataset")
	wantNames(t, "FigureClusters[1]", clusters[1], "p", "d")
}

func wantNames(t *testing.T, what string, v any, project, dataset string) {
	t.Helper()
	m, _ := v.(map[string]any)
	if m["ProjectName"] != project || m["DatasetName"] != dataset {
		t.Errorf("%s: served as %v/%v, want %s/%s", what, m["ProjectName"], m["DatasetName"], project, dataset)
	}
}
