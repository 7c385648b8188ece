package dataset

import "testing"

// BenchmarkGenerate100kClusters measures the largest dataset the emulator is
// expected to serve. Run with -benchmem: B/op is the memory one run
// allocates, most of which stays live while the dataset is served.
func BenchmarkGenerate100kClusters(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		d := Generate(Options{Seed: 1, Clusters: 100_000})
		if len(d.FigureClusters) != 100_000 {
			b.Fatalf("%d clusters", len(d.FigureClusters))
		}
	}
}

func BenchmarkGenerateDefault(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Generate(Options{Seed: 1})
	}
}
