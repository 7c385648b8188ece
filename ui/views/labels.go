package views

import (
	"context"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/widgets/bars"
	"github.com/immtui/immtui/ui/widgets/errview"
	"github.com/immtui/immtui/ui/widgets/table"
)

// treeRow is one node of a tree list (labels, places), flattened in
// display order with its depth.
type treeRow struct {
	name, kind, lang string
	depth            int
	count            int64
	search           string
}

// treeMsg is the reply to a tree list's fetch.
type treeMsg struct {
	req  int64
	rows []treeRow
	err  error
}

// Tree is a tree of values with their file counts (`:labels`, `:places`),
// every node shown, children indented under their parent, a bar against
// the largest; Enter lists a node's files.
type Tree struct {
	env    *Env
	ctx    context.Context
	cancel context.CancelFunc
	name   string // "Labels", "Places"
	what   string // "labels", "places": for the messages
	fetch  func(ctx context.Context) ([]treeRow, error)
	table  *table.Model
	keys   struct{ Open, Refresh key.Binding }

	rows    []treeRow
	largest int64
	loaded  bool
	err     error
	pending int64

	width, height int
}

func newTree(env *Env, name, what, kindTitle string, fetch func(ctx context.Context) ([]treeRow, error)) *Tree {
	ctx, cancel := context.WithCancel(context.Background())
	v := &Tree{env: env, ctx: ctx, cancel: cancel, name: name, what: what, fetch: fetch}
	v.keys.Open = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "its files"))
	v.keys.Refresh = key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload"))
	v.table = table.New([]table.Column{
		{Title: "Name", Min: 14, Max: 48, Flex: 2},
		{Title: "Files", Min: 7, Right: true},
		{Title: "", Min: 8, Max: 30, Flex: 1, Drop: 2, Fit: fitBar},
		{Title: kindTitle, Min: 8, Max: 10, Drop: 1},
	}, env.Styles)
	v.table.SetSource(treeCells{v})
	return v
}

// NewLabels is the dataset's labels as a tree (ParentLabelName), the
// user's languages first.
func NewLabels(env *Env) *Tree {
	return newTreeOf(env, "Labels", "labels", "Language", env.Data.Labels, func(n *state.LabelNode) (treeRow, []*state.LabelNode) {
		return treeRow{name: n.Name, lang: n.Language, kind: n.Language, count: n.Count, search: n.Search}, n.Children
	})
}

// NewPlaces is countries, provinces and cities with their files.
func NewPlaces(env *Env) *Tree {
	return newTreeOf(env, "Places", "places", "Kind", env.Data.Places, func(n *state.PlaceNode) (treeRow, []*state.PlaceNode) {
		return treeRow{name: n.Name, lang: n.Language, kind: n.Kind, count: n.Count, search: n.Search}, n.Children
	})
}

// newTreeOf is a Tree over the nodes fetch returns (in the user's
// languages), flattened depth first: node gives a node's row (depth unset)
// and its children.
func newTreeOf[N any](env *Env, name, what, kindTitle string, fetch func(context.Context, []string) ([]N, error), node func(N) (treeRow, []N)) *Tree {
	langs := languages(env)
	return newTree(env, name, what, kindTitle, func(ctx context.Context) ([]treeRow, error) {
		roots, err := fetch(ctx, langs)
		var rows []treeRow
		var walk func(ns []N, depth int)
		walk = func(ns []N, depth int) {
			for _, n := range ns {
				r, children := node(n)
				r.depth = depth
				rows = append(rows, r)
				walk(children, depth+1)
			}
		}
		walk(roots, 0)
		return rows, err
	})
}

// languages is the env's languages, English when none are set.
func languages(env *Env) []string {
	if len(env.Languages) == 0 {
		return []string{"en"}
	}
	return env.Languages
}

// Init asks for the tree.
func (v *Tree) Init() tea.Cmd {
	id := v.env.NextID()
	v.pending = id
	fetch, ctx := v.fetch, v.ctx
	return func() tea.Msg {
		rows, err := fetch(ctx)
		return treeMsg{req: id, rows: rows, err: err}
	}
}

// Crumb names the view.
func (v *Tree) Crumb() string { return v.name }

// Err is the fetch's error.
func (v *Tree) Err() error { return v.err }

// Close cancels the fetch.
func (v *Tree) Close() { v.cancel() }

// Len is the nodes shown; Row(i) the name, depth and search of node i.
func (v *Tree) Len() int { return len(v.rows) }
func (v *Tree) Row(i int) (name string, depth int, count int64, search string) {
	r := v.rows[i]
	return r.name, r.depth, r.count, r.search
}

// Cursor is the selected row.
func (v *Tree) Cursor() int { return v.table.Cursor() }

// Update handles the reply and the keys.
func (v *Tree) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case treeMsg:
		if !takeReply(&v.pending, msg.req, msg.err, &v.err) {
			return nil
		}
		v.rows, v.loaded, v.largest = msg.rows, true, 0
		for _, r := range v.rows {
			v.largest = max(v.largest, r.count)
		}
		v.table.SetSource(treeCells{v})
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, v.keys.Open):
			if c := v.table.Cursor(); c < len(v.rows) && v.rows[c].search != "" {
				return Push(NewFiles(v.env, v.rows[c].search))
			}
		case key.Matches(msg, v.keys.Refresh):
			v.err = nil
			return v.Init()
		default:
			v.table.Update(msg)
		}
	}
	return nil
}

// SetSize gives the title a line and the table the rest.
func (v *Tree) SetSize(w, h int) {
	v.width, v.height = w, h
	v.table.SetSize(w, max(h-1, 0))
}

// View renders the title and the table.
func (v *Tree) View() string {
	if v.width <= 0 || v.height <= 0 {
		return ""
	}
	st := v.env.Styles
	var status string
	switch {
	case v.pending != 0:
		status = "loading..."
	case v.err != nil:
		status = "failed: r retries"
	default:
		status = format.Plural(int64(len(v.rows)), strings.TrimSuffix(v.what, "s"), v.what) + "; bars against the largest"
	}
	title := st.Truncate(st.Title.Render(v.name)+" "+st.Muted.Render(status), v.width)
	if v.height == 1 {
		return title
	}
	switch {
	case len(v.rows) > 0:
		return title + "\n" + v.table.View()
	case v.err != nil:
		return title + "\n" + fitLines(errview.Lines(v.err), v.width, v.height-1)
	case v.loaded:
		return title + "\n" + fitLines([]string{"IMM found no " + v.what + " in this dataset's files."}, v.width, v.height-1)
	}
	return title + "\n" + fitLines([]string{"Asking IMM for the " + v.what + "..."}, v.width, v.height-1)
}

// ShortHelp is the list's keys.
func (v *Tree) ShortHelp() []key.Binding {
	t := v.table.Keys
	return []key.Binding{t.Up, t.Down, v.keys.Open, v.keys.Refresh}
}

// FullHelp is every key of the list.
func (v *Tree) FullHelp() [][]key.Binding {
	t := v.table.Keys
	return [][]key.Binding{{t.Up, t.Down, t.PageUp, t.PageDown, t.First, t.Last}, {v.keys.Open, v.keys.Refresh}}
}

// treeCells adapts the rows to the table.
type treeCells struct{ v *Tree }

func (c treeCells) Len() int { return len(c.v.rows) }

func (c treeCells) Cells(i int, dst []string) {
	r := c.v.rows[i]
	dst[0] = strings.Repeat("  ", min(r.depth, 8)) + r.name
	dst[1] = format.Count(r.count)
	dst[2] = barCell(r.count, c.v.largest)
	dst[3] = r.kind
}

// barCell is a bar's fraction as the cell's text; fitBar draws it at the
// column's width (cells are strings, and the width is the table's).
func barCell(n, largest int64) string {
	if largest <= 0 {
		return "0"
	}
	return strconv.FormatFloat(float64(n)/float64(largest), 'f', 4, 64)
}

// fitBar draws a barCell value as a bar of w cells.
func fitBar(st *theme.Styles, s string, w int) string {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return st.Fit(s, w)
	}
	return bars.Bar(st, f, w)
}
