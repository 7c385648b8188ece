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

	// Catalog lists projects and datasets for the pickers; with it and no
	// Store the browser opens on the projects picker. Open makes the store
	// of a dataset chosen there (the root closes the ones it opened).
	Catalog views.Catalog
	Open    func(project, dataset string) views.Data
	// Recent is what was browsed last with this profile and region,
	// offered first in the projects picker (nil: nothing).
	Recent *views.Recent
	// StartProject, with no Store, opens on that project's datasets.
	StartProject string
	// Credentials names where the keys come from, never a key: "profile
	// default (cli_profile)", "demo key". Shown in the header.
	Credentials string
	// Review is the config file's review thresholds (nil: the defaults).
	Review *review.Thresholds
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

	width, height int
	frame         frameCache

	recent  *views.Recent // offered first in a projects picker
	home    views.View    // the last dataset's first screen (see Browsed)
	ownData bool          // env.Data was made by Options.Open: the root closes it
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
	m := &Model{
		opts:   o,
		env:    &views.Env{Data: o.Store, Styles: o.Styles, NewPanes: o.NewPanes, Catalog: o.Catalog, Review: o.Review},
		keys:   newGlobalKeys(o.Styles.Bindings),
		help:   newHelp(o.Styles),
		recent: o.Recent,
	}
	m.prompt = cmdline.NewPrompt(o.Styles)
	m.stack = m.firstStack()
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
	case views.OpenDatasetMsg:
		return m, m.openDataset(msg.Project, msg.Dataset)
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
	if t, ok := m.top().(views.Typer); ok && t.Typing() {
		return m.top().Update(msg) // a filter being typed: q and Esc too
	}
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
	case m.env.Catalog != nil && key.Matches(msg, m.keys.Projects):
		return m.showProjects()
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
