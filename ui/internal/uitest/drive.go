package uitest

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/immtui/immtui/safetext"
)

// Updater is anything with a Bubble Tea style Update that returns a Cmd.
type Updater interface {
	Update(tea.Msg) tea.Cmd
}

// Run executes cmd and feeds its messages to u until nothing is left,
// like the Bubble Tea loop but synchronous. Spinner ticks are delivered
// but the next tick they schedule is not run (it would sleep). It returns
// every message delivered and whether tea.Quit was among them.
func Run(u Updater, cmd tea.Cmd) (msgs []tea.Msg, quit bool) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 && len(msgs) < 10000 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		switch msg := msg.(type) {
		case nil:
			continue
		case tea.BatchMsg:
			queue = append(queue, msg...)
			continue
		case tea.QuitMsg:
			quit = true
			continue
		case spinner.TickMsg:
			msgs = append(msgs, msg)
			u.Update(msg)
			continue
		}
		msgs = append(msgs, msg)
		queue = append(queue, u.Update(msg))
	}
	return msgs, quit
}

// ModelUpdater adapts a tea.Model.
type ModelUpdater struct{ M tea.Model }

// Update forwards to the model and keeps the model it returns.
func (m *ModelUpdater) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	m.M, cmd = m.M.Update(msg)
	return cmd
}

// Key makes a key message from a name such as "down", "enter", "q", "G".
func Key(name string) tea.KeyMsg {
	switch name {
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	case "pgup":
		return tea.KeyMsg{Type: tea.KeyPgUp}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "home":
		return tea.KeyMsg{Type: tea.KeyHome}
	case "end":
		return tea.KeyMsg{Type: tea.KeyEnd}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

// CheckFrame fails t unless frame fits w x h: no more lines than h, no line
// wider than w cells, no control characters, bidi or invisible format
// runes (safetext.Dangerous) or bytes that are not UTF-8, and no escape
// other than SGR. The models hold text as IMM sent it, so this is what
// proves every draw path escapes it.
func CheckFrame(t testing.TB, frame string, w, h int) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	if len(lines) > h {
		t.Fatalf("%dx%d: frame has %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Fatalf("%dx%d: line %d is %d cells wide: %q", w, h, i, n, l)
		}
		if !utf8.ValidString(l) {
			t.Fatalf("%dx%d: line %d is not UTF-8: %q", w, h, i, l)
		}
		plain := ansi.Strip(l)
		for _, r := range plain {
			if r < 0x20 || r == 0x7f || safetext.Dangerous(r) {
				t.Fatalf("%dx%d: line %d holds control %U: %q", w, h, i, r, l)
			}
		}
		for j := strings.IndexByte(l, 0x1b); j >= 0; j = strings.IndexByte(l, 0x1b) {
			rest := l[j:]
			end := strings.IndexByte(rest, 'm')
			if !strings.HasPrefix(rest, "\x1b[") || end < 0 || strings.ContainsAny(rest[2:end], "\x1b") {
				t.Fatalf("%dx%d: line %d holds a non-SGR escape: %q", w, h, i, l)
			}
			l = rest[end+1:]
		}
	}
}
