package faceimg

import (
	"context"
	"errors"
	"strconv"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/facecrop"
	"github.com/immtui/immtui/imagecache"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/termimage"
)

var errCancelled = context.Canceled

// errRefused marks the faces not loaded because a read was refused.
var errRefused = errors.New("the storage refused to hand over the pictures")

// Want is one face a screen shows, at a size in cells.
type Want struct {
	File       *imm.File
	Figure     *imm.Figure
	Cols, Rows int
}

// key names a face at a size: the same face drawn at two sizes is two
// frames.
func (w Want) key() string {
	if w.File == nil || w.Figure == nil {
		return ""
	}
	return w.File.URI + "\x00" + w.Figure.FigureId + "\x00" + strconv.Itoa(w.Cols) + "x" + strconv.Itoa(w.Rows)
}

type slotState int

const (
	queued slotState = iota
	loading
	done
	failed
)

type slot struct {
	want   Want
	state  slotState
	req    int64
	cancel context.CancelFunc
	frame  termimage.Frame
	kitty  string // the cache key the renderer drew under (kitty ids)
	// transmit is the kitty transmit still to be put on the frame.
	transmit string
	err      error
	used     uint64 // when it was last wanted, for the bound on kept frames
}

// loadedMsg is the reply to one load.
type loadedMsg struct {
	req   int64
	key   string
	frame termimage.Frame
	kitty string
	err   error
}

// sentMsg ends the time a kitty transmit stays on the frame.
type sentMsg struct {
	req int64
	key string
}

// maxKept bounds the frames a Set keeps for faces no longer wanted, so
// scrolling back shows them at once without the Set growing with the list.
const maxKept = 256

// Set is the faces of one screen part (a grid, the Faces pane's crop, the
// cluster header's cover). Use NewSet; the zero value shows placeholders.
type Set struct {
	im       *Images
	ctx      context.Context
	cancel   context.CancelFunc
	inFlight int // loads running
	max      int
	slots    map[string]*slot
	queue    []string // wanted and not started, in the order wanted
	tick     uint64
	// permission is set when a read was refused for want of it: the
	// screen says so once and no further reads are tried.
	permission string
}

// NewSet is a Set whose loads end with ctx (the screen's) or Close.
func NewSet(im *Images, ctx context.Context) *Set {
	c, cancel := context.WithCancel(ctx)
	return &Set{im: im, ctx: c, cancel: cancel, max: DefaultInFlight, slots: make(map[string]*slot)}
}

// Close cancels every load.
func (s *Set) Close() {
	if s != nil && s.cancel != nil {
		s.cancel()
	}
}

// Denied is the permission a refused read named ("" when none was).
func (s *Set) Denied() string {
	if s == nil {
		return ""
	}
	return s.permission
}

// InFlight is the number of loads running (for tests and benchmarks).
func (s *Set) InFlight() int { return s.inFlight }

// Want makes wants the faces to have, in order of need (visible first):
// loads of faces no longer wanted are cancelled, new ones queued, and as
// many started as the in-flight bound allows. It returns their commands.
func (s *Set) Want(wants []Want) tea.Cmd {
	if s == nil || !s.im.Drawing() || s.permission != "" {
		return nil
	}
	s.tick++
	wanted := make(map[string]bool, len(wants))
	s.queue = s.queue[:0]
	for _, w := range wants {
		k := w.key()
		if k == "" || w.Cols <= 0 || w.Rows <= 0 || wanted[k] {
			continue
		}
		wanted[k] = true
		sl := s.slots[k]
		if sl == nil {
			sl = &slot{want: w}
			s.slots[k] = sl
		}
		sl.used = s.tick
		if sl.state == queued {
			s.queue = append(s.queue, k)
		}
	}
	for k, sl := range s.slots {
		if wanted[k] {
			continue
		}
		switch sl.state {
		case loading: // scrolled away: the read is cancelled
			sl.cancel()
			s.inFlight--
			delete(s.slots, k)
		case queued:
			delete(s.slots, k)
		}
	}
	s.trim()
	return s.pump()
}

// trim drops the frames wanted longest ago past maxKept.
func (s *Set) trim() {
	for len(s.slots) > maxKept {
		var oldest string
		var at uint64
		for k, sl := range s.slots {
			if sl.state >= done && (oldest == "" || sl.used < at) {
				oldest, at = k, sl.used
			}
		}
		if oldest == "" {
			return
		}
		delete(s.slots, oldest)
	}
}

// pump starts queued loads up to the bound.
func (s *Set) pump() tea.Cmd {
	var cmds []tea.Cmd
	for s.inFlight < s.max && len(s.queue) > 0 {
		k := s.queue[0]
		s.queue = s.queue[1:]
		sl := s.slots[k]
		if sl == nil || sl.state != queued {
			continue
		}
		cmds = append(cmds, s.start(k, sl))
	}
	return tea.Batch(cmds...)
}

func (s *Set) start(k string, sl *slot) tea.Cmd {
	ctx, cancel := context.WithCancel(s.ctx)
	req := s.im.nextID()
	sl.state, sl.req, sl.cancel = loading, req, cancel
	s.inFlight++
	cache, rd, w := s.im.Cache, s.im.Renderer, sl.want
	return func() tea.Msg {
		r := imagecache.Request{File: w.File, Figure: w.Figure}
		fr, face, err := cache.Draw(ctx, r, rd, w.Cols, w.Rows)
		return loadedMsg{req: req, key: k, frame: fr, kitty: face.Key.String(), err: err}
	}
}

// Update takes the replies to this Set's loads; it reports whether what
// the Set shows changed (the screen then draws again), and returns the
// next loads.
func (s *Set) Update(msg tea.Msg) (tea.Cmd, bool) {
	if s == nil {
		return nil, false
	}
	switch msg := msg.(type) {
	case loadedMsg:
		sl := s.slots[msg.key]
		if sl == nil || sl.state != loading || sl.req != msg.req {
			// Not (or no longer) wanted: a kitty image drawn for it never
			// reached the terminal, so the next draw must send it.
			if msg.frame.Transmit != "" && s.im != nil && s.im.Renderer != nil {
				s.im.Renderer.Forget(msg.kitty)
			}
			return nil, false
		}
		sl.cancel()
		s.inFlight--
		var hold tea.Cmd
		if msg.err != nil {
			sl.state, sl.err = failed, msg.err
			if p, ok := s.im.denied(msg.err); ok {
				s.refused(p)
				return nil, true
			}
		} else {
			sl.state, sl.frame, sl.kitty = done, msg.frame, msg.kitty
			if msg.frame.Transmit != "" {
				sl.transmit = msg.frame.Transmit
				req, key := msg.req, msg.key
				hold = tea.Tick(transmitHold, func(time.Time) tea.Msg { return sentMsg{req: req, key: key} })
			}
		}
		return tea.Batch(hold, s.pump()), true
	case sentMsg:
		if sl := s.slots[msg.key]; sl != nil && sl.req == msg.req && sl.transmit != "" {
			sl.transmit = ""
			return nil, true
		}
	}
	return nil, false
}

// refused stops every load: without the permission none can work, and
// the screen says so once instead of once per face.
func (s *Set) refused(permission string) {
	s.permission = permission
	for _, sl := range s.slots {
		if sl.state == loading {
			sl.cancel()
		}
		if sl.state <= loading {
			sl.state, sl.err = failed, errRefused
		}
	}
	s.inFlight = 0
	s.queue = nil
}

// Lines is face w drawn in exactly w.Cols x w.Rows cells: its picture when
// loaded, else a placeholder saying why not (loading, no access, none).
func (s *Set) Lines(w Want) []string {
	if w.Cols <= 0 || w.Rows <= 0 {
		return nil
	}
	if s == nil || !s.im.Drawing() {
		return termimage.Placeholder(w.Cols, w.Rows, placeholderWord(s))
	}
	sl := s.slots[w.key()]
	switch {
	case sl == nil || sl.state <= loading:
		if s.permission != "" {
			return termimage.Placeholder(w.Cols, w.Rows, "no access")
		}
		return termimage.Placeholder(w.Cols, w.Rows, "...")
	case sl.state == failed:
		return termimage.Placeholder(w.Cols, w.Rows, s.failWord(sl.err))
	}
	lines := sl.frame.Lines
	if sl.transmit != "" && len(lines) > 0 {
		out := make([]string, len(lines))
		copy(out, lines)
		out[0] = sl.transmit + out[0]
		return out
	}
	return lines
}

// Ready reports whether face w's picture is drawn (its Lines are the
// picture, not a placeholder).
func (s *Set) Ready(w Want) bool {
	if s == nil || !s.im.Drawing() {
		return false
	}
	sl := s.slots[w.key()]
	return sl != nil && sl.state == done
}

// Failed is the error of face w's last load (nil when it loaded, is
// loading or was never asked for).
func (s *Set) Failed(w Want) error {
	if s == nil {
		return nil
	}
	if sl := s.slots[w.key()]; sl != nil && sl.state == failed {
		return sl.err
	}
	return nil
}

func placeholderWord(s *Set) string {
	if s == nil || s.im == nil {
		return "face"
	}
	if s.im.Mode == termimage.ModeOff {
		return "off"
	}
	return "no colour"
}

// failWord is a placeholder's word for a face that could not be loaded.
func (s *Set) failWord(err error) string {
	if _, ok := s.im.denied(err); ok || errors.Is(err, errRefused) {
		return "no access"
	}
	if errors.Is(err, facecrop.ErrNoFace) || errors.Is(err, facecrop.ErrNoSize) {
		return "no crop"
	}
	return "no picture"
}

// IsReply reports whether msg is a Set's reply: hosts of several parts
// (the file panes) hand these to every part, not only to the one shown, so
// a part hidden while its picture loaded still gets it.
func IsReply(msg tea.Msg) bool {
	switch msg.(type) {
	case loadedMsg, sentMsg:
		return true
	}
	return false
}
