package views

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/component"
	"github.com/immtui/immtui/ui/widgets/table"
)

// fileList is the engine of every screen that is a list of files paging
// itself in (Problems, Files, Members, and the lists to come). A screen
// embeds a *fileList[Row] and declares, in its constructor, only what is
// its own:
//
//   - the columns, and the page fetch (a tea.Cmd runs it: it may block);
//   - its row type: how a file becomes a row (or is left out) or, for rows
//     that depend on every file loaded, the rows anew from each page's
//     files (Rows); the order (nil keeps the API's: each page goes after
//     the last), the row's file, and the row renderer (cells, optional
//     colours and filter text);
//   - its title words: the summary once files are loaded, and the phrases
//     while the first page comes, when it failed, when nothing matched;
//   - what Enter does (default: open the file on its first pane) and its
//     extra keys, with their help.
//
// The engine owns the rest, so a screen never repeats it: the table, the
// filePager (first page on Init, the next as each arrives while shown, or
// with Ahead only as the cursor nears the end; the bound; pause and
// resume; PageGuard), the pagedList (rows in order, URIs seen, the cursor
// kept on its row as pages merge or replace the rows), its spinner (its
// own ticks by id), the title's common phrases ("N of M files", ",
// loading more", ", paused", ", a page failed: r retries"), the empty,
// loading and error bodies, r (retry or start over), Close, Err, and the
// root's hooks: Filterable (/), Selector (y: the file URI) and Shower (Y:
// the file's JSON).
//
// It is a component.Model (ui/component) and, with the Crumb, Init,
// Pause, Resume and Close it has, a whole View; a screen overrides a
// method where it differs (Files' Crumb, Members' help). A part of a
// screen (Members, in the Cluster screen) is driven by its host: the
// host's context ends it, Resume and Pause follow what the host shows.
// The smallest screen on it is names, in filelist_test.go; Problems
// (problems.go) is a real one.
type fileList[T any] struct {
	env    *Env
	spec   fileListSpec[T]
	words  listWords // the spec's; a screen may change them (a new sort)
	cancel context.CancelFunc
	table  *table.Model
	pager  filePager
	list   pagedList[T]
	keys   struct{ Open, Refresh key.Binding }

	spin spin // turns while a page is in flight

	started bool // Init ran: Ahead pages only after it

	blocked      error // the list cannot ask (a query that does not compile)
	blockedTitle string
	blockedBody  []string

	width, height int
}

var _ component.Model = (*fileList[int])(nil)

// fileListSpec is what a screen declares; the zero value of an optional
// field leaves the engine's default.
type fileListSpec[T any] struct {
	Name    string // the title's first word and the crumb
	Columns []table.Column
	Fetch   func(ctx context.Context, token string) (state.FilePage, error)
	Context context.Context // the host's, for a part of a screen (nil: the list's own)
	Limit   int             // files paged in at most
	Ahead   bool            // page only as the cursor nears the end (a list too long to load whole)

	Row func(f *imm.File) (T, bool) // the file's row; false leaves the file out
	// Rows, in place of Row, is for rows that depend on every file loaded
	// (Members judges each face against the whole cluster): given a page's
	// new files, it returns every row, which replace the old ones.
	Rows    func(fresh []*imm.File) []T
	File    func(r T) *imm.File     // the row's file (Enter, y, Y)
	Same    func(a, b T) bool       // the cursor's row as pages come (nil: the same file)
	Compare func(a, b T) int        // the order; nil: the API's
	Cells   func(r T, dst []string) // the row renderer: dst[c] for every column
	Style   func(r T, col int) *lipgloss.Style
	Text    func(r T) string // what / matches (nil: the cells)

	Words   listWords
	Summary func() string   // the title once files are loaded (nil: "N of M files")
	Head    func() string   // the title's start (nil: Name in the Title style)
	Tail    func() string   // the title's end, after what paging does
	Above   func() []string // lines drawn between the title and the table (SetSize counts them)

	Added func(fresh []T) // after a page's new rows are merged (a screen's own counts)
	Reset func()          // the rows were dropped (r started over)

	Open  func(r T) tea.Cmd // Enter (nil: open the file)
	Keys  []key.Binding     // extra keys, for the help
	OnKey func(msg tea.KeyMsg) (cmd tea.Cmd, handled bool)
}

// listWords are a list's own phrases for the title and the body while it
// has no row.
type listWords struct {
	Loading   string   // title while the first rows come: "looking for files not indexed..."
	Failed    string   // title when that failed: "could not list ...: r retries"
	Empty     string   // title when nothing matched ("": the Summary says so)
	Clear     bool     // an empty list is good news: Empty in the Good style
	EmptyBody []string // body when nothing matched
	Hidden    []string // body when files are loaded but the screen's own filter shows no row
	Waiting   []string // body while the first rows come
}

// newFileList makes the list spec declares; Init asks for its first page.
func newFileList[T any](env *Env, spec fileListSpec[T]) *fileList[T] {
	parent := spec.Context
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel := context.WithCancel(parent)
	l := &fileList[T]{env: env, spec: spec, words: spec.Words, cancel: cancel}
	l.keys.Open = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open file"))
	l.keys.Refresh = key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload"))
	l.spin = newSpin(env.Styles)
	l.pager = newFilePager(env, ctx, spec.Limit, spec.Fetch)
	l.table = table.New(spec.Columns, env.Styles)
	l.table.SetSource(listSource[T]{l})
	same := spec.Same
	if same == nil {
		same = func(a, b T) bool { return spec.File(a) == spec.File(b) }
	}
	l.list = newPagedList(l.table, spec.Compare, same)
	return l
}

// block makes the list one that asks for nothing: title says why (in the
// Error style), body is drawn instead of the table, Err is err.
func (l *fileList[T]) block(err error, title string, body ...string) {
	l.blocked, l.blockedTitle, l.blockedBody = err, title, body
}

// Init starts the paging.
func (l *fileList[T]) Init() tea.Cmd {
	if l.blocked != nil {
		return nil
	}
	l.started = true
	return l.spinning(l.pager.show())
}

// Resume continues the paging when the view is back on top.
func (l *fileList[T]) Resume() tea.Cmd {
	if l.spec.Ahead {
		return l.prefetch()
	}
	return l.spinning(l.pager.show())
}

// Pause stops paging while another view covers this one; a page in flight
// is kept.
func (l *fileList[T]) Pause() { l.pager.hide() }

// Close cancels the page in flight.
func (l *fileList[T]) Close() { l.cancel() }

// Crumb names the view in the breadcrumbs.
func (l *fileList[T]) Crumb() string { return l.spec.Name }

// Err is why the list cannot ask, or the last page's error.
func (l *fileList[T]) Err() error {
	if l.blocked != nil {
		return l.blocked
	}
	return l.pager.err
}

// Len is the rows loaded.
func (l *fileList[T]) Len() int { return len(l.list.rows) }

// Done reports whether paging ended: the last page came or the bound.
func (l *fileList[T]) Done() bool { return l.pager.done }

// Busy reports a page request in flight.
func (l *fileList[T]) Busy() bool { return l.pager.pending != 0 }

// Cursor is the selected row.
func (l *fileList[T]) Cursor() int { return l.table.Cursor() }

// selected is the row under the cursor (false: none, or a filter that
// matches nothing).
func (l *fileList[T]) selected() (T, bool) {
	if c := l.table.Cursor(); c < len(l.list.rows) {
		return l.list.rows[c], true
	}
	var zero T
	return zero, false
}

// Update handles page replies, its spinner's ticks and keys: the
// screen's own first, then Enter, r and movement.
func (l *fileList[T]) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case filePageMsg:
		if l.spec.Ahead {
			// The pager asks for the next page itself only while shown;
			// this list asks as the cursor nears the end instead.
			l.pager.hide()
			return tea.Batch(l.pager.onPage(msg, l.add), l.prefetch())
		}
		return l.spinning(l.pager.onPage(msg, l.add))
	case spinner.TickMsg:
		cmd, _ := l.spin.update(msg, l.pager.pending != 0) // another spinner's: nil
		return cmd
	case tea.KeyMsg:
		if l.spec.OnKey != nil {
			if cmd, ok := l.spec.OnKey(msg); ok {
				return cmd
			}
		}
		switch {
		case key.Matches(msg, l.keys.Open):
			return l.open()
		case key.Matches(msg, l.keys.Refresh):
			return l.refresh()
		case l.table.Moves(msg):
			l.table.Update(msg)
			if l.spec.Ahead {
				return l.prefetch()
			}
		}
	}
	return nil
}

func (l *fileList[T]) open() tea.Cmd {
	r, ok := l.selected()
	if !ok {
		return nil
	}
	if l.spec.Open != nil {
		return l.spec.Open(r)
	}
	return Push(NewFile(l.env, l.spec.File(r).URI))
}

// refresh is r: retry the page that failed, else start over.
func (l *fileList[T]) refresh() tea.Cmd {
	if l.blocked != nil {
		return nil
	}
	return l.spinning(l.pager.refresh(l.reset))
}

// restart drops every row and pages in fetch's files from the start (a
// new sort): the page in flight is cancelled, its reply dropped as stale.
func (l *fileList[T]) restart(fetch func(context.Context, string) (state.FilePage, error)) tea.Cmd {
	l.spec.Fetch = fetch
	l.pager.restart(fetch)
	l.reset()
	if l.blocked != nil {
		return nil
	}
	return l.spinning(l.pager.show())
}

func (l *fileList[T]) reset() {
	l.list.reset()
	if l.spec.Reset != nil {
		l.spec.Reset()
	}
}

// prefetch (Ahead) asks for the next page once the cursor is within two
// screens of the end of the rows loaded, so the rows are there when it
// arrives.
func (l *fileList[T]) prefetch() tea.Cmd {
	p := &l.pager
	if !l.started || l.blocked != nil || p.done || p.pending != 0 || p.err != nil {
		return nil
	}
	if l.table.Cursor() < len(l.list.rows)-2*max(l.table.PageSize(), 10) {
		return nil
	}
	return l.spinning(p.show())
}

// spinning starts the spinner with a page request, unless it turns.
func (l *fileList[T]) spinning(request tea.Cmd) tea.Cmd {
	if request == nil {
		return nil
	}
	return tea.Batch(request, l.spin.start())
}

// add turns a page into rows: each file the screen keeps and not seen
// before, merged into the order (pagedList.merge); with Rows, the files
// not seen before go to the screen and its rows replace the old
// (pagedList.replace). It returns the files loaded.
func (l *fileList[T]) add(files []*imm.File) int {
	if l.spec.Rows != nil {
		var fresh []*imm.File
		for _, f := range files {
			if f != nil && l.list.first(f.URI) {
				fresh = append(fresh, f)
			}
		}
		l.list.replace(l.spec.Rows(fresh))
		return len(fresh)
	}
	var fresh []T
	for _, f := range files {
		if f == nil {
			continue
		}
		if r, ok := l.spec.Row(f); ok && l.list.first(f.URI) {
			fresh = append(fresh, r)
		}
	}
	l.list.merge(fresh)
	if l.spec.Added != nil {
		l.spec.Added(fresh)
	}
	return len(fresh)
}

// SetSize gives the title a line, the screen's lines above the table
// theirs, and the table the rest.
func (l *fileList[T]) SetSize(w, h int) {
	l.width, l.height = w, h
	l.table.SetSize(w, max(h-1-len(l.above()), 0))
}

func (l *fileList[T]) above() []string {
	if l.spec.Above == nil {
		return nil
	}
	return l.spec.Above()
}

// limitOr is a list bound from the environment, or def when it sets none.
func limitOr(limit, def int) int {
	if limit <= 0 {
		return def
	}
	return limit
}
