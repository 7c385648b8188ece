package termimage

import (
	"image"
	"image/color"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

func checkerboard(n int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, n, n))
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			c := color.RGBA{255, 255, 255, 255}
			if (x+y)%2 == 1 {
				c = color.RGBA{0, 0, 0, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// gradient runs red left to right and blue top to bottom.
func gradient(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetRGBA(x, y, color.RGBA{uint8(x * 255 / (w - 1)), 80, uint8(y * 255 / (h - 1)), 255})
		}
	}
	return img
}

// quoted is the golden form: one Go-quoted line per terminal line, so the
// escapes are readable and diffable.
func quoted(lines []string) []byte {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(strconv.Quote(l))
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

func requireCells(t *testing.T, lines []string, cols, rows int) {
	t.Helper()
	if len(lines) != rows {
		t.Fatalf("%d lines, want %d", len(lines), rows)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != cols {
			t.Errorf("line %d is %d cells, want %d: %q", i, w, cols, l)
		}
	}
}

func TestHalfBlockGolden(t *testing.T) {
	for _, tc := range []struct {
		name       string
		img        image.Image
		cols, rows int
		colors     Colors
	}{
		{"Checkerboard4TrueColor", checkerboard(4), 4, 2, ColorsTrueColor},
		{"Checkerboard4ANSI256", checkerboard(4), 4, 2, ColorsANSI256},
		{"Gradient8x4TrueColor", gradient(8, 4), 8, 2, ColorsTrueColor},
		{"Gradient8x4ANSI256", gradient(8, 4), 8, 2, ColorsANSI256},
		// A wide image in a square box: centred, blank rows above and below.
		{"Gradient8x4Letterboxed", gradient(8, 4), 8, 4, ColorsTrueColor},
		{"NoColors", checkerboard(4), 6, 3, ColorsNone},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := HalfBlock(tc.img, tc.cols, tc.rows, tc.colors)
			requireCells(t, lines, tc.cols, tc.rows)
			golden.RequireEqual(t, quoted(lines))
		})
	}
}

func TestHalfBlockCheckerboardCells(t *testing.T) {
	// Read without the golden: the first cell is white over black, the
	// second black over white, in exact RGB.
	lines := HalfBlock(checkerboard(4), 4, 2, ColorsTrueColor)
	want := "\x1b[38;2;255;255;255m\x1b[48;2;0;0;0m▀\x1b[38;2;0;0;0m\x1b[48;2;255;255;255m▀"
	if !strings.HasPrefix(lines[0], want) {
		t.Fatalf("first cells %q, want prefix %q", lines[0], want)
	}
}

func TestHalfBlockNeverExceedsItsCells(t *testing.T) {
	imgs := []image.Image{checkerboard(1), gradient(300, 7), gradient(7, 300), checkerboard(64)}
	for _, img := range imgs {
		for _, size := range [][2]int{{1, 1}, {3, 1}, {20, 10}, {7, 13}} {
			for _, colors := range []Colors{ColorsTrueColor, ColorsANSI256, ColorsNone} {
				requireCells(t, HalfBlock(img, size[0], size[1], colors), size[0], size[1])
			}
		}
	}
	if HalfBlock(checkerboard(4), 0, 5, ColorsTrueColor) != nil {
		t.Error("zero columns should draw nothing")
	}
}

func TestNearest256(t *testing.T) {
	for _, tc := range []struct {
		c    color.RGBA
		want uint8
	}{
		{color.RGBA{0, 0, 0, 255}, 16},
		{color.RGBA{255, 255, 255, 255}, 231},
		{color.RGBA{255, 0, 0, 255}, 196},
		{color.RGBA{95, 135, 175, 255}, 16 + 36*1 + 6*2 + 3},
		{color.RGBA{128, 128, 128, 255}, 244}, // grey ramp: 8+10*12 = 128
		{color.RGBA{238, 238, 238, 255}, 255},
	} {
		if got := Nearest256(tc.c); got != tc.want {
			t.Errorf("Nearest256(%v) = %d, want %d", tc.c, got, tc.want)
		}
	}
}

func TestPlaceholderIsPlainAndExact(t *testing.T) {
	lines := Placeholder(10, 3, "[face]\x1b[31m")
	requireCells(t, lines, 10, 3)
	if lines[1] != "[face][31m" { // the escape byte is dropped, the rest kept
		t.Errorf("middle line %q", lines[1])
	}
	for _, l := range lines {
		if strings.ContainsRune(l, '\x1b') {
			t.Errorf("escape in placeholder %q", l)
		}
	}
	requireCells(t, Placeholder(3, 1, "a long label"), 3, 1)
}
