package ui_test

import (
	"strings"
	"testing"

	"github.com/immtui/immtui/ui/internal/uitest"
)

func TestStatusLineCountsInWords(t *testing.T) {
	f := uitest.NewFake(10)
	m, u := start(t, f, 80, 24) // one page request so far
	if !strings.Contains(m.View(), "idle, 1 call, 0 cache hits") {
		t.Fatalf("status after one call:\n%s", m.View())
	}
	f.AddCluster(0)
	keys(u, "enter")
	if !strings.Contains(m.View(), "idle, 3 calls, 0 cache hits") {
		t.Fatalf("status after three calls:\n%s", m.View())
	}
}

func TestFullHelpSaysQGoesBackBelowTheFirstView(t *testing.T) {
	m, u, _ := startWithCluster(t, 120, 40)
	keys(u, "?")
	if !strings.Contains(m.View(), "quit") || strings.Contains(m.View(), "q      back") {
		t.Fatalf("clusters full help:\n%s", m.View())
	}
	keys(u, "?", "enter", "?")
	if !hasHelp(m.View(), "q", "back") {
		t.Fatalf("cluster full help lacks q back:\n%s", m.View())
	}
	keys(u, "q")
	if m.Depth() != 1 {
		t.Fatalf("q in the cluster view left depth %d, want 1", m.Depth())
	}
}

// hasHelp reports whether a help line holds key k followed by desc.
func hasHelp(frame, k, desc string) bool {
	for _, l := range strings.Split(frame, "\n") {
		f := strings.Fields(l)
		for i := 0; i+1 < len(f); i++ {
			if f[i] == k && f[i+1] == desc {
				return true
			}
		}
	}
	return false
}
