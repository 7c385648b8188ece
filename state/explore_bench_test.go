package state_test

import (
	"context"
	"testing"
	"time"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/state"
)

// The explore calls on a 100,000-file dataset, the real client and the
// emulator over loopback. Run:
//
//	go test -run '^$' -bench Explore100k -benchtime 5x ./state
//
// ns/op is one call of the function; "cold-ms" is its first call (the
// emulator caches a query's sorted hits, so later pages and repeats skip
// the scan); "calls" is the API calls of one op.
func BenchmarkExplore100k(b *testing.B) {
	s, _ := demoStore(b, dataset.Options{Seed: 1, Files: 100_000})
	ctx := context.Background()
	run := func(b *testing.B, fn func() error) {
		start := time.Now()
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		cold := time.Since(start)
		calls := s.Stats().Calls
		n := 0
		for b.Loop() {
			if err := fn(); err != nil {
				b.Fatal(err)
			}
			n++
		}
		b.ReportMetric(float64(s.Stats().Calls-calls)/float64(max(n, 1)), "calls")
		b.ReportMetric(float64(cold.Microseconds())/1000, "cold-ms")
	}
	b.Run("Overview", func(b *testing.B) {
		run(b, func() error { _, err := s.Overview(ctx); return err })
	})
	b.Run("FirstFilesPage", func(b *testing.B) {
		q := state.FilesQuery{Sort: "ProduceTime", Order: "desc"}
		run(b, func() error { _, err := s.Files(ctx, q, "", state.FilesColumns); return err })
	})
	b.Run("Years", func(b *testing.B) {
		run(b, func() error { _, err := s.Years(ctx, time.UTC); return err })
	})
	b.Run("Labels", func(b *testing.B) {
		run(b, func() error { _, err := s.Labels(ctx, []string{"zh"}); return err })
	})
	b.Run("Places", func(b *testing.B) {
		run(b, func() error { _, err := s.Places(ctx, []string{"zh"}); return err })
	})
}
