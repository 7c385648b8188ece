package ui_test

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/panes"
)

// Clusters of testdata/cjk-cover-file.json: its faces belong to them.
const (
	grandpaID = "Cluster-5a9d3e60-2c8b-4e1f-9d7a-b6f0c3e8a415"
	grandmaID = "Cluster-1c4e7a92-6b3d-4f0e-8a5c-d2b9e7f1a306"
)

// paneFake is a dataset of one cluster (爷爷) whose cover is a failed CJK
// video with five faces, labels, OCR, streams and addresses: every pane has
// something to show. The list's row does not know the cover, so the panes
// load only after the cluster has arrived and a pane's text on screen
// means the whole view is final.
func paneFake(t *testing.T) *uitest.Fake {
	t.Helper()
	b, err := os.ReadFile("testdata/cjk-cover-file.json")
	if err != nil {
		t.Fatal(err)
	}
	var file imm.File
	if err := json.Unmarshal(b, &file); err != nil {
		t.Fatal(err)
	}
	f := uitest.NewFake(0)
	f.Proj, f.Data = "family", "photos"
	f.Rows = []state.ClusterRow{{ID: grandpaID, Name: "爷爷", Gender: "male", FaceCount: 312, ImageCount: 280,
		VideoCount: 32, MinAge: 58, AvgAge: 63.4, MaxAge: 67, CreateTime: 1700000000, UpdateTime: 1709294767}}
	f.Clusters[grandpaID] = &imm.FigureCluster{ObjectId: grandpaID, Name: "爷爷", Gender: "male",
		FaceCount: 312, ImageCount: 280, VideoCount: 32, MinAge: 58, AverageAge: 63.4, MaxAge: 67,
		CreateTime: "2023-11-14T22:13:20Z", UpdateTime: "2024-03-01T12:06:07Z", MetaLockVersion: 12,
		CustomLabels: map[string]any{"family": "王", "reviewed": "yes"},
		Cover:        &imm.File{URI: file.URI}}
	f.Clusters[grandmaID] = &imm.FigureCluster{ObjectId: grandmaID, Name: "奶奶 王秀英"}
	f.FileMap[file.URI] = &file
	return f
}

// paneReady is text each pane shows once its file is in.
var paneReady = map[string]string{
	"Overview": "Index status", "Faces": "ClConf", "Labels": "Centric", "OCR": "Text blocks",
	"Streams": "Long name", "Addresses": "Coordinates", "Raw": `"URI": "oss:`,
}

// TestGoldenClusterPanes is the cluster view on each pane, with the real
// panes, through the whole program.
func TestGoldenClusterPanes(t *testing.T) {
	for i, name := range panes.Names {
		for _, s := range goldenSizes {
			t.Run(fmt.Sprintf("%s-%dx%d", name, s[0], s[1]), func(t *testing.T) {
				f := paneFake(t)
				m := ui.NewModel(ui.Options{Store: f, Endpoint: "http://127.0.0.1:8080", Region: ui.DemoRegion,
					ReadOnly: true, Styles: asciiStyles()})
				steps := []step{{waitFor: "1 loaded"}, {key: "enter", waitFor: paneReady["Overview"]}}
				if i > 0 {
					steps = append(steps, step{key: fmt.Sprint(i + 1), waitFor: paneReady[name]})
				}
				out := runModel(t, m, s[0], s[1], steps)
				uitest.CheckFrame(t, out, s[0], s[1])
				golden.RequireEqual(t, []byte(out))
			})
		}
	}
}
