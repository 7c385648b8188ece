package views_test

import (
	"fmt"
	"path"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/panes"
	"github.com/immtui/immtui/ui/views"
)

// The header grows after SetSize: the cluster arrives and the members'
// strip (one "Review" line before any face) takes three lines. The members
// must be sized for the header they end under, or their last rows and the
// cursor fall below the frame.
func TestClusterHeaderThatGrowsAfterAReplyKeepsTheMembersCursorOnScreen(t *testing.T) {
	f, id, _ := membersFake(60, 100)
	const w, h = 120, 40
	v := views.NewClusterMembers(newEnv(f), id)
	t.Cleanup(v.Close)
	v.SetSize(w, h)
	before := len(strings.Split(v.View(), "\n"))
	uitest.Run(v, v.Init())
	press(v, "G")
	out := v.View()
	uitest.CheckFrame(t, out, w, h)
	if n := len(strings.Split(out, "\n")); n != h {
		t.Fatalf("frame has %d lines, want exactly %d (before the replies: %d)", n, h, before)
	}
	m := v.Members()
	uri, _ := m.Row(m.Len() - 1)
	last := strings.Split(out, "\n")[h-1]
	if !strings.Contains(last, path.Base(uri)) {
		t.Fatalf("after G the last member (%s) is not the frame's last line:\n%s", path.Base(uri), out)
	}
}

// `i` changes the header's height: the parts follow at once, and the
// frame stays the view's size both ways.
func TestClusterHeaderToggleResizesTheParts(t *testing.T) {
	f, id, _ := membersFake(60, 100)
	const w, h = 80, 24
	v := openMembers(t, newEnv(f), id, w, h)
	for _, k := range []string{"i", "G", "i", "G"} {
		press(v, k)
		out := v.View()
		uitest.CheckFrame(t, out, w, h)
		lines := strings.Split(out, "\n")
		if len(lines) != h {
			t.Fatalf("after %s: frame has %d lines, want %d:\n%s", k, len(lines), h, out)
		}
		if k == "G" {
			m := v.Members()
			uri, _ := m.Row(m.Len() - 1)
			if !strings.Contains(lines[h-1], path.Base(uri)) {
				t.Fatalf("full header %v: the last member %s is not on the last line:\n%s", v.FullHeader(), path.Base(uri), out)
			}
		}
	}
}

// The cluster JSON's last line is its "-- lines x-y of n --" indicator: it
// stays on screen when the header has grown while the members were shown
// (their strip takes three lines where "Review" took one).
func TestClusterJSONKeepsItsLinesIndicatorAfterTheHeaderGrew(t *testing.T) {
	f, id, _ := membersFake(60, 100)
	for i := range 40 { // a JSON longer than the pane
		f.Clusters[id].CustomLabels[fmt.Sprintf("label%02d", i)] = "x"
	}
	const w, h = 120, 40
	row := f.Rows[0]
	v := views.NewCluster(newEnv(f), id, &row)
	t.Cleanup(v.Close)
	v.SetSize(w, h)
	uitest.Run(v, v.Init())
	press(v, "m", "0")
	out := v.View()
	uitest.CheckFrame(t, out, w, h)
	lines := strings.Split(out, "\n")
	if len(lines) != h || !strings.Contains(lines[h-1], "-- lines ") {
		t.Fatalf("%d lines, want %d ending in the lines indicator:\n%s", len(lines), h, out)
	}
}

// loadCountingPane is a stand-in pane that draws pictures: it counts the
// host's asks to load what it shows (panes.Loader) and keeps its size.
type loadCountingPane struct {
	panes.Pane
	loads, h int
}

func (p *loadCountingPane) Load() tea.Cmd { p.loads++; return nil }

func (p *loadCountingPane) SetSize(w, h int) { p.h = h; p.Pane.SetSize(w, h) }

// `i` gives the shown pane another height: it is asked to load what it now
// shows (a Faces crop drawn at the old size stays a placeholder otherwise).
func TestClusterHeaderToggleAsksTheShownPaneToLoad(t *testing.T) {
	f := uitest.NewFake(10)
	f.AddCluster(0)
	env := newEnv(f)
	faces := &loadCountingPane{}
	env.NewPanes = func(c panes.Context) []panes.Pane {
		ps := uitest.StubPanes(c)
		faces.Pane = ps[1]
		ps[1] = faces
		return ps
	}
	row := f.Rows[0]
	v := views.NewCluster(env, row.ID, &row)
	t.Cleanup(v.Close)
	v.SetSize(80, 24)
	uitest.Run(v, v.Init())
	press(v, "2")
	for _, full := range []bool{true, false} {
		loads, h := faces.loads, faces.h
		press(v, "i")
		if v.FullHeader() != full || faces.h == h || faces.loads == loads {
			t.Fatalf("i to full header %v: pane height %d -> %d, loads %d -> %d; want another height and a load",
				full, h, faces.h, loads, faces.loads)
		}
		uitest.CheckFrame(t, v.View(), 80, 24)
	}
}

// IMM's ages of the cluster and the strip's ages of the faces examined
// are both on the header: each says which it is. The compact header keeps
// IMM's short, "Ages" beside IMM's counts, so it fits 80 columns.
func TestClusterHeaderNamesBothAgesApart(t *testing.T) {
	f, id, _ := membersFake(12, 100)
	for _, tc := range []struct {
		w, h      int
		imm, bare string
	}{{120, 40, "IMM ages 20-30-40 (min-avg-max)", ""}, {130, 24, "  Ages 20-30-40\n", "Ages 20-30-40"}} {
		v := openMembers(t, newEnv(f), id, tc.w, tc.h)
		out := v.View()
		header := out[:strings.Index(out, "Members ")]
		for _, want := range []string{tc.imm, "Seen ages "} {
			if !strings.Contains(header, want) {
				t.Errorf("%dx%d: header lacks %q:\n%s", tc.w, tc.h, want, header)
			}
		}
		rest := strings.ReplaceAll(header, tc.bare, "")
		if tc.bare == "" {
			rest = header
		}
		if n := strings.Count(rest, "Ages"); n != 0 {
			t.Errorf("%dx%d: header has %d more Ages than IMM's %q:\n%s", tc.w, tc.h, n, tc.bare, header)
		}
	}
}
