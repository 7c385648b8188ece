package perf

import (
	"os"
	"regexp"
	"slices"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/ui"
)

// Key press -> frame on the terminal, with a real tea.Program (default
// 60 fps, alt screen, as main.go runs it): keys are written to an os.Pipe
// (kernel-buffered like a tty), and the output writer timestamps every
// frame and reads which row it shows selected. The latency of key i is
// the first frame showing row i+1 selected minus the moment key i was
// written. The list has 100,000 clusters paged in (loaded_test.go).

// started is the loaded model as a program gets it: already initialised,
// so Init asks for nothing (a second first page would duplicate rows).
type started struct{ m *ui.Model }

func (s started) Init() tea.Cmd { return nil }
func (s started) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := s.m.Update(msg)
	return s, cmd
}
func (s started) View() string { return s.m.View() }

var selectedID = regexp.MustCompile(`> [^\n\x1b]*?(Cluster-[0-9a-f-]{36})`)

type frame struct {
	at  time.Time
	row int // the selected row shown, -1 when the write shows none
}

// stampWriter is the program's terminal: it keeps when each write came
// and which row it shows selected.
type stampWriter struct {
	index map[string]int
	mu    sync.Mutex
	fr    []frame
	bytes int
}

func (w *stampWriter) Write(p []byte) (int, error) {
	now := time.Now()
	row := -1
	if m := selectedID.FindSubmatch(p); m != nil {
		if i, ok := w.index[string(m[1])]; ok {
			row = i
		}
	}
	w.mu.Lock()
	w.fr = append(w.fr, frame{now, row})
	w.bytes += len(p)
	w.mu.Unlock()
	return len(p), nil
}

func (w *stampWriter) frames() []frame {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.fr)
}

func (w *stampWriter) waitRow(row int, limit time.Duration) bool {
	for end := time.Now().Add(limit); time.Now().Before(end); time.Sleep(time.Millisecond) {
		for _, f := range w.frames() {
			if f.row >= row {
				return true
			}
		}
	}
	return false
}

type keyRun struct {
	lat      []time.Duration // sorted
	lastGap  time.Duration   // last frame - last key
	frames   int
	bytesPer float64
}

// runKeys sends n ↓ keys gap apart to a program showing l and measures.
func runKeys(b *testing.B, l *loaded, n int, gap time.Duration) keyRun {
	b.Helper()
	l.model.Update(tea.KeyMsg{Type: tea.KeyHome})
	index := make(map[string]int, n+1)
	for i, r := range l.list.Rows()[:n+1] {
		index[r.ID] = i
	}
	pr, pw, err := os.Pipe()
	if err != nil {
		b.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	w := &stampWriter{index: index}
	p := tea.NewProgram(started{l.model}, tea.WithInput(pr), tea.WithOutput(w),
		tea.WithoutSignals(), tea.WithAltScreen())
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	p.Send(tea.WindowSizeMsg{Width: screenW, Height: screenH})
	if !w.waitRow(0, 5*time.Second) {
		p.Kill()
		<-done
		b.Fatal("no first frame")
	}
	startFrames := len(w.frames())
	sent := make([]time.Time, n)
	t0 := time.Now()
	for i := 0; i < n; i++ {
		time.Sleep(time.Until(t0.Add(time.Duration(i) * gap)))
		sent[i] = time.Now()
		if _, err := pw.Write([]byte("\x1b[B")); err != nil {
			b.Fatal(err)
		}
	}
	ok := w.waitRow(n, 10*time.Second)
	p.Quit()
	if err := <-done; err != nil {
		b.Fatal(err)
	}
	if !ok {
		b.Fatalf("the frame for key %d never came", n)
	}
	fr := w.frames()
	var r keyRun
	r.frames = len(fr) - startFrames
	j := 0
	for i := 0; i < n; i++ {
		for j < len(fr) && (fr[j].row < i+1 || fr[j].at.Before(sent[i])) {
			j++
		}
		if j == len(fr) {
			b.Fatalf("no frame for key %d", i)
		}
		r.lat = append(r.lat, fr[j].at.Sub(sent[i]))
		if i == n-1 {
			r.lastGap = fr[j].at.Sub(sent[i])
		}
	}
	slices.Sort(r.lat)
	r.bytesPer = float64(w.bytes) / float64(max(r.frames, 1))
	return r
}

func reportKeys(b *testing.B, runs []keyRun) {
	var all []time.Duration
	var last time.Duration
	frames := 0
	for _, r := range runs {
		all = append(all, r.lat...)
		last = max(last, r.lastGap)
		frames += r.frames
	}
	slices.Sort(all)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(pct(all, 0.5)), "p50-ms")
	b.ReportMetric(ms(pct(all, 0.99)), "p99-ms")
	b.ReportMetric(ms(all[len(all)-1]), "max-ms")
	b.ReportMetric(ms(last), "last-frame-after-last-key-ms")
	b.ReportMetric(float64(frames)/float64(len(runs)), "frames/run")
}

// BenchmarkKeyToFrameHold30Hz: holding ↓ (150 keys 33 ms apart).
// Target: p99 <= 25 ms.
func BenchmarkKeyToFrameHold30Hz(b *testing.B) {
	l := getLoaded(b, 100000)
	var runs []keyRun
	for b.Loop() {
		runs = append(runs, runKeys(b, l, 150, 33*time.Millisecond))
	}
	reportKeys(b, runs)
}

// BenchmarkKeyToFrameBurst5ms: 150 ↓ 5 ms apart (wheel speed).
// Target: p99 <= 50 ms and the last frame within 50 ms of the last key.
func BenchmarkKeyToFrameBurst5ms(b *testing.B) {
	l := getLoaded(b, 100000)
	var runs []keyRun
	for b.Loop() {
		runs = append(runs, runKeys(b, l, 150, 5*time.Millisecond))
	}
	reportKeys(b, runs)
}
