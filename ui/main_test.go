package ui_test

import (
	"io"
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

func TestMain(m *testing.M) {
	// teatest leaves its SIGINT watcher running by design.
	goleak.VerifyTestMain(m, goleak.IgnoreTopFunction("github.com/charmbracelet/x/exp/teatest.NewTestModel.func2"))
}

func asciiStyles() *theme.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return theme.New(r)
}

func newModel(f *uitest.Fake) *ui.Model {
	return ui.NewModel(ui.Options{
		Store: f, Endpoint: "http://127.0.0.1:8080", Region: "cn-hangzhou", ReadOnly: true,
		Styles: asciiStyles(), NewPanes: uitest.StubPanes, Location: time.UTC,
	})
}
