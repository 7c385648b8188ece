package ui_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/internal/teststack"
	"github.com/immtui/immtui/ui"
)

// lockedBuffer is the program's terminal: written by the renderer,
// read by the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestCtrlCWithRequestsInFlightExitsAndRestoresTheScreen runs the real
// tea.Program (alt screen, input from a pipe) against an emulator that
// takes 5 s per answer, presses Ctrl+C while the first page is still on
// the wire: Run returns without waiting for the answer, the output leaves
// the alternate screen and shows the cursor again, and no goroutine is
// left (TestMain's goleak).
func TestCtrlCWithRequestsInFlightExitsAndRestoresTheScreen(t *testing.T) {
	s := teststack.Start(t, teststack.Options{Dataset: dataset.Options{Seed: 2, Clusters: 50},
		Emulator: emulator.Config{Faults: emulator.Faults{Latency: 5 * time.Second}}})

	in, keys, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	defer keys.Close()
	var out lockedBuffer
	m := ui.New(ui.Options{Store: s.Store, Endpoint: s.Emulator.URL(), ReadOnly: true, Styles: asciiStyles()})
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithInput(in), tea.WithOutput(&out),
		tea.WithoutSignalHandler())
	done := make(chan error, 1)
	go func() {
		_, err := p.Run()
		done <- err
	}()

	// Wait until the first request is on the wire, then press Ctrl+C.
	deadline := time.Now().Add(20 * time.Second)
	for s.Emulator.InFlight() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the first page was never requested")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if _, err := keys.Write([]byte{0x03}); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(30 * time.Second): // a hang, not a speed limit
		p.Kill()
		<-done
		t.Fatal("Ctrl+C did not end the program")
	}
	// With 5 s latency, an answered call means Run waited for the network.
	for _, call := range s.Emulator.Calls() {
		if call.Status == 200 {
			t.Fatalf("Run returned only after the 5 s answer came (%s)", call.Action)
		}
	}
	screen := out.String()
	enter, leave := strings.LastIndex(screen, "\x1b[?1049h"), strings.LastIndex(screen, "\x1b[?1049l")
	if enter < 0 || leave < enter {
		t.Fatalf("the alternate screen was not left (enter at %d, leave at %d): %q", enter, leave, tail(screen))
	}
	if strings.LastIndex(screen, "\x1b[?25h") < strings.LastIndex(screen, "\x1b[?25l") {
		t.Fatalf("the cursor was left hidden: %q", tail(screen))
	}
}

func tail(s string) string {
	if len(s) > 300 {
		return s[len(s)-300:]
	}
	return s
}
