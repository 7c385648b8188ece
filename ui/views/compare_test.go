package views_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/internal/teststack"
	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/panes"
	"github.com/immtui/immtui/ui/views"
	"github.com/immtui/immtui/ui/widgets/facegrid"
	"github.com/immtui/immtui/ui/widgets/faceimg"
)

// compareDemo is the demo dataset behind an emulator, read through the
// store and the strip cache as the browser does.
type compareDemo struct {
	env   *views.Env
	emu   *emulator.Running
	truth *dataset.Truth
	// panes are the contexts the file panes were built with: which face a
	// file opened on.
	mu    sync.Mutex
	panes []panes.Context
}

func startCompareDemo(t *testing.T, im *faceimg.Images) *compareDemo {
	t.Helper()
	s := teststack.Start(t, teststack.Options{Dataset: dataset.Options{Seed: 1}, Truth: true})
	cd := &compareDemo{truth: s.Truth, emu: s.Emulator}
	cd.env = &views.Env{Data: s.Store, Styles: asciiStyles(), Images: im, Quality: state.NewQuality(s.Store, review.Default()),
		NewPanes: func(ctx panes.Context) []panes.Pane {
			cd.mu.Lock()
			cd.panes = append(cd.panes, ctx)
			cd.mu.Unlock()
			return uitest.StubPanes(ctx)
		}}
	return cd
}

// open compares pair at w x h and runs every command.
func (d *compareDemo) open(t *testing.T, pair [2]string, w, h int) *views.Compare {
	t.Helper()
	v := views.NewCompare(d.env, pair[0], pair[1])
	t.Cleanup(v.Close)
	v.SetSize(w, h)
	uitest.Run(v, v.Init())
	if v.Comparison() == nil {
		t.Fatalf("no comparison: %v\n%s", v.Err(), v.View())
	}
	return v
}

func TestGoldenCompareWithFaceGrids(t *testing.T) {
	d := startCompareDemo(t, uitest.NewImages(uitest.NoColour, nil))
	for _, pair := range []struct {
		name string
		ids  [2]string
	}{{"split", d.truth.SplitPairs[0]}, {"shared", d.truth.CoOccurringPairs[0]}} {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s-%dx%d", pair.name, sz[0], sz[1]), func(t *testing.T) {
				// The root's body at this terminal size: header, crumbs,
				// status and help take four lines.
				w, h := sz[0], sz[1]-4
				v := d.open(t, pair.ids, w, h)
				out := v.View()
				uitest.CheckFrame(t, out, w, h)
				a, b := v.Grids()
				if !strings.Contains(out, "Verdict "+v.Comparison().Verdict.String()) || !strings.Contains(out, "Born ") {
					t.Errorf("the verdict or the strips are not shown:\n%s", out)
				}
				minRows := 1
				if sz[1] >= 40 {
					minRows = 2
				}
				if a.Rows() < minRows || b.Rows() < minRows || !strings.Contains(out, "faces, outliers first") {
					t.Errorf("grids of %d and %d rows of tiles, want %d:\n%s", a.Rows(), b.Rows(), minRows, out)
				}
				golden.RequireEqual(t, []byte(out))
			})
		}
	}
}

func TestCompareGridsShowBothClustersFacesOutliersFirst(t *testing.T) {
	d := startCompareDemo(t, uitest.NewImages(uitest.NoColour, nil))
	pair := d.truth.SplitPairs[0]
	v := d.open(t, pair, 120, 36)
	a, b := v.Grids()
	for i, g := range []*facegrid.Model{a, b} {
		faces, _, _ := d.env.Quality.Faces(pair[i])
		if g.Len() != len(faces) || len(faces) == 0 {
			t.Fatalf("grid %d has %d faces, the cluster %d", i, g.Len(), len(faces))
		}
		// What a crop is planned from came with the pages: the disk
		// cache's key (ETag) and the picture's rotation (Orientation).
		if f := faces[0].File; f.ETag == "" || f.MediaType == "image" && f.Orientation == 0 {
			t.Errorf("side %d: the faces' files lack ETag or Orientation: %q, %d", i, f.ETag, f.Orientation)
		}
		// The Members order: review's worst first (a low cluster
		// confidence leads).
		if !review.Default().LowCluster(faces[0].Figure.FigureClusterConfidence) && faces[0].Flags == 0 {
			t.Errorf("side %d starts with an unflagged face", i)
		}
	}
	// The faces are those the comparison read: the grids fetch no file.
	for _, c := range d.emu.Calls() {
		if c.Action != "SimpleQuery" && c.Action != "BatchGetFigureCluster" {
			t.Errorf("a %s call besides the comparison's pages", c.Action)
		}
	}
	out := v.View()
	faces, _, _ := d.env.Quality.Faces(pair[0])
	conf := fmt.Sprintf("%.2f", faces[0].Figure.FigureClusterConfidence)
	if !strings.Contains(out, conf) {
		t.Errorf("A's first tile lacks its confidence %s:\n%s", conf, out)
	}
}

func TestCompareFramesFitEverySize(t *testing.T) {
	d := startCompareDemo(t, uitest.NewImages(uitest.HalfBlock256, nil))
	v := d.open(t, d.truth.CoOccurringPairs[0], 80, 20)
	for _, sz := range [][2]int{{1, 1}, {14, 40}, {40, 10}, {60, 15}, {80, 16}, {80, 20}, {100, 26}, {120, 36}, {200, 60}} {
		v.SetSize(sz[0], sz[1])
		uitest.Run(v, v.LoadVisible())
		for _, k := range []string{"", "tab", "right", "down", "G", "tab", "pgdown", "l", "shift+tab", "g"} {
			if k != "" {
				press(v, k)
			}
			uitest.CheckFrame(t, v.View(), sz[0], sz[1])
		}
	}
}

func TestCompareTooSmallForTilesSaysSoInOneLine(t *testing.T) {
	d := startCompareDemo(t, uitest.NewImages(uitest.HalfBlock256, nil))
	for _, sz := range [][2]int{{80, 16}, {14, 40}} {
		v := d.open(t, d.truth.SplitPairs[0], sz[0], sz[1])
		out := v.View()
		uitest.CheckFrame(t, out, sz[0], sz[1])
		if n := strings.Count(out, "Faces not"); n != 1 || strings.Contains(out, "outliers first") || strings.Contains(out, "▀") {
			t.Errorf("%dx%d: want one line saying the faces do not fit and no tile:\n%s", sz[0], sz[1], out)
		}
		if strings.Contains(helpText(v.ShortHelp()), "tab") {
			t.Errorf("%dx%d: tab offered with no grid shown: %s", sz[0], sz[1], helpText(v.ShortHelp()))
		}
	}
}

func TestCompareTabMovesTheFocusBetweenSharedFilesAndBothGrids(t *testing.T) {
	d := startCompareDemo(t, uitest.NewImages(uitest.NoColour, nil))
	v := d.open(t, d.truth.CoOccurringPairs[0], 120, 36)
	a, b := v.Grids()
	if !strings.Contains(helpText(v.ShortHelp()), "enter open file") || !strings.Contains(helpText(v.ShortHelp()), "tab focus") {
		t.Errorf("the shared files first: help %s", helpText(v.ShortHelp()))
	}
	press(v, "down")
	if a.Cursor() != 0 || b.Cursor() != 0 {
		t.Fatalf("down on the files moved a grid: %d, %d", a.Cursor(), b.Cursor())
	}
	press(v, "tab", "right")
	if a.Cursor() != 1 || b.Cursor() != 0 {
		t.Errorf("tab, right: cursors %d, %d; want A's on 1", a.Cursor(), b.Cursor())
	}
	if h := helpText(v.ShortHelp()); !strings.Contains(h, "enter open face") || !strings.Contains(h, a.Keys.Left.Help().Key+" move") {
		t.Errorf("a grid focused: help %s", h)
	}
	if !strings.Contains(v.View(), "> A ") {
		t.Errorf("A's label does not show the focus:\n%s", v.View())
	}
	press(v, "tab", "l", "l", "h")
	if a.Cursor() != 1 || b.Cursor() != 1 {
		t.Errorf("tab, l l h: cursors %d, %d; want B's on 1", a.Cursor(), b.Cursor())
	}
	press(v, "tab", "down") // the files again: down moves their cursor, not a grid's
	if a.Cursor() != 1 || b.Cursor() != 1 {
		t.Errorf("back on the files, down moved a grid: %d, %d", a.Cursor(), b.Cursor())
	}
	msgs := messages(v.Update(uitest.Key("enter")))
	if p, ok := single(msgs).(views.PushMsg); !ok || p.View.(*views.File).URI() != v.Comparison().SharedFiles[2] {
		t.Errorf("enter on the files after down, down: %v, want the third shared file", msgs)
	}
	press(v, "shift+tab", "right")
	if b.Cursor() != 2 {
		t.Errorf("shift+tab goes back to B: its cursor %d", b.Cursor())
	}
}

func TestCompareWithoutSharedFilesFocusesTheGrids(t *testing.T) {
	d := startCompareDemo(t, uitest.NewImages(uitest.NoColour, nil))
	v := d.open(t, d.truth.SplitPairs[0], 120, 36)
	a, b := v.Grids()
	press(v, "right")
	press(v, "tab", "right", "right")
	press(v, "tab", "right") // A again: no file list to stop at
	if a.Cursor() != 2 || b.Cursor() != 2 {
		t.Errorf("cursors %d, %d; want 2, 2", a.Cursor(), b.Cursor())
	}
}

func TestCompareWithoutSharedFilesSaysTabMovesBetweenTheGrids(t *testing.T) {
	d := startCompareDemo(t, uitest.NewImages(uitest.NoColour, nil))
	v := d.open(t, d.truth.SplitPairs[0], 120, 36)
	for _, h := range []string{helpText(v.ShortHelp()), helpText(slices.Concat(v.FullHelp()...))} {
		if !strings.Contains(h, "tab focus A/B") || strings.Contains(h, "files/A/B") {
			t.Errorf("no shared file, yet the help says %s", h)
		}
	}
	shared := d.open(t, d.truth.CoOccurringPairs[0], 120, 36)
	if h := helpText(shared.ShortHelp()); !strings.Contains(h, "tab focus files/A/B") {
		t.Errorf("shared files, yet the help says %s", h)
	}
}

func TestCompareEnterOpensTheSelectedFacesFileOnThatFace(t *testing.T) {
	d := startCompareDemo(t, uitest.NewImages(uitest.NoColour, nil))
	pair := d.truth.CoOccurringPairs[0]
	v := d.open(t, pair, 120, 36)
	a, _ := v.Grids()
	for _, tc := range []struct {
		keys []string
		side int
	}{{[]string{"tab", "right", "down"}, 0}, {[]string{"tab", "l"}, 1}} {
		press(v, tc.keys...)
		want := 1 + a.Columns()
		if tc.side == 1 {
			want = 1
		}
		faces, _, _ := d.env.Quality.Faces(pair[tc.side])
		face := faces[want]
		p, ok := single(messages(v.Update(uitest.Key("enter")))).(views.PushMsg)
		if !ok {
			t.Fatalf("side %d: enter pushed nothing", tc.side)
		}
		f := p.View.(*views.File)
		d.mu.Lock()
		ctx := d.panes[len(d.panes)-1]
		d.mu.Unlock()
		if f.URI() != face.File.URI || f.ClusterID() != pair[tc.side] || ctx.FigureID != face.Figure.FigureId {
			t.Errorf("side %d: opened %s in %s on face %s; want %s in %s on %s", tc.side,
				f.URI(), f.ClusterID(), ctx.FigureID, face.File.URI, pair[tc.side], face.Figure.FigureId)
		}
		f.Close()
	}
}

// fetchLog records the pictures read.
type fetchLog struct {
	mu   sync.Mutex
	uris []string
}

func (l *fetchLog) fetch(ctx context.Context, uri, process string) ([]byte, error) {
	l.mu.Lock()
	l.uris = append(l.uris, uri)
	l.mu.Unlock()
	return uitest.Picture(uri), nil
}

func (l *fetchLog) read() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.uris)
}

// loadable are the files of the faces a grid shows and of its next screen.
func loadable(g *facegrid.Model, faces []review.Flagged) map[string]bool {
	out := map[string]bool{}
	for i := g.Top() * g.Columns(); i < min((g.Top()+2*g.Rows())*g.Columns(), len(faces)); i++ {
		out[faces[i].File.URI] = true
	}
	return out
}

func TestCompareLoadsPicturesOnlyForTheTilesOnScreen(t *testing.T) {
	log := &fetchLog{}
	d := startCompareDemo(t, uitest.NewImages(uitest.HalfBlock256, log.fetch))
	pair := d.truth.SplitPairs[0]
	small := d.open(t, pair, 40, 10)
	if got := log.read(); len(got) != 0 {
		t.Fatalf("no grid at 40x10, yet %d pictures read", len(got))
	}
	small.Close()

	v := d.open(t, pair, 120, 36)
	a, b := v.Grids()
	fa, _, _ := d.env.Quality.Faces(pair[0])
	fb, _, _ := d.env.Quality.Faces(pair[1])
	if len(fa) <= 2*a.Rows()*a.Columns() {
		t.Fatalf("A has %d faces: not more than two screens of %dx%d", len(fa), a.Columns(), a.Rows())
	}
	// check: the pictures read since from were all of faces on screen or
	// on the next screen.
	check := func(when string, from int) {
		t.Helper()
		ok := loadable(a, fa)
		for u := range loadable(b, fb) {
			ok[u] = true
		}
		for _, u := range log.read()[from:] {
			if !ok[u] {
				t.Errorf("%s: %s read, not on screen nor the next", when, u)
			}
		}
	}
	check("opened", 0)
	if len(log.read()) == 0 {
		t.Fatal("no picture read")
	}
	drawn := false // a line with a picture on each half
	for _, l := range strings.Split(v.View(), "\n") {
		left, right, ok := strings.Cut(l, " | ")
		drawn = drawn || ok && strings.Contains(left, "▀") && strings.Contains(right, "▀")
	}
	if !drawn {
		t.Errorf("no picture drawn on both grids:\n%s", v.View())
	}
	n := len(log.read())
	press(v, "pgdown", "pgdown") // A has the focus: no shared file to list
	if len(log.read()) == n || a.Top() == 0 {
		t.Errorf("paging A down to row %d read no picture", a.Top())
	}
	check("after paging A", n)
}

// single is the one message of msgs (nil otherwise).
func single(msgs []tea.Msg) tea.Msg {
	if len(msgs) != 1 {
		return nil
	}
	return msgs[0]
}
