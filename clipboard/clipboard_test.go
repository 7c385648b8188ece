package clipboard

import (
	"errors"
	"strings"
	"testing"
)

func TestCopyWritesThePlainOSC52Sequence(t *testing.T) {
	seq, status, err := Copy(Env{TERM: "xterm-256color"}, "oss://b/a.jpg")
	if err != nil {
		t.Fatal(err)
	}
	// base64("oss://b/a.jpg") = b3NzOi8vYi9hLmpwZw==
	if want := "\x1b]52;c;b3NzOi8vYi9hLmpwZw==\x07"; string(seq) != want {
		t.Errorf("seq = %q, want %q", seq, want)
	}
	if status != "" {
		t.Errorf("note = %q outside tmux", status)
	}
}

func TestCopyInsideTmuxSendsThePlainAndThePassthroughSequence(t *testing.T) {
	seq, status, err := Copy(Env{TMUX: "/tmp/tmux-1000/default,1,0", TERM: "screen-256color"}, "hi")
	if err != nil {
		t.Fatal(err)
	}
	// The plain OSC 52 (tmux forwards it with set-clipboard on), then the
	// same wrapped in tmux's DCS passthrough, its ESC doubled (forwarded
	// with allow-passthrough on).
	if want := "\x1b]52;c;aGk=\x07" + "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"; string(seq) != want {
		t.Errorf("seq = %q, want %q", seq, want)
	}
	if want := " (via tmux: needs set-clipboard on or allow-passthrough)"; status != want {
		t.Errorf("note = %q, want %q", status, want)
	}
	// Outside tmux the note makes no such claim.
	if _, status, _ := Copy(Env{STY: "x"}, "hi"); status != "" {
		t.Errorf("screen note = %q", status)
	}
}

func TestCopyInsideScreenUsesDCSChunks(t *testing.T) {
	for _, e := range []Env{{STY: "1234.pts-0.host"}, {TERM: "screen"}} {
		seq, _, err := Copy(e, "hi")
		if err != nil {
			t.Fatal(err)
		}
		if want := "\x1bP\x1b]52;c;aGk=\x07\x1b\\"; string(seq) != want {
			t.Errorf("%+v: seq = %q, want %q", e, seq, want)
		}
	}
	// Long texts are cut into 76-byte chunks, each its own DCS string.
	seq, _, _ := Copy(Env{STY: "x"}, strings.Repeat("a", 100))
	if n := strings.Count(string(seq), "\x1b\\\x1bP"); n != 1 {
		t.Errorf("%d chunk joins in %q, want 1 (136 base64 bytes)", n, seq)
	}
}

func TestOSC52ModeNeverWraps(t *testing.T) {
	seq, status, err := Copy(Env{Mode: "osc52", TMUX: "x"}, "hi")
	if err != nil || string(seq) != "\x1b]52;c;aGk=\x07" {
		t.Errorf("seq = %q, err %v", seq, err)
	}
	if status != "" {
		t.Errorf("note = %q (osc52 mode is the user saying tmux forwards it)", status)
	}
}

func TestCopyOverTheCapIsRefusedAndSaysWhatToDo(t *testing.T) {
	seq, _, err := Copy(Env{}, strings.Repeat("x", 1258291))
	if !errors.Is(err, ErrTooLong) || seq != nil || !strings.Contains(err.Error(), "use e to export") {
		t.Fatalf("seq %d bytes, err %v", len(seq), err)
	}
	if _, _, err := Copy(Env{}, strings.Repeat("x", MaxBytes)); err != nil {
		t.Errorf("exactly the cap: %v", err)
	}
}

func TestOffModeCopiesNothingAndEnvWinsOverConfig(t *testing.T) {
	if seq, _, err := Copy(Env{Mode: "off"}, "hi"); !errors.Is(err, ErrOff) || seq != nil {
		t.Errorf("env off: seq %q err %v", seq, err)
	}
	if _, _, err := Copy(Env{Config: "off"}, "hi"); !errors.Is(err, ErrOff) {
		t.Errorf("config off: err %v", err)
	}
	if _, _, err := Copy(Env{Mode: "auto", Config: "off"}, "hi"); err != nil {
		t.Errorf("env auto over config off: %v", err)
	}
	if _, _, err := Copy(Env{Mode: "pbcopy"}, "hi"); err == nil || !strings.Contains(err.Error(), "IMMTUI_CLIPBOARD") {
		t.Errorf("bad mode: %v", err)
	}
}

func TestFromEnvReadsTheVariables(t *testing.T) {
	vars := map[string]string{"IMMTUI_CLIPBOARD": "osc52", "TMUX": "t", "STY": "s", "TERM": "xterm"}
	e := FromEnv(func(k string) (string, bool) { v, ok := vars[k]; return v, ok }, "off")
	if e != (Env{Mode: "osc52", Config: "off", TMUX: "t", STY: "s", TERM: "xterm"}) {
		t.Errorf("%+v", e)
	}
}
