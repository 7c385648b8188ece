package perf

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/internal/teststack"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/views"
)

// Screen size of the scale figures (issue #5: 200x60).
const (
	screenW = 200
	screenH = 60
)

// loaded is the browser with a whole dataset paged into its cluster list
// the way a user gets there: the real root model, store and client against
// an emulator in a child process, PgDn pressed until every page is in (the
// list prefetches one page at a time). This process then holds only what
// immtui holds, so its heap and RSS are immtui's.
type loaded struct {
	emu   *remoteEmulator
	api   *client.Client
	wire  *teststack.Wire
	store *state.Store
	model *ui.Model
	list  *views.Clusters
	n     int

	walk         time.Duration // Init to the last page in
	calls, bytes int64         // QueryFigureClusters answers and their bytes
	// Live heap after GC: before the first page, with half and with all
	// of the clusters in.
	heapBase, heapHalf, heapFull uint64
	rssKB                        int64 // VmRSS with all in
}

var (
	loaded100k once[*loaded]
	loaded1k   once[*loaded]
)

func getLoaded(b *testing.B, n int) *loaded {
	b.Helper()
	o := &loaded1k
	if n == 100000 {
		o = &loaded100k
	}
	l, err := o.get(func() (*loaded, error) { return load(b, n) })
	if err != nil {
		b.Fatal(err)
	}
	return l
}

func asciiStyles() *theme.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return theme.New(r)
}

func load(b *testing.B, n int) (*loaded, error) {
	emu, err := startRemoteEmulator(b, n)
	if err != nil {
		return nil, err
	}
	l := &loaded{emu: emu, n: n}
	l.api, l.wire = newClient(b, emu.url)
	l.store = state.New(l.api, emu.project, emu.dataset, state.Options{})
	sharedTB{b}.Cleanup(func() {
		l.store.Close()
		l.api.Close()
		l.emu.close()
	})
	l.model = ui.NewModel(ui.Options{Store: l.store, Endpoint: emu.url, ReadOnly: true, Styles: asciiStyles()})
	l.model.Update(tea.WindowSizeMsg{Width: screenW, Height: screenH})
	l.list = l.model.Top().(*views.Clusters)
	l.heapBase = liveHeap()

	start := time.Now()
	drive(l.model, l.model.Init())
	pgdown := tea.KeyMsg{Type: tea.KeyPgDown}
	for len(l.list.Rows()) < n {
		before := len(l.list.Rows())
		for i := 0; i < 3 && len(l.list.Rows()) == before; i++ {
			_, cmd := l.model.Update(pgdown)
			drive(l.model, cmd)
		}
		if err := l.list.Err(); err != nil {
			return nil, err
		}
		if len(l.list.Rows()) == before {
			return nil, fmt.Errorf("paging stopped at %d of %d clusters", before, n)
		}
		if l.heapHalf == 0 && len(l.list.Rows()) >= n/2 {
			l.heapHalf = liveHeap()
		}
	}
	l.walk = time.Since(start)
	l.calls, l.bytes = l.wire.Reset()
	l.heapFull = liveHeap()
	l.rssKB = vmRSS()
	home := tea.KeyMsg{Type: tea.KeyHome}
	l.model.Update(home)
	b.Logf("%d clusters paged in: %d calls, %.1f MB, %v; heap %0.1f -> %0.1f -> %0.1f MB; RSS %d MB",
		n, l.calls, float64(l.bytes)/1e6, l.walk.Round(time.Millisecond),
		mb(l.heapBase), mb(l.heapHalf), mb(l.heapFull), l.rssKB/1024)
	return l, nil
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }

// liveHeap is the heap in use after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// vmRSS is this process's resident set in kB (/proc/self/status).
func vmRSS() int64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb
		}
	}
	return -1
}

// drive runs cmd and feeds its messages to m until nothing is left, like
// the Bubble Tea loop but synchronously (no rendering).
func drive(m tea.Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil, tea.QuitMsg:
		case spinner.TickMsg:
			m.Update(msg) // its next tick would sleep: not run
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}
