package panes

import (
	"context"
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
	"github.com/immtui/immtui/ui/widgets/faceimg"
	"github.com/immtui/immtui/ui/widgets/table"
	"github.com/immtui/immtui/ui/widgets/thresholds"
)

// facesPane is a table of the file's faces, outliers (lowest cluster
// confidence) first, with the face under the cursor below it: its crop
// (faces_crop.go) beside a box of its details.
type facesPane struct {
	ctx    Context
	styles *theme.Styles
	keys   facesKeys
	file   *imm.File
	faces  []*imm.Figure // sorted
	table  *table.Model
	tableW int // the size last given to the table
	tableH int
	w, h   int
	memo   detailMemo
	frame  frame
	crop   *faceimg.Set
	// points shows the boundary polygon's vertices in the detail box
	// (p toggles): a long list the box has no room for by default.
	points bool
}

type facesKeys struct {
	Open, Points key.Binding
}

func newFacesPane(ctx Context) *facesPane {
	s := stylesOf(ctx)
	bg := ctx.Ctx
	if bg == nil {
		bg = context.Background()
	}
	p := &facesPane{
		ctx:    ctx,
		styles: s,
		frame:  newFrame(s),
		crop:   faceimg.NewSet(ctx.Images, bg),
		keys: facesKeys{
			Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open face's cluster")),
			Points: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "polygon points")),
		},
	}
	cols := make([]table.Column, len(faceColumns))
	for i, c := range faceColumns {
		cols[i] = c.Column
	}
	p.table = table.New(cols, s)
	p.table.SetSource(faceCells{p})
	return p
}

// SetFirstKey replaces the table's first-row key (FirstKeyer).
func (p *facesPane) SetFirstKey(b key.Binding) { p.table.Keys.First = b }

func (p *facesPane) Title() string { return "Faces" }

// Fields are the faces and what their crops are planned from.
func (p *facesPane) Fields() []string { return append([]string{"Figures"}, faceimg.FileFields...) }

func (p *facesPane) ShortHelp() []key.Binding {
	return []key.Binding{p.table.Keys.Up, p.table.Keys.Down, p.keys.Open, p.pointsKey()}
}

// FullHelp is the movement keys, Enter and p, then the thresholds the
// ClConf colour and the Flags column judge by, a group of their own so
// the help lays them out as a column where there is room and as running
// text where there is not.
func (p *facesPane) FullHelp() [][]key.Binding {
	return [][]key.Binding{p.table.Keys.All(), {p.keys.Open, p.pointsKey()}, thresholds.Help(p.ctx.thresholds())}
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
// file is a new version of the one shown, and starts otherwise on the face
// the user came for (Context.FigureID), else on the worst face of the
// cluster shown above (Context.StartInCluster), else on the worst face.
func (p *facesPane) SetFile(f *imm.File) {
	keepID := p.ctx.FigureID
	if sel := p.Selected(); p.file != nil && f != nil && p.file.URI == f.URI && sel != nil {
		keepID = sel.FigureId
	}
	p.file = f
	p.faces = nil
	p.memo = detailMemo{}
	cursor := 0
	if f != nil {
		p.faces = sortFaces(f.Figures)
		cursor = p.startFace(keepID)
	}
	p.table.SetSource(faceCells{p})
	p.relayout()
	p.table.SetCursor(cursor)
}

// startFace is the row of face keepID when it is in the file, else the
// first (worst) row of the cluster shown above, else the first.
func (p *facesPane) startFace(keepID string) int {
	if keepID != "" {
		for i, fg := range p.faces {
			if fg.FigureId == keepID {
				return i
			}
		}
	}
	if c := p.ctx.ClusterID; p.ctx.StartInCluster && c != "" {
		for i, fg := range p.faces {
			if fg.FigureClusterId == c {
				return i
			}
		}
	}
	return 0
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
	p.relayout()
}

// relayout gives the table its share of the height (the box's depends on
// the face selected, so it runs after every move).
func (p *facesPane) relayout() {
	t, _, _ := p.layout()
	if t != p.tableH || p.w != p.tableW {
		p.tableW, p.tableH = p.w, t
		p.table.SetSize(p.w, t)
	}
}

func (p *facesPane) Update(msg tea.Msg) tea.Cmd {
	if faceimg.IsReply(msg) {
		denied := p.crop.Denied()
		cmd, _ := p.crop.Update(msg)
		if p.crop.Denied() != denied { // the detail box says so, once
			p.memo = detailMemo{}
			p.relayout()
		}
		return cmd
	}
	if len(p.faces) == 0 {
		return nil
	}
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, p.keys.Open):
			return p.open()
		case key.Matches(msg, p.keys.Points):
			p.points = !p.points
			p.memo = detailMemo{}
		case p.table.Moves(msg):
			p.table.Update(msg)
		default:
			return nil
		}
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			p.table.Move(-1)
		case tea.MouseButtonWheelDown:
			p.table.Move(1)
		default:
			return nil
		}
	default:
		return nil
	}
	p.relayout()
	return p.Load()
}

// open asks for the selected face's cluster, unless it is the cluster
// already shown or a reserved ID (no cluster to open).
func (p *facesPane) open() tea.Cmd {
	f := p.Selected()
	if f == nil {
		return nil
	}
	id := f.FigureClusterId
	if _, reserved := reservedCluster(id); reserved || id == p.ctx.ClusterID {
		return nil
	}
	return func() tea.Msg { return OpenClusterMsg{ClusterID: id} }
}

// Selected returns the face under the cursor (nil when there is none).
func (p *facesPane) Selected() *imm.Figure {
	if c := p.table.Cursor(); c < len(p.faces) {
		return p.faces[c]
	}
	return nil
}

// layout splits the height between the table and the detail box (with
// the crop beside it, cropRows tall). Each gets what it needs when both
// fit; otherwise the table keeps at least half (it is what you navigate)
// and the box the rest. On a very short or narrow pane the box goes.
func (p *facesPane) layout() (table, box, cropRows int) {
	wantT := len(p.faces) + 1
	if p.h < 6 || p.w < 20 {
		return min(p.h, wantT), 0, 0
	}
	// The crop is as tall as the box; the box's lines depend on its width,
	// which the crop narrows: measure at the full width, then narrowed.
	wantB := len(p.detail(p.w-2)) + 2
	cropRows = p.cropRows(wantB)
	if cropRows > 0 {
		wantB = max(len(p.detail(p.boxWidth(cropRows)-2))+2, cropRows)
	}
	if wantT+wantB <= p.h {
		return wantT, wantB, min(cropRows, wantB)
	}
	table = max(p.h-wantB, min(wantT, (p.h+1)/2))
	if box = p.h - table; box < 3 { // a frame with no line in it says nothing
		return p.h, 0, 0
	}
	return table, box, min(cropRows, box)
}

// faceColumns are the table's columns, each with its cell and colour: one
// entry per column, so adding one is one entry here. The table drops the
// highest Drop first on a narrow pane: pose, then hat and beard, mask and
// glasses, the face ID, sharpness, emotion, quality, age and gender.
// Cluster and its confidence always stay.
var faceColumns = []faceColumn{
	{Column: table.Column{Title: "Face", Min: 8, Drop: 6}, cell: func(p *facesPane, f *imm.Figure) string { return format.IDHead(f.FigureId, 8) }},
	{Column: table.Column{Title: "Cluster", Min: 16, Max: 40, Flex: 1}, cell: clusterCell, style: clusterStyle},
	{Column: table.Column{Title: "ClConf", Min: 6, Right: true}, cell: func(p *facesPane, f *imm.Figure) string { return format.Confidence(f.FigureClusterConfidence) }, style: func(p *facesPane, f *imm.Figure) *lipgloss.Style {
		return confStyle(p.styles, p.ctx.thresholds(), f.FigureClusterConfidence)
	}},
	// Flags: what review sees in the face and its file alone (the cluster's
	// age curve and gender need its Members), in words, never colour alone.
	{Column: table.Column{Title: "Flags", Min: 10, Max: 18, Flex: 1, Drop: 3}, cell: func(p *facesPane, f *imm.Figure) string {
		return p.ctx.thresholds().SeenFlags(review.Face{File: p.file, Figure: f}).String()
	}},
	{Column: table.Column{Title: "Qual", Min: 4, Right: true, Drop: 3}, cell: func(p *facesPane, f *imm.Figure) string { return format.Confidence(f.FaceQuality) }},
	{Column: table.Column{Title: "Sharp", Min: 5, Right: true, Drop: 5}, cell: func(p *facesPane, f *imm.Figure) string { return format.Confidence(f.Sharpness) }},
	{Column: table.Column{Title: "Age", Min: 6, Drop: 2}, cell: ageCell},
	{Column: table.Column{Title: "Gender", Min: 6, Drop: 1}, cell: func(p *facesPane, f *imm.Figure) string { return f.Gender }},
	{Column: table.Column{Title: "Emotion", Min: 9, Drop: 4}, cell: func(p *facesPane, f *imm.Figure) string { return f.Emotion }},
	{Column: table.Column{Title: "Mask", Min: 7, Drop: 7}, cell: func(p *facesPane, f *imm.Figure) string { return f.Mask }},
	{Column: table.Column{Title: "Glasses", Min: 10, Drop: 7}, cell: func(p *facesPane, f *imm.Figure) string { return f.Glasses }},
	{Column: table.Column{Title: "Hat", Min: 7, Drop: 8}, cell: func(p *facesPane, f *imm.Figure) string { return f.Hat }},
	{Column: table.Column{Title: "Beard", Min: 6, Drop: 8}, cell: func(p *facesPane, f *imm.Figure) string { return f.Beard }},
	{Column: table.Column{Title: "Pose p/r/y", Min: 13, Drop: 9}, cell: func(p *facesPane, f *imm.Figure) string { return pose(f.HeadPose) }},
}

// faceColumn is one column of the faces table: its layout, its text, and
// its colour (nil: the row's).
type faceColumn struct {
	table.Column
	cell  func(p *facesPane, f *imm.Figure) string
	style func(p *facesPane, f *imm.Figure) *lipgloss.Style
}

func clusterCell(p *facesPane, f *imm.Figure) string {
	t, _ := p.clusterLabel(f.FigureClusterId, true)
	return t
}

func clusterStyle(p *facesPane, f *imm.Figure) *lipgloss.Style {
	_, st := p.clusterLabel(f.FigureClusterId, true)
	return st
}

func ageCell(p *facesPane, f *imm.Figure) string {
	if f.Age > 0 || f.AgeSD > 0 {
		return fmt.Sprintf("%d%s%s", f.Age, p.styles.Glyphs.PlusMinus(), format.Decimal(float64(f.AgeSD), 0))
	}
	return ""
}

// faceCells hands the table the faces' cells, only for rows drawn.
type faceCells struct{ p *facesPane }

func (c faceCells) Len() int { return len(c.p.faces) }

func (c faceCells) Cells(i int, dst []string) {
	f := c.p.faces[i]
	for k, col := range faceColumns {
		dst[k] = col.cell(c.p, f)
	}
}

func (c faceCells) CellStyle(i, col int) *lipgloss.Style {
	if st := faceColumns[col].style; st != nil {
		return st(c.p, c.p.faces[i])
	}
	return nil
}

func (p *facesPane) View() string {
	if p.file == nil || p.w <= 0 || p.h <= 0 {
		return ""
	}
	s := p.styles
	if len(p.faces) == 0 {
		return s.Muted.Render(p.styles.Truncate("no faces in this file", p.w))
	}
	_, boxH, cropRows := p.layout()
	out := p.table.View()
	if boxH > 0 {
		out += "\n" + strings.Join(p.boxWithCrop(boxH, cropRows), "\n")
	}
	return out
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

// confStyle warns about low cluster confidence (likely outliers), by the
// thresholds in force: the rule Members and the grid judge by.
func confStyle(s *theme.Styles, th review.Thresholds, c float64) *lipgloss.Style {
	if th.LowCluster(c) {
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
