package views

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/widgets/facegrid"
)

// Grid is a cluster's faces as a grid of crops, in the Members order
// (outliers first), each with its confidence and review flags, the
// selected one framed; Enter opens its file on that face. It sits on the
// cluster's view and shows that view's Members: the same rows, the same
// paging (the cluster's view takes the pages, which reach every view on
// the stack) and the same selection, so going back to Members keeps the
// face chosen here.
type Grid struct {
	env    *Env
	ctx    context.Context
	cancel context.CancelFunc
	host   *Cluster
	m      *Members
	grid   *facegrid.Model
	open   key.Binding
	// judged is the members' judgement the grid last took (Members.Judged):
	// when it moves, the rows did, and the pictures now on screen are
	// asked for.
	judged int

	width, height int
}

// LoadVisible is a view whose pictures depend on its size: the root calls
// it after a resize, so the faces now on screen are asked for.
type LoadVisible interface {
	LoadVisible() tea.Cmd
}

// NewGrid is the grid of the cluster host shows.
func NewGrid(env *Env, host *Cluster) *Grid {
	ctx, cancel := context.WithCancel(host.ctx)
	g := &Grid{env: env, ctx: ctx, cancel: cancel, host: host, m: host.members,
		open: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open file"))}
	g.grid = facegrid.New(env.Styles, env.Images, ctx)
	g.grid.SetSource(memberFaces{g.m})
	g.sync()
	return g
}

// memberFaces shows the members' rows in the grid.
type memberFaces struct{ m *Members }

func (s memberFaces) Len() int { return len(s.m.list.rows) }
func (s memberFaces) Face(i int) (*imm.File, *imm.Figure) {
	r := s.m.list.rows[i]
	return r.File, r.Figure
}

// Flags are the members' judgement of face i, age curve included.
func (s memberFaces) Flags(i int) review.Flag { return s.m.list.rows[i].Flags }

// sync takes the members' rows, selection and the cluster's gender (rows
// may have merged in above the selected face), and reports whether the
// rows were judged again since the last time.
func (g *Grid) sync() (moved bool) {
	moved = g.m.Judged() != g.judged
	g.judged = g.m.Judged()
	g.grid.SetSource(memberFaces{g.m})
	g.grid.SetCursor(g.m.Cursor())
	if c := g.host.cluster; c != nil {
		g.grid.SetGender(c.Gender)
	}
	g.grid.SetThresholds(g.env.Thresholds()) // :threshold may have moved them
	return moved
}

// Init resumes the members' paging (the cluster's view paused it when the
// grid covered it) and asks for the pictures on screen.
func (g *Grid) Init() tea.Cmd {
	return tea.Batch(g.m.Show(), g.grid.Load())
}

// LoadVisible asks for the pictures the new size shows.
func (g *Grid) LoadVisible() tea.Cmd { return g.grid.Load() }

// Update takes what the members hold now (the cluster's view below got
// this message first: the root sends it to the stack bottom up), then
// handles keys and picture replies; when the members' rows moved it asks
// for the pictures now on screen. View only draws what this took.
func (g *Grid) Update(msg tea.Msg) tea.Cmd {
	moved := g.sync()
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if key.Matches(msg, g.open) {
			return g.m.open()
		}
		if g.grid.Move(msg) {
			g.m.table.SetCursor(g.grid.Cursor())
			return g.grid.Load()
		}
		return nil
	}
	cmd := g.grid.Update(msg)
	if moved {
		cmd = tea.Batch(cmd, g.grid.Load())
	}
	return cmd
}

// SetSize gives the title a line and the grid the rest.
func (g *Grid) SetSize(w, h int) {
	g.width, g.height = w, h
	g.grid.SetSize(w, max(h-1, 0))
}

// View is the title and the grid, exactly the size given.
func (g *Grid) View() string {
	if g.width <= 0 || g.height <= 0 {
		return ""
	}
	title := g.title()
	if g.height == 1 {
		return title
	}
	body := g.grid.View()
	if g.grid.Len() == 0 {
		body = g.empty()
	}
	return title + "\n" + body
}

// empty is what stands in the grid's place before a face is known.
func (g *Grid) empty() string {
	p, st := &g.m.pager, g.env.Styles
	switch {
	case p.err != nil:
		return fitLines([]string{"Could not load the faces: " + safetext.Line(p.err.Error()) + " (Esc, then r retries)"}, g.width, g.height-1)
	case p.done:
		return st.Muted.Render(fitLines([]string{"No file holds a face of this cluster."}, g.width, g.height-1))
	}
	return fitLines([]string{g.m.spin.frame() + " Loading the cluster's faces..."}, g.width, g.height-1)
}

// title is "Faces N faces in M files, K below 0.7" and, once, why the
// pictures are not shown.
func (g *Grid) title() string {
	st, p := g.env.Styles, &g.m.pager
	var b strings.Builder
	b.WriteString(st.Title.Render("Face grid"))
	if p.files > 0 {
		b.WriteString(" " + st.Muted.Render(g.m.summary()))
		if p.pending != 0 {
			b.WriteString(st.Muted.Render(", " + g.m.spin.frame() + " loading more"))
		}
	}
	b.WriteString("  " + g.notice())
	return st.Truncate(b.String(), g.width)
}

// notice says why there are no pictures: a refused read names the
// permission once, here, and the tiles show the numbers.
func (g *Grid) notice() string {
	st := g.env.Styles
	if p := g.grid.Denied(); p != "" {
		return st.Error.Render(deniedNotice(p))
	}
	if why := g.env.Images.Why(); why != "" {
		return st.Muted.Render(why)
	}
	return ""
}

// deniedNotice is the one sentence a screen shows when the storage
// refused to hand over the pictures.
func deniedNotice(permission string) string {
	return "pictures not shown: these credentials lack " + permission + " on the bucket (grant it to see faces)"
}

// Crumb names the grid in the breadcrumbs.
func (g *Grid) Crumb() string { return "Grid" }

// Err is the members' paging error.
func (g *Grid) Err() error { return g.m.Err() }

// Close cancels the pictures' loads and pauses the paging it resumed (the
// cluster's view resumes it if it shows the members).
func (g *Grid) Close() {
	g.cancel()
	g.grid.Close()
	g.m.Hide()
}

// Images is the grid's picture part (for tests).
func (g *Grid) Images() *facegrid.Model { return g.grid }

// ShortHelp is Enter and the arrows.
func (g *Grid) ShortHelp() []key.Binding {
	return append([]key.Binding{g.open}, g.grid.ShortHelp()...)
}

// FullHelp is Enter and the grid's movement keys.
func (g *Grid) FullHelp() [][]key.Binding {
	return append([][]key.Binding{{g.open}}, g.grid.FullHelp()...)
}

var _ View = (*Grid)(nil)
