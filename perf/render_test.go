package perf

import (
	"runtime"
	"slices"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Update+View for one key press at 200x60 with the generated dataset's
// CJK and Latin names, the list fully paged in through the real stack
// (ui/bench_test.go measures the same on the fake Data:
// BenchmarkClustersKeyDown100k/1k). Targets: p99 <= 2 ms, <= 64 KB
// allocated per key at 100k, and 100k/1k <= 1.5.

func BenchmarkUpdateViewPerKey(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		b.Run(itoa(n), func(b *testing.B) {
			l := getLoaded(b, n)
			defer l.model.Update(tea.KeyMsg{Type: tea.KeyHome})
			var d []time.Duration
			var before, after runtime.MemStats
			keys := 0
			runtime.ReadMemStats(&before)
			for b.Loop() {
				// One op is keysPerOp presses, so `-benchtime 1x` still
				// gives a distribution.
				for k := 0; k < keysPerOp; k++ {
					t := time.Now()
					pressAndView(l, keys)
					d = append(d, time.Since(t))
					keys++
				}
			}
			runtime.ReadMemStats(&after)
			slices.Sort(d)
			b.ReportMetric(float64(pct(d, 0.50).Microseconds()), "p50-µs")
			b.ReportMetric(float64(pct(d, 0.99).Microseconds()), "p99-µs")
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(keys), "B/key")
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(keys), "allocs/key")
		})
	}
}

const keysPerOp = 5000

// pressAndView is key i of a walk that goes 500 rows down and back up,
// then renders the frame.
func pressAndView(l *loaded, i int) {
	k := tea.KeyMsg{Type: tea.KeyDown}
	if (i/500)%2 == 1 {
		k.Type = tea.KeyUp
	}
	l.model.Update(k)
	_ = l.model.View()
}

// BenchmarkUpdateViewRatio100kTo1k measures both lists in the same run,
// in alternating blocks, and reports the ratio of their median costs.
func BenchmarkUpdateViewRatio100kTo1k(b *testing.B) {
	big, small := getLoaded(b, 100000), getLoaded(b, 1000)
	defer big.model.Update(tea.KeyMsg{Type: tea.KeyHome})
	defer small.model.Update(tea.KeyMsg{Type: tea.KeyHome})
	var db, ds []time.Duration
	i := 0
	for b.Loop() {
		for r := 0; r < keysPerOp/100; r++ {
			for _, x := range []struct {
				l *loaded
				d *[]time.Duration
			}{{big, &db}, {small, &ds}} {
				for k := 0; k < 100; k++ {
					t := time.Now()
					pressAndView(x.l, i+k)
					*x.d = append(*x.d, time.Since(t))
				}
			}
			i += 100
		}
	}
	slices.Sort(db)
	slices.Sort(ds)
	b.ReportMetric(float64(pct(db, 0.5))/float64(pct(ds, 0.5)), "ratio-p50")
	b.ReportMetric(float64(pct(db, 0.99))/float64(pct(ds, 0.99)), "ratio-p99")
}

// pct is the q-quantile of sorted d.
func pct(d []time.Duration, q float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	return d[min(int(float64(len(d))*q), len(d)-1)]
}
