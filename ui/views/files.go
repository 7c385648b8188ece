package views

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/search"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/widgets/table"
)

// DefaultFilesSort is the order the Files view opens in: the newest first.
var DefaultFilesSort = state.FilesQuery{Sort: "ProduceTime", Order: "desc"}

// filesLimit bounds the files one Files view holds; a page is fetched
// only as the cursor nears the end of those loaded, so this is a bound on
// memory, not a cost paid up front.
const filesLimit = 1_000_000

// Files is every file of the dataset, or those a query matches (`:find`,
// Enter on a group of the overview): paged with NextToken in the API's
// sort order, the next page asked for before the cursor reaches the end of
// those loaded (a fileList with Ahead). The total is IMM's TotalHits.
type Files struct {
	*fileList[*imm.File]
	keys struct{ Sort, Order, Query, QueryDown, QueryUp key.Binding }

	text  string           // the query as typed ("" every file)
	query *imm.SimpleQuery // compiled
	sort  state.FilesQuery
	// suggest is the query rewritten when its words look like conditions
	// written another way (search.Suggest): the summary offers it.
	suggest string
	json    queryJSON // the compiled query's JSON, shown above the table on i
}

// NewFiles lists the files text matches (search language; "" every file).
// A text that does not compile shows its error.
func NewFiles(env *Env, text string) *Files {
	q, err := search.Compile(text, search.Options{Location: env.Location})
	v := NewFilesQuery(env, text, q)
	if err != nil {
		v.block(err, "the query does not compile", err.Error(), "Press F to correct the query.")
	}
	return v
}

// NewFilesQuery lists the files of a compiled query; text is its title.
func NewFilesQuery(env *Env, text string, q *imm.SimpleQuery) *Files {
	v := &Files{text: strings.TrimSpace(text), query: q, sort: DefaultFilesSort}
	v.suggest = search.Suggest(v.text)
	v.json.text = search.JSON(q)
	if q == nil {
		v.json.text = "No Query: every file of the dataset."
	}
	v.keys.Sort = key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort key"))
	v.keys.Order = key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "asc/desc"))
	v.keys.Query = key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "query JSON"))
	v.keys.QueryDown = key.NewBinding(key.WithKeys("J"), key.WithHelp("J/K", "scroll"))
	v.keys.QueryUp = key.NewBinding(key.WithKeys("K"), key.WithHelp("K", "scroll the JSON up"))
	v.fileList = newFileList(env, fileListSpec[*imm.File]{
		Name: "Files",
		Columns: []table.Column{
			{Title: "Name", Min: 12, Max: 48, Flex: 3},
			{Title: "Media", Min: 5},
			{Title: "Size", Min: 9, Right: true, Drop: 2},
			{Title: "Dims/Length", Min: 11, Max: 16, Flex: 1, Drop: 4},
			{Title: "Faces", Min: 5, Right: true, Drop: 5},
			{Title: "Produced", Min: 16, Drop: 1},
			{Title: "Status", Min: 7, Max: 12, Flex: 1, Drop: 3},
		},
		Fetch: filesFetch(env.Data, v.query, v.sort), Limit: filesLimit, Ahead: true,
		Row:   func(f *imm.File) (*imm.File, bool) { return f, true },
		File:  func(f *imm.File) *imm.File { return f },
		Cells: fileCells, Style: fileStyle(env.Styles),
		Words: listWords{Failed: "could not list the files: r retries",
			EmptyBody: []string{"No file matches.", "F edits the query; i shows what was sent."},
			Waiting:   []string{"Asking IMM for the files..."}},
		Summary: v.summary, Head: v.head, Above: v.queryLines,
		Keys:  []key.Binding{v.keys.Sort, v.keys.Order, v.keys.Query},
		OnKey: v.onKey,
	})
	v.words.Loading = "loading" + v.byPhrase()
	return v
}

// filesFetch is the page fetch of a query in a sort, fixed when made: the
// command that runs it must not read the view.
func filesFetch(data Data, query *imm.SimpleQuery, sort state.FilesQuery) func(context.Context, string) (state.FilePage, error) {
	q := state.FilesQuery{Query: query, Sort: sort.Sort, Order: sort.Order}
	return func(ctx context.Context, token string) (state.FilePage, error) {
		return data.Files(ctx, q, token, state.FilesColumns)
	}
}

// Crumb names the view: "Files", or "Find" with a query.
func (v *Files) Crumb() string {
	if v.text != "" {
		return "Find " + v.text
	}
	return "Files"
}

// Text is the query as typed.
func (v *Files) Text() string { return v.text }

// Total is IMM's TotalHits (-1 before the first page).
func (v *Files) Total() int64 { return v.pager.total }

// Row is file i (in the API's order).
func (v *Files) Row(i int) *imm.File { return v.list.rows[i] }

// Query is the sort shown.
func (v *Files) Query() state.FilesQuery { return v.sort }

func (v *Files) onKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, v.keys.Sort):
		return v.SetSort(nextFilesSort(v.sort.Sort), ""), true
	case key.Matches(msg, v.keys.Order):
		if v.sort.Order == "desc" {
			return v.SetSort(v.sort.Sort, "asc"), true
		}
		return v.SetSort(v.sort.Sort, "desc"), true
	case key.Matches(msg, v.keys.Query):
		v.json.shown = !v.json.shown
		v.SetSize(v.width, v.height)
		return nil, true
	case v.json.scrolls(v.width, v.height) && key.Matches(msg, v.keys.QueryDown):
		v.json.scroll(+1, v.width, v.height)
		return nil, true
	case v.json.scrolls(v.width, v.height) && key.Matches(msg, v.keys.QueryUp):
		v.json.scroll(-1, v.width, v.height)
		return nil, true
	}
	return nil, false
}

// ShortHelp is the list's keys, and J/K while the JSON shown is longer
// than its space.
func (v *Files) ShortHelp() []key.Binding {
	out := v.fileList.ShortHelp()
	if !v.json.scrolls(v.width, v.height) {
		return out
	}
	// Beside i, before r: a line cut for width keeps it.
	at := slices.IndexFunc(out, func(b key.Binding) bool { return b.Help().Key == v.keys.Query.Help().Key })
	return slices.Insert(out, at+1, v.keys.QueryDown)
}

// FullHelp is the list's, and J and K while the JSON scrolls.
func (v *Files) FullHelp() [][]key.Binding {
	if v.json.scrolls(v.width, v.height) {
		down := v.keys.QueryDown
		down.SetHelp("J", "scroll the JSON down")
		return append(v.fileList.FullHelp(), []key.Binding{down, v.keys.QueryUp})
	}
	return v.fileList.FullHelp()
}

// SetSort sorts by key (one of state.FilesSortKeys) in order ("" keeps the
// order shown) and reloads.
func (v *Files) SetSort(key, order string) tea.Cmd {
	v.sort.Sort = key
	if order != "" {
		v.sort.Order = order
	}
	v.words.Loading = "loading" + v.byPhrase()
	return v.restart(filesFetch(v.env.Data, v.query, v.sort))
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

// head is "Files", or "Find type:video city:杭州" with a query.
func (v *Files) head() string {
	st := v.env.Styles
	if v.text == "" {
		return st.Title.Render("Files")
	}
	return st.Title.Render("Find ") + st.Value.Render(st.Fit(v.text, max(v.width/2, 10)))
}

// summary is "1,234 files, by ProduceTime desc", or "1,234 files, 100
// loaded, ..." while pages are left. A query whose words look like
// conditions written another way finds little and says nothing of it:
// the summary offers the rewrite ("0 files. Did you mean type:image?").
func (v *Files) summary() string {
	p, n := &v.pager, int64(len(v.list.rows))
	done := p.done || n >= p.total
	if v.suggest != "" {
		mean := ". Did you mean " + v.suggest + "? (F edits the query)"
		if done {
			return format.Plural(p.total, "file", "files") + mean
		}
		return format.Count(p.total) + " files, " + format.Count(n) + " loaded" + mean
	}
	if done {
		return format.Plural(p.total, "file", "files") + v.byPhrase()
	}
	return format.Count(p.total) + " files, " + format.Count(n) + " loaded" + v.byPhrase()
}

func (v *Files) byPhrase() string {
	if v.sort.Sort == "" {
		return ""
	}
	return ", by " + v.sort.Sort + " " + cmp.Or(v.sort.Order, "desc")
}

// queryLines is the compiled query's JSON when shown (queryJSON.lines).
func (v *Files) queryLines() []string {
	if !v.json.shown {
		return nil
	}
	return v.json.lines(v.env.Styles, v.width, v.height)
}
