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
	Open, OpenFace, MembersA, MembersB, Refresh, Focus, FocusBack key.Binding
}

// errNoQuality: the data is not an IMM store, which compare reads
// through.
var errNoQuality = errors.New("compare needs the IMM store's strip cache, which this data source lacks")

// Compare is two clusters side by side: their quality strips, their age
// curves (a chart of age by photo year), the files holding a face of each,
// both clusters' faces as two grids side by side and the verdict with its
// reason (review.Compare). a and b open each one's Members; Tab moves the
// focus between the shared files and the two grids; Enter opens the
// selected shared file, or the selected face's file on that face.
type Compare struct {
	env    *Env
	ctx    context.Context
	cancel context.CancelFunc
	keys   compareKeys
	a, b   string

	req   int64
	cmp   *review.Comparison
	err   error
	list  *table.Model // the shared files
	grids compareGrids
	focus compareFocus

	width, height int
	chartH        int // the age chart's lines (0: not shown)
}

// NewCompare makes the comparison of clusters a and b.
func NewCompare(env *Env, a, b string) *Compare {
	ctx, cancel := context.WithCancel(context.Background())
	v := &Compare{env: env, ctx: ctx, cancel: cancel, a: a, b: b}
	v.keys = compareKeys{
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open file")),
		OpenFace: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open face")),
		MembersA: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "members of A")),
		MembersB: key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "members of B")),
		Refresh:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "compare again")),
		// Tab is free in the root's keys (ui/keys.go); the file panes use
		// it the same way, for the next part.
		Focus:     key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "focus files/A/B")),
		FocusBack: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "focus back")),
	}
	v.list = table.New([]table.Column{{Title: "Files with a face of each", Min: 12, Flex: 1}}, env.Styles)
	v.list.SetSource(sharedRows{v})
	v.newGrids()
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

// Close cancels the comparison and the pictures' loads.
func (v *Compare) Close() {
	v.cancel()
	v.grids.a.Close()
	v.grids.b.Close()
}

// SetSize gives the view its size.
func (v *Compare) SetSize(w, h int) {
	v.width, v.height = w, h
	v.layout()
}

// Update takes the reply, threshold changes and keys.
func (v *Compare) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case compareMsg:
		if !takeReply(&v.req, msg.req, msg.err, &v.err) {
			return nil
		}
		c := msg.c
		v.cmp = &c
		v.list.SetSource(sharedRows{v})
		v.takeFaces(&c)
		v.layout()
		return v.LoadVisible()
	case ThresholdsMsg:
		if v.cmp != nil && v.req == 0 {
			return v.Init() // every page is cached: judged again, no page call
		}
	case tea.KeyMsg:
		return v.key(msg)
	default:
		// Picture replies: each grid keeps those it asked for.
		return tea.Batch(v.grids.a.Update(msg), v.grids.b.Update(msg), v.list.Update(msg))
	}
	return nil
}

// key acts on a key: the view's own, else the focused part's movement.
func (v *Compare) key(msg tea.KeyMsg) tea.Cmd {
	g, id := v.focusedGrid()
	switch {
	case key.Matches(msg, v.keys.MembersA):
		return Push(NewClusterMembers(v.env, v.a))
	case key.Matches(msg, v.keys.MembersB):
		return Push(NewClusterMembers(v.env, v.b))
	case key.Matches(msg, v.keys.Refresh):
		if v.req == 0 {
			return v.Init()
		}
	case key.Matches(msg, v.keys.Focus):
		v.cycleFocus(1)
	case key.Matches(msg, v.keys.FocusBack):
		v.cycleFocus(-1)
	case key.Matches(msg, v.keys.Open) && g != nil:
		return v.openFace(g, id)
	case key.Matches(msg, v.keys.Open):
		if v.cmp != nil && v.list.Cursor() < len(v.cmp.SharedFiles) {
			return Push(NewFile(v.env, v.cmp.SharedFiles[v.list.Cursor()]))
		}
	case g != nil:
		return g.Update(msg) // a move asks for the pictures it brings on screen
	default:
		return v.list.Update(msg)
	}
	return nil
}

// compareStripRows are the lines of each side: the strip and the gender.
const compareStripRows = 8

// Chart bounds in lines: below chartMinLines it shows nothing, above
// chartMaxLines it tells no more.
const (
	chartMinLines = 4
	chartMaxLines = 14
)

// layout shares the height out below the verdict and the strips, which
// are always drawn: the shared files first (a line when there are none,
// else a fifth of what is left, at least one row and no more than they
// need), then the face grids (at least a row of tiles, two rows where
// the height allows), then the age chart gets what the grids' two rows
// leave, and the grids take the rest. When no tile fits, the grids give
// way to one line that says so and the chart keeps the rest.
func (v *Compare) layout() {
	v.chartH, v.grids.tooSmall = 0, false
	if v.cmp == nil {
		v.list.SetSize(v.width, 0)
		v.sizeGrids(v.width, 0)
		v.showFocus()
		return
	}
	rest := v.height - 1 - len(v.verdictLines()) - compareStripRows
	n := len(v.cmp.SharedFiles)
	sharedH := 1
	if n > 0 {
		sharedH = min(max(rest/5, 2), n+1)
		v.list.SetSize(v.width, sharedH)
	}
	avail := max(rest-sharedH, 0)
	left, right := compareHalves(v.width)
	gridH := 0
	if avail >= gridMinLines && min(left, right) >= gridMinWidth {
		if extra := min(avail-gridWantLines, chartMaxLines); extra >= chartMinLines {
			v.chartH = extra
		}
		gridH = avail - v.chartH
	} else {
		v.grids.tooSmall = avail > 0
		if c := min(avail-1, chartMaxLines); c >= chartMinLines {
			v.chartH = c
		}
	}
	v.sizeGrids(v.width, gridH)
	v.showFocus()
}

// verdictLines are the verdict and its reason, the evidence: wrapped,
// never cut, two lines at most.
func (v *Compare) verdictLines() []string {
	c := v.cmp
	verdict := safetext.Wrap("Verdict "+c.Verdict.String()+": "+safetext.Line(c.Reason), max(v.width, 1))
	if len(verdict) > 2 {
		verdict = verdict[:2]
	}
	return verdict
}

// View renders the verdict, the strips side by side, the age chart, the
// shared files and both clusters' face grids, exactly the size given.
func (v *Compare) View() string {
	if v.width <= 0 || v.height <= 0 {
		return ""
	}
	st := v.env.Styles
	var lines []string
	title := st.Title.Render("Compare") + " " + st.Muted.Render("A "+v.label(v.a)+"  B "+v.label(v.b))
	if n := v.gridNotice(); n != "" {
		title += "  " + n
	}
	lines = append(lines, title)
	switch {
	case v.err != nil:
		lines = append(lines, errview.Lines(v.err)...)
		return fitLines(lines, v.width, v.height)
	case v.cmp == nil:
		lines = append(lines, st.Muted.Render("Reading both clusters' faces and the files they share"+st.Glyphs.Ellipsis()))
		return fitLines(lines, v.width, v.height)
	}
	for _, l := range v.verdictLines() {
		lines = append(lines, st.Key.Render(l))
	}
	lines = append(lines, v.sideBySide()...)
	if v.chartH > 0 {
		lines = append(lines, v.ageChart(v.width, v.chartH)...)
	}
	if len(v.cmp.SharedFiles) > 0 {
		lines = append(lines, strings.Split(v.list.View(), "\n")...)
	} else {
		lines = append(lines, st.Muted.Render("No file holds a face of each."))
	}
	lines = append(lines, v.gridLines(v.width)...)
	for i, l := range lines {
		lines[i] = st.Truncate(l, v.width)
	}
	if len(lines) > v.height {
		lines = lines[:v.height]
	}
	return strings.Join(lines, "\n")
}

// sideBySide is the two strips in two columns.
func (v *Compare) sideBySide() []string {
	st := v.env.Styles
	c := v.cmp
	colW, _ := compareHalves(v.width)
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
		out[i] = safetext.Pad(st.Truncate(l, colW), colW) + st.Muted.Render(compareDivider) + st.Truncate(r, colW)
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

// ShortHelp is the view's keys and the focused part's movement.
func (v *Compare) ShortHelp() []key.Binding {
	return append(v.ownKeys(), v.focusShort()...)
}

// FullHelp is the view's keys and every movement key of the focused part.
func (v *Compare) FullHelp() [][]key.Binding {
	own := v.ownKeys()
	if v.gridsShown() {
		own = append(own, v.keys.FocusBack)
	}
	return append([][]key.Binding{own}, v.focusFull()...)
}

// ownKeys are the view's keys; Enter says what it opens in the focused
// part, and Tab is listed only when there is more than one part to focus.
func (v *Compare) ownKeys() []key.Binding {
	open := v.keys.Open
	if g, _ := v.focusedGrid(); g != nil {
		open = v.keys.OpenFace
	}
	keys := []key.Binding{v.keys.MembersA, v.keys.MembersB, open, v.keys.Refresh}
	if v.gridsShown() {
		keys = append(keys, v.focusKey())
	}
	return keys
}

// focusKey is Tab, its help naming the parts it moves through: the shared
// files only when there are some.
func (v *Compare) focusKey() key.Binding {
	if v.canFocus(focusShared) {
		return v.keys.Focus
	}
	tab := v.keys.Focus
	tab.SetHelp(tab.Help().Key, "focus A/B")
	return tab
}
