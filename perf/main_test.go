package perf

import (
	"fmt"
	"os"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	// A child started by the memory benchmark serves the emulator only, so
	// the parent's RSS is immtui's alone (see servechild_test.go).
	if os.Getenv(serveChildEnv) != "" {
		os.Exit(serveChild())
	}
	lipgloss.SetColorProfile(termenv.Ascii)
	code := m.Run()
	// Fixtures shared by several benchmarks are closed here, after all of
	// them, and only then is every goroutine expected to be gone.
	closeShared()
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, "goroutines left behind:", err)
			code = 1
		}
	}
	os.Exit(code)
}
