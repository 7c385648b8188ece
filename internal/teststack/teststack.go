// Package teststack is for tests only: the whole stack a test browses — a
// dataset served by the emulator on loopback, the real client signing its
// requests, and a store over them — started in one call and closed in
// t.Cleanup; and Wire, a transport that counts what a call costs on the
// wire. Only _test.go files import it (layering_test.go).
package teststack

import (
	"testing"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/state"
)

// Options say what differs between the stacks tests start. The zero value
// serves dataset.Generate(dataset.Options{}) with the demo key.
type Options struct {
	// Emulator is the emulator's configuration (faults, accounts, clock,
	// its own key). A nil Data is generated from Dataset.
	Emulator emulator.Config
	// Dataset are the generator's options when Emulator.Data is nil.
	Dataset dataset.Options
	// Truth generates with dataset.GenerateTruth and keeps the truth in
	// Stack.Truth (when Emulator.Data is nil).
	Truth bool
	// Client changes the client's configuration from the default: the
	// emulator's URL, signed with the emulator's key (the demo key unless
	// Emulator.AccessKeyID is set).
	Client func(*client.Config)
	// Store are the store's options.
	Store state.Options
	// NoStore starts the emulator and the client only, for tests that open
	// their own stores or use the catalog.
	NoStore bool
}

// Stack is a running emulator with a client and a store reading it.
type Stack struct {
	Emulator *emulator.Running
	Client   *client.Client
	// Store reads the first dataset of Data; nil with Options.NoStore.
	Store *state.Store
	Data  *dataset.Dataset
	// Truth is the generator's ground truth, with Options.Truth.
	Truth *dataset.Truth
}

// Start serves the dataset o describes and connects a client and a store
// to it. t.Cleanup closes them in the order that leaves no goroutine: the
// store (its batches and pagers call the client), the client (its idle
// connections), then the emulator.
func Start(t testing.TB, o Options) *Stack {
	t.Helper()
	s := &Stack{}
	if o.Emulator.Data == nil {
		if o.Truth {
			o.Emulator.Data, s.Truth = dataset.GenerateTruth(o.Dataset)
		} else {
			o.Emulator.Data = dataset.Generate(o.Dataset)
		}
	}
	s.Data = o.Emulator.Data
	emu, err := emulator.Start("127.0.0.1:0", o.Emulator)
	if err != nil {
		t.Fatal(err)
	}
	s.Emulator = emu
	t.Cleanup(func() {
		if err := emu.Close(); err != nil {
			t.Error(err)
		}
	})
	cc := client.Config{Endpoint: emu.URL(), AccessKeyID: emulator.DemoAccessKeyID, AccessKeySecret: emulator.DemoAccessKeySecret}
	if o.Emulator.AccessKeyID != "" {
		cc.AccessKeyID, cc.AccessKeySecret = o.Emulator.AccessKeyID, o.Emulator.AccessKeySecret
	}
	if o.Client != nil {
		o.Client(&cc)
	}
	c, err := client.New(cc)
	if err != nil {
		t.Fatal(err)
	}
	s.Client = c
	t.Cleanup(c.Close)
	if !o.NoStore {
		d := s.Data.Datasets[0]
		s.Store = state.New(c, d.ProjectName, d.DatasetName, o.Store)
		t.Cleanup(s.Store.Close)
	}
	return s
}

// Calls are the calls of action the emulator answered, in order ("": all).
func (s *Stack) Calls(action string) []emulator.Call {
	var out []emulator.Call
	for _, c := range s.Emulator.Calls() {
		if action == "" || c.Action == action {
			out = append(out, c)
		}
	}
	return out
}
