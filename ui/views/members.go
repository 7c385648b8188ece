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
	"github.com/immtui/immtui/ui/widgets/thresholds"
)

// MemberFields are the File fields a members page asks for: the faces,
// what a row shows of the file, the image size the "small" flag weighs a
// face against, and what a face's crop is planned from (the grid draws
// these rows). The Faces pane needs only Figures, so a member's file opens
// with its faces already cached.
var MemberFields = append([]string{"Figures", "Filename", "MediaType", "ProduceTime", "ObjectStatus",
	"ImageWidth", "ImageHeight", "VideoWidth", "VideoHeight"}, faceimg.FileFields...)

// DefaultMemberLimit bounds the files a members list pages in: past it the
// title says "first N of M files". A cluster of 5,000 files is 50 calls.
const DefaultMemberLimit = 5000

type memberKeys struct {
	Open, Sort, Order, Flagged, Up, Down key.Binding
}

// Members is a cluster's faces, one row per face of the cluster (a file
// with two of its faces gives two rows, faces of other clusters none),
// with the flags review gives each, worst first. Pages of files arrive
// one after another while the list is shown; each is added to the
// cluster's tally (review.Tally), which judges every face again (a page
// moves the age curve), and the cursor stays on its face. Hidden, the
// paging pauses and showing it again resumes where it stopped.
//
// It is a component.Model: its host passes it every non-key message and
// it keeps its own pages (by request id) and spinner ticks (by spinner id).
type Members struct {
	env       *Env
	clusterID string
	table     *table.Model
	keys      memberKeys
	pager     filePager // its context is the host's
	spin      spin      // turns while a page is in flight

	tally   *review.Tally
	cluster bool // the tally knows its cluster (gender, FaceCount)
	// list is the rows in the sort order and the URIs seen (a file on two
	// pages counts once).
	list pagedList[memberRow]
	// judged counts the tally's judgements: what is drawn from the strip
	// (the cluster's header) is redrawn when it moves.
	judged int
	// sortCol is the column rows are sorted by (0, Flags: review's worst
	// first); desc flips it. flaggedOnly hides faces without a flag.
	sortCol     int
	desc        bool
	flaggedOnly bool
	notice      string

	width, height int
}

// NewMembers makes the members list of clusterID; its requests end with
// ctx. limit bounds the files paged in (0: DefaultMemberLimit).
func NewMembers(env *Env, ctx context.Context, clusterID string, limit int) *Members {
	if limit <= 0 {
		limit = DefaultMemberLimit
	}
	m := &Members{env: env, clusterID: clusterID, spin: newSpin(env.Styles)}
	m.keys = memberKeys{
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open file")),
		Sort:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort column")),
		Order:   key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "asc/desc")),
		Flagged: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "flagged only")),
		Up:      key.NewBinding(key.WithKeys("+"), key.WithHelp("+/-", "flag threshold")),
		Down:    key.NewBinding(key.WithKeys("-")),
	}
	data := env.Data
	m.pager = newFilePager(env, ctx, limit, func(ctx context.Context, token string) (state.FilePage, error) {
		return data.ClusterFiles(ctx, clusterID, token, MemberFields)
	})
	m.table = table.New(memberColumns, env.Styles)
	m.table.SetSource(memberCells{m})
	m.list = newPagedList(m.table, m.compare, func(a, b memberRow) bool { return a.Figure == b.Figure })
	m.newTally(nil)
	if c, ok := env.Data.CachedCluster(clusterID); ok {
		m.SetCluster(c)
	}
	return m
}

// newTally starts the tally again (for c, nil when not known) and adds
// the files already loaded.
func (m *Members) newTally(c *imm.FigureCluster) {
	old := m.tally
	if review.Pseudo(m.clusterID) {
		m.tally, m.cluster = review.NewPseudoTally(m.clusterID, 0, m.env.Thresholds()), true
	} else {
		m.tally, m.cluster = review.NewTally(m.clusterID, c, m.env.Thresholds()), c != nil
	}
	if old != nil {
		m.tally.Add(old.Files())
		if old.Complete() {
			m.tally.Done()
		}
	}
	m.rejudge()
}

// SetCluster gives the tally the cluster (its Gender and FaceCount) once
// it is known; a newer copy of a cluster already known changes nothing.
func (m *Members) SetCluster(c *imm.FigureCluster) {
	if c != nil && !m.cluster {
		m.newTally(c)
	}
}

// Len is the number of face rows shown.
func (m *Members) Len() int { return len(m.list.rows) }

// Files is the number of files loaded.
func (m *Members) Files() int { return m.pager.files }

// Done reports whether paging ended: the last page came or the bound.
func (m *Members) Done() bool { return m.pager.done }

// Cursor is the selected row.
func (m *Members) Cursor() int { return m.table.Cursor() }

// Row returns the file URI and face of row i.
func (m *Members) Row(i int) (uri string, fig *imm.Figure) {
	return m.list.rows[i].File.URI, m.list.rows[i].Figure
}

// Flagged returns row i with its flags.
func (m *Members) Flagged(i int) review.Flagged { return m.list.rows[i].Flagged }

// Strip is the cluster's quality strip from the faces loaded (partial
// while paging).
func (m *Members) Strip() review.Strip { return m.tally.Strip() }

// Judged moves whenever the faces are judged again (a page, a threshold,
// the cluster): a host drawing the strip redraws when it differs.
func (m *Members) Judged() int { return m.judged }

// Busy reports a page request in flight.
func (m *Members) Busy() bool { return m.pager.pending != 0 }

// Err is the last page request's error.
func (m *Members) Err() error { return m.pager.err }

// Notice is what the last + or - changed, for the status line.
func (m *Members) Notice() string { return m.notice }

// Show starts or resumes the paging: the next page is asked for unless one
// is in flight, paging ended or the last page failed (r retries).
func (m *Members) Show() tea.Cmd { return m.spinning(m.pager.show()) }

// Hide pauses the paging: a page in flight is kept, no next one is asked
// for until Show. Leaving the view for good ends the host's context.
func (m *Members) Hide() { m.pager.hide() }

// Refresh retries the page that failed, or with none failed starts over.
func (m *Members) Refresh() tea.Cmd {
	return m.spinning(m.pager.refresh(func() {
		m.list.reset()
		m.tally = nil
		m.newTally(nil)
		m.SetCluster(m.cachedCluster())
	}))
}

// spinning starts the spinner with a page request (cmd, nil when none
// was asked for).
func (m *Members) spinning(cmd tea.Cmd) tea.Cmd {
	if m.Busy() {
		return tea.Batch(cmd, m.spin.start())
	}
	return cmd
}

func (m *Members) cachedCluster() *imm.FigureCluster {
	c, _ := m.env.Data.CachedCluster(m.clusterID)
	return c
}

// Update handles its page replies and spinner ticks, threshold changes
// and keys; other lists' pages and other spinners' ticks are dropped.
func (m *Members) Update(msg tea.Msg) tea.Cmd {
	if cmd, mine := m.spin.update(msg, m.Busy()); mine {
		return cmd
	}
	switch msg := msg.(type) {
	case filePageMsg:
		cmd := m.pager.onPage(msg, m.add)
		if m.pager.done && !m.pager.capped && m.pager.err == nil && !m.tally.Complete() {
			m.tally.Done()
			m.rejudge()
		}
		return m.spinning(cmd)
	case ThresholdsMsg:
		m.tally.SetThresholds(m.env.Thresholds())
		m.rejudge()
	case tea.KeyMsg:
		return m.onKey(msg)
	}
	return nil
}

func (m *Members) onKey(msg tea.KeyMsg) tea.Cmd {
	m.notice = ""
	switch {
	case key.Matches(msg, m.keys.Open):
		return m.openFile()
	case key.Matches(msg, m.keys.Sort):
		m.sortCol = (m.sortCol + 1) % len(memberColumns)
		m.resort()
	case key.Matches(msg, m.keys.Order):
		m.desc = !m.desc
		m.resort()
	case key.Matches(msg, m.keys.Flagged):
		m.flaggedOnly = !m.flaggedOnly
		m.resort()
	case key.Matches(msg, m.keys.Up):
		return m.nudge(1)
	case key.Matches(msg, m.keys.Down):
		return m.nudge(-1)
	default:
		m.table.Update(msg)
	}
	return nil
}

// nudge moves the threshold of the selected face's first flag (the
// cluster-confidence one when the face has none) and says which.
func (m *Members) nudge(dir int) tea.Cmd {
	name := review.FlagLowCluster.Threshold()
	if r, ok := m.selectedRow(); ok {
		for _, f := range review.AllFlags {
			if r.Flags.Has(f) && f.Threshold() != "" {
				name = f.Threshold()
				break
			}
		}
	}
	th := m.env.Thresholds()
	if err := th.Nudge(name, dir); err != nil {
		m.notice = err.Error()
		return nil
	}
	m.env.SetThresholds(th)
	m.notice = "threshold " + name + ": " + th.Describe(name)
	return func() tea.Msg { return ThresholdsMsg{} }
}

// add hands a page of files to the tally: each file not seen before.
func (m *Members) add(files []*imm.File) (added int) {
	var fresh []*imm.File
	for _, f := range files {
		if f != nil && m.list.first(f.URI) {
			fresh = append(fresh, f)
		}
	}
	m.tally.Add(fresh)
	m.rejudge()
	return len(fresh)
}

// rejudge reads the faces from the tally again (a page, a threshold or
// the cluster changed flags).
func (m *Members) rejudge() {
	m.judged++
	m.resort()
}

// resort filters the tally's faces into rows in the sort order. Every
// face may have moved (a page moves the age curve, so the flags and
// review's order of faces already listed), so the rows replace the old
// ones rather than merge into them (pagedList.replace), and the cursor
// stays on its face.
func (m *Members) resort() {
	all := m.tally.Faces()
	rows := make([]memberRow, 0, len(all))
	for i, f := range all {
		if !m.flaggedOnly || f.Flags != 0 {
			rows = append(rows, memberRow{Flagged: f, rank: i})
		}
	}
	m.list.replace(rows)
}

// openFile opens the selected face's file in a File view that marks this
// cluster, on its Faces pane (cached by this fetch: no call).
func (m *Members) openFile() tea.Cmd {
	r, ok := m.selectedRow()
	if !ok {
		return nil
	}
	return Push(NewClusterFile(m.env, r.File.URI, m.clusterID, r.Figure.FigureId))
}

// SetSize gives the list its title line and the table the rest.
func (m *Members) SetSize(w, h int) {
	m.width, m.height = w, h
	m.table.SetSize(w, max(h-1, 0))
}

// Title is the one-line summary: "N faces in M files, K below 0.7", the
// faces per flag, the sort and the filter.
func (m *Members) Title() string {
	spinner := m.spin.frame()
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
		b.WriteString(st.Muted.Render(m.flagSummary()))
	}
	b.WriteString(st.Muted.Render("  (c: cover file)"))
	return m.env.Styles.Truncate(b.String(), m.width)
}

func (m *Members) summary() string {
	s := m.tally.Strip()
	faces := format.Plural(int64(s.Examined), "face", "faces")
	if m.flaggedOnly {
		faces = format.Count(int64(len(m.list.rows))) + " flagged of " + faces
	}
	files := m.pager.countPhrase()
	th := m.env.Thresholds()
	return faces + " in " + files + ", " + format.Count(int64(s.Count(review.FlagLowCluster))) + " below " + format.Decimal(th.LowClusterConfidence, 3)
}

// flagSummary is "; age 2, blur 5; sorted by Qual desc": the faces per
// flag (but conf, said before), and the sort when not the default.
func (m *Members) flagSummary() string {
	s := m.tally.Strip()
	var parts []string
	for _, f := range review.AllFlags[1:] {
		if n := s.Count(f); n > 0 {
			parts = append(parts, f.Word()+" "+format.Count(int64(n)))
		}
	}
	out := ""
	if len(parts) > 0 {
		out = "; " + strings.Join(parts, ", ")
	}
	if m.sortCol != 0 || m.desc {
		order := "asc"
		if m.desc {
			order = "desc"
		}
		out += "; by " + memberColumns[m.sortCol].Title + " " + order
	}
	return out
}

// View renders the title and the table, exactly the size given.
func (m *Members) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	title := m.Title()
	if m.height == 1 {
		return title
	}
	if len(m.list.rows) == 0 {
		var lines []string
		switch {
		case m.pager.err != nil:
			lines = errview.Lines(m.pager.err)
		case m.flaggedOnly && m.tally.Strip().Examined > 0:
			lines = []string{"No face loaded carries a flag (f shows every face)."}
		}
		return title + "\n" + fitLines(lines, m.width, m.height-1)
	}
	return title + "\n" + m.table.View()
}

// OpenKey is Enter, the list's first key: a host composing its help
// with the members' names it to keep it first.
func (m *Members) OpenKey() key.Binding { return m.keys.Open }

// ShortHelp is Enter, the list's movement and the review keys, the most
// important first.
func (m *Members) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Open, m.table.Keys.Up, m.table.Keys.Down, m.keys.Flagged, m.keys.Sort, m.keys.Up}
}

// FullHelp is every movement key, Enter, the review keys and the
// thresholds with their values (the one definition the Faces pane shows
// too).
func (m *Members) FullHelp() [][]key.Binding {
	t := m.table.Keys
	return [][]key.Binding{
		{t.Up, t.Down, t.PageUp, t.PageDown, t.First, t.Last, m.keys.Open},
		{m.keys.Flagged, m.keys.Sort, m.keys.Order, m.keys.Up},
		thresholds.Help(m.env.Thresholds()),
	}
}
