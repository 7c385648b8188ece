package config

import "strings"

// Themes, by their canonical names.
const (
	ThemeDark      = "dark"
	ThemeLight     = "light"
	ThemeAuto      = "auto" // dark or light from the terminal's background
	ThemeANSI16    = "16-colour"
	ThemeNoColour  = "no-colour"
	ClipboardAuto  = "auto"  // the system clipboard, else OSC 52
	ClipboardOSC52 = "osc52" // always OSC 52 (over SSH)
	ClipboardOff   = "off"
)

// Themes are the accepted theme names, canonical spelling.
var Themes = []string{ThemeDark, ThemeLight, ThemeAuto, ThemeANSI16, ThemeNoColour}

// ParseTheme accepts a theme name in either spelling of colour.
func ParseTheme(s string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case ThemeDark:
		return ThemeDark, true
	case ThemeLight:
		return ThemeLight, true
	case ThemeAuto:
		return ThemeAuto, true
	case "16-colour", "16-color", "16":
		return ThemeANSI16, true
	case "no-colour", "no-color", "none":
		return ThemeNoColour, true
	}
	return "", false
}
