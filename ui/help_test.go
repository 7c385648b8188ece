package ui_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/cmdline"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/views"
)

// helpCounter is a screen that counts how often its help is asked for.
type helpCounter struct {
	short, full int
	h           int
}

func (v *helpCounter) ShortHelp() []key.Binding {
	v.short++
	return []key.Binding{key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "do x"))}
}

func (v *helpCounter) FullHelp() [][]key.Binding {
	v.full++
	return [][]key.Binding{{key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "do x"))}}
}

func (v *helpCounter) Init() tea.Cmd              { return nil }
func (v *helpCounter) Update(tea.Msg) tea.Cmd     { return nil }
func (v *helpCounter) View() string               { return "counter" }
func (v *helpCounter) SetSize(_, h int)           { v.h = h }
func (v *helpCounter) Crumb() string              { return "Counter" }
func (v *helpCounter) Err() error                 { return nil }
func (v *helpCounter) Close()                     {}
func (v *helpCounter) reset()                     { v.short, v.full = 0, 0 }
func (v *helpCounter) renders() (short, full int) { return v.short, v.full }

var _ views.View = (*helpCounter)(nil)

func TestViewRendersTheHelpOncePerFrame(t *testing.T) {
	for _, s := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(t *testing.T) {
			m, u := start(t, uitest.NewFake(10), s[0], s[1])
			v := &helpCounter{}
			u.Update(views.PushMsg{View: v})
			v.reset()
			m.View()
			if short, full := v.renders(); short != 1 || full != 0 {
				t.Fatalf("short help: one frame asked for ShortHelp %d and FullHelp %d times, want 1 and 0", short, full)
			}
			keys(u, "?")
			// The view was given the body's height under the full help.
			frame := m.View()
			if n := len(helpBlock(frame)); n < 2 || v.h != s[1]-3-n {
				t.Fatalf("full help: the view's height is %d under %d lines of help in\n%s", v.h, n, frame)
			}
			for i := 0; i < 3; i++ {
				v.reset()
				uitest.CheckFrame(t, m.View(), s[0], s[1])
				if short, full := v.renders(); short != 0 || full != 1 {
					t.Fatalf("full help: one frame asked for ShortHelp %d and FullHelp %d times, want 0 and 1", short, full)
				}
			}
		})
	}
}

func TestHeaderFollowsTheDatasetName(t *testing.T) {
	f := uitest.NewFake(10)
	m, u := start(t, f, 120, 40)
	if !strings.Contains(m.View(), "dataset "+f.Data) {
		t.Fatalf("header lacks %q:\n%s", f.Data, m.View())
	}
	// A key that changes nothing the header shows, then a new name: the
	// cached header must not outlive what it was drawn from.
	keys(u, "down")
	f.Data = "renamed-dataset"
	if head := strings.SplitN(m.View(), "\n", 2)[0]; !strings.Contains(head, "dataset renamed-dataset") {
		t.Fatalf("header after the rename: %q", head)
	}
}

func TestGoldenFullHelp(t *testing.T) {
	for _, s := range goldenSizes {
		t.Run(fmt.Sprintf("clusters-%dx%d", s[0], s[1]), func(t *testing.T) {
			out := runProgram(t, uitest.NewFake(250), s[0], s[1], []step{{waitFor: "100 loaded"}, {key: "?", waitFor: ":quit"}})
			golden.RequireEqual(t, []byte(out))
		})
		t.Run(fmt.Sprintf("cluster-%dx%d", s[0], s[1]), func(t *testing.T) {
			f := uitest.NewFake(250)
			f.AddCluster(0)
			out := runProgram(t, f, s[0], s[1], []step{{waitFor: "100 loaded"}, {key: "enter", waitFor: "Overview of"}, {key: "?", waitFor: ":cluster ID"}})
			golden.RequireEqual(t, []byte(out))
		})
	}
}

// helpBlock is the frame's lines under the status line.
func helpBlock(frame string) []string {
	lines := strings.Split(frame, "\n")
	for i, l := range lines {
		if strings.Contains(l, "cache hit") {
			return lines[i+1:]
		}
	}
	return nil
}

func TestFullHelpShowsTheRootKeysAndCommandsOrSaysWhatIsCut(t *testing.T) {
	m, u, _ := startWithCluster(t, 120, 40)
	keys(u, "?")
	block := strings.Join(helpBlock(m.View()), "\n")
	for _, want := range []string{"? all keys", ": command", "F find files", "/ filter", "y copy ID/URI", "e export"} {
		if !strings.Contains(block, want) {
			t.Errorf("120x40 full help lacks %q:\n%s", want, block)
		}
	}
	for _, s := range cmdline.Specs {
		if !strings.Contains(block, strings.TrimSpace(":"+s.Name+" "+s.Args)) {
			t.Errorf("120x40 full help lacks the command %q:\n%s", s.Name, block)
		}
	}
	if strings.Contains(block, "not shown") {
		t.Errorf("120x40: everything fits, yet:\n%s", block)
	}

	// On a cluster at 80x24 the commands do not all fit: the last line
	// says how many are missing and where they are.
	keys(u, "?", "enter")
	u.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	keys(u, "?")
	frame := m.View()
	uitest.CheckFrame(t, frame, 80, 24)
	block2 := helpBlock(frame)
	last := block2[len(block2)-1]
	shown := 0
	for _, s := range cmdline.Specs {
		if strings.Contains(strings.Join(block2[:len(block2)-1], "\n"), strings.TrimSpace(":"+s.Name+" "+s.Args)) {
			shown++
		}
	}
	want := fmt.Sprintf("+ %d commands not shown: :help lists every key and command", len(cmdline.Specs)-shown)
	if shown == len(cmdline.Specs) || last != want {
		t.Fatalf("80x24 cluster full help ends %q, want %q:\n%s", last, want, frame)
	}
	if !hasHelp(frame, "esc", "back") || !hasHelp(frame, "tab", "next") {
		t.Fatalf("80x24 cluster full help lacks its own or the root's keys:\n%s", frame)
	}
}

func TestHelpCommandListsEveryKeyAndCommandInAScrollingScreen(t *testing.T) {
	m, u, _ := startWithCluster(t, 80, 24)
	keys(u, "enter")
	command(u, "help")
	if m.Depth() != 3 || m.Top().Crumb() != "Help" {
		t.Fatalf(":help: depth %d, top %q", m.Depth(), m.Top().Crumb())
	}
	// Page down through it: every command with its description, the
	// cluster's keys and the root's are on some page.
	seen := map[string]bool{}
	for i := 0; i < 10; i++ {
		frame := m.View()
		uitest.CheckFrame(t, frame, 80, 24)
		for _, l := range strings.Split(frame, "\n") {
			seen[strings.Join(strings.Fields(l), " ")] = true
		}
		keys(u, "pgdown")
	}
	wants := []string{"Keys of 张伟0", "tab next pane", "Keys everywhere", "esc back", "q back", "e export"}
	for _, s := range cmdline.Specs {
		wants = append(wants, strings.TrimSpace(":"+s.Name+" "+s.Args)+" "+s.Desc)
	}
	for _, w := range wants {
		if !seen[w] {
			t.Errorf("no page of :help holds the line %q", w)
		}
	}
	keys(u, "g")
	if !strings.Contains(m.View(), "Every key and command") {
		t.Fatalf("g did not go back to the top:\n%s", m.View())
	}
	keys(u, "esc")
	if m.Depth() != 2 {
		t.Fatalf("esc from :help left depth %d, want 2", m.Depth())
	}
}

// TestGoldenFullHelpOfFacesAndMembers is ? on a file's Faces pane and on
// Members: the screens whose help lists the review thresholds.
func TestGoldenFullHelpOfFacesAndMembers(t *testing.T) {
	for _, s := range goldenSizes {
		t.Run(fmt.Sprintf("faces-%dx%d", s[0], s[1]), func(t *testing.T) {
			m := ui.NewModel(ui.Options{Store: paneFake(t), Endpoint: "http://127.0.0.1:8080", Region: ui.DemoRegion,
				ReadOnly: true, Styles: asciiStyles()})
			out := runModel(t, m, s[0], s[1], []step{{waitFor: "1 loaded"}, {key: "enter", waitFor: paneReady["Overview"]},
				{key: "2", waitFor: paneReady["Faces"]}, {key: "?", waitFor: "born <=5y apart"}})
			uitest.CheckFrame(t, out, s[0], s[1])
			golden.RequireEqual(t, []byte(out))
		})
		t.Run(fmt.Sprintf("members-%dx%d", s[0], s[1]), func(t *testing.T) {
			f, _ := membersFake()
			out := runProgram(t, f, s[0], s[1], []step{{waitFor: "100 loaded"}, {key: "enter", waitFor: "Overview of"},
				{key: "m", waitFor: "in 35 files"}, {key: "?", waitFor: "born <=5y apart"}})
			uitest.CheckFrame(t, out, s[0], s[1])
			golden.RequireEqual(t, []byte(out))
		})
	}
}

// TestFullHelpOfFacesAndMembersFitsWithEveryKeyAndThreshold: at 80x24
// and 120x40 the help of the screens that judge faces shows all their own
// keys and every threshold's line (a group too wide for a column runs as
// text under the columns instead of being cut), inside the frame.
func TestFullHelpOfFacesAndMembersFitsWithEveryKeyAndThreshold(t *testing.T) {
	thresholdWords := []string{"conf", "age", "gender", "blur", "pose", "small", "merge"}
	for _, s := range goldenSizes {
		t.Run(fmt.Sprintf("faces-%dx%d", s[0], s[1]), func(t *testing.T) {
			m := ui.NewModel(ui.Options{Store: paneFake(t), Endpoint: "http://127.0.0.1:8080", Region: ui.DemoRegion,
				ReadOnly: true, Styles: asciiStyles()})
			u := &uitest.ModelUpdater{M: m}
			u.Update(tea.WindowSizeMsg{Width: s[0], Height: s[1]})
			uitest.Run(u, m.Init())
			t.Cleanup(func() { m.Update(uitest.Key("ctrl+c")) })
			keys(u, "enter", "2", "?")
			frame := m.View()
			uitest.CheckFrame(t, frame, s[0], s[1])
			for _, kd := range [][2]string{{"enter", "open"}, {"p", "polygon"}, {"tab", "next"}, {"conf", "ClConf<0.7"}} {
				if !hasHelp(frame, kd[0], kd[1]) {
					t.Errorf("Faces full help lacks %s %s", kd[0], kd[1])
				}
			}
			checkThresholdLines(t, frame, thresholdWords)
		})
		t.Run(fmt.Sprintf("members-%dx%d", s[0], s[1]), func(t *testing.T) {
			f, id := membersFake()
			m, u := start(t, f, s[0], s[1])
			command(u, "members "+id)
			keys(u, "?")
			frame := m.View()
			uitest.CheckFrame(t, frame, s[0], s[1])
			for _, kd := range [][2]string{{"enter", "open"}, {"f", "flagged"}, {"+/-", "flag"}, {"esc", "back"}} {
				if !hasHelp(frame, kd[0], kd[1]) {
					t.Errorf("Members full help lacks %s %s", kd[0], kd[1])
				}
			}
			checkThresholdLines(t, frame, thresholdWords)
		})
	}
}

func checkThresholdLines(t *testing.T, frame string, words []string) {
	t.Helper()
	block := strings.Join(helpBlock(frame), "\n")
	for _, w := range words {
		if !strings.Contains(block, w+" ") {
			t.Errorf("the full help lacks the threshold line of %s:\n%s", w, block)
		}
	}
	if t.Failed() {
		t.Logf("frame:\n%s", frame)
	}
}

func TestEscClosesTheFullHelpBeforeItGoesBack(t *testing.T) {
	m, u, _ := startWithCluster(t, 120, 40)
	keys(u, "enter")
	if m.Depth() != 2 {
		t.Fatalf("enter: depth %d, want a cluster on the list", m.Depth())
	}
	keys(u, "?")
	if !strings.Contains(m.View(), "? all keys") {
		t.Fatalf("? did not open the full help:\n%s", m.View())
	}
	keys(u, "esc")
	if m.Depth() != 2 || strings.Contains(m.View(), "? all keys") {
		t.Fatalf("first Esc: depth %d (want 2, the help closed, the cluster still shown):\n%s", m.Depth(), m.View())
	}
	keys(u, "esc")
	if m.Depth() != 1 || strings.Contains(m.View(), "? all keys") {
		t.Fatalf("second Esc: depth %d (want 1, back on the list with the short help):\n%s", m.Depth(), m.View())
	}
}
