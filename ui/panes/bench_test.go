package panes

import (
	"strings"
	"testing"

	"github.com/immtui/immtui/imm"
)

// BenchmarkKeyPress is Update+View for one ↓ at 120x40, per pane.
func BenchmarkKeyPress(b *testing.B) {
	f := cjkFile(b)
	for _, name := range Names {
		b.Run(name, func(b *testing.B) {
			p := show(b, name, f, 120, 40)
			down, up := press("j"), press("k")
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				k := down
				if i%8 >= 4 {
					k = up
				}
				p.Update(k)
				_ = p.View()
			}
		})
	}
}

// megabyteFile is a file of about 1 MB of JSON: 4,000 labels and a long
// OCR text.
func megabyteFile(b *testing.B) *imm.File {
	f := cjkFile(b)
	for len(f.Labels) < 4000 {
		f.Labels = append(f.Labels, f.Labels...)
	}
	f.OCRTexts = strings.Repeat("西湖风景名胜区 West Lake ", 20000)
	return f
}

// BenchmarkRawOneMegabyte: SetFile (built once) and a key press (View of
// the visible lines only) on a 1 MB file.
func BenchmarkRawOneMegabyte(b *testing.B) {
	f := megabyteFile(b)
	b.Run("SetFile", func(b *testing.B) {
		p := show(b, "Raw", nil, 120, 40)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			p.SetFile(f)
		}
	})
	b.Run("KeyPress", func(b *testing.B) {
		p := show(b, "Raw", f, 120, 40)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			p.Update(press("pgdown"))
			_ = p.View()
		}
	})
	b.Run("KeyPressWrapped", func(b *testing.B) {
		p := show(b, "Raw", f, 120, 40)
		p.Update(press("w"))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			p.Update(press("pgdown"))
			_ = p.View()
		}
	})
}

// BenchmarkResize is SetSize+View after a width change on the 1 MB file.
func BenchmarkResize(b *testing.B) {
	f := megabyteFile(b)
	for _, name := range []string{"Labels", "OCR", "Raw", "Faces"} {
		b.Run(name, func(b *testing.B) {
			p := show(b, name, f, 120, 40)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				p.SetSize(100+i%2, 40)
				_ = p.View()
			}
		})
	}
}
