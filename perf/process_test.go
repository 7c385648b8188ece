package perf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// The built programs in a pseudo-terminal of 120x40 that answers the
// terminal queries a real one answers (cursor position, background
// colour), so nothing waits for a timeout: start-up to the first frame
// with cluster rows, and CPU while idle. The floor is a bare Bubble Tea
// program drawing one line (internal/floor).

var (
	rowsFrame  = regexp.MustCompile(`[1-9][0-9,]* loaded`)
	floorFrame = regexp.MustCompile(`floor ready`)
	binaries   once[[2]string]
)

// built returns the paths of immtui and the floor program, built once.
func built(b *testing.B) (immtui, floor string) {
	p, err := binaries.get(func() ([2]string, error) {
		dir, err := os.MkdirTemp("", "immtui-perf-")
		if err != nil {
			return [2]string{}, err
		}
		sharedTB{b}.Cleanup(func() { os.RemoveAll(dir) })
		out := [2]string{filepath.Join(dir, "immtui"), filepath.Join(dir, "floor")}
		for i, pkg := range []string{"github.com/immtui/immtui", "github.com/immtui/immtui/perf/internal/floor"} {
			if msg, err := exec.Command("go", "build", "-o", out[i], pkg).CombinedOutput(); err != nil {
				return out, fmt.Errorf("go build %s: %v\n%s", pkg, err, msg)
			}
		}
		return out, nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return p[0], p[1]
}

// ptyProc is a program running on a pty we hold the master of.
type ptyProc struct {
	cmd     *exec.Cmd
	master  *os.File
	started time.Time
	mu      sync.Mutex
	out     bytes.Buffer
	seen    time.Time // when want first matched
	want    *regexp.Regexp
	readers sync.WaitGroup
}

func startPty(path string, want *regexp.Regexp, args ...string) (*ptyProc, error) {
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, err
	}
	fd := int(master.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		master.Close()
		return nil, err
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		master.Close()
		return nil, err
	}
	slave, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		return nil, err
	}
	defer slave.Close()
	if err := unix.IoctlSetWinsize(int(slave.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 40, Col: 120}); err != nil {
		master.Close()
		return nil, err
	}
	cmd := exec.Command(path, args...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "COLORTERM=")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	p := &ptyProc{cmd: cmd, master: master, want: want}
	p.started = time.Now()
	if err := cmd.Start(); err != nil {
		master.Close()
		return nil, err
	}
	p.readers.Add(1)
	go p.read()
	return p, nil
}

// read collects the output, answers terminal queries and notes when the
// awaited frame arrived.
func (p *ptyProc) read() {
	defer p.readers.Done()
	buf := make([]byte, 64<<10)
	for {
		n, err := p.master.Read(buf)
		now := time.Now()
		if n > 0 {
			chunk := buf[:n]
			if bytes.Contains(chunk, []byte("\x1b[6n")) {
				_, _ = p.master.Write([]byte("\x1b[1;1R"))
			}
			if bytes.Contains(chunk, []byte("\x1b]11;?")) {
				_, _ = p.master.Write([]byte("\x1b]11;rgb:0000/0000/0000\x1b\\"))
			}
			p.mu.Lock()
			p.out.Write(chunk)
			if p.seen.IsZero() && p.want.Match(p.out.Bytes()) {
				p.seen = now
			}
			p.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// waitFrame waits for the awaited frame and returns how long after the
// exec it came.
func (p *ptyProc) waitFrame(limit time.Duration) (time.Duration, error) {
	for end := time.Now().Add(limit); time.Now().Before(end); time.Sleep(200 * time.Microsecond) {
		p.mu.Lock()
		seen := p.seen
		p.mu.Unlock()
		if !seen.IsZero() {
			return seen.Sub(p.started), nil
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return 0, fmt.Errorf("no frame matching %s within %v; output: %q", p.want, limit, p.out.String())
}

// stop asks the program to quit with q, and kills it if it does not.
func (p *ptyProc) stop() {
	_, _ = p.master.Write([]byte("q"))
	done := make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		_ = p.cmd.Process.Kill()
		<-done
	}
	p.master.Close()
	p.readers.Wait()
}

// cpuTime is the CPU time of every thread of the process so far, in ns
// (/proc/PID/task/*/schedstat: its first field).
func (p *ptyProc) cpuTime() (time.Duration, error) {
	tasks, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/schedstat", p.cmd.Process.Pid))
	if err != nil || len(tasks) == 0 {
		return 0, fmt.Errorf("no schedstat for %d: %v", p.cmd.Process.Pid, err)
	}
	var sum time.Duration
	for _, t := range tasks {
		raw, err := os.ReadFile(t)
		if err != nil {
			continue // a thread that just ended
		}
		ns, err := strconv.ParseInt(strings.Fields(string(raw))[0], 10, 64)
		if err == nil {
			sum += time.Duration(ns)
		}
	}
	return sum, nil
}

// BenchmarkStartToFirstFrame: exec of the built `immtui --demo` to the
// first frame showing cluster rows on the pty, median over the runs,
// against the floor program's first frame. Target: <= 150 ms median.
func BenchmarkStartToFirstFrame(b *testing.B) {
	immtui, floor := built(b)
	var app, bare []time.Duration
	for b.Loop() {
		for r := 0; r < startRuns; r++ {
			startOnce(b, immtui, floor, &app, &bare)
		}
	}
	slices.Sort(app)
	slices.Sort(bare)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(pct(app, 0.5)), "immtui-median-ms")
	b.ReportMetric(ms(app[len(app)-1]), "immtui-max-ms")
	b.ReportMetric(ms(pct(bare, 0.5)), "floor-median-ms")
	b.ReportMetric(float64(len(app)), "runs")
}

// startRuns is how many starts of each program one op measures.
const startRuns = 15

func startOnce(b *testing.B, immtui, floor string, app, bare *[]time.Duration) {
	{
		for _, x := range []struct {
			path string
			want *regexp.Regexp
			args []string
			into *[]time.Duration
		}{{immtui, rowsFrame, []string{"--demo"}, app}, {floor, floorFrame, nil, bare}} {
			p, err := startPty(x.path, x.want, x.args...)
			if err != nil {
				b.Fatal(err)
			}
			d, err := p.waitFrame(10 * time.Second)
			p.stop()
			if err != nil {
				b.Fatal(err)
			}
			*x.into = append(*x.into, d)
		}
	}
}

// BenchmarkIdleCPU: CPU used by `immtui --demo` over 5 s with nothing
// changing (no key, no spinner: every request answered), after the first
// frame and a 1 s settle; the floor program beside it. Target: < 0.5 %.
func BenchmarkIdleCPU(b *testing.B) {
	immtui, floor := built(b)
	const window = 5 * time.Second
	var appPct, barePct float64
	for b.Loop() {
		for _, x := range []struct {
			path string
			want *regexp.Regexp
			args []string
			into *float64
		}{{immtui, rowsFrame, []string{"--demo"}, &appPct}, {floor, floorFrame, nil, &barePct}} {
			p, err := startPty(x.path, x.want, x.args...)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := p.waitFrame(10 * time.Second); err != nil {
				p.stop()
				b.Fatal(err)
			}
			time.Sleep(time.Second)
			c0, err0 := p.cpuTime()
			t0 := time.Now()
			time.Sleep(window)
			c1, err1 := p.cpuTime()
			wall := time.Since(t0)
			p.stop()
			if err0 != nil || err1 != nil {
				b.Fatal(err0, err1)
			}
			*x.into += 100 * float64(c1-c0) / float64(wall)
		}
	}
	b.ReportMetric(appPct/float64(b.N), "immtui-cpu-%")
	b.ReportMetric(barePct/float64(b.N), "floor-cpu-%")
}
