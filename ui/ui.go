// Package ui is immtui's Bubble Tea root model: a navigation stack of views
// (clusters, then a cluster, then another cluster...), the frame around the
// top one (header, breadcrumbs, status, help) and the keys that work
// everywhere. The views themselves live in ui/views, the file panes in
// ui/panes, shared widgets in ui/widgets.
package ui

import (
	"io"
	"slices"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/clipboard"
	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/cmdline"
	"github.com/immtui/immtui/ui/panes"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/views"
	"github.com/immtui/immtui/ui/widgets/faceimg"
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

	// StartOn is a dataset's first screen: the clusters list (the zero
	// value, as every screen test expects) or the overview, which the
	// program opens on.
	StartOn Start
	// Languages are the user's languages (BCP 47), preferred first: labels
	// and places in them come first, and the panes show labels, addresses
	// and OCR in the first. The program builds them with Languages; nil:
	// English first in the lists, every language in the panes.
	Languages []string
	// Location is the zone of dates typed in queries (nil: time.Local).
	Location *time.Location
	// Clipboard is how y and Y copy (clipboard.FromEnv); Terminal is where
	// the copy sequence is written (the program's output; nil: no copy).
	Clipboard clipboard.Env
	Terminal  io.Writer
	// ExportDir is where e writes ("": the current directory).
	ExportDir string
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
	// Images loads and draws face crops (nil: placeholders only).
	Images *faceimg.Images
	// Thresholds are the review thresholds (nil: review.Default()), from
	// the config file.
	Thresholds *review.Thresholds
	// Quality is the strip cache (nil: made over Store when it is a
	// *state.Store; none otherwise, and the review figures are off).
	Quality *state.Quality
}

// Start names a dataset's first screen.
type Start int

// The first screens.
const (
	StartClusters Start = iota
	StartOverview
)

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
	// find is the F (and :find) prompt for queries, with its own history.
	find *cmdline.FindPrompt
	// filter is the `/` input while it is open.
	filter filterLine
	// notice is the last copy's or export's outcome, on the status line
	// until the next key.
	notice string

	hist history
	// live is every open view: the stack's and the history's, each once.
	// Non-key messages go to all of them (each keeps its own replies).
	live []views.View

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
	th := review.Default()
	switch {
	case o.Review != nil:
		th = *o.Review
	case o.Thresholds != nil:
		th = *o.Thresholds
	}
	if st, ok := o.Store.(*state.Store); ok && o.Quality == nil {
		o.Quality = state.NewQuality(st, th)
	}
	m := &Model{
		opts: o,
		env: &views.Env{Data: o.Store, Styles: o.Styles, NewPanes: withImages(o.NewPanes, o.Images), Images: o.Images, Languages: o.Languages,
			Location: o.Location, Catalog: o.Catalog, Review: &th, Quality: o.Quality},
		keys:   newGlobalKeys(o.Styles.Bindings, o.Catalog != nil),
		help:   newHelp(o.Styles),
		recent: o.Recent,
	}
	m.prompt = cmdline.NewPrompt(o.Styles)
	m.find = cmdline.NewFindPrompt(o.Styles, o.Location)
	m.stack = m.firstStack()
	m.visit()
	return m
}

// withImages gives every pane the session's face images.
func withImages(newPanes func(panes.Context) []panes.Pane, im *faceimg.Images) func(panes.Context) []panes.Pane {
	return func(c panes.Context) []panes.Pane {
		c.Images = im
		return newPanes(c)
	}
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
		m.resize()
		return m, m.loadVisible()
	case tea.KeyMsg:
		return m, m.onKey(msg)
	case views.PushMsg:
		return m, m.push(msg.View)
	case views.OpenDatasetMsg:
		return m, m.openDataset(msg.Project, msg.Dataset)
	case views.ReplaceMsg:
		if len(m.stack) > 1 {
			m.top().Close()
			m.stack = m.stack[:len(m.stack)-1]
		}
		return m, m.push(msg.View)
	case panes.OpenClusterMsg:
		return m, m.push(views.NewCluster(m.env, msg.ClusterID, nil))
	case copiedMsg:
		m.takeoutDone(msg.status, msg.err)
		return m, nil
	case exportedMsg:
		m.takeoutDone(msg.status, msg.err)
		return m, nil
	}
	var cmds []tea.Cmd
	for _, v := range m.live {
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
	if m.find.IsOpen() {
		return m.findKey(msg)
	}
	if m.filter.isOpen() {
		return m.filterKey(msg) // likewise
	}
	if m.message != "" {
		m.message = "" // read: the key does what it does as well
		m.resize()
	}
	m.notice = ""
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
	case key.Matches(msg, m.keys.Find):
		return m.openFind("")
	case key.Matches(msg, m.keys.Quit):
		if len(m.stack) == 1 {
			return m.quit()
		}
		return m.pop()
	case key.Matches(msg, m.keys.Back):
		if m.help.ShowAll {
			// Esc closes the full help first, as ? does: it belongs to
			// the screen it was opened on, not the one Esc goes back to.
			m.help.ShowAll = false
			m.resize()
			return nil
		}
		if t := m.topTable(); t != nil && t.Filter() != "" {
			t.SetFilter("") // Esc clears the filter before it goes back
			return nil
		}
		return m.pop()
	case key.Matches(msg, m.keys.Projects): // enabled with a catalog
		return m.showProjects()
	case key.Matches(msg, m.keys.Filter) && !m.viewBinds(msg):
		return m.openFilter()
	case key.Matches(msg, m.keys.PlaceBack):
		if m.hist.at == 0 {
			m.setNotice("no older place: [ goes back through the places visited", false)
			return nil
		}
		return m.goPlace(m.hist.at - 1)
	case key.Matches(msg, m.keys.PlaceForward):
		if m.hist.at == len(m.hist.places)-1 {
			m.setNotice("no newer place: ] goes forward after [", false)
			return nil
		}
		return m.goPlace(m.hist.at + 1)
	case key.Matches(msg, m.keys.PlacePrev) && !m.viewBinds(msg):
		return m.goPlace(m.hist.prev)
	case m.viewBinds(msg):
		// The view's own key wins over the take-out keys below (the Raw
		// pane's e expands).
	case key.Matches(msg, m.keys.Copy):
		return m.copySelection()
	case key.Matches(msg, m.keys.CopyJSON):
		return m.copyJSON()
	case key.Matches(msg, m.keys.Export):
		return m.export()
	}
	return m.top().Update(msg)
}

// viewBinds reports whether the top view binds msg itself (its full help
// lists every key it has).
func (m *Model) viewBinds(msg tea.KeyMsg) bool {
	if !key.Matches(msg, m.keys.Copy, m.keys.CopyJSON, m.keys.Export, m.keys.Filter, m.keys.PlacePrev) {
		return false
	}
	if b, ok := m.top().(views.KeyBinder); ok && b.Binds(msg) {
		return true
	}
	for _, group := range m.top().FullHelp() {
		if key.Matches(msg, group...) {
			return true
		}
	}
	return false
}

// takeoutDone shows how a copy or an export went.
func (m *Model) takeoutDone(status string, err error) {
	if err != nil {
		m.setNotice(err.Error(), true)
		return
	}
	m.setNotice(status, false)
}

// quit cancels every view's requests and ends the program.
func (m *Model) quit() tea.Cmd {
	for _, v := range m.live {
		v.Close()
	}
	return tea.Quit
}

func (m *Model) push(v views.View) tea.Cmd {
	if p, ok := m.top().(views.Pauser); ok {
		p.Pause() // background paging stops while covered
	}
	m.stack = append(m.stack, v)
	m.visit()
	m.resize()
	return v.Init()
}

// pop leaves the top view (never the first): a new place in the history.
// The view left is paused, not closed: the history still holds it, and
// it is closed once no place does.
func (m *Model) pop() tea.Cmd {
	if len(m.stack) == 1 {
		return nil
	}
	old := m.top()
	m.stack = slices.Clone(m.stack[:len(m.stack)-1])
	m.visit()
	return m.switched(old)
}

// loadVisible asks the top view for the pictures its size now shows.
func (m *Model) loadVisible() tea.Cmd {
	if l, ok := m.top().(views.LoadVisible); ok {
		return l.LoadVisible()
	}
	return nil
}

// resize gives the top view the body's size; views below get theirs when
// they come back to the top.
func (m *Model) resize() {
	_, n := m.helpBlock()
	w, h := m.bodySize(n)
	m.top().SetSize(w, h)
}
