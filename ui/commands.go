package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/cmdline"
	"github.com/immtui/immtui/ui/views"
)

// openPrompt shows the `:` prompt in place of the help line.
func (m *Model) openPrompt() tea.Cmd {
	m.help.ShowAll = false
	m.prompt.Open()
	m.resize()
	return nil
}

// promptKey gives a key to the open prompt; Enter runs the line.
func (m *Model) promptKey(msg tea.KeyMsg) tea.Cmd {
	res, line := m.prompt.Key(msg)
	m.resize() // Tab's candidates take lines above the prompt, or give them back
	if res == cmdline.Submitted {
		return m.run(line)
	}
	return nil
}

// run executes a command line; what cannot run becomes the message line.
func (m *Model) run(line string) tea.Cmd {
	c, err := cmdline.Parse(line)
	if err != nil {
		m.setMessage(err.Error())
		return nil
	}
	switch c.Kind {
	case cmdline.Cluster:
		return m.push(views.NewCluster(m.env, c.Arg, nil))
	case cmdline.Members:
		return m.push(views.NewClusterMembers(m.env, c.Arg))
	case cmdline.Grid: // the cluster's view, and its grid over it
		cl := views.NewCluster(m.env, c.Arg, nil)
		return tea.Batch(m.push(cl), m.push(views.NewGrid(m.env, cl)))
	case cmdline.File:
		return m.push(views.NewFile(m.env, c.Arg))
	case cmdline.Problems:
		return m.push(views.NewProblems(m.env))
	case cmdline.Sort:
		return m.sortClusters(c.Arg, c.Order)
	case cmdline.Overview:
		return m.push(views.NewOverview(m.env))
	case cmdline.Files:
		return m.push(views.NewFiles(m.env, ""))
	case cmdline.Find:
		return m.runFind(c.Arg)
	case cmdline.Labels:
		return m.push(views.NewLabels(m.env))
	case cmdline.Places:
		return m.push(views.NewPlaces(m.env))
	case cmdline.Projects:
		return m.showProjects()
	case cmdline.Datasets:
		return m.showDatasets()
	case cmdline.Dataset:
		project, _ := m.place()
		if project == "" {
			m.setMessage("choose a project first (:projects), then :dataset NAME")
			return nil
		}
		return m.openDataset(project, c.Arg)
	case cmdline.Threshold:
		return m.setThreshold(c.Arg, c.Value)
	case cmdline.Compare:
		if m.env.Quality == nil {
			m.setMessage("compare needs the IMM store (this data source has no strip cache)")
			return nil
		}
		return m.push(views.NewCompare(m.env, c.Arg, c.Value))
	case cmdline.Review:
		return m.startReview()
	case cmdline.Help:
		return m.showKeys()
	case cmdline.Quit:
		return m.quit()
	}
	return nil
}

// startReview is :review. It walks the clusters list's clusters: on the
// list it starts there; under a screen opened from a list it asks for
// that list; with no list on the stack (the Overview) it opens one, so
// the walk's screens go over it and Esc comes back to it.
func (m *Model) startReview() tea.Cmd {
	if cl, ok := m.top().(*views.Clusters); ok {
		return cl.StartReview()
	}
	if back := m.escsToClusters(); back > 0 {
		m.setMessage("review starts from the clusters list; " + escPhrase(back) + " goes back to it")
		return nil
	}
	if m.env.Quality == nil {
		m.setMessage(":review needs the IMM store (this data source has no strip cache)")
		return nil
	}
	cl := views.NewClusters(m.env)
	return tea.Batch(m.push(cl), cl.StartReview())
}

// sortClusters is :sort. It sorts the list shown; under a screen opened
// from the clusters list it asks for that list; with no list on the stack
// (the Overview) it opens one in that order, and Esc comes back.
func (m *Model) sortClusters(by, order string) tea.Cmd {
	if s, ok := m.top().(views.Sorter); ok {
		return s.SetSort(by, order)
	}
	if back := m.escsToClusters(); back > 0 {
		m.setMessage("sort works on the clusters list; " + escPhrase(back) + " goes back to it")
		return nil
	}
	cl := views.NewClusters(m.env)
	return tea.Batch(m.push(cl), cl.SetSort(by, order))
}

// escsToClusters is how many Escs go back to the clusters list on the
// stack below the top (0: none there).
func (m *Model) escsToClusters() int {
	for i := len(m.stack) - 2; i >= 0; i-- {
		if _, ok := m.stack[i].(*views.Clusters); ok {
			return len(m.stack) - 1 - i
		}
	}
	return 0
}

// escPhrase is "Esc", or "Esc 3 times".
func escPhrase(n int) string {
	if n == 1 {
		return "Esc"
	}
	return "Esc " + strconv.Itoa(n) + " times"
}

// showKeys is :help: a screen listing every key and command, over the
// screen it describes.
func (m *Model) showKeys() tea.Cmd {
	if _, ok := m.top().(*keysView); ok {
		return nil
	}
	m.help.ShowAll = false
	k := helpKeys{view: m.top(), global: m.keys, top: len(m.stack) == 1}
	return m.push(newKeysView(m.opts.Styles, m.top().Crumb(), k))
}

// setThreshold is :threshold NAME VALUE: every screen judges again, with
// no new call (the faces are cached).
func (m *Model) setThreshold(name, value string) tea.Cmd {
	th := m.env.Thresholds()
	if err := th.SetText(name, value); err != nil {
		m.setMessage(err.Error())
		return nil
	}
	m.env.SetThresholds(th)
	m.notice = "threshold " + name + ": " + th.Describe(name)
	return func() tea.Msg { return views.ThresholdsMsg{} }
}

// setMessage shows msg in place of the help until the next key.
func (m *Model) setMessage(msg string) {
	m.message = msg
	m.resize()
}

// messageLines is the message wrapped to the width (the list of sort
// keys is longer than a narrow line).
func (m *Model) messageLines() []string {
	return safetext.Wrap(safetext.Line(m.message), max(m.width, 1))
}

// commandHelp lists the commands for the full help, one binding each.
func commandHelp() []key.Binding {
	out := make([]key.Binding, len(cmdline.Specs))
	for i, s := range cmdline.Specs {
		k := strings.TrimSpace(":" + s.Name + " " + s.Args)
		out[i] = key.NewBinding(key.WithKeys(":"+s.Name), key.WithHelp(k, s.Desc))
	}
	return out
}
