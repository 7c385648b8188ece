package ui_test

import (
	"strconv"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
)

// loaded returns the browser at w x h with n CJK-named clusters paged in
// (the fake serves pages of 10,000 so paging in 100,000 takes ten calls).
func loaded(b *testing.B, n, w, h int) (*ui.Model, *uitest.ModelUpdater) {
	f := uitest.NewFake(0)
	f.PageSize = 10000
	for i := 0; i < n; i++ {
		f.Rows = append(f.Rows, state.ClusterRow{
			ID: "Cluster-" + strconv.Itoa(i), Name: "张伟王芳李娜陈静静" + strconv.Itoa(i), Gender: "female",
			FaceCount: int32(i % 1000), ImageCount: 12, VideoCount: 3, MinAge: 21, AvgAge: 33, MaxAge: 58,
			UpdateTime: 1710000000 + int64(i),
		})
	}
	m, u := start(b, f, w, h)
	// PgDn, not G: G asks for the tail in the reversed order and would
	// never page the head in.
	for len(f.Pages()) < (n+f.PageSize-1)/f.PageSize {
		keys(u, "pgdown")
	}
	keys(u, "g")
	return m, u
}

func benchKeyDown(b *testing.B, n int) {
	m, _ := loaded(b, n, 200, 60)
	down := tea.KeyMsg{Type: tea.KeyDown}
	up := tea.KeyMsg{Type: tea.KeyUp}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := down
		if (i/500)%2 == 1 { // stay away from the end: no page requests
			k = up
		}
		m.Update(k)
		_ = m.View()
	}
}

// BenchmarkClustersKeyDown100k is Update+View for one ↓ with 100,000
// clusters loaded, at 200x60 with CJK names.
func BenchmarkClustersKeyDown100k(b *testing.B) { benchKeyDown(b, 100000) }

// BenchmarkClustersKeyDown1k is the same with 1,000 loaded: the ratio to
// the 100k figure shows the cost does not follow the rows loaded.
func BenchmarkClustersKeyDown1k(b *testing.B) { benchKeyDown(b, 1000) }

// BenchmarkClustersView100vs100k renders the same screen with 100 and with
// 100,000 clusters loaded.
func BenchmarkClustersView100vs100k(b *testing.B) {
	for _, n := range []int{100, 100000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			m, _ := loaded(b, n, 200, 60)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				_ = m.View()
			}
		})
	}
}
