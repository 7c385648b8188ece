package ui_test

import (
	"fmt"
	"io"
	"os"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"go.uber.org/goleak"

	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/theme"
)

func init() {
	// Golden files hold plain text: no colour, whatever the terminal.
	lipgloss.SetColorProfile(termenv.Ascii)
}

// exportDir is where e writes in tests that do not choose (newModel):
// never the source tree.
var exportDir string

func TestMain(m *testing.M) {
	var err error
	if exportDir, err = os.MkdirTemp("", "immtui-ui-test-export-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	before := dirNames(".")
	// teatest leaves its SIGINT watcher running by design.
	goleak.VerifyTestMain(m, goleak.IgnoreTopFunction("github.com/charmbracelet/x/exp/teatest.NewTestModel.func2"),
		goleak.Cleanup(func(code int) {
			os.RemoveAll(exportDir)
			// A test that exports without an ExportDir writes into the
			// package's folder: that is a file left behind.
			for name := range dirNames(".") {
				if !before[name] {
					fmt.Fprintf(os.Stderr, "a test left %s in the package folder: give its Options an ExportDir\n", name)
					code = max(code, 1)
				}
			}
			os.Exit(code)
		}))
}

func dirNames(dir string) map[string]bool {
	out := map[string]bool{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		out[e.Name()] = true
	}
	return out
}

func asciiStyles() *theme.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return theme.New(r)
}

func newModel(f *uitest.Fake) *ui.Model {
	return ui.NewModel(ui.Options{
		Store: f, Endpoint: "http://127.0.0.1:8080", Region: "cn-hangzhou", ReadOnly: true,
		Styles: asciiStyles(), NewPanes: uitest.StubPanes, Location: time.UTC, ExportDir: exportDir,
	})
}
