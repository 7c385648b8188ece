package perf

import "testing"

// BenchmarkPageIn100k is the cost of paging the whole list of 100,000
// clusters through the real client and a child-process emulator (each page
// of 100 carries 100 full Cover files).
func BenchmarkPageIn100k(b *testing.B) {
	l := getLoaded(b, 100000)
	for b.Loop() {
	}
	b.ReportMetric(l.walk.Seconds(), "s-total")
	b.ReportMetric(float64(l.walk.Milliseconds())/float64(l.calls), "ms/page")
	b.ReportMetric(float64(l.bytes)/float64(l.calls)/1e3, "KB/page")
	b.ReportMetric(float64(l.calls), "calls")
}

// BenchmarkMemoryAfterPaging100k: live heap per cluster held after paging
// through 100,000 clusters (whole: everything immtui added since before
// the first page; marginal: the second 50,000 alone, which excludes the
// bounded caches once they are full), and the process's RSS.
// Targets: <= 400 B per cluster, <= 80 MB RSS.
func BenchmarkMemoryAfterPaging100k(b *testing.B) {
	l := getLoaded(b, 100000)
	for b.Loop() {
	}
	b.ReportMetric(float64(l.heapFull-l.heapBase)/float64(l.n), "B/cluster")
	b.ReportMetric(float64(l.heapFull-l.heapHalf)/float64(l.n-l.n/2), "B/cluster-marginal")
	b.ReportMetric(float64(l.rssKB)/1024, "MB-RSS")
	b.ReportMetric(mb(l.heapFull), "MB-heap")
}
