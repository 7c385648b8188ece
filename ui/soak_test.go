package ui_test

import (
	"math/rand"
	randv2 "math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
)

// networkGate sits in front of the emulator: while shut, every request
// waits (the network is stuck); the browser must go on handling keys.
type networkGate struct {
	next    http.Handler
	mu      sync.Mutex
	open    chan struct{} // closed while the gate is open
	waiting atomic.Int32
	held    atomic.Int32 // requests that ever waited
}

func newNetworkGate(next http.Handler) *networkGate {
	g := &networkGate{next: next, open: make(chan struct{})}
	close(g.open)
	return g
}

func (g *networkGate) shut() {
	g.mu.Lock()
	g.open = make(chan struct{})
	g.mu.Unlock()
}

func (g *networkGate) release() {
	g.mu.Lock()
	select {
	case <-g.open:
	default:
		close(g.open)
	}
	g.mu.Unlock()
}

// heldOne waits until a request has been held since the gate shut, at
// most limit (a bound on a wait for an event, not a measured time).
func (g *networkGate) heldOne(limit time.Duration) bool {
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if g.held.Load() > 0 {
			return true
		}
	}
	return g.held.Load() > 0
}

func (g *networkGate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	open := g.open
	g.mu.Unlock()
	select {
	case <-open:
	default:
		g.waiting.Add(1)
		g.held.Add(1)
		select {
		case <-open:
		case <-r.Context().Done():
		}
		g.waiting.Add(-1)
	}
	g.next.ServeHTTP(w, r)
}

// soakKeys are what a person browsing does, weighted by how often.
var soakKeys = []struct {
	key    string
	weight int
}{
	{"down", 20}, {"up", 8}, {"pgdown", 4}, {"pgup", 2}, {"G", 1}, {"g", 1}, {"end", 1}, {"home", 1},
	{"enter", 8}, {"esc", 6}, {"backspace", 1}, {"tab", 4}, {"shift+tab", 2},
	{"1", 2}, {"2", 3}, {"3", 2}, {"4", 2}, {"5", 2}, {"6", 2}, {"7", 2},
	{"s", 2}, {"S", 2}, {"r", 2}, {"w", 1}, {"?", 1}, {"j", 2}, {"k", 1},
}

func pickKey(rng *rand.Rand) string {
	total := 0
	for _, k := range soakKeys {
		total += k.weight
	}
	n := rng.Intn(total)
	for _, k := range soakKeys {
		if n < k.weight {
			return k.key
		}
		n -= k.weight
	}
	return "down"
}

// TestSoakThousandStepsUnderFaults browses for 1,000 scripted steps while
// the emulator injects latency spikes, 5xx, throttling and truncated
// bodies, and for 90 of them the network does not answer at all. Every key
// is handled (the loop never waits on a reply), every frame fits, errors
// show on the status line and clear once the network is well again,
// retries stay within MaxAttempts, and nothing is left running (TestMain's
// goleak, and -race in make test).
func TestSoakThousandStepsUnderFaults(t *testing.T) {
	t.Parallel() // heavy: it runs beside the package\'s other tests
	const steps, w, h = 1000, 100, 30
	d := dataset.Generate(dataset.Options{Seed: 11, Clusters: 400})
	faults := emulator.Faults{
		Latency: time.Millisecond, Jitter: 15 * time.Millisecond,
		ServerErrors: 0.15, Throttle: 0.1, Truncate: 0.05, Seed: 5,
	}
	srv, err := emulator.New(emulator.Config{Data: d, Faults: faults})
	if err != nil {
		t.Fatal(err)
	}
	gate := newNetworkGate(srv)
	ts := httptest.NewServer(gate)
	const maxAttempts = 3
	c, err := client.New(client.Config{Endpoint: ts.URL, AccessKeyID: emulator.DemoAccessKeyID,
		AccessKeySecret: emulator.DemoAccessKeySecret, MaxAttempts: maxAttempts,
		BaseBackoff: time.Millisecond, MaxBackoff: 10 * time.Millisecond, ReadTimeout: 5 * time.Second,
		Rand: randv2.New(randv2.NewPCG(1, 2))})
	if err != nil {
		t.Fatal(err)
	}
	st := state.New(c, dataset.DefaultProject, dataset.DefaultDataset, state.Options{})
	m := ui.NewModel(ui.Options{Store: st, Endpoint: ts.URL, ReadOnly: true, Styles: asciiStyles()})
	loop := newAsyncLoop(t, m)
	defer func() {
		gate.release()
		loop.stop()
		st.Close()
		c.Close()
		ts.Close()
	}()

	loop.send(tea.WindowSizeMsg{Width: w, Height: h})
	loop.run(m.Init())
	loop.settle()

	rng := rand.New(rand.NewSource(3))
	errorsSeen := 0
	handledWhileStuck := 0
	for i := 0; i < steps; i++ {
		switch i {
		case 400:
			gate.shut()
		case 490: // before the settle at 499, which would wait out the timeouts
			// The keys ran in microseconds; the requests they started
			// reach the network from their commands' goroutines (after
			// the loader's batching window), so wait for the first to
			// arrive rather than race it.
			if !gate.heldOne(10 * time.Second) {
				t.Errorf("no request was held while the network was stuck: the stuck phase tested nothing")
			}
			gate.release()
		}
		k := pickKey(rng)
		if i == 700 {
			// An outage: every attempt fails, so the refresh fails for
			// good and the error must reach the status line.
			srv.SetFaults(emulator.Faults{ServerErrors: 1, Seed: 6})
			loop.send(uitest.Key("r"))
			loop.settle()
			if m.Top().Err() == nil || !strings.Contains(m.View(), "error:") {
				t.Fatalf("a refresh during an outage shows no error:\n%s", m.View())
			}
			srv.SetFaults(faults)
		}
		if m.Depth() > 4 && k == "enter" {
			k = "esc" // keep the stack shallow enough to come back
		}
		loop.send(uitest.Key(k))
		if i >= 400 && i < 490 {
			handledWhileStuck++
		}
		screen := m.View()
		uitest.CheckFrame(t, screen, w, h)
		if m.Top().Err() != nil {
			errorsSeen++
			if !strings.Contains(screen, "error:") {
				t.Fatalf("step %d: the view has an error the status line does not show:\n%s", i, screen)
			}
		}
		if loop.quit.Load() {
			t.Fatalf("step %d: the browser quit on %q", i, k)
		}
		if i%100 == 99 {
			loop.settle()
		}
	}
	if handledWhileStuck != 90 {
		t.Fatalf("%d keys handled while the network was stuck, want 90", handledWhileStuck)
	}
	if errorsSeen == 0 {
		t.Errorf("no error ever showed: the faults did not reach the screen")
	}

	// The network heals: refreshing each view clears its error.
	srv.SetFaults(emulator.Faults{})
	loop.settle()
	for {
		loop.send(uitest.Key("r"))
		loop.settle()
		screen := m.View()
		if err := m.Top().Err(); err != nil || strings.Contains(screen, "error:") {
			t.Fatalf("depth %d: error after a refresh with no faults: %v\n%s", m.Depth(), err, screen)
		}
		if m.Depth() == 1 {
			break
		}
		loop.send(uitest.Key("esc"))
	}

	// Retries stay within their bound: at most MaxAttempts attempts per
	// API call, and the server saw no more attempts than the client made.
	s := c.Stats()
	if s.Retries > (maxAttempts-1)*(s.Calls-s.Retries) {
		t.Errorf("%d retries for %d calls: more than %d attempts each", s.Retries, s.Calls-s.Retries, maxAttempts)
	}
	if got := int64(len(srv.Calls())); got > s.Calls {
		t.Errorf("the emulator saw %d attempts, the client made %d", got, s.Calls)
	}
	if s.Retries == 0 {
		t.Errorf("no retries under 5xx and throttling: %+v", s)
	}
	t.Logf("client: %+v; %d frames with an error shown", s, errorsSeen)

	loop.send(uitest.Key("ctrl+c"))
	if !loop.quit.Load() {
		loop.settle()
	}
	if !loop.quit.Load() {
		t.Fatal("ctrl+c did not quit")
	}
	if n := c.Stats().InFlight; n != 0 {
		t.Errorf("%d requests still in flight after quitting", n)
	}
}
