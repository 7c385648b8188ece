// Package ui is immtui's Bubble Tea root model: a navigation stack of views
// (clusters, then a cluster, then another cluster...), the frame around the
// top one (header, breadcrumbs, status, help) and the keys that work
// everywhere. The views themselves live in ui/views, the file panes in
// ui/panes, shared widgets in ui/widgets.
package ui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/cmdline"
	"github.com/immtui/immtui/ui/panes"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/views"
)

// Data is what the browser reads; *state.Store satisfies it.
type Data = views.Data

// Options configure the browser.
type Options struct {
	Store    Data
	Endpoint string        // shown in the header
	Region   string        // may be ""; DemoRegion counts as Demo
	Demo     bool          // the endpoint is the in-process emulator
	ReadOnly bool          // the header shows a read-only marker
	Styles   *theme.Styles // nil = theme.New(nil)

	// NewPanes builds the file panes (nil: panes.New). Tests pass stand-ins.
	NewPanes func(panes.Context) []panes.Pane

	// Thresholds are the review thresholds (nil: review.Default()), from
	// the config file.
	Thresholds *review.Thresholds
	// Quality is the strip cache (nil: made over Store when it is a
	// *state.Store; none otherwise, and the review figures are off).
	Quality *state.Quality
}

// Model is the root model. Build it with New.
type Model struct {
	opts  Options
	env   *views.Env
	keys  globalKeys
	help  help.Model
	stack []views.View
	// prompt is the `:` command line; message, when set, is the last
	// command's error, shown in place of the help until the next key.
	prompt  *cmdline.Prompt
	message string
	// notice is a passing note for the status line (a threshold set by
	// :threshold), until the next key.
	notice string

	width, height int
	frame         frameCache
}

// New returns the browser, opening on the dataset's clusters.
func New(o Options) tea.Model { return NewModel(o) }

// NewModel is New with the concrete type, for tests and embedding.
func NewModel(o Options) *Model {
	if o.Styles == nil {
		o.Styles = theme.New(nil)
	}
	if o.NewPanes == nil {
		o.NewPanes = panes.New
	}
	th := review.Default()
	if o.Thresholds != nil {
		th = *o.Thresholds
	}
	if st, ok := o.Store.(*state.Store); ok && o.Quality == nil {
		o.Quality = state.NewQuality(st, th)
	}
	m := &Model{
		opts: o,
		env:  &views.Env{Data: o.Store, Styles: o.Styles, NewPanes: o.NewPanes, Review: &th, Quality: o.Quality},
		keys: newGlobalKeys(),
		help: newHelp(o.Styles),
	}
	m.prompt = cmdline.NewPrompt(o.Styles)
	m.stack = []views.View{views.NewClusters(m.env)}
	return m
}

// Init starts the first view's fetches.
func (m *Model) Init() tea.Cmd { return m.top().Init() }

func (m *Model) top() views.View { return m.stack[len(m.stack)-1] }

// Top is the view on screen.
func (m *Model) Top() views.View { return m.top() }

// Depth is the number of views on the stack.
func (m *Model) Depth() int { return len(m.stack) }

// Update routes messages: global keys first, other keys to the top view,
// everything else to every view on the stack (each keeps its own replies).
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.Width = msg.Width
		m.resize()
		return m, nil
	case tea.KeyMsg:
		return m, m.onKey(msg)
	case views.PushMsg:
		return m, m.push(msg.View)
	case views.ReplaceMsg:
		if len(m.stack) > 1 {
			m.top().Close()
			m.stack = m.stack[:len(m.stack)-1]
		}
		return m, m.push(msg.View)
	case panes.OpenClusterMsg:
		return m, m.push(views.NewCluster(m.env, msg.ClusterID, nil))
	}
	var cmds []tea.Cmd
	for _, v := range m.stack {
		if cmd := v.Update(msg); cmd != nil {
			cmds = append(cmds, cmd)
		}
	}
	return m, tea.Batch(cmds...)
}

func (m *Model) onKey(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, m.keys.ForceQuit) {
		return m.quit()
	}
	if m.prompt.IsOpen() {
		return m.promptKey(msg) // every key, q and ? included, is text
	}
	m.notice = ""
	if m.message != "" {
		m.message = "" // read: the key does what it does as well
		m.resize()
	}
	// Typed-ahead runes arrive as one message ("jjj" while j is held, or
	// when the terminal is slow): each is a key press of its own.
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
		var cmds []tea.Cmd
		for _, r := range msg.Runes {
			cmds = append(cmds, m.onKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}))
		}
		return tea.Sequence(cmds...)
	}
	switch {
	case key.Matches(msg, m.keys.Help):
		m.help.ShowAll = !m.help.ShowAll
		m.resize() // full help takes lines from the view
		return nil
	case key.Matches(msg, m.keys.Command):
		return m.openPrompt()
	case key.Matches(msg, m.keys.Quit):
		if len(m.stack) == 1 {
			return m.quit()
		}
		return m.pop()
	case key.Matches(msg, m.keys.Back):
		return m.pop()
	}
	return m.top().Update(msg)
}

// quit cancels every view's requests and ends the program.
func (m *Model) quit() tea.Cmd {
	for _, v := range m.stack {
		v.Close()
	}
	return tea.Quit
}

func (m *Model) push(v views.View) tea.Cmd {
	if p, ok := m.top().(views.Pauser); ok {
		p.Pause() // background paging stops while covered
	}
	m.stack = append(m.stack, v)
	m.resize()
	return v.Init()
}

// pop leaves the top view (never the first) and cancels its requests.
func (m *Model) pop() tea.Cmd {
	if len(m.stack) == 1 {
		return nil
	}
	m.top().Close()
	m.stack[len(m.stack)-1] = nil
	m.stack = m.stack[:len(m.stack)-1]
	m.resize()
	if r, ok := m.top().(views.Resumer); ok {
		return r.Resume()
	}
	return nil
}

// resize gives the top view the body's size; views below get theirs when
// they come back to the top.
func (m *Model) resize() {
	m.frame = frameCache{}
	w, h := m.bodySize()
	m.top().SetSize(w, h)
}
