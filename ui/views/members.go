package views

import (
	"context"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/widgets/errview"
	"github.com/immtui/immtui/ui/widgets/table"
)

// MemberFields are the File fields a members page asks for: the faces and
// what a row shows of the file. The Faces pane needs only Figures, so a
// member's file opens with its faces already cached.
var MemberFields = []string{"Figures", "Filename", "MediaType", "ProduceTime", "ObjectStatus"}

// DefaultMemberLimit bounds the files a members list pages in: past it the
// title says "first N of M files". A cluster of 5,000 files is 50 calls.
const DefaultMemberLimit = 5000

// LowConfidence is the cluster confidence below which a face is counted
// and coloured as a likely outlier.
const LowConfidence = 0.7

// membersPageMsg is the reply to one ClusterFiles request.
type membersPageMsg struct {
	req  int64
	page state.FilePage
	err  error
}

// memberRow is one face of the cluster in one file. Both point into the
// store's cache: read only.
type memberRow struct {
	file *client.File
	fig  *client.Figure
}

// Members is a cluster's faces, one row per face of the cluster (a file
// with two of its faces gives two rows, faces of other clusters none),
// outliers first: lowest cluster confidence, then lowest face quality.
// Pages of files arrive one after another while the list is shown, each
// merged into the order with the cursor kept on its face; hidden, the
// paging pauses and showing it again resumes where it stopped.
type Members struct {
	env       *Env
	ctx       context.Context // the host's: closing it stops every page
	clusterID string
	limit     int
	table     *table.Model
	open      key.Binding

	rows   []memberRow
	seen   map[string]bool // URIs loaded: a file on two pages counts once
	files  int
	below  int   // faces under LowConfidence
	total  int64 // files the query matches (-1: not known yet)
	next   string
	done   bool // the last page came, or the bound was reached
	capped bool // stopped at the bound with pages left
	err    error

	shown   bool
	pending int64 // page request in flight (0: none)

	width, height int
}

// NewMembers makes the members list of clusterID; its requests end with
// ctx. limit bounds the files paged in (0: DefaultMemberLimit).
func NewMembers(env *Env, ctx context.Context, clusterID string, limit int) *Members {
	if limit <= 0 {
		limit = DefaultMemberLimit
	}
	m := &Members{env: env, ctx: ctx, clusterID: clusterID, limit: limit, total: -1,
		open: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open file"))}
	m.table = table.New([]table.Column{
		{Title: "ClConf", Min: 6, Right: true},
		{Title: "Qual", Min: 4, Right: true, Drop: 5},
		{Title: "Sharp", Min: 5, Right: true, Drop: 6},
		{Title: "Age", Min: 6, Drop: 7},
		{Title: "Gender", Min: 6, Drop: 8},
		{Title: "Emotion", Min: 9, Drop: 4},
		{Title: "Media", Min: 5, Drop: 3},
		{Title: "File", Min: 12, Max: 60, Flex: 1},
		{Title: "Produced", Min: 16, Drop: 2},
	}, env.Styles)
	m.table.SetSource(memberCells{m})
	return m
}

// Len is the number of face rows loaded.
func (m *Members) Len() int { return len(m.rows) }

// Files is the number of files loaded.
func (m *Members) Files() int { return m.files }

// Done reports whether paging ended: the last page came or the bound.
func (m *Members) Done() bool { return m.done }

// Cursor is the selected row.
func (m *Members) Cursor() int { return m.table.Cursor() }

// Row returns the file URI and face of row i.
func (m *Members) Row(i int) (uri string, fig *client.Figure) {
	return m.rows[i].file.URI, m.rows[i].fig
}

// Busy reports a page request in flight.
func (m *Members) Busy() bool { return m.pending != 0 }

// Err is the last page request's error.
func (m *Members) Err() error { return m.err }

// Show starts or resumes the paging: the next page is asked for unless one
// is in flight, paging ended or the last page failed (r retries).
func (m *Members) Show() tea.Cmd {
	m.shown = true
	if m.done || m.pending != 0 || m.err != nil {
		return nil
	}
	return m.request()
}

// Hide pauses the paging: a page in flight is kept, no next one is asked
// for until Show. Leaving the view for good ends the host's context.
func (m *Members) Hide() { m.shown = false }

// Refresh retries the page that failed, or with none failed starts over.
func (m *Members) Refresh() tea.Cmd {
	if m.err != nil && m.files > 0 {
		m.err = nil
		return m.request()
	}
	m.rows, m.seen, m.files, m.below, m.total = nil, nil, 0, 0, -1
	m.next, m.done, m.capped, m.err = "", false, false, nil
	m.table.SetCursor(0)
	return m.request()
}

// request asks for the page after m.next, superseding any in flight.
func (m *Members) request() tea.Cmd {
	req := NextRequestID()
	m.pending = req
	data, ctx, id, token := m.env.Data, m.ctx, m.clusterID, m.next
	return func() tea.Msg {
		page, err := data.ClusterFiles(ctx, id, token, MemberFields)
		return membersPageMsg{req: req, page: page, err: err}
	}
}

// Update handles page replies and keys (movement, Enter).
func (m *Members) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case membersPageMsg:
		return m.onPage(msg)
	case tea.KeyMsg:
		if key.Matches(msg, m.open) {
			return m.openFile()
		}
		m.table.Update(msg)
	}
	return nil
}

func (m *Members) onPage(msg membersPageMsg) tea.Cmd {
	if msg.req != m.pending {
		return nil // superseded: a refresh started over
	}
	m.pending = 0
	if msg.err != nil {
		if !errview.Quiet(msg.err) {
			m.err = msg.err
		}
		return nil
	}
	m.err = nil
	if msg.page.Token == "" {
		m.total = msg.page.TotalHits
	}
	m.add(msg.page.Files)
	m.next = msg.page.NextToken
	m.done = m.next == ""
	if !m.done && m.files >= m.limit {
		m.done, m.capped = true, true
	}
	if m.shown && !m.done {
		return m.request()
	}
	return nil
}

// add merges the faces of this cluster in files into the sorted rows and
// keeps the cursor on the face it was on. The new rows are sorted alone
// and merged, so a page costs its own sort plus one pass.
func (m *Members) add(files []*client.File) {
	var sel *client.Figure
	if c := m.table.Cursor(); c < len(m.rows) {
		sel = m.rows[c].fig
	}
	if m.seen == nil {
		m.seen = make(map[string]bool)
	}
	var fresh []memberRow
	for _, f := range files {
		if f == nil || m.seen[f.URI] {
			continue
		}
		m.seen[f.URI] = true
		m.files++
		for i := range f.Figures {
			fig := &f.Figures[i]
			if fig.FigureClusterId != m.clusterID {
				continue
			}
			fresh = append(fresh, memberRow{file: f, fig: fig})
			if c := fig.FigureClusterConfidence; c > 0 && c < LowConfidence {
				m.below++
			}
		}
	}
	if len(fresh) == 0 {
		return
	}
	sortMembers(fresh)
	m.rows = mergeMembers(m.rows, fresh)
	m.table.SetSource(memberCells{m})
	if sel != nil {
		for i := range m.rows {
			if m.rows[i].fig == sel {
				m.table.SetCursor(i)
				break
			}
		}
	}
}

// openFile opens the selected face's file in a File view that marks this
// cluster, on its Faces pane (cached by this fetch: no call).
func (m *Members) openFile() tea.Cmd {
	c := m.table.Cursor()
	if c >= len(m.rows) {
		return nil
	}
	r := m.rows[c]
	m.Hide() // covered by the file view; the host resumes when back on top
	return Push(NewClusterFile(m.env, r.file.URI, m.clusterID, r.fig.FigureId))
}

// SetSize gives the list its title line and the table the rest.
func (m *Members) SetSize(w, h int) {
	m.width, m.height = w, h
	m.table.SetSize(w, max(h-1, 0))
}

// Title is the one-line summary: "N faces in M files, K below 0.7".
func (m *Members) Title(spinner string) string {
	st := m.env.Styles
	var b strings.Builder
	b.WriteString(st.Title.Render("Members"))
	b.WriteString(" ")
	switch {
	case m.files == 0 && m.pending != 0:
		b.WriteString(st.Muted.Render(spinner + " loading the cluster's faces"))
	case m.files == 0 && m.err != nil:
		b.WriteString(st.Error.Render("could not load the faces: r retries"))
	case m.files == 0 && m.done:
		b.WriteString(st.Muted.Render("no file holds a face of this cluster"))
	case m.files > 0:
		b.WriteString(st.Muted.Render(m.summary()))
		switch {
		case m.pending != 0:
			b.WriteString(st.Muted.Render(", " + spinner + " loading more"))
		case m.err != nil:
			b.WriteString(st.Error.Render(", a page failed: r retries"))
		case !m.done:
			b.WriteString(st.Muted.Render(", paused"))
		}
	}
	b.WriteString(st.Muted.Render("  (c: cover file)"))
	return safetext.Truncate(b.String(), m.width)
}

func (m *Members) summary() string {
	faces := formatCount(int64(len(m.rows))) + plural(len(m.rows), " face", " faces")
	files := formatCount(int64(m.files))
	switch {
	case m.capped && m.total > 0:
		files = "the first " + files + " of " + formatCount(m.total) + " files"
	case !m.done && m.total > 0:
		files = files + " of " + formatCount(m.total) + " files"
	default:
		files += plural(m.files, " file", " files")
	}
	return faces + " in " + files + ", " + formatCount(int64(m.below)) + " below " +
		strconv.FormatFloat(LowConfidence, 'f', 1, 64)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// View renders the title and the table, exactly the size given.
func (m *Members) View(spinner string) string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	title := m.Title(spinner)
	if m.height == 1 {
		return title
	}
	if len(m.rows) == 0 {
		var lines []string
		if m.err != nil {
			lines = errview.Lines(m.err)
		}
		return title + "\n" + fitLines(lines, m.width, m.height-1)
	}
	return title + "\n" + m.table.View()
}

// ShortHelp is the list's movement and Enter.
func (m *Members) ShortHelp() []key.Binding {
	return []key.Binding{m.table.Keys.Up, m.table.Keys.Down, m.open}
}

// FullHelp is every movement key and Enter.
func (m *Members) FullHelp() [][]key.Binding {
	t := m.table.Keys
	return [][]key.Binding{{t.Up, t.Down, t.PageUp, t.PageDown, t.Home, t.End, m.open}}
}
