package theme

import (
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/immtui/immtui/config"
	"github.com/immtui/immtui/ui/format"
)

func trueColour() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	return r
}

func TestThemeNamesAreTheConfigFilesNames(t *testing.T) {
	if !slices.Equal([]string{Dark, Light, Auto, ANSI16, NoColour}, config.Themes) {
		t.Fatalf("theme names %v differ from the config's %v", []string{Dark, Light, Auto, ANSI16, NoColour}, config.Themes)
	}
}

func TestEachThemeDrawsItsOwnColours(t *testing.T) {
	draw := func(name string) string { return ForSetting(name, trueColour(), format.Glyphs{}).Error.Render("x") }
	dark, light := draw(Dark), draw(Light)
	// errorC is #f7768e on dark backgrounds, #b91c1c on light ones.
	if !strings.Contains(dark, "38;2;247;118;142") || !strings.Contains(light, "38;2;185;28;28") {
		t.Fatalf("dark %q light %q", dark, light)
	}
	if got := draw(NoColour); got != "\x1b[1mx\x1b[0m" && got != "x" {
		t.Fatalf("no-colour drew colour: %q", got)
	}
	ansi := draw(ANSI16)
	if strings.Contains(ansi, "38;2;") || strings.Contains(ansi, "38;5;") || !strings.Contains(ansi, "\x1b[") {
		t.Fatalf("16-colour is not an ANSI colour: %q", ansi)
	}
}

func TestSixteenColoursNeverRaiseAPlainTerminal(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	if got := ForSetting(ANSI16, r, format.Glyphs{}).Error.Render("x"); strings.Contains(got, "\x1b[3") || strings.Contains(got, "\x1b[9") {
		t.Fatalf("colour on an ASCII terminal: %q", got)
	}
}
