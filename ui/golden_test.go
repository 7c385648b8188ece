package ui_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
)

var goldenSizes = [][2]int{{80, 24}, {120, 40}}

// runProgram runs the browser as a real program at w x h, types keys once
// text appears, and returns the final frame.
func runProgram(t *testing.T, f *uitest.Fake, w, h int, steps []step) string {
	t.Helper()
	return runModel(t, newModel(f), w, h, steps)
}

// runModel is runProgram with a model of the caller's.
func runModel(t *testing.T, m *ui.Model, w, h int, steps []step) string {
	t.Helper()
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	for _, s := range steps {
		if s.key != "" {
			tm.Send(uitest.Key(s.key))
		}
		if s.waitFor != "" {
			teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s.waitFor)) },
				teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
		}
	}
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*ui.Model)
	return final.View()
}

type step struct{ key, waitFor string }

func TestGoldenClustersView(t *testing.T) {
	for _, s := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(t *testing.T) {
			f := uitest.NewFake(250)
			out := runProgram(t, f, s[0], s[1], []step{{waitFor: "100 loaded"}, {key: "down"}, {key: "down"}})
			golden.RequireEqual(t, []byte(out))
		})
	}
}

func TestGoldenClusterView(t *testing.T) {
	for _, s := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(t *testing.T) {
			f := uitest.NewFake(250)
			for i := 0; i < 5; i++ {
				f.AddCluster(i)
			}
			// The list opens sorted by faces, biggest first: row 0 is the
			// fake's cluster 0 (100 faces).
			out := runProgram(t, f, s[0], s[1], []step{{waitFor: "100 loaded"}, {key: "enter", waitFor: "Overview of"}})
			golden.RequireEqual(t, []byte(out))
		})
	}
}

func TestGoldenClusterViewWithoutCover(t *testing.T) {
	f := uitest.NewFake(10)
	for i := 0; i < 10; i++ {
		f.AddCluster(i)
	}
	f.Rows = f.Rows[4:5]
	out := runProgram(t, f, 80, 24, []step{{waitFor: "1 loaded"}, {key: "enter", waitFor: "no cover"}})
	golden.RequireEqual(t, []byte(out))
}
