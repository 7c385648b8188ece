package panes

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/widgets/table"
)

// facesPane is a table of the file's faces, outliers (lowest cluster
// confidence) first, with a detail box for the face under the cursor.
type facesPane struct {
	ctx    Context
	styles *theme.Styles
	keys   facesKeys
	file   *imm.File
	faces  []*imm.Figure // sorted
	cursor int
	off    int // first table row shown
	w, h   int
	memo   detailMemo
	frame  frame
	rows   rowMemo
	// points shows the boundary polygon's vertices in the detail box
	// (p toggles): a long list the box has no room for by default.
	points bool
}

// rowMemo keeps rendered table rows (not under the cursor) for one width:
// styling a row costs more than all else a key press does. A row's text
// depends on its cluster's name, which the store may learn later (open the
// face's cluster, come back), so each row remembers the name it was drawn
// with and is drawn again when the name differs.
type rowMemo struct {
	w      int
	widths []int
	header string
	rows   map[int]memoRow
}

type memoRow struct {
	name string // the cluster name the line was drawn with
	line string
}

// knownName is the store's name for the cluster of face i ("" if none).
func (p *facesPane) knownName(i int) string {
	if p.ctx.ClusterName == nil {
		return ""
	}
	n, _ := p.ctx.ClusterName(p.faces[i].FigureClusterId)
	return n
}

type facesKeys struct {
	scrollKeys
	Open, Points key.Binding
}

func newFacesPane(ctx Context) *facesPane {
	s := stylesOf(ctx)
	return &facesPane{
		ctx:    ctx,
		styles: s,
		frame:  newFrame(s),
		keys: facesKeys{
			scrollKeys: newScrollKeys(ctx.Styles),
			Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open face's cluster")),
			Points:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "polygon points")),
		},
	}
}

func (p *facesPane) Title() string    { return "Faces" }
func (p *facesPane) Fields() []string { return []string{"Figures"} }

func (p *facesPane) ShortHelp() []key.Binding {
	return []key.Binding{p.keys.Up, p.keys.Down, p.keys.Open, p.pointsKey()}
}

func (p *facesPane) FullHelp() [][]key.Binding {
	return [][]key.Binding{p.keys.All(), {p.keys.Open, p.pointsKey()}}
}

// pointsKey is p with help that says what pressing it does now.
func (p *facesPane) pointsKey() key.Binding {
	b := p.keys.Points
	if p.points {
		b.SetHelp("p", "hide polygon points")
	}
	return b
}

// SetFile sorts the faces once; the cursor stays on the same face when the
// file is a new version of the one shown, and starts on the face the user
// came for (Context.FigureID) otherwise.
func (p *facesPane) SetFile(f *imm.File) {
	keepID := p.ctx.FigureID
	if p.file != nil && f != nil && p.file.URI == f.URI && p.cursor < len(p.faces) {
		keepID = p.faces[p.cursor].FigureId
	}
	p.file = f
	p.faces = nil
	p.cursor, p.off = 0, 0
	p.memo = detailMemo{}
	p.rows = rowMemo{}
	if f == nil {
		return
	}
	p.faces = sortFaces(f.Figures)
	for i, fg := range p.faces {
		if keepID != "" && fg.FigureId == keepID {
			p.cursor = i
		}
	}
	p.follow()
}

// sortFaces orders faces by cluster confidence, lowest first: the faces
// most likely to be in the wrong cluster come first. Ties keep file order.
func sortFaces(figs []imm.Figure) []*imm.Figure {
	out := make([]*imm.Figure, len(figs))
	for i := range figs {
		out[i] = &figs[i]
	}
	sort.SliceStable(out, func(a, b int) bool {
		return out[a].FigureClusterConfidence < out[b].FigureClusterConfidence
	})
	return out
}

func (p *facesPane) SetSize(w, h int) {
	p.w, p.h = max(w, 0), max(h, 0)
	p.follow()
}

func (p *facesPane) Update(msg tea.Msg) (Pane, tea.Cmd) {
	n := len(p.faces)
	if n == 0 {
		return p, nil
	}
	page := max(p.tableRows()-1, 1)
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, p.keys.Up):
			p.cursor--
		case key.Matches(msg, p.keys.Down):
			p.cursor++
		case key.Matches(msg, p.keys.PageUp):
			p.cursor -= page
		case key.Matches(msg, p.keys.PageDown):
			p.cursor += page
		case key.Matches(msg, p.keys.First):
			p.cursor = 0
		case key.Matches(msg, p.keys.Last):
			p.cursor = n - 1
		case key.Matches(msg, p.keys.Open):
			return p, p.open()
		case key.Matches(msg, p.keys.Points):
			p.points = !p.points
			p.memo = detailMemo{}
		}
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			p.cursor--
		case tea.MouseButtonWheelDown:
			p.cursor++
		}
	}
	p.cursor = min(max(p.cursor, 0), n-1)
	p.follow()
	return p, nil
}

// open asks for the selected face's cluster, unless it is the cluster
// already shown or a reserved ID (no cluster to open).
func (p *facesPane) open() tea.Cmd {
	if p.cursor >= len(p.faces) {
		return nil
	}
	id := p.faces[p.cursor].FigureClusterId
	if _, reserved := reservedCluster(id); reserved || id == p.ctx.ClusterID {
		return nil
	}
	return func() tea.Msg { return OpenClusterMsg{ClusterID: id} }
}

// Selected returns the face under the cursor (nil when there is none).
func (p *facesPane) Selected() *imm.Figure {
	if p.cursor < len(p.faces) {
		return p.faces[p.cursor]
	}
	return nil
}

// layout splits the height between the table and the detail box. Each
// gets what it needs when both fit; otherwise the table keeps at least
// half (it is what you navigate) and the box the rest. On a very short or
// narrow pane the box goes.
func (p *facesPane) layout() (table, box int) {
	wantT := len(p.faces) + 1
	if p.h < 6 || p.w < 20 {
		return min(p.h, wantT), 0
	}
	wantB := len(p.detail(p.w-2)) + 2
	if wantT+wantB <= p.h {
		return wantT, wantB
	}
	table = max(p.h-wantB, min(wantT, (p.h+1)/2))
	if box = p.h - table; box < 3 { // a frame with no line in it says nothing
		return p.h, 0
	}
	return table, box
}

// tableRows is the number of face rows visible (the header takes one).
func (p *facesPane) tableRows() int {
	t, _ := p.layout()
	return max(t-1, 0)
}

// follow scrolls the table so the cursor is visible.
func (p *facesPane) follow() {
	rows := p.tableRows()
	if rows <= 0 {
		p.off = p.cursor
		return
	}
	if p.cursor < p.off {
		p.off = p.cursor
	}
	if p.cursor >= p.off+rows {
		p.off = p.cursor - rows + 1
	}
	p.off = min(max(p.off, 0), max(len(p.faces)-rows, 0))
}

// faceCols drop from the right when the pane is narrow: pose, then hat and
// beard, mask and glasses, the face ID, sharpness, emotion, quality, age
// and gender (the highest Drop goes first). Cluster and its confidence
// always stay.
var faceCols = []table.Column{
	{Title: " ", Min: 1},
	{Title: "Face", Min: 8, Drop: 6},
	{Title: "Cluster", Min: 16, Flex: 1},
	{Title: "ClConf", Min: 6, Right: true},
	{Title: "Qual", Min: 4, Right: true, Drop: 3},
	{Title: "Sharp", Min: 5, Right: true, Drop: 5},
	{Title: "Age", Min: 6, Drop: 2},
	{Title: "Gender", Min: 6, Drop: 1},
	{Title: "Emotion", Min: 9, Drop: 4},
	{Title: "Mask", Min: 7, Drop: 7},
	{Title: "Glasses", Min: 10, Drop: 7},
	{Title: "Hat", Min: 7, Drop: 8},
	{Title: "Beard", Min: 6, Drop: 8},
	{Title: "Pose p/r/y", Min: 13, Drop: 9},
}

func (p *facesPane) View() string {
	if p.file == nil || p.w <= 0 || p.h <= 0 {
		return ""
	}
	s := p.styles
	if len(p.faces) == 0 {
		return s.Muted.Render(p.styles.Truncate("no faces in this file", p.w))
	}
	tableH, boxH := p.layout()
	m := &p.rows
	if m.rows == nil || m.w != p.w {
		m.w = p.w
		m.widths = table.Widths(faceCols, p.w)
		m.header = p.styles.Truncate(table.Header(faceCols, m.widths, s.ColHeader), p.w)
		m.rows = make(map[int]memoRow)
	}
	lines := make([]string, 0, p.h)
	lines = append(lines, m.header)
	end := min(p.off+tableH-1, len(p.faces))
	for i := p.off; i < end; i++ {
		if i == p.cursor {
			lines = append(lines, p.styles.Truncate(p.row(i, m.widths), p.w))
			continue
		}
		name := p.knownName(i)
		r, ok := m.rows[i]
		if !ok || r.name != name {
			r = memoRow{name: name, line: p.styles.Truncate(p.row(i, m.widths), p.w)}
			m.rows[i] = r
		}
		lines = append(lines, r.line)
	}
	if boxH > 0 {
		lines = append(lines, p.box(boxH))
	}
	if len(lines) > p.h {
		lines = lines[:p.h]
	}
	return strings.Join(lines, "\n")
}

func (p *facesPane) row(i int, widths []int) string {
	s := p.styles
	f := p.faces[i]
	base := s.Value
	marker := " "
	if i == p.cursor {
		base = s.Selected
		marker = ">"
	}
	clText, clStyle := p.clusterLabel(f.FigureClusterId, true)
	age := ""
	if f.Age > 0 || f.AgeSD > 0 {
		age = fmt.Sprintf("%d%s%s", f.Age, p.styles.Glyphs.PlusMinus(), format.Decimal(float64(f.AgeSD), 0))
	}
	cells := []table.Cell{
		{Text: marker},
		{Text: format.IDHead(f.FigureId, 8)},
		{Text: clText, Style: clStyle},
		{Text: format.Confidence(f.FigureClusterConfidence), Style: confStyle(s, f.FigureClusterConfidence)},
		{Text: format.Confidence(f.FaceQuality)},
		{Text: format.Confidence(f.Sharpness)},
		{Text: age},
		{Text: f.Gender},
		{Text: f.Emotion},
		{Text: f.Mask},
		{Text: f.Glasses},
		{Text: f.Hat},
		{Text: f.Beard},
		{Text: pose(f.HeadPose)},
	}
	return table.Line(faceCols, widths, cells, base)
}

// clusterLabel names a cluster for a cell: "* name" (Mark) for the cluster
// shown, its name when known, a short ID otherwise, and words for the
// reserved IDs.
// maxNameCells bounds a cluster name in a cell or the detail box (names
// longer than this are cut with an ellipsis).
const maxNameCells = 256

func (p *facesPane) clusterLabel(id string, short bool) (string, *lipgloss.Style) {
	s := p.styles
	if word, ok := reservedCluster(id); ok {
		return word, &s.Muted
	}
	name := ""
	if p.ctx.ClusterName != nil {
		if n, ok := p.ctx.ClusterName(id); ok && n != "" {
			// Fit: this runs per row per frame, and a name can be 1 MB.
			name = p.styles.Fit(n, maxNameCells)
		}
	}
	switch {
	case name == "" && short:
		name = format.IDHead(id, 8)
	case name == "":
		name = safetext.Line(id)
	case !short:
		name += " (" + safetext.Line(id) + ")"
	}
	if id == p.ctx.ClusterID && id != "" {
		return "* " + name, &s.Mark
	}
	return name, nil
}

// confStyle warns about low cluster confidence (likely outliers).
func confStyle(s *theme.Styles, c float64) *lipgloss.Style {
	if review.Default().LowCluster(c) {
		return &s.Warn
	}
	return nil
}

func pose(h *imm.HeadPose) string {
	if h == nil {
		return ""
	}
	return fmt.Sprintf("%s/%s/%s", format.Decimal(float64(h.Pitch), 0), format.Decimal(float64(h.Roll), 0), format.Decimal(float64(h.Yaw), 0))
}
