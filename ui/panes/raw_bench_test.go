package panes

import (
	"testing"
)

// nested120KB is about 120 KB of a File whose unknown keys nest 9,990
// levels deep (Go's decoder refuses deeper), as a hostile server could send.
func nested120KB(b *testing.B) string {
	const levels = 9990
	body := `{"URI":"oss://b/deep","Arrays":` + nested("[", "", "]", levels) +
		`,"Objects":` + nested(`{"a":`, "0", "}", levels) +
		`,"Mixed":` + nested(`[{"b":`, `"end"`, "}]", levels/2) + `}`
	if len(body) < 110<<10 {
		b.Fatalf("%d bytes, want about 120 KB", len(body))
	}
	return body
}

// BenchmarkRawNested120KB: building the Raw pane of the 120 KB nested
// reply (SetFile) with its first frame, a scroll to the end, and e
// (32 levels more) with a frame.
func BenchmarkRawNested120KB(b *testing.B) {
	f := rawFile(b, nested120KB(b))
	b.Run("SetFileAndView", func(b *testing.B) {
		p := show(b, "Raw", nil, 120, 40)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			p.SetFile(nil)
			p.SetFile(f)
			_ = p.View()
		}
	})
	b.Run("EndAndView", func(b *testing.B) {
		p := show(b, "Raw", f, 120, 40)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			p.Update(press("G"))
			_ = p.View()
			p.Update(press("g"))
		}
	})
	b.Run("ExpandAndView", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			p := show(b, "Raw", f, 120, 40)
			p.Update(press("e"))
			_ = p.View()
		}
	})
}
