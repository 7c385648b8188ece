package faceimg_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"go.uber.org/goleak"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/termimage"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/widgets/faceimg"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// face is a planned face in its own file.
func face(i int) (*imm.File, *imm.Figure) {
	f := &imm.File{URI: fmt.Sprintf("oss://b/%02d.jpg", i), ImageWidth: 400, ImageHeight: 300, Orientation: 1,
		Figures: []imm.Figure{{FigureId: fmt.Sprintf("f%02d", i), Boundary: &imm.Boundary{Left: 100, Top: 80, Width: 80, Height: 100}}}}
	return f, &f.Figures[0]
}

func wants(from, to int) []faceimg.Want {
	var out []faceimg.Want
	for i := from; i < to; i++ {
		f, fg := face(i)
		out = append(out, faceimg.Want{File: f, Figure: fg, Cols: 10, Rows: 4})
	}
	return out
}

// batch lists a batch's commands without running them (a batch of one is
// that command: it is run, so only non-blocking loads come alone).
func batch(c tea.Cmd) []tea.Cmd {
	if c == nil {
		return nil
	}
	msg := c()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Cmd
		for _, x := range b {
			if x != nil {
				out = append(out, x)
			}
		}
		return out
	}
	return []tea.Cmd{func() tea.Msg { return msg }}
}

// blockingFetch waits for its context: every read hangs until cancelled,
// and the URIs cancelled are recorded.
type blockingFetch struct {
	mu        sync.Mutex
	started   map[string]bool
	cancelled map[string]bool
}

func (b *blockingFetch) fetch(ctx context.Context, uri, process string) ([]byte, error) {
	b.mu.Lock()
	b.started[uri] = true
	b.mu.Unlock()
	<-ctx.Done()
	b.mu.Lock()
	b.cancelled[uri] = true
	b.mu.Unlock()
	return nil, ctx.Err()
}

func TestScrollingAwayCancelsTheLoadsOfFacesNoLongerWanted(t *testing.T) {
	bf := &blockingFetch{started: map[string]bool{}, cancelled: map[string]bool{}}
	im := uitest.NewImages(uitest.HalfBlock256, bf.fetch)
	s := faceimg.NewSet(im, context.Background())
	defer s.Close()

	first := batch(s.Want(wants(0, 2)))
	if len(first) != 2 {
		t.Fatalf("%d loads started for 2 faces", len(first))
	}
	replies := make(chan tea.Msg, len(first))
	for _, c := range first {
		go func() { replies <- c() }()
	}
	// Scrolled: faces 0 and 1 are off screen, 2 and 3 are on it.
	next := batch(s.Want(wants(2, 4)))
	for range first {
		msg := <-replies
		if _, changed := s.Update(msg); changed {
			t.Error("a reply for a face scrolled away changed what is shown")
		}
	}
	// The replies came: the reads, which end only when cancelled, were.
	if len(next) != 2 || s.InFlight() != 2 {
		t.Fatalf("%d loads started, %d in flight; want the two faces on screen", len(next), s.InFlight())
	}
	s.Close() // the screen closes: its reads end too (or these calls hang)
	for _, c := range next {
		c()
	}
}

func TestOnlyAFewLoadsRunAtOnceTheRestFollowAsTheyEnd(t *testing.T) {
	im := uitest.NewImages(uitest.HalfBlock256, nil)
	s := faceimg.NewSet(im, context.Background())
	defer s.Close()
	started := batch(s.Want(wants(0, 10)))
	if len(started) != faceimg.DefaultInFlight {
		t.Fatalf("%d loads started at once, want %d", len(started), faceimg.DefaultInFlight)
	}
	cmd, changed := s.Update(started[0]())
	if !changed || len(batch(cmd)) != 1 {
		t.Fatalf("a finished load should show its face and start the next one (changed %v)", changed)
	}
	w := wants(0, 1)[0]
	if !s.Ready(w) || strings.Contains(strings.Join(s.Lines(w), ""), "...") {
		t.Error("the loaded face is not drawn")
	}
}

// refusal stands for the OSS client's PermissionError.
type refusal struct{}

func (refusal) Error() string { return "AccessDenied" }

func TestAPermissionRefusalIsSaidOnceAndNoFurtherReadIsTried(t *testing.T) {
	var mu sync.Mutex
	reads := 0
	im := uitest.NewImages(uitest.HalfBlock256, func(ctx context.Context, uri, process string) ([]byte, error) {
		mu.Lock()
		reads++
		mu.Unlock()
		return nil, refusal{}
	})
	im.Denied = func(err error) (string, bool) { return "oss:GetObject", errors.As(err, new(refusal)) }
	s := faceimg.NewSet(im, context.Background())
	defer s.Close()
	started := batch(s.Want(wants(0, 6)))
	s.Update(started[0]())
	if s.Denied() != "oss:GetObject" {
		t.Fatalf("Denied() = %q, want the permission named", s.Denied())
	}
	if c := s.Want(wants(0, 12)); c != nil {
		t.Error("reads are still asked for after a refusal")
	}
	w := wants(3, 4)[0]
	if got := strings.Join(s.Lines(w), ""); !strings.Contains(got, "no access") {
		t.Errorf("a face not loaded says %q, want no access", got)
	}
	mu.Lock()
	defer mu.Unlock()
	if reads != 1 {
		t.Errorf("%d reads, want the one refused", reads)
	}
}

func TestKittyPlaceholdersAreEmittedOnlyWhenKittyIsChosen(t *testing.T) {
	for _, c := range []termimage.Capability{
		uitest.HalfBlock256,
		{Protocol: termimage.ProtocolHalfBlock, Colors: termimage.ColorsTrueColor},
		uitest.NoColour,
		{Protocol: termimage.ProtocolKitty, Colors: termimage.ColorsTrueColor},
	} {
		im := uitest.NewImages(c, nil)
		s := faceimg.NewSet(im, context.Background())
		w := wants(0, 1)[0]
		var holds []tea.Cmd
		for _, cmd := range batch(s.Want([]faceimg.Want{w})) {
			hold, _ := s.Update(cmd())
			holds = append(holds, batch(hold)...)
		}
		out := strings.Join(s.Lines(w), "\n")
		kitty := strings.Contains(out, "\U0010EEEE") || strings.Contains(out, "\x1b_G")
		if kitty != (c.Protocol == termimage.ProtocolKitty) {
			t.Errorf("%v: kitty graphics in the frame: %v", c.Protocol, kitty)
		}
		if c.Protocol == termimage.ProtocolKitty {
			if !strings.HasPrefix(out, "\x1b_G") {
				t.Errorf("kitty: the first frame does not transmit the image: %q", out[:min(len(out), 80)])
			}
			for _, h := range holds { // the transmit's time on the frame ends
				s.Update(h())
			}
			if again := strings.Join(s.Lines(w), "\n"); strings.Contains(again, "\x1b_G") || !strings.Contains(again, "\U0010EEEE") {
				t.Error("kitty: the image is sent again on a later frame")
			}
		}
		if c.Protocol == termimage.ProtocolPlaceholder && !strings.Contains(out, "no colour") {
			t.Errorf("16 colours: the placeholder does not say why: %q", out)
		}
		s.Close()
	}
}

// The notice says why no picture is drawn, in the words main gave when
// the session has no storage to read them from.
func TestWhyNamesWhatIsMissing(t *testing.T) {
	r := termimage.NewRenderer(termimage.Capability{Protocol: termimage.ProtocolHalfBlock, Colors: termimage.ColorsTrueColor})
	cases := []struct {
		im   *faceimg.Images
		want string
	}{
		{nil, "no pictures in this session"},
		{&faceimg.Images{Renderer: r}, "no pictures in this session"},
		{&faceimg.Images{Renderer: r, NoSource: "no pictures: OSS needs a region"}, "no pictures: OSS needs a region"},
		{&faceimg.Images{Renderer: termimage.NewRenderer(termimage.Capability{}), Mode: termimage.ModeOff}, "no pictures in this session"},
	}
	for i, c := range cases {
		if got := c.im.Why(); got != c.want {
			t.Errorf("case %d: Why() = %q, want %q", i, got, c.want)
		}
	}
}
