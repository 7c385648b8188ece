package teststack_test

import (
	"context"
	"testing"

	"go.uber.org/goleak"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/internal/teststack"
	"github.com/immtui/immtui/state"
)

// Every stack a test starts is closed by its cleanups: none leaves a
// goroutine behind.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestStartServesTheGeneratedDatasetToTheStore(t *testing.T) {
	s := teststack.Start(t, teststack.Options{Dataset: dataset.Options{Seed: 7, Clusters: 5}})
	page, err := s.Store.ClusterPage(context.Background(), state.ClusterQuery{}, "")
	if err != nil {
		t.Fatal(err)
	}
	if page.TotalCount != 5 || len(s.Data.FigureClusters) != 5 || s.Truth != nil {
		t.Fatalf("%d clusters listed, %d generated, truth %v; want 5, 5 and none", page.TotalCount, len(s.Data.FigureClusters), s.Truth)
	}
	if n := len(s.Calls("QueryFigureClusters")); n != 1 || len(s.Calls("")) != 1 {
		t.Fatalf("%d QueryFigureClusters calls of %d; want the one", n, len(s.Calls("")))
	}
}

func TestStartWithTruthKeepsTheGeneratorsTruth(t *testing.T) {
	s := teststack.Start(t, teststack.Options{Dataset: dataset.Options{Seed: 1}, Truth: true})
	want, truth := dataset.GenerateTruth(dataset.Options{Seed: 1})
	if s.Truth == nil || len(s.Truth.MisclusteredFaces) != len(truth.MisclusteredFaces) || len(s.Data.Files) != len(want.Files) {
		t.Fatalf("truth %v, %d files; want the generator's for seed 1 (%d files)", s.Truth, len(s.Data.Files), len(want.Files))
	}
}

// A given dataset is served as it is, and the store reads its first
// dataset, whatever it is called.
func TestStartServesAGivenDatasetAndOpensItsFirstDataset(t *testing.T) {
	d := dataset.Generate(dataset.Options{Seed: 2, Clusters: 3, Project: "p", Dataset: "d"})
	s := teststack.Start(t, teststack.Options{Emulator: emulator.Config{Data: d}})
	if s.Data != d {
		t.Fatal("the stack's Data is not the dataset given")
	}
	if _, err := s.Store.Cluster(context.Background(), d.FigureClusters[0].ObjectId); err != nil {
		t.Fatalf("the store does not read p/d: %v", err)
	}
}

// The client signs with the emulator's own key when it has one, and the
// Client option changes what it is given.
func TestStartSignsWithTheEmulatorsKeyAndTakesTheClientsChanges(t *testing.T) {
	var seen client.Config
	s := teststack.Start(t, teststack.Options{NoStore: true, Dataset: dataset.Options{Seed: 1, Clusters: 2},
		Emulator: emulator.Config{AccessKeyID: "LTAI-own", AccessKeySecret: "own-secret"},
		Client:   func(c *client.Config) { c.MaxAttempts = 1; seen = *c }})
	if s.Store != nil {
		t.Fatal("NoStore started a store")
	}
	if seen.AccessKeyID != "LTAI-own" || seen.AccessKeySecret != "own-secret" || seen.Endpoint != s.Emulator.URL() {
		t.Fatalf("client config %+v; want the emulator's URL and key", seen)
	}
	if _, err := s.Client.ListProjects(context.Background(), imm.ListProjectsRequest{}); err != nil {
		t.Fatalf("signed with the emulator's key: %v", err)
	}
}

// A Wire given to the client counts each answer and the bytes of its
// body, and Reset starts the count again.
func TestWireCountsTheResponsesAndTheBodyBytesTheClientReads(t *testing.T) {
	wire := teststack.NewWire()
	s := teststack.Start(t, teststack.Options{NoStore: true, Dataset: dataset.Options{Seed: 1, Clusters: 2},
		Client: func(c *client.Config) { c.Transport = wire }})
	if _, err := s.Client.ListProjects(context.Background(), imm.ListProjectsRequest{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Client.ListProjects(context.Background(), imm.ListProjectsRequest{}); err != nil {
		t.Fatal(err)
	}
	read := wire.Bytes()
	if responses, bytes := wire.Reset(); responses != 2 || bytes == 0 || bytes != read {
		t.Fatalf("%d responses of %d bytes (Bytes said %d); want 2 with their bytes", responses, bytes, read)
	}
	if responses, bytes := wire.Reset(); responses != 0 || bytes != 0 {
		t.Fatalf("after Reset: %d responses, %d bytes", responses, bytes)
	}
}
