package views_test

import (
	"io"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"go.uber.org/goleak"

	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/views"
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	goleak.VerifyTestMain(m) // exits
}

func asciiStyles() *theme.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return theme.New(r)
}

func newEnv(f *uitest.Fake) *views.Env {
	// Dates typed and years counted are in UTC: no test sets time.Local.
	return &views.Env{Data: f, Styles: asciiStyles(), NewPanes: uitest.StubPanes, Location: time.UTC}
}
