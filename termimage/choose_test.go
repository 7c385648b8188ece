package termimage

import (
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func env(kv ...string) Env {
	m := map[string]string{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return EnvFrom(func(k string) string { return m[k] })
}

func TestChoose(t *testing.T) {
	kitty := env("TERM", "xterm-kitty", "COLORTERM", "truecolor")
	for _, tc := range []struct {
		name        string
		mode        Mode
		env         Env
		passthrough bool
		want        Capability
	}{
		{"kitty by TERM", ModeAuto, kitty, false, Capability{ProtocolKitty, ColorsTrueColor, false}},
		{"ghostty by TERM_PROGRAM", ModeAuto, env("TERM", "xterm-256color", "TERM_PROGRAM", "ghostty"), false, Capability{ProtocolKitty, ColorsANSI256, false}},
		{"wezterm by TERM_PROGRAM", ModeAuto, env("TERM", "xterm-256color", "TERM_PROGRAM", "WezTerm", "COLORTERM", "truecolor"), false, Capability{ProtocolKitty, ColorsTrueColor, false}},
		{"kitty over SSH: half-blocks", ModeAuto, env("TERM", "xterm-kitty", "COLORTERM", "truecolor", "SSH_CONNECTION", "1 2 3 4"), false, Capability{ProtocolHalfBlock, ColorsTrueColor, false}},
		{"kitty over SSH_TTY: half-blocks", ModeAuto, env("TERM", "xterm-kitty", "SSH_TTY", "/dev/pts/1"), false, Capability{ProtocolHalfBlock, ColorsANSI256, false}},
		{"forced over SSH", ModeKitty, env("TERM", "xterm-kitty", "SSH_CONNECTION", "x"), false, Capability{ProtocolKitty, ColorsANSI256, false}},
		{"tmux without passthrough", ModeAuto, env("TERM", "tmux-256color", "TERM_PROGRAM", "kitty", "TMUX", "/tmp/t,1,0"), false, Capability{ProtocolHalfBlock, ColorsANSI256, true}},
		{"tmux with passthrough", ModeAuto, env("TERM", "tmux-256color", "TERM_PROGRAM", "kitty", "TMUX", "/tmp/t,1,0"), true, Capability{ProtocolKitty, ColorsANSI256, true}},
		{"xterm truecolor", ModeAuto, env("TERM", "xterm-256color", "COLORTERM", "24bit"), false, Capability{ProtocolHalfBlock, ColorsTrueColor, false}},
		{"xterm 256", ModeAuto, env("TERM", "xterm-256color"), false, Capability{ProtocolHalfBlock, ColorsANSI256, false}},
		{"16 colours", ModeAuto, env("TERM", "xterm"), false, Capability{ProtocolPlaceholder, ColorsNone, false}},
		{"NO_COLOR", ModeAuto, env("TERM", "xterm-256color", "COLORTERM", "truecolor", "NO_COLOR", "1"), false, Capability{ProtocolPlaceholder, ColorsNone, false}},
		{"NO_COLOR on kitty", ModeAuto, env("TERM", "xterm-kitty", "NO_COLOR", "1"), false, Capability{ProtocolPlaceholder, ColorsNone, false}},
		{"halfblock on kitty", ModeHalfBlock, kitty, false, Capability{ProtocolHalfBlock, ColorsTrueColor, false}},
		{"off", ModeOff, kitty, false, Capability{ProtocolPlaceholder, ColorsTrueColor, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Choose(tc.mode, tc.env, tc.passthrough); got != tc.want {
				t.Errorf("Choose = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestNeedsPassthroughProbe(t *testing.T) {
	inTmux := env("TERM", "tmux-256color", "TERM_PROGRAM", "kitty", "TMUX", "x")
	if !NeedsPassthroughProbe(ModeAuto, inTmux) {
		t.Error("kitty inside tmux should be probed")
	}
	if NeedsPassthroughProbe(ModeHalfBlock, inTmux) || NeedsPassthroughProbe(ModeAuto, env("TERM", "xterm-kitty")) {
		t.Error("probe only when the answer depends on it")
	}
	if !PassthroughOn("on\n") || !PassthroughOn("all") || PassthroughOn("off") || PassthroughOn("") {
		t.Error("PassthroughOn reads on/all")
	}
}

func TestParseMode(t *testing.T) {
	for s, want := range map[string]Mode{"auto": ModeAuto, "halfblock": ModeHalfBlock, "KITTY": ModeKitty, "off": ModeOff} {
		if m, err := ParseMode(s); err != nil || m != want {
			t.Errorf("ParseMode(%q) = %v, %v", s, m, err)
		}
	}
	if _, err := ParseMode("sixel"); err == nil {
		t.Error("sixel accepted")
	}
}
