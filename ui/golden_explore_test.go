package ui_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
)

// The explore screens on the fake dataset, as a real program draws them.

func exploreModel(f *uitest.Fake) *ui.Model {
	return ui.NewModel(ui.Options{StartOn: ui.StartOverview, Store: f, Endpoint: "http://127.0.0.1:8080", Region: "cn-hangzhou", ReadOnly: true,
		Styles: asciiStyles(), NewPanes: uitest.StubPanes, Languages: []string{"zh", "en"}, Location: time.UTC})
}

func goldenExplore(t *testing.T, steps []step) {
	t.Helper()
	for _, s := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(t *testing.T) {
			out := runModel(t, exploreModel(exploreFake(250)), s[0], s[1], steps)
			uitest.CheckFrame(t, out, s[0], s[1])
			golden.RequireEqual(t, []byte(out))
		})
	}
}

func TestGoldenOverviewView(t *testing.T) {
	goldenExplore(t, []step{{waitFor: "Dataset"}, {key: "down"}})
}

func TestGoldenFilesView(t *testing.T) {
	goldenExplore(t, []step{{waitFor: "Dataset"}, {key: "f", waitFor: "250 files, 100 loaded"}, {key: "down"}})
}

func TestGoldenFindView(t *testing.T) {
	goldenExplore(t, []step{{waitFor: "Dataset"}, {key: ":"}, {key: "find type:video size>1MB"}, {key: "enter", waitFor: "Find type:video size>1MB 50 files"}})
}

func TestGoldenFindError(t *testing.T) {
	goldenExplore(t, []step{{waitFor: "Dataset"}, {key: "F"}, {key: "city:杭州 after:2024-13"}, {key: "enter", waitFor: "^"}})
}

func TestGoldenFindJSON(t *testing.T) {
	goldenExplore(t, []step{{waitFor: "Dataset"}, {key: "F"}, {key: "label:狗 -type:video"}, {key: "?", waitFor: "SubQueries"}})
}

func TestGoldenLabelsView(t *testing.T) {
	goldenExplore(t, []step{{waitFor: "Dataset"}, {key: "l", waitFor: "4 labels"}})
}

func TestGoldenPlacesView(t *testing.T) {
	goldenExplore(t, []step{{waitFor: "Dataset"}, {key: "p", waitFor: "3 places"}})
}
