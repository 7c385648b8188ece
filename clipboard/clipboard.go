// Package clipboard turns a text into the bytes that put it on the user's
// clipboard through the terminal (OSC 52), so copying works over SSH and
// inside tmux or screen. It does no I/O: Copy returns the bytes, and the
// caller (a tea.Cmd) writes them to the terminal.
package clipboard

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aymanbagabas/go-osc52/v2"
)

// Mode chooses how copies are made.
type Mode string

const (
	// Auto uses OSC 52; inside tmux it sends the plain sequence (which
	// tmux forwards with set-clipboard on) and the passthrough-wrapped one
	// (which tmux forwards with allow-passthrough on); inside screen it
	// wraps it for screen.
	Auto Mode = "auto"
	// OSC52 always writes a plain OSC 52 sequence, never wrapped (for a
	// tmux with set-clipboard on, which forwards plain sequences itself).
	OSC52 Mode = "osc52"
	// Off copies nothing: for terminals that print the sequence as junk.
	Off Mode = "off"
)

// EnvVar names the environment variable that chooses the mode.
const EnvVar = "IMMTUI_CLIPBOARD"

// MaxBytes is the largest text copied. Terminals drop longer sequences
// silently (xterm and tmux keep about 100 KB of base64 by default), so a
// bigger text fails with a message instead of copying nothing.
const MaxBytes = 100 * 1024

// ErrOff is returned by Copy when the mode is Off.
var ErrOff = errors.New("copying is off (" + EnvVar + "=off or clipboard = off in the config file); set it to auto to copy through the terminal")

// ParseMode reads a mode as the environment and the config file spell it;
// "" is Auto.
func ParseMode(s string) (Mode, error) {
	switch m := Mode(strings.ToLower(strings.TrimSpace(s))); m {
	case "":
		return Auto, nil
	case Auto, OSC52, Off:
		return m, nil
	}
	return "", fmt.Errorf("clipboard mode %q is not one of auto, osc52, off", s)
}

// Env is what Copy reads of the environment; FromEnv fills it from a
// lookup function (os.LookupEnv), tests fill it directly.
type Env struct {
	Mode   string // IMMTUI_CLIPBOARD: wins over Config when set
	Config string // the clipboard value of the config file
	TMUX   string // set inside tmux
	STY    string // set inside GNU screen
	TERM   string
}

// FromEnv reads the variables Copy needs; config is the config file's value.
func FromEnv(lookup func(string) (string, bool), config string) Env {
	get := func(k string) string { v, _ := lookup(k); return v }
	return Env{Mode: get(EnvVar), Config: config, TMUX: get("TMUX"), STY: get("STY"), TERM: get("TERM")}
}

// mode is the mode in force: the environment, else the config file.
func (e Env) mode() (Mode, error) {
	if e.Mode != "" {
		m, err := ParseMode(e.Mode)
		if err != nil {
			return "", fmt.Errorf("%s: %w", EnvVar, err)
		}
		return m, nil
	}
	m, err := ParseMode(e.Config)
	if err != nil {
		return "", fmt.Errorf("config file: %w", err)
	}
	return m, nil
}

// Copy returns the bytes to write to the terminal to copy text, and a
// note for the status line when where the copy lands depends on the
// terminal's setup (TmuxNote inside tmux, else ""). The UI words the rest
// of the status, sizes in its own units. Nothing is to be written when
// err is set: ErrOff, a bad mode, or ErrTooLong over MaxBytes (the UI
// says so before asking).
func Copy(e Env, text string) (seq []byte, note string, err error) {
	m, err := e.mode()
	if err != nil {
		return nil, "", err
	}
	if m == Off {
		return nil, "", ErrOff
	}
	if len(text) > MaxBytes {
		return nil, "", ErrTooLong
	}
	s := osc52.New(text)
	if m == Auto {
		switch {
		case e.TMUX != "":
			// tmux 3.3+ drops a wrapped sequence unless allow-passthrough is
			// on, and its default set-clipboard external ignores a plain one
			// from an application: send both, so either setting copies, and
			// say what the copy needs since it cannot be seen from here.
			plain := s.String()
			return []byte(plain + s.Tmux().String()), TmuxNote, nil
		case e.STY != "" || strings.HasPrefix(e.TERM, "screen"):
			s = s.Screen()
		}
	}
	return []byte(s.String()), "", nil
}

// ErrTooLong is a text over MaxBytes: terminals drop longer sequences
// silently, so it is not sent.
var ErrTooLong = errors.New("over the size the terminal accepts in one copy; use e to export instead")

// TmuxNote ends the status of a copy made inside tmux: whether it reached
// the clipboard depends on tmux's options.
const TmuxNote = " (via tmux: needs set-clipboard on or allow-passthrough)"
