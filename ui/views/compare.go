package views

import (
	"context"
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/widgets/errview"
	"github.com/immtui/immtui/ui/widgets/table"
)

// compareMsg is the reply to a comparison.
type compareMsg struct {
	req int64
	c   review.Comparison
	err error
}

type compareKeys struct {
	Open, MembersA, MembersB, Refresh key.Binding
}

// errNoQuality: the data is not an IMM store, which compare reads
// through.
var errNoQuality = errors.New("compare needs the IMM store's strip cache, which this data source lacks")

// Compare is two clusters side by side: their quality strips, their age
// curves (a chart of age by photo year), the files holding a face of each
// and the verdict with its reason (review.Compare). a and b open each
// one's Members; Enter opens the selected shared file.
type Compare struct {
	env    *Env
	ctx    context.Context
	cancel context.CancelFunc
	keys   compareKeys
	a, b   string

	req  int64
	cmp  *review.Comparison
	err  error
	list *table.Model // the shared files

	width, height int
}

// NewCompare makes the comparison of clusters a and b.
func NewCompare(env *Env, a, b string) *Compare {
	ctx, cancel := context.WithCancel(context.Background())
	v := &Compare{env: env, ctx: ctx, cancel: cancel, a: a, b: b}
	v.keys = compareKeys{
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open file")),
		MembersA: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "members of A")),
		MembersB: key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "members of B")),
		Refresh:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "compare again")),
	}
	v.list = table.New([]table.Column{{Title: "Files with a face of each", Min: 12, Flex: 1}}, env.Styles)
	v.list.SetSource(sharedRows{v})
	return v
}

// Init starts the comparison: both clusters' faces are read to the end
// (through the strip cache) and the files both appear in are queried.
func (v *Compare) Init() tea.Cmd {
	if v.env.Quality == nil {
		v.err = errNoQuality
		return nil
	}
	q, ctx, a, b := v.env.Quality, v.ctx, v.a, v.b
	req := v.env.NextID()
	v.req, v.err = req, nil
	return func() tea.Msg {
		c, err := q.Compare(ctx, a, b)
		return compareMsg{req: req, c: c, err: err}
	}
}

// Comparison is the result (nil until it came).
func (v *Compare) Comparison() *review.Comparison { return v.cmp }

// IDs are the two clusters compared.
func (v *Compare) IDs() (a, b string) { return v.a, v.b }

// Crumb names the view.
func (v *Compare) Crumb() string {
	return "Compare " + v.label(v.a) + " / " + v.label(v.b)
}

func (v *Compare) label(id string) string {
	name, _ := v.env.Data.ClusterName(id)
	return ClusterLabel(v.env.Styles.Glyphs, name, id)
}

// Err is the comparison's error.
func (v *Compare) Err() error { return v.err }

// Close cancels the comparison.
func (v *Compare) Close() { v.cancel() }

// SetSize gives the view its size.
func (v *Compare) SetSize(w, h int) {
	v.width, v.height = w, h
	v.layout()
}

// Update takes the reply, threshold changes and keys.
func (v *Compare) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case compareMsg:
		if msg.req != v.req {
			return nil
		}
		v.req = 0
		if msg.err != nil {
			if !errview.Quiet(msg.err) {
				v.err = msg.err
			}
			return nil
		}
		c := msg.c
		v.cmp = &c
		v.list.SetSource(sharedRows{v})
		v.layout()
	case ThresholdsMsg:
		if v.cmp != nil && v.req == 0 {
			return v.Init() // every page is cached: judged again, no page call
		}
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, v.keys.MembersA):
			return Push(NewClusterMembers(v.env, v.a))
		case key.Matches(msg, v.keys.MembersB):
			return Push(NewClusterMembers(v.env, v.b))
		case key.Matches(msg, v.keys.Refresh):
			if v.req == 0 {
				return v.Init()
			}
		case key.Matches(msg, v.keys.Open):
			if v.cmp != nil && v.list.Cursor() < len(v.cmp.SharedFiles) {
				return Push(NewFile(v.env, v.cmp.SharedFiles[v.list.Cursor()]))
			}
		default:
			v.list.Update(msg)
		}
	}
	return nil
}

// compareStripRows are the lines of each side: the strip and the gender.
const compareStripRows = 8

// layout sizes the shared files' list: what the verdict, the strips and
// a chart of at least 3 rows leave, and no more than the files need.
func (v *Compare) layout() {
	rest := v.height - 4 - compareStripRows
	n := 1
	if v.cmp != nil {
		n = len(v.cmp.SharedFiles)
	}
	listH := min(max(rest/3, 2), n+1)
	v.list.SetSize(v.width, max(listH, 0))
}

// View renders the verdict, the strips side by side, the age chart, the
// shared files and, where another part will add them, the face grids.
func (v *Compare) View() string {
	if v.width <= 0 || v.height <= 0 {
		return ""
	}
	st := v.env.Styles
	var lines []string
	lines = append(lines, st.Title.Render("Compare")+" "+st.Muted.Render("A "+v.label(v.a)+"  B "+v.label(v.b)))
	switch {
	case v.err != nil:
		lines = append(lines, errview.Lines(v.err)...)
		return fitLines(lines, v.width, v.height)
	case v.cmp == nil:
		lines = append(lines, st.Muted.Render("Reading both clusters' faces and the files they share"+st.Glyphs.Ellipsis()))
		return fitLines(lines, v.width, v.height)
	}
	c := v.cmp
	// The reason is the evidence: wrapped, never cut (two lines at most).
	verdict := safetext.Wrap("Verdict "+c.Verdict.String()+": "+safetext.Line(c.Reason), v.width)
	if len(verdict) > 2 {
		verdict = verdict[:2]
	}
	for _, l := range verdict {
		lines = append(lines, st.Key.Render(l))
	}
	lines = append(lines, v.sideBySide()...)
	listH := 0
	if len(c.SharedFiles) > 0 {
		listH = v.list.PageSize() + 1
	} else {
		listH = 1
	}
	grids := v.faceGrids(v.width, 0)
	chartH := min(v.height-len(lines)-listH-len(grids), 14) // taller tells no more
	if chartH >= 4 {
		lines = append(lines, v.ageChart(v.width, chartH)...)
	}
	if len(c.SharedFiles) > 0 {
		lines = append(lines, strings.Split(v.list.View(), "\n")...)
	} else {
		lines = append(lines, st.Muted.Render("No file holds a face of each."))
	}
	lines = append(lines, grids...)
	for i, l := range lines {
		lines[i] = st.Truncate(l, v.width)
	}
	if len(lines) > v.height {
		lines = lines[:v.height]
	}
	return strings.Join(lines, "\n")
}

// faceGrids is the place for each cluster's faces as a grid, side by
// side (the face grid's part adds it): lines of at most width cells in h
// rows. None yet.
func (v *Compare) faceGrids(width, h int) []string {
	_, _ = width, h
	return nil
}

// sideBySide is the two strips in two columns.
func (v *Compare) sideBySide() []string {
	st := v.env.Styles
	c := v.cmp
	colW := max((v.width-3)/2, 0)
	side := func(tag, id, gender string, s review.Strip) []string {
		out := []string{st.Key.Render(tag+" ") + st.Value.Render(v.label(id)),
			st.Key.Render("Gender ") + st.Value.Render(orDash(gender))}
		for _, f := range stripFields(st.Glyphs, s) {
			out = append(out, st.Key.Render(f.key+" ")+st.Value.Render(f.val))
		}
		return out
	}
	left := side("A", v.a, c.GenderA, c.A)
	right := side("B", v.b, c.GenderB, c.B)
	out := make([]string, compareStripRows)
	for i := range out {
		var l, r string
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out[i] = safetext.Pad(st.Truncate(l, colW), colW) + st.Muted.Render(" | ") + st.Truncate(r, colW)
	}
	return out
}

// sharedRows lists the shared files.
type sharedRows struct{ v *Compare }

func (s sharedRows) Len() int {
	if s.v.cmp == nil {
		return 0
	}
	return len(s.v.cmp.SharedFiles)
}

func (s sharedRows) Cells(i int, dst []string) { dst[0] = s.v.cmp.SharedFiles[i] }

// ShortHelp is the view's keys.
func (v *Compare) ShortHelp() []key.Binding {
	return []key.Binding{v.keys.MembersA, v.keys.MembersB, v.keys.Open, v.keys.Refresh}
}

// FullHelp is the view's keys and the list's movement.
func (v *Compare) FullHelp() [][]key.Binding {
	t := v.list.Keys
	return [][]key.Binding{{v.keys.MembersA, v.keys.MembersB, v.keys.Open, v.keys.Refresh}, {t.Up, t.Down, t.PageUp, t.PageDown}}
}
