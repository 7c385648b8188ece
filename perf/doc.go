// Package perf holds immtui's program-level benchmarks: the figures of
// issue #5 that need the whole stack (emulator, real client, store, root
// model, a real tea.Program or the built binary). Everything lives in
// _test.go files; `make bench` runs them and BENCHMARKS.md records the
// results against their targets.
//
// Benchmarks here report their figures with b.ReportMetric (p50-ms,
// calls, B/cluster, ...); ns/op is the cost of one whole experiment and is
// rarely the figure to read. None of them runs under `go test` without
// -bench.
package perf
