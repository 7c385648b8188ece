package views

import (
	"context"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/panes"
	"github.com/immtui/immtui/ui/widgets/errview"
	"github.com/immtui/immtui/ui/widgets/table"
)

// problemRowFields are the File fields a Problems row shows.
var problemRowFields = []string{"ObjectStatus", "Reason", "MediaType", "Filename", "UpdateTime"}

// DefaultProblemLimit bounds the files a Problems list pages in: past it
// the title says "the first N of M files". 5,000 files are 50 calls.
const DefaultProblemLimit = 5000

// Problems is the dataset's files that IMM did not index (ObjectStatus not
// "Indexed"), for triage: grouped by the reason code in the title, sorted
// by reason code then name, paged in while shown. Enter opens a file on
// its Overview, which shows the status and reason first; the page fetch
// asks for the Overview's fields, so that costs no call.
type Problems struct {
	env    *Env
	cancel context.CancelFunc
	table  *table.Model
	pager  filePager
	keys   struct{ Open, Refresh key.Binding }

	list   pagedList[problemRow]
	counts map[string]int // loaded files by reason code

	width, height int
}

// NewProblems makes the Problems list; Init asks for its first page.
func NewProblems(env *Env) *Problems {
	ctx, cancel := context.WithCancel(context.Background())
	v := &Problems{env: env, cancel: cancel}
	v.keys.Open = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open file"))
	v.keys.Refresh = key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload"))
	limit := env.ProblemLimit
	if limit <= 0 {
		limit = DefaultProblemLimit
	}
	data, fields := env.Data, problemFields(env)
	v.pager = newFilePager(env, ctx, limit, func(ctx context.Context, token string) (state.FilePage, error) {
		return data.ProblemFiles(ctx, token, fields)
	})
	v.table = table.New([]table.Column{
		// What triage needs goes last: status, code, HTTP status, name.
		{Title: "Status", Min: 10},
		{Title: "Code", Min: 15, Max: 28, Flex: 2},
		{Title: "HTTP", Min: 4, Right: true, Drop: 3},
		{Title: "Media", Min: 5, Drop: 5},
		{Title: "Name", Min: 12, Max: 40, Flex: 2},
		{Title: "URI", Min: 16, Flex: 3, Drop: 2, Fit: fitURI},
		{Title: "Updated", Min: 16, Drop: 4},
	}, env.Styles)
	v.table.SetSource(problemCells{v})
	v.list = newPagedList(v.table, compareProblems, func(a, b problemRow) bool { return a.file == b.file })
	return v
}

// problemFields are the row's fields and those of the first file pane
// (the one Enter opens on), so opening a problem costs no call. A pane
// that wants every field makes the fetch ask for all (nil).
func problemFields(env *Env) []string {
	if env.NewPanes == nil {
		return problemRowFields
	}
	ps := env.NewPanes(panes.Context{Styles: env.Styles})
	if len(ps) == 0 {
		return problemRowFields
	}
	first := ps[0].Fields()
	if first == nil {
		return nil
	}
	out := slices.Clone(problemRowFields)
	for _, f := range first {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// Init starts the paging.
func (v *Problems) Init() tea.Cmd { return v.pager.show() }

// Resume continues the paging when the view is back on top.
func (v *Problems) Resume() tea.Cmd { return v.pager.show() }

// Pause stops paging while another view covers this one.
func (v *Problems) Pause() { v.pager.hide() }

// Crumb names the view in the breadcrumbs.
func (v *Problems) Crumb() string { return "Problems" }

// Err is the last page request's error.
func (v *Problems) Err() error { return v.pager.err }

// Close cancels the page request in flight.
func (v *Problems) Close() { v.cancel() }

// Len is the number of files loaded.
func (v *Problems) Len() int { return len(v.list.rows) }

// Done reports whether paging ended: the last page came or the bound.
func (v *Problems) Done() bool { return v.pager.done }

// Busy reports a page request in flight.
func (v *Problems) Busy() bool { return v.pager.pending != 0 }

// Cursor is the selected row.
func (v *Problems) Cursor() int { return v.table.Cursor() }

// Row returns the URI and reason code of row i.
func (v *Problems) Row(i int) (uri, code string) { return v.list.rows[i].file.URI, v.list.rows[i].code }

// Update handles page replies and keys (movement, Enter, r).
func (v *Problems) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case filePageMsg:
		return v.pager.onPage(msg, v.add)
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, v.keys.Open):
			return v.openFile()
		case key.Matches(msg, v.keys.Refresh):
			return v.pager.refresh(v.reset)
		}
		v.table.Update(msg)
	}
	return nil
}

func (v *Problems) reset() {
	v.list.reset()
	v.counts = nil
}

// add turns a page into rows: each file not seen before and not
// Indexed, merged into the order (see pagedList.merge).
func (v *Problems) add(files []*imm.File) (added int) {
	if v.counts == nil {
		v.counts = map[string]int{}
	}
	var fresh []problemRow
	for _, f := range files {
		// The query says "not Indexed"; a server that ignored it must not
		// fill the list with indexed files.
		if f == nil || f.ObjectStatus == state.IndexedStatus || !v.list.first(f.URI) {
			continue
		}
		r := newProblemRow(f)
		v.counts[r.code]++
		fresh = append(fresh, r)
	}
	v.list.merge(fresh)
	return len(fresh)
}

// openFile opens the selected file in a File view, on its Overview.
func (v *Problems) openFile() tea.Cmd {
	c := v.table.Cursor()
	if c >= len(v.list.rows) {
		return nil
	}
	return Push(NewFile(v.env, v.list.rows[c].file.URI))
}

// SetSize gives the title one line and the table the rest.
func (v *Problems) SetSize(w, h int) {
	v.width, v.height = w, h
	v.table.SetSize(w, max(h-1, 0))
}

// Title is "Problems 37 files not indexed: 21 InternalError, ...".
func (v *Problems) Title() string {
	st, p := v.env.Styles, &v.pager
	var b strings.Builder
	b.WriteString(st.Title.Render("Problems"))
	b.WriteString(" ")
	switch {
	case p.files == 0 && p.pending != 0:
		b.WriteString(st.Muted.Render("looking for files not indexed..."))
	case p.files == 0 && p.err != nil:
		b.WriteString(st.Error.Render("could not list the files not indexed: r retries"))
	case p.files == 0 && p.done:
		b.WriteString(st.Good.Render("every file is indexed"))
	case p.files > 0:
		b.WriteString(st.Muted.Render(p.countPhrase() + " not indexed: " + groupSummary(v.counts)))
		switch {
		case p.pending != 0:
			b.WriteString(st.Muted.Render(", loading more"))
		case p.err != nil:
			b.WriteString(st.Error.Render(", a page failed: r retries"))
		case !p.done:
			b.WriteString(st.Muted.Render(", paused"))
		}
	}
	return v.env.Styles.Truncate(b.String(), v.width)
}

// View renders the title and the table, exactly the size given.
func (v *Problems) View() string {
	if v.width <= 0 || v.height <= 0 {
		return ""
	}
	title := v.Title()
	if v.height == 1 {
		return title
	}
	if len(v.list.rows) == 0 {
		var lines []string
		switch {
		case v.pager.err != nil:
			lines = errview.Lines(v.pager.err)
		case v.pager.done:
			lines = []string{"IMM reports no file of this dataset with a status other than Indexed.", "r checks again."}
		}
		return title + "\n" + fitLines(lines, v.width, v.height-1)
	}
	return title + "\n" + v.table.View()
}

// CellStyle colours the status: an error for a failure, a warning for any
// other state (still indexing, unknown).
func (c problemCells) CellStyle(i, col int) *lipgloss.Style {
	if col != 0 {
		return nil
	}
	st := strings.ToLower(c.v.list.rows[i].file.ObjectStatus)
	if strings.Contains(st, "fail") || strings.Contains(st, "error") {
		return &c.v.env.Styles.Error
	}
	return &c.v.env.Styles.Warn
}

// ShortHelp is movement, Enter and r (first when an error asks for it).
func (v *Problems) ShortHelp() []key.Binding {
	t := v.table.Keys
	if v.pager.err != nil {
		return []key.Binding{v.keys.Refresh, t.Up, t.Down, v.keys.Open}
	}
	return []key.Binding{t.Up, t.Down, v.keys.Open, v.keys.Refresh}
}

// FullHelp is every movement key, Enter and r.
func (v *Problems) FullHelp() [][]key.Binding {
	t := v.table.Keys
	return [][]key.Binding{{t.Up, t.Down, t.PageUp, t.PageDown, t.First, t.Last}, {v.keys.Open, v.keys.Refresh}}
}
