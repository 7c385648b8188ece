package perf

import (
	"sync"
	"testing"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/internal/teststack"
)

// stack is the real thing in one process: a generated dataset in the
// emulator and the real client signing requests over loopback through a
// counting transport (teststack; each benchmark opens its own stores).
type stack struct {
	*teststack.Stack
	wire *teststack.Wire
}

// newStack serves ds (nil: a generated dataset of clusters clusters).
func newStack(tb testing.TB, clusters int, ds *dataset.Dataset) *stack {
	tb.Helper()
	wire := teststack.NewWire()
	s := teststack.Start(tb, teststack.Options{Emulator: emulator.Config{Data: ds}, NoStore: true,
		Dataset: dataset.Options{Seed: 1, Clusters: clusters},
		Client:  func(c *client.Config) { c.Transport = wire }})
	return &stack{Stack: s, wire: wire}
}

// newClient is the real client for endpoint, its responses counted.
func newClient(tb testing.TB, endpoint string) (*client.Client, *teststack.Wire) {
	tb.Helper()
	wire := teststack.NewWire()
	c, err := client.New(client.Config{Endpoint: endpoint, AccessKeyID: emulator.DemoAccessKeyID,
		AccessKeySecret: emulator.DemoAccessKeySecret, Transport: wire})
	if err != nil {
		tb.Fatal(err)
	}
	return c, wire
}

// calls counts the emulator's answered calls of action ("" for all).
func (s *stack) calls(action string) int { return len(s.Calls(action)) }

// once caches an expensive fixture for every benchmark of the run.
type once[T any] struct {
	o   sync.Once
	v   T
	err error
}

func (o *once[T]) get(f func() (T, error)) (T, error) {
	o.o.Do(func() { o.v, o.err = f() })
	return o.v, o.err
}

var (
	sharedMu    sync.Mutex
	sharedClose []func()
)

// closeShared closes the fixtures of the whole run (TestMain).
func closeShared() {
	sharedMu.Lock()
	defer sharedMu.Unlock()
	for i := len(sharedClose) - 1; i >= 0; i-- {
		sharedClose[i]()
	}
	sharedClose = nil
}

// sharedTB makes a fixture's cleanup wait for closeShared: it outlives the
// benchmark that built it.
type sharedTB struct{ testing.TB }

func (sharedTB) Cleanup(f func()) {
	sharedMu.Lock()
	defer sharedMu.Unlock()
	sharedClose = append(sharedClose, f)
}
