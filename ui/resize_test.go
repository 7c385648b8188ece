package ui_test

import (
	"math/rand"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
)

// TestResizeStormKeepsEveryFrameInside: 1,000 random sizes from 1x1 to
// 300x100, mixed with key presses, over the real panes: no panic, and
// every frame fits the terminal it was drawn for.
func TestResizeStormKeepsEveryFrameInside(t *testing.T) {
	t.Parallel() // heavy: it runs beside the package\'s other tests
	f := uitest.NewFake(300)
	m := ui.NewModel(ui.Options{Store: f, Endpoint: "http://127.0.0.1:8080", ReadOnly: true, Styles: colourStyles()})
	u := &uitest.ModelUpdater{M: m}
	u.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	uitest.Run(u, m.Init())
	defer m.Update(uitest.Key("ctrl+c"))
	rng := rand.New(rand.NewSource(4))
	w, h := 80, 24
	inCluster := 0
	for i := 0; i < 1000; i++ {
		if rng.Intn(3) > 0 {
			w, h = 1+rng.Intn(300), 1+rng.Intn(100)
			uitest.Run(u, u.Update(tea.WindowSizeMsg{Width: w, Height: h}))
		} else {
			k := pickKey(rng)
			if m.Depth() > 3 && k == "enter" {
				k = "esc"
			}
			uitest.Run(u, u.Update(uitest.Key(k)))
		}
		uitest.CheckFrame(t, m.View(), w, h)
		if m.Depth() > 1 {
			inCluster++
		}
	}
	if inCluster < 100 {
		t.Fatalf("only %d of 1000 frames showed a cluster: the storm missed the panes", inCluster)
	}
}
