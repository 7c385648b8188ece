package ui_test

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/immtui/immtui/clipboard"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
)

func TestGoldenFilteredClustersView(t *testing.T) {
	for _, s := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(t *testing.T) {
			f := uitest.NewFake(250)
			out := runProgram(t, f, s[0], s[1], []step{{waitFor: "100 loaded"},
				{key: "/"}, {key: "b"}, {key: "o"}, {key: "b", waitFor: "/bob: 10 of 100"}, {key: "down"}})
			golden.RequireEqual(t, []byte(out))
		})
	}
}

func TestGoldenCopyStatus(t *testing.T) {
	for _, s := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(t *testing.T) {
			f, _ := membersFake()
			m := ui.NewModel(ui.Options{Store: f, Endpoint: "http://127.0.0.1:8080", Region: "cn-hangzhou", ReadOnly: true,
				Styles: asciiStyles(), NewPanes: uitest.StubPanes, Clipboard: clipboard.Env{TERM: "xterm"}, Terminal: &lockedBuffer{}})
			out := runModel(t, m, s[0], s[1], []step{{waitFor: "100 loaded"},
				{key: "enter", waitFor: "Overview of"}, {key: "m", waitFor: "40 faces in 35 files"}, {key: "y", waitFor: "copied 34 B file URI"}})
			golden.RequireEqual(t, []byte(out))
		})
	}
}

func TestGoldenCopyRefusedStatus(t *testing.T) {
	for _, s := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(t *testing.T) {
			f := uitest.NewFake(250)
			m := ui.NewModel(ui.Options{Store: f, Endpoint: "http://127.0.0.1:8080", Region: "cn-hangzhou", ReadOnly: true,
				Styles: asciiStyles(), NewPanes: uitest.StubPanes, Clipboard: clipboard.Env{Mode: "off"}, Terminal: &lockedBuffer{}})
			out := runModel(t, m, s[0], s[1], []step{{waitFor: "100 loaded"}, {key: "y", waitFor: "not copied"}})
			golden.RequireEqual(t, []byte(out))
		})
	}
}
