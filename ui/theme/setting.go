package theme

import (
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/immtui/immtui/ui/format"
)

// The theme names of the config file (config.Themes).
const (
	Dark     = "dark"
	Light    = "light"
	Auto     = "auto"
	ANSI16   = "16-colour"
	NoColour = "no-colour"
)

// ForSetting builds the styles for a theme of the config file on r (nil:
// the local terminal's): dark and light fix the background the adaptive
// colours assume instead of asking the terminal; 16-colour draws with the
// terminal's own 16 colours; no-colour draws none. auto (or "") keeps
// what the renderer detected.
func ForSetting(name string, r *lipgloss.Renderer, g format.Glyphs) *Styles {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	switch name {
	case Dark:
		r.SetHasDarkBackground(true)
	case Light:
		r.SetHasDarkBackground(false)
	case ANSI16:
		if r.ColorProfile() < termenv.ANSI { // TrueColor and ANSI256 are lower values
			r.SetColorProfile(termenv.ANSI)
		}
	case NoColour:
		r.SetColorProfile(termenv.Ascii)
	}
	return NewWith(r, g)
}
