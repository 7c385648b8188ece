package views

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/search"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/widgets/errview"
	"github.com/immtui/immtui/ui/widgets/table"
)

// DefaultFilesSort is the order the Files view opens in: the newest first.
var DefaultFilesSort = state.FilesQuery{Sort: "ProduceTime", Order: "desc"}

// filesLimit bounds the files one Files view holds; a page is fetched
// only as the cursor nears the end of those loaded, so this is a bound on
// memory, not a cost paid up front.
const filesLimit = 1_000_000

type filesKeys struct {
	Open, Sort, Order, Query, Refresh key.Binding
}

// Files is every file of the dataset, or those a query matches (`:find`,
// Enter on a group of the overview): paged with NextToken in the API's
// sort order, the next page asked for before the cursor reaches the end of
// those loaded. The total is IMM's TotalHits.
type Files struct {
	env    *Env
	ctx    context.Context
	cancel context.CancelFunc
	keys   filesKeys
	table  *table.Model
	pager  filePager

	text    string           // the query as typed ("" every file)
	query   *imm.SimpleQuery // compiled
	qerr    error            // a query that did not compile
	sort    state.FilesQuery
	rows    []*imm.File
	seen    map[string]bool
	showQ   bool // the compiled query's JSON is shown above the table
	started bool

	width, height int
}

// NewFiles lists the files text matches (search language; "" every file).
// A text that does not compile shows its error.
func NewFiles(env *Env, text string) *Files {
	q, err := search.Compile(text, search.Options{Location: env.Location})
	v := NewFilesQuery(env, text, q)
	v.qerr = err
	return v
}

// NewFilesQuery lists the files of a compiled query; text is its title.
func NewFilesQuery(env *Env, text string, q *imm.SimpleQuery) *Files {
	ctx, cancel := context.WithCancel(context.Background())
	v := &Files{env: env, ctx: ctx, cancel: cancel, text: strings.TrimSpace(text), query: q, sort: DefaultFilesSort}
	v.keys = filesKeys{
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open file")),
		Sort:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort key")),
		Order:   key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "asc/desc")),
		Query:   key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "query JSON")),
		Refresh: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload")),
	}
	v.table = table.New([]table.Column{
		{Title: "Name", Min: 12, Max: 48, Flex: 3},
		{Title: "Media", Min: 5},
		{Title: "Size", Min: 9, Right: true, Drop: 2},
		{Title: "Dims/Length", Min: 11, Max: 16, Flex: 1, Drop: 4},
		{Title: "Faces", Min: 5, Right: true, Drop: 5},
		{Title: "Produced", Min: 16, Drop: 1},
		{Title: "Status", Min: 7, Max: 12, Flex: 1, Drop: 3},
	}, env.Styles)
	v.table.SetSource(fileRows{v})
	v.pager = v.newPager()
	return v
}

func (v *Files) newPager() filePager {
	data, q := v.env.Data, state.FilesQuery{Query: v.query, Sort: v.sort.Sort, Order: v.sort.Order}
	return newFilePager(v.env, v.ctx, filesLimit, func(ctx context.Context, token string) (state.FilePage, error) {
		return data.Files(ctx, q, token, state.FilesColumns)
	})
}

// Init asks for the first page.
func (v *Files) Init() tea.Cmd {
	if v.qerr != nil {
		return nil
	}
	v.started = true
	return v.pager.show()
}

// Resume asks for the next page if the cursor is near the end.
func (v *Files) Resume() tea.Cmd { return v.prefetch() }

// Pause: a Files view asks for pages only as the cursor moves, so there is
// nothing to stop; the page in flight is kept.
func (v *Files) Pause() { v.pager.hide() }

// Crumb names the view: "Files", or "Find" with a query.
func (v *Files) Crumb() string {
	if v.text != "" {
		return "Find " + v.text
	}
	return "Files"
}

// Err is the query's or the last page's error.
func (v *Files) Err() error { return cmpErr(v.qerr, v.pager.err) }

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// Close cancels the page in flight.
func (v *Files) Close() { v.cancel() }

// Text is the query as typed.
func (v *Files) Text() string { return v.text }

// Len is the files loaded; Total IMM's TotalHits (-1 before the first page).
func (v *Files) Len() int     { return len(v.rows) }
func (v *Files) Total() int64 { return v.pager.total }

// Row is file i (in the API's order).
func (v *Files) Row(i int) *imm.File { return v.rows[i] }

// Cursor is the selected row.
func (v *Files) Cursor() int { return v.table.Cursor() }

// Busy reports a page in flight.
func (v *Files) Busy() bool { return v.pager.pending != 0 }

// Query is the sort shown.
func (v *Files) Query() state.FilesQuery { return v.sort }

// Update handles pages and keys.
func (v *Files) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case filePageMsg:
		// The pager asks for the next page itself only while shown; this
		// list asks as the cursor nears the end instead (prefetch).
		v.pager.hide()
		cmd := v.pager.onPage(msg, v.add)
		return tea.Batch(cmd, v.prefetch())
	case tea.KeyMsg:
		return v.onKey(msg)
	}
	return nil
}

func (v *Files) onKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, v.keys.Open):
		if c := v.table.Cursor(); c < len(v.rows) {
			return Push(NewFile(v.env, v.rows[c].URI))
		}
	case key.Matches(msg, v.keys.Sort):
		v.sort.Sort = nextFilesSort(v.sort.Sort)
		return v.reload()
	case key.Matches(msg, v.keys.Order):
		if v.sort.Order == "desc" {
			v.sort.Order = "asc"
		} else {
			v.sort.Order = "desc"
		}
		return v.reload()
	case key.Matches(msg, v.keys.Query):
		v.showQ = !v.showQ
		v.SetSize(v.width, v.height)
	case key.Matches(msg, v.keys.Refresh):
		if v.qerr != nil {
			return nil
		}
		return v.pager.refresh(v.reset)
	case v.table.Moves(msg):
		v.table.Update(msg)
		return v.prefetch()
	}
	return nil
}

// SetSort sorts by key (one of state.FilesSortKeys) in order ("" keeps the
// order shown) and reloads.
func (v *Files) SetSort(key, order string) tea.Cmd {
	v.sort.Sort = key
	if order != "" {
		v.sort.Order = order
	}
	return v.reload()
}

// reload starts over with the sort shown.
func (v *Files) reload() tea.Cmd {
	if v.pager.stop != nil {
		v.pager.stop()
	}
	v.reset()
	v.pager = v.newPager()
	if v.qerr != nil {
		return nil
	}
	return v.pager.show()
}

func (v *Files) reset() {
	v.rows, v.seen = nil, nil
	v.table.SetSource(fileRows{v})
	v.table.SetCursor(0)
}

// prefetch asks for the next page once the cursor is within two screens
// of the end of the rows loaded, so the rows are there when it arrives.
func (v *Files) prefetch() tea.Cmd {
	p := &v.pager
	if !v.started || p.done || p.pending != 0 || p.err != nil {
		return nil
	}
	if v.table.Cursor() < len(v.rows)-2*max(v.table.PageSize(), 10) {
		return nil
	}
	return p.show()
}

// add appends a page's new files: the API sorted them, so a page goes
// after the last (a file on two pages counts once).
func (v *Files) add(files []*imm.File) int {
	if v.seen == nil {
		v.seen = map[string]bool{}
	}
	n := 0
	for _, f := range files {
		if f == nil || v.seen[f.URI] {
			continue
		}
		v.seen[f.URI] = true
		v.rows = append(v.rows, f)
		n++
	}
	v.table.SetSource(fileRows{v})
	return n
}

// nextFilesSort cycles through the keys the API sorts files by.
func nextFilesSort(cur string) string {
	for i, k := range state.FilesSortKeys {
		if k == cur {
			return state.FilesSortKeys[(i+1)%len(state.FilesSortKeys)]
		}
	}
	return state.FilesSortKeys[0]
}

// SetSize gives the title a line, the query JSON (when shown) up to half
// the rest, and the table what is left.
func (v *Files) SetSize(w, h int) {
	v.width, v.height = w, h
	v.table.SetSize(w, max(h-1-len(v.queryLines()), 0))
}

// queryLines is the compiled query's JSON when shown, at most half the
// height (the rest cut, said so).
func (v *Files) queryLines() []string {
	if !v.showQ || v.height < 4 {
		return nil
	}
	lines := strings.Split(search.JSON(v.query), "\n")
	if v.query == nil {
		lines = []string{"No Query: every file of the dataset."}
	}
	most := max((v.height-1)/2, 1)
	if len(lines) > most {
		lines = append(lines[:most-1], v.env.Styles.Glyphs.Ellipsis())
	}
	return lines
}

// View renders the title, the query's JSON when asked, and the table.
func (v *Files) View() string {
	if v.width <= 0 || v.height <= 0 {
		return ""
	}
	st := v.env.Styles
	out := []string{v.Title()}
	if v.height == 1 {
		return out[0]
	}
	for _, l := range v.queryLines() {
		out = append(out, st.Muted.Render(st.Fit(l, v.width)))
	}
	rest := v.height - len(out)
	switch {
	case v.qerr != nil:
		out = append(out, fitLines([]string{v.qerr.Error(), "Press / to correct the query."}, v.width, rest))
	case len(v.rows) == 0 && v.pager.err != nil:
		out = append(out, fitLines(errview.Lines(v.pager.err), v.width, rest))
	case len(v.rows) == 0 && v.pager.done:
		out = append(out, fitLines([]string{"No file matches.", "/ edits the query; i shows what was sent."}, v.width, rest))
	case len(v.rows) == 0:
		out = append(out, fitLines([]string{"Asking IMM for the files..."}, v.width, rest))
	default:
		out = append(out, v.table.View())
	}
	return strings.Join(out, "\n")
}

// ShortHelp is the list's keys.
func (v *Files) ShortHelp() []key.Binding {
	t := v.table.Keys
	if v.pager.err != nil {
		return []key.Binding{v.keys.Refresh, t.Up, t.Down, v.keys.Open}
	}
	return []key.Binding{t.Up, t.Down, v.keys.Open, v.keys.Sort, v.keys.Order, v.keys.Query, v.keys.Refresh}
}

// FullHelp is every key of the list.
func (v *Files) FullHelp() [][]key.Binding {
	t := v.table.Keys
	return [][]key.Binding{{t.Up, t.Down, t.PageUp, t.PageDown, t.First, t.Last},
		{v.keys.Open, v.keys.Sort, v.keys.Order, v.keys.Query, v.keys.Refresh}}
}
