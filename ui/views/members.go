package views

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/widgets/errview"
	"github.com/immtui/immtui/ui/widgets/faceimg"
	"github.com/immtui/immtui/ui/widgets/table"
)

// MemberFields are the File fields a members page asks for: the faces,
// what a row shows of the file, and what a face's crop is planned from
// (the grid draws these rows). They hold the Faces pane's fields, so a
// member's file opens with its faces already cached.
var MemberFields = append([]string{"Figures", "Filename", "MediaType", "ProduceTime", "ObjectStatus"}, faceimg.FileFields...)

// DefaultMemberLimit bounds the files a members list pages in: past it the
// title says "first N of M files". A cluster of 5,000 files is 50 calls.
const DefaultMemberLimit = 5000

// memberRow is one face of the cluster in one file. Both point into the
// store's cache: read only.
type memberRow struct {
	file *imm.File
	fig  *imm.Figure
}

// Members is a cluster's faces, one row per face of the cluster (a file
// with two of its faces gives two rows, faces of other clusters none),
// outliers first: lowest cluster confidence, then lowest face quality.
// Pages of files arrive one after another while the list is shown, each
// merged into the order with the cursor kept on its face; hidden, the
// paging pauses and showing it again resumes where it stopped.
type Members struct {
	env       *Env
	clusterID string
	table     *table.Model
	open      key.Binding
	pager     filePager // its context is the host's

	list  pagedList[memberRow]
	below int // faces under the review threshold
	// review says which faces are likely outliers (counted, coloured).
	review review.Thresholds

	width, height int
}

// NewMembers makes the members list of clusterID; its requests end with
// ctx. limit bounds the files paged in (0: DefaultMemberLimit).
func NewMembers(env *Env, ctx context.Context, clusterID string, limit int) *Members {
	if limit <= 0 {
		limit = DefaultMemberLimit
	}
	m := &Members{env: env, clusterID: clusterID, review: env.Thresholds(),
		open: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open file"))}
	data := env.Data
	m.pager = newFilePager(env, ctx, limit, func(ctx context.Context, token string) (state.FilePage, error) {
		return data.ClusterFiles(ctx, clusterID, token, MemberFields)
	})
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
	m.list = newPagedList(m.table, compareMembers, func(a, b memberRow) bool { return a.fig == b.fig })
	return m
}

// Len is the number of face rows loaded.
func (m *Members) Len() int { return len(m.list.rows) }

// Files is the number of files loaded.
func (m *Members) Files() int { return m.pager.files }

// Done reports whether paging ended: the last page came or the bound.
func (m *Members) Done() bool { return m.pager.done }

// Cursor is the selected row.
func (m *Members) Cursor() int { return m.table.Cursor() }

// Row returns the file URI and face of row i.
func (m *Members) Row(i int) (uri string, fig *imm.Figure) {
	return m.list.rows[i].file.URI, m.list.rows[i].fig
}

// Busy reports a page request in flight.
func (m *Members) Busy() bool { return m.pager.pending != 0 }

// Err is the last page request's error.
func (m *Members) Err() error { return m.pager.err }

// Show starts or resumes the paging: the next page is asked for unless one
// is in flight, paging ended or the last page failed (r retries).
func (m *Members) Show() tea.Cmd { return m.pager.show() }

// Hide pauses the paging: a page in flight is kept, no next one is asked
// for until Show. Leaving the view for good ends the host's context.
func (m *Members) Hide() { m.pager.hide() }

// Refresh retries the page that failed, or with none failed starts over.
func (m *Members) Refresh() tea.Cmd {
	return m.pager.refresh(func() {
		m.list.reset()
		m.below = 0
	})
}

// Update handles page replies and keys (movement, Enter).
func (m *Members) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case filePageMsg:
		return m.pager.onPage(msg, m.add)
	case tea.KeyMsg:
		if key.Matches(msg, m.open) {
			return m.openFile()
		}
		m.table.Update(msg)
	}
	return nil
}

// add turns a page of files into rows: each face of this cluster in a
// file not seen before, merged into the order (see pagedList.merge).
func (m *Members) add(files []*imm.File) (added int) {
	var fresh []memberRow
	for _, f := range files {
		if f == nil || !m.list.first(f.URI) {
			continue
		}
		added++
		for i := range f.Figures {
			fig := &f.Figures[i]
			if fig.FigureClusterId != m.clusterID {
				continue
			}
			fresh = append(fresh, memberRow{file: f, fig: fig})
			if m.review.LowCluster(fig.FigureClusterConfidence) {
				m.below++
			}
		}
	}
	m.list.merge(fresh)
	return added
}

// openFile opens the selected face's file in a File view that marks this
// cluster, on its Faces pane (cached by this fetch: no call).
func (m *Members) openFile() tea.Cmd {
	c := m.table.Cursor()
	if c >= len(m.list.rows) {
		return nil
	}
	r := m.list.rows[c]
	return Push(NewClusterFile(m.env, r.file.URI, m.clusterID, r.fig.FigureId))
}

// SetSize gives the list its title line and the table the rest.
func (m *Members) SetSize(w, h int) {
	m.width, m.height = w, h
	m.table.SetSize(w, max(h-1, 0))
}

// Title is the one-line summary: "N faces in M files, K below 0.7".
func (m *Members) Title(spinner string) string {
	st, p := m.env.Styles, &m.pager
	var b strings.Builder
	b.WriteString(st.Title.Render("Members"))
	b.WriteString(" ")
	switch {
	case p.files == 0 && p.pending != 0:
		b.WriteString(st.Muted.Render(spinner + " loading the cluster's faces"))
	case p.files == 0 && p.err != nil:
		b.WriteString(st.Error.Render("could not load the faces: r retries"))
	case p.files == 0 && p.done:
		b.WriteString(st.Muted.Render("no file holds a face of this cluster"))
	case p.files > 0:
		b.WriteString(st.Muted.Render(m.summary()))
		switch {
		case p.pending != 0:
			b.WriteString(st.Muted.Render(", " + spinner + " loading more"))
		case p.err != nil:
			b.WriteString(st.Error.Render(", a page failed: r retries"))
		case !p.done:
			b.WriteString(st.Muted.Render(", paused"))
		}
	}
	b.WriteString(st.Muted.Render("  (c: cover file)"))
	return m.env.Styles.Truncate(b.String(), m.width)
}

func (m *Members) summary() string {
	faces := format.Plural(int64(len(m.list.rows)), "face", "faces")
	files := m.pager.countPhrase()
	return faces + " in " + files + ", " + format.Count(int64(m.below)) + " below " + format.Decimal(m.review.LowClusterConfidence, 3)
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
	if len(m.list.rows) == 0 {
		var lines []string
		if m.pager.err != nil {
			lines = errview.Lines(m.pager.err)
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
	return [][]key.Binding{{t.Up, t.Down, t.PageUp, t.PageDown, t.First, t.Last, m.open}}
}
