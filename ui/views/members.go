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
	"github.com/immtui/immtui/ui/widgets/faceimg"
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

// memberKeys are the review keys; Enter is the fileList's, r the host's.
type memberKeys struct {
	Sort, Order, Flagged, Up, Down key.Binding
}

// Members is a cluster's faces, one row per face of the cluster (a file
// with two of its faces gives two rows, faces of other clusters none),
// with the flags review gives each, worst first. It is a fileList shown
// inside the Cluster screen, which drives its paging (Show, Hide,
// Refresh) and hands it every non-key message. Each page's files are
// added to the cluster's tally (review.Tally), which judges every face
// again (a page moves the age curve), so the rows are replaced, not
// merged, and the cursor stays on its face. Its rows are in
// members_rows.go.
type Members struct {
	*fileList[memberRow]
	clusterID string
	keys      memberKeys

	tally   *review.Tally
	cluster bool // the tally knows its cluster (gender, FaceCount)
	// judged counts the tally's judgements: what is drawn from the strip
	// (the cluster's header) is redrawn when it moves.
	judged int
	// sortCol is the column rows are sorted by (0, Flags: review's worst
	// first); desc flips it. flaggedOnly hides faces without a flag.
	sortCol     int
	desc        bool
	flaggedOnly bool
	notice      string
}

// NewMembers makes the members list of clusterID; its requests end with
// ctx. limit bounds the files paged in (0: DefaultMemberLimit).
func NewMembers(env *Env, ctx context.Context, clusterID string, limit int) *Members {
	m := &Members{clusterID: clusterID}
	m.keys = memberKeys{
		Sort:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort column")),
		Order:   key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "asc/desc")),
		Flagged: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "flagged only")),
		Up:      key.NewBinding(key.WithKeys("+"), key.WithHelp("+/-", "flag threshold")),
		Down:    key.NewBinding(key.WithKeys("-")),
	}
	data := env.Data
	m.fileList = newFileList(env, fileListSpec[memberRow]{
		Name: "Members", Columns: memberColumns,
		Fetch: func(ctx context.Context, token string) (state.FilePage, error) {
			return data.ClusterFiles(ctx, clusterID, token, MemberFields)
		},
		Context: ctx, Limit: limitOr(limit, DefaultMemberLimit),
		Rows: m.addFiles, File: func(r memberRow) *imm.File { return r.File },
		Same:  func(a, b memberRow) bool { return a.Figure == b.Figure },
		Cells: m.cells, Style: m.style, Text: memberRow.FilterText, Compare: m.compare,
		Words: listWords{Loading: "loading the cluster's faces", Failed: "could not load the faces: r retries",
			Empty: "no file holds a face of this cluster"},
		Summary: m.summary, Tail: m.titleTail,
		Open: m.openFace, OnKey: m.onKey, Reset: m.restartTally,
	})
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

// restartTally is a refresh that starts over: no file is loaded.
func (m *Members) restartTally() {
	m.tally = nil
	m.newTally(nil)
	c, _ := m.env.Data.CachedCluster(m.clusterID)
	m.SetCluster(c)
}

// SetCluster gives the tally the cluster (its Gender and FaceCount) once
// it is known; a newer copy of a cluster already known changes nothing.
func (m *Members) SetCluster(c *imm.FigureCluster) {
	if c != nil && !m.cluster {
		m.newTally(c)
	}
}

// Files is the number of files loaded.
func (m *Members) Files() int { return m.pager.files }

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

// Notice is what the last + or - changed, for the status line.
func (m *Members) Notice() string { return m.notice }

// Show starts or resumes the paging (the host shows the members).
func (m *Members) Show() tea.Cmd { return m.Resume() }

// Hide pauses the paging; leaving the view for good ends the host's
// context.
func (m *Members) Hide() { m.Pause() }

// Refresh retries the page that failed, or with none failed starts over
// (r is the host's key).
func (m *Members) Refresh() tea.Cmd { return m.refresh() }

// Update is the fileList's, and judges again when the thresholds move or
// the last page completes the cluster.
func (m *Members) Update(msg tea.Msg) tea.Cmd {
	if _, ok := msg.(ThresholdsMsg); ok {
		m.tally.SetThresholds(m.env.Thresholds())
		m.rejudge()
		return nil
	}
	cmd := m.fileList.Update(msg)
	if _, ok := msg.(filePageMsg); ok {
		if p := &m.pager; p.done && !p.capped && p.err == nil && !m.tally.Complete() {
			m.tally.Done()
			m.rejudge()
		}
	}
	return cmd
}

func (m *Members) onKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	m.notice = ""
	switch {
	case key.Matches(msg, m.keys.Sort):
		m.sortCol = (m.sortCol + 1) % len(memberColumns)
		m.notice = m.sortPhrase()
	case key.Matches(msg, m.keys.Order):
		m.desc = !m.desc
		m.notice = m.sortPhrase()
	case key.Matches(msg, m.keys.Flagged):
		m.flaggedOnly = !m.flaggedOnly
		m.words.Hidden = nil
		if m.flaggedOnly {
			m.words.Hidden = []string{"No face loaded carries a flag (f shows every face)."}
		}
	case key.Matches(msg, m.keys.Up):
		return m.nudge(1), true
	case key.Matches(msg, m.keys.Down):
		return m.nudge(-1), true
	default:
		return nil, false
	}
	m.resort()
	return nil, true
}

// nudge moves the threshold of the selected face's first flag (the
// cluster-confidence one when the face has none) and says which.
func (m *Members) nudge(dir int) tea.Cmd {
	name := review.FlagLowCluster.Threshold()
	if r, ok := m.selected(); ok {
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

// addFiles hands a page's new files to the tally and returns every face
// as judged now.
func (m *Members) addFiles(fresh []*imm.File) []memberRow {
	m.tally.Add(fresh)
	m.judged++
	return m.faceRows()
}

// rejudge reads the faces from the tally again (a threshold or the
// cluster changed flags).
func (m *Members) rejudge() {
	m.judged++
	m.resort()
}

// resort puts the tally's faces in place of the rows, in the sort order
// (pagedList.replace: every face may have moved).
func (m *Members) resort() { m.list.replace(m.faceRows()) }

// faceRows is the tally's faces that pass the filter, with review's rank.
func (m *Members) faceRows() []memberRow {
	all := m.tally.Faces()
	rows := make([]memberRow, 0, len(all))
	for i, f := range all {
		if !m.flaggedOnly || f.Flags != 0 {
			rows = append(rows, memberRow{Flagged: f, rank: i})
		}
	}
	return rows
}

// openFace opens the face's file in a File view that marks this cluster,
// on its Faces pane (cached by this fetch: no call).
func (m *Members) openFace(r memberRow) tea.Cmd {
	return Push(NewClusterFile(m.env, r.File.URI, m.clusterID, r.Figure.FigureId))
}

// summary is "N faces in M files, K below 0.7".
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

// titleTail is the faces per flag and the sort once files are loaded, and
// the host's way back to the cover.
func (m *Members) titleTail() string {
	st := m.env.Styles
	out := ""
	if m.pager.files > 0 {
		out = st.Muted.Render(m.flagSummary())
	}
	return out + st.Muted.Render("  (c: cover file)")
}

// flagSummary is ", sorted by Qual desc; age 2, blur 5": the sort when
// not the default, first so a narrow title keeps it, then the faces per
// flag (but conf, said before).
func (m *Members) flagSummary() string {
	out := ""
	if m.sortCol != 0 || m.desc {
		out = ", " + m.sortPhrase()
	}
	s := m.tally.Strip()
	var parts []string
	for _, f := range review.AllFlags[1:] {
		if n := s.Count(f); n > 0 {
			parts = append(parts, f.Word()+" "+format.Count(int64(n)))
		}
	}
	if len(parts) > 0 {
		out += "; " + strings.Join(parts, ", ")
	}
	return out
}

// sortPhrase is the sort in words, as the clusters list's title says it:
// "sorted by Qual desc"; the Flags column is review's order, worst first.
func (m *Members) sortPhrase() string {
	if m.sortCol == 0 {
		if m.desc {
			return "sorted by Flags, worst last"
		}
		return "sorted by Flags, worst first"
	}
	order := "asc"
	if m.desc {
		order = "desc"
	}
	return "sorted by " + memberColumns[m.sortCol].Title + " " + order
}

// OpenKey is Enter, the list's first key: a host composing its help
// with the members' names it to keep it first.
func (m *Members) OpenKey() key.Binding { return m.fileList.keys.Open }

// ShortHelp is Enter, the list's movement and the review keys, the most
// important first; r is the host's.
func (m *Members) ShortHelp() []key.Binding {
	return []key.Binding{m.OpenKey(), m.table.Keys.Up, m.table.Keys.Down, m.keys.Flagged, m.keys.Sort, m.keys.Up}
}

// FullHelp is every movement key, Enter, the review keys and the
// thresholds with their values (the one definition the Faces pane shows
// too).
func (m *Members) FullHelp() [][]key.Binding {
	t := m.table.Keys
	return [][]key.Binding{
		{t.Up, t.Down, t.PageUp, t.PageDown, t.First, t.Last, m.OpenKey()},
		{m.keys.Flagged, m.keys.Sort, m.keys.Order, m.keys.Up},
		thresholds.Help(m.env.Thresholds()),
	}
}
