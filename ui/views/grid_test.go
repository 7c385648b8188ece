package views_test

import (
	"context"
	"fmt"
	"image"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/immtui/immtui/facepic"
	"github.com/immtui/immtui/imagecache"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/termimage"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/views"
	"github.com/immtui/immtui/ui/widgets/faceimg"
)

// stack routes messages as the root does: keys to the grid on top, the
// rest to the cluster's view and then the grid.
type stack struct {
	c *views.Cluster
	g *views.Grid
}

func (s stack) Update(msg tea.Msg) tea.Cmd {
	if _, ok := msg.(tea.KeyMsg); ok {
		return s.g.Update(msg)
	}
	return tea.Batch(s.c.Update(msg), s.g.Update(msg))
}

// openGrid opens cluster 0 (n members with pictures) and its grid over it
// at w x h, drawn with im, and runs every command.
func openGrid(t testing.TB, n, w, h int, im *faceimg.Images) (stack, *uitest.Fake) {
	t.Helper()
	f, id, _ := membersFake(n, 40)
	f.GivePictures()
	env := newEnv(f)
	env.Images = im
	c := views.NewCluster(env, id, nil)
	t.Cleanup(c.Close)
	c.SetSize(w, h)
	uitest.Run(c, c.Init())
	g := views.NewGrid(env, c)
	t.Cleanup(g.Close)
	g.SetSize(w, h)
	s := stack{c, g}
	uitest.Run(s, g.Init())
	return s, f
}

func TestGoldenFaceGrid(t *testing.T) {
	for _, mode := range []struct {
		name string
		c    termimage.Capability
	}{{"halfblock256", uitest.HalfBlock256}, {"placeholder", uitest.NoColour}} {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s-%dx%d", mode.name, sz[0], sz[1]), func(t *testing.T) {
				s, _ := openGrid(t, 60, sz[0], sz[1], uitest.NewImages(mode.c, nil))
				uitest.Run(s, s.g.Update(uitest.Key("right")))
				v := s.g.View()
				uitest.CheckFrame(t, v, sz[0], sz[1])
				golden.RequireEqual(t, []byte(v))
			})
		}
	}
}

func TestFaceGridFramesFitEverySize(t *testing.T) {
	s, _ := openGrid(t, 30, 80, 24, uitest.NewImages(uitest.HalfBlock256, nil))
	for _, sz := range [][2]int{{1, 1}, {5, 3}, {12, 8}, {30, 10}, {45, 17}, {80, 24}, {119, 39}, {200, 60}} {
		s.g.SetSize(sz[0], sz[1])
		for _, k := range []string{"", "right", "down", "pgdown", "G", "up", "g"} {
			if k != "" {
				uitest.Run(s, s.g.Update(uitest.Key(k)))
			}
			uitest.CheckFrame(t, s.g.View(), sz[0], sz[1])
		}
	}
}

func TestFaceGridShowsMembersInTheirOrderAndSharesTheSelection(t *testing.T) {
	s, _ := openGrid(t, 30, 120, 40, uitest.NewImages(uitest.HalfBlock256, nil))
	m := s.c.Members()
	if s.g.Images().Len() != m.Len() || m.Len() == 0 {
		t.Fatalf("grid has %d faces, members %d", s.g.Images().Len(), m.Len())
	}
	uitest.Run(s, s.g.Update(uitest.Key("right")))
	uitest.Run(s, s.g.Update(uitest.Key("down")))
	want := 1 + s.g.Images().Columns()
	if m.Cursor() != want {
		t.Errorf("members cursor %d after right, down; want %d (the grid's)", m.Cursor(), want)
	}
	uri, fig := m.Row(want)
	cmd := s.g.Update(uitest.Key("enter"))
	msgs := messages(cmd)
	if len(msgs) != 1 {
		t.Fatalf("enter gave %v, want one push", msgs)
	}
	push, ok := msgs[0].(views.PushMsg)
	if !ok {
		t.Fatalf("enter gave %T, want a push of the file", msgs[0])
	}
	push.View.SetSize(120, 40)
	uitest.Run(push.View, push.View.Init())
	if !strings.Contains(push.View.View(), uri) || !strings.Contains(push.View.View(), "[2 Faces]") {
		t.Errorf("the file does not open on the faces of the one chosen (%s, %s):\n%s", uri, fig.FigureId, push.View.View())
	}
}

// hangingReads is a picture source whose reads end only when cancelled.
type hangingReads struct {
	started chan string
}

func (h *hangingReads) fetch(ctx context.Context, uri, process string) ([]byte, error) {
	h.started <- uri
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestScrollingTheGridCancelsTheLoadsOfRowsScrolledAway(t *testing.T) {
	h := &hangingReads{started: make(chan string, 100)}
	im := uitest.NewImages(uitest.HalfBlock256, h.fetch)
	f, id, _ := membersFake(200, 100)
	f.GivePictures()
	env := newEnv(f)
	env.Images = im
	c := views.NewCluster(env, id, nil)
	defer c.Close()
	c.SetSize(80, 24)
	uitest.Run(c, c.Init())
	g := views.NewGrid(env, c)
	defer g.Close()
	g.SetSize(80, 24)
	s := stack{c, g}
	// The members' pages arrive (at the cluster's view alone, so no
	// picture is asked for yet); then the grid asks for what it shows,
	// and those loads are held.
	uitest.Run(c, g.Init())
	loads := loadCmds(t, g)
	if len(loads) == 0 {
		t.Fatal("the grid asked for no picture")
	}
	replies := make(chan tea.Msg, len(loads))
	for _, l := range loads {
		go func() { replies <- l() }()
	}
	<-h.started // a read is under way
	for range 6 {
		g.Update(uitest.Key("pgdown")) // far past the first screens
	}
	for range loads { // each returns only once its read was cancelled
		msg := <-replies
		before := g.View()
		s.Update(msg)
		if g.View() != before {
			t.Error("a reply for a face scrolled away changed the grid")
		}
	}
}

// loadCmds asks the grid for the pictures on screen and returns the load
// commands without running them.
func loadCmds(t *testing.T, g *views.Grid) []tea.Cmd {
	t.Helper()
	cmd := g.LoadVisible()
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Cmd
		for _, c := range b {
			if c != nil {
				out = append(out, c)
			}
		}
		return out
	}
	t.Fatalf("one load, already run: %T", msg)
	return nil
}

// refused stands for OSS's AccessDenied.
type refused struct{}

func (refused) Error() string { return "AccessDenied" }

func TestFaceGridSaysOnceThatThePermissionIsMissingAndShowsTheNumbers(t *testing.T) {
	im := uitest.NewImages(uitest.HalfBlock256, func(ctx context.Context, uri, process string) ([]byte, error) {
		return nil, refused{}
	})
	im.Denied = func(err error) (string, bool) { _, ok := err.(refused); return "oss:GetObject", ok }
	s, _ := openGrid(t, 20, 120, 40, im)
	v := s.g.View()
	if n := strings.Count(v, "oss:GetObject"); n != 1 {
		t.Errorf("the permission is named %d times, want once:\n%s", n, v)
	}
	if !strings.Contains(v, "no access") || !strings.Contains(v, "0.05") {
		t.Errorf("the tiles should say no access and keep their numbers:\n%s", v)
	}
}

// BenchmarkFaceGridKeyToFrame is a key in the grid while scrolling (the
// selection moves a row; every other key a screen) to the frame drawn,
// pictures on screen loaded; frame-bytes is what that frame costs the
// terminal when every line changed (Bubble Tea rewrites changed lines).
func BenchmarkFaceGridKeyToFrame(b *testing.B) {
	for _, c := range []struct {
		name string
		c    termimage.Capability
	}{{"256", uitest.HalfBlock256}, {"truecolor", termimage.Capability{Protocol: termimage.ProtocolHalfBlock, Colors: termimage.ColorsTrueColor}}} {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			b.Run(fmt.Sprintf("%s-%dx%d", c.name, sz[0], sz[1]), func(b *testing.B) {
				s, _ := openGrid(b, 500, sz[0], sz[1], uitest.NewImages(c.c, demoPictures(b)))
				keys := []tea.KeyMsg{uitest.Key("down"), uitest.Key("down"), uitest.Key("up"), uitest.Key("up")}
				uitest.Run(s, s.g.LoadVisible())
				frame := s.g.View()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					s.g.Update(keys[i%len(keys)])
					frame = s.g.View()
				}
				b.ReportMetric(float64(len(frame)), "frame-bytes")
			})
		}
	}
}

// demoPictures draws the demo's faces (facepic) for the members of
// membersFake(500, _) with pictures, as the emulator's OSS would crop
// them: the frame bytes are those of real-looking faces.
func demoPictures(tb testing.TB) func(ctx context.Context, uri, process string) ([]byte, error) {
	f, _, _ := membersFake(500, 40)
	f.GivePictures()
	type job struct {
		file *imm.File
		r    image.Rectangle
		w    int
	}
	jobs := map[string]job{}
	for _, file := range f.FileMap {
		for i := range file.Figures {
			k, crop, err := imagecache.Request{File: file, Figure: &file.Figures[i]}.Plan()
			if err != nil {
				tb.Fatal(err)
			}
			jobs[file.URI+" "+k.Process] = job{file, crop.Stored, min(crop.Stored.Dx(), imagecache.DefaultCropWidth)}
		}
	}
	return func(ctx context.Context, uri, process string) ([]byte, error) {
		j, ok := jobs[uri+" "+process]
		if !ok {
			return nil, fmt.Errorf("no picture for %s %s", uri, process)
		}
		p := facepic.New(j.file, facepic.ByCluster(0.7))
		h := j.w * j.r.Dy() / max(j.r.Dx(), 1)
		return p.JPEG(j.r, j.w, h, 85), nil
	}
}

// A grid opened before the members' pages came takes each page as it
// arrives (the cluster's view below gets it first) and asks for the
// pictures of the faces now on screen; View only draws.
func TestFaceGridTakesPagesThatArriveWhileItIsShown(t *testing.T) {
	f, id, _ := membersFake(30, 40)
	f.GivePictures()
	var mu sync.Mutex
	reads := 0
	env := newEnv(f)
	env.Images = uitest.NewImages(uitest.HalfBlock256, func(ctx context.Context, uri, process string) ([]byte, error) {
		mu.Lock()
		reads++
		mu.Unlock()
		return nil, fmt.Errorf("no picture in this test")
	})
	c := views.NewCluster(env, id, nil)
	t.Cleanup(c.Close)
	c.SetSize(120, 40)
	first := c.Init() // not run yet: no page has come
	g := views.NewGrid(env, c)
	t.Cleanup(g.Close)
	g.SetSize(120, 40)
	if g.Images().Len() != 0 {
		t.Fatalf("the grid has %d faces before any page", g.Images().Len())
	}
	before := g.View()
	s := stack{c, g}
	uitest.Run(s, tea.Batch(first, g.Init()))
	if n := g.Images().Len(); n == 0 || n != c.Members().Len() {
		t.Fatalf("after the pages the grid has %d faces, the members %d", n, c.Members().Len())
	}
	if g.View() == before {
		t.Fatal("the grid still draws what it drew before the pages came")
	}
	mu.Lock()
	defer mu.Unlock()
	if reads == 0 {
		t.Fatal("the faces that came on screen were never asked for")
	}
}
