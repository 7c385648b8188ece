// Package termimage draws small images in a terminal: Unicode half-blocks
// in true colour or the xterm 256-colour palette, the kitty graphics
// protocol with Unicode placeholders, or a plain placeholder where neither
// would read. Every output is exactly the given number of cells wide and
// high, so screens lay images out in cells like any other text.
//
// Choosing a way to draw is a pure function of the environment and of what
// the caller probed (tmux's allow-passthrough): this package does no I/O.
package termimage

import (
	"fmt"
	"strings"
)

// Mode is what the user asked for (--images and the config file).
type Mode int

const (
	ModeAuto      Mode = iota // kitty where known to work, else half-blocks, else a placeholder
	ModeHalfBlock             // half-blocks (or the placeholder without colours)
	ModeKitty                 // kitty graphics, forced: also over SSH and in tmux
	ModeOff                   // no images: the placeholder everywhere
)

var modeNames = [...]string{"auto", "halfblock", "kitty", "off"}

func (m Mode) String() string {
	if m < 0 || int(m) >= len(modeNames) {
		return fmt.Sprintf("Mode(%d)", int(m))
	}
	return modeNames[m]
}

// ParseMode reads "auto", "halfblock", "kitty" or "off".
func ParseMode(s string) (Mode, error) {
	for i, n := range modeNames {
		if strings.EqualFold(s, n) {
			return Mode(i), nil
		}
	}
	return ModeAuto, fmt.Errorf("images mode %q is not one of auto, halfblock, kitty, off", s)
}

// Env is the part of the environment that decides how to draw.
type Env struct {
	Term, TermProgram, ColorTerm string
	NoColor                      bool // NO_COLOR set to a non-empty value (no-color.org)
	SSH                          bool // SSH_CONNECTION or SSH_TTY set
	Tmux                         bool // TMUX set: we run inside tmux
}

// EnvFrom reads Env with getenv (os.Getenv in production).
func EnvFrom(getenv func(string) string) Env {
	return Env{
		Term:        getenv("TERM"),
		TermProgram: getenv("TERM_PROGRAM"),
		ColorTerm:   getenv("COLORTERM"),
		NoColor:     getenv("NO_COLOR") != "",
		SSH:         getenv("SSH_CONNECTION") != "" || getenv("SSH_TTY") != "",
		Tmux:        getenv("TMUX") != "",
	}
}

// NeedsPassthroughProbe says whether Choose's answer depends on tmux's
// allow-passthrough, so the caller runs `tmux show -gv allow-passthrough`
// only when it matters.
func NeedsPassthroughProbe(m Mode, e Env) bool {
	return e.Tmux && (m == ModeKitty || m == ModeAuto && kittyTerminal(e) && !e.SSH)
}

// PassthroughOn reads the output of `tmux show -gv allow-passthrough`:
// "on" or "all" let graphics through.
func PassthroughOn(out string) bool {
	v := strings.TrimSpace(out)
	return v == "on" || v == "all"
}

// Colors is how many colours a cell may take.
type Colors int

const (
	ColorsNone      Colors = iota // NO_COLOR or a terminal of 16 colours: no pictures in colour
	ColorsANSI256                 // the xterm 256-colour palette
	ColorsTrueColor               // 24-bit RGB
)

// Protocol is how an image reaches the screen.
type Protocol int

const (
	ProtocolPlaceholder Protocol = iota // a text placeholder, no pixels
	ProtocolHalfBlock                   // ▀ cells with foreground and background colours
	ProtocolKitty                       // kitty graphics, Unicode placeholders
)

func (p Protocol) String() string {
	switch p {
	case ProtocolHalfBlock:
		return "halfblock"
	case ProtocolKitty:
		return "kitty"
	}
	return "placeholder"
}

// Capability is the decision: how to draw, in which colours, and whether
// graphics commands need tmux's passthrough wrapping.
type Capability struct {
	Protocol Protocol
	Colors   Colors
	Tmux     bool
}

// ColorsOf says how many colours the terminal shows. COLORTERM=truecolor
// or 24bit means RGB; a TERM with 256color (or a terminal known to do
// RGB) means the 256-colour palette; anything else is treated as 16
// colours, too few for a face.
func ColorsOf(e Env) Colors {
	switch {
	case e.NoColor || e.Term == "dumb":
		return ColorsNone
	case e.ColorTerm == "truecolor" || e.ColorTerm == "24bit":
		return ColorsTrueColor
	case strings.Contains(e.Term, "256color") || kittyTerminal(e):
		return ColorsANSI256
	}
	return ColorsNone
}

// kittyTerminal recognises kitty, Ghostty and WezTerm, which implement the
// graphics protocol with Unicode placeholders.
func kittyTerminal(e Env) bool {
	switch {
	case e.Term == "xterm-kitty", e.Term == "xterm-ghostty", e.Term == "wezterm":
		return true
	}
	switch strings.ToLower(e.TermProgram) {
	case "kitty", "ghostty", "wezterm":
		return true
	}
	return false
}

// Choose decides how to draw. Auto picks kitty only on a terminal known to
// support it, never over SSH (the TERM a remote shell inherits says little
// about the terminal at the far end) and inside tmux only when passthrough
// is on; ModeKitty forces it. Without colours every mode but a forced
// kitty falls back to the placeholder.
func Choose(m Mode, e Env, tmuxPassthrough bool) Capability {
	c := Capability{Colors: ColorsOf(e), Tmux: e.Tmux}
	switch m {
	case ModeOff:
		return Capability{Protocol: ProtocolPlaceholder, Colors: c.Colors, Tmux: e.Tmux}
	case ModeKitty:
		c.Protocol = ProtocolKitty
		return c
	case ModeAuto:
		if kittyTerminal(e) && !e.SSH && (!e.Tmux || tmuxPassthrough) && !e.NoColor {
			c.Protocol = ProtocolKitty
			return c
		}
	}
	if c.Colors == ColorsNone {
		c.Protocol = ProtocolPlaceholder
	} else {
		c.Protocol = ProtocolHalfBlock
	}
	return c
}
