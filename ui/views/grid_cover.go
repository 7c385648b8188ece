package views

import (
	"context"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/ui/widgets/errview"
	"github.com/immtui/immtui/ui/widgets/faceimg"
)

// coverFields are what the cover's picture is planned from.
var coverFields = append([]string{"Figures"}, faceimg.FileFields...)

// Cover picture bounds: as tall as the full header's box, at most
// maxCoverRows, and only where the box keeps minCoverBoxWidth beside it.
const (
	maxCoverRows     = 8
	minCoverRows     = 3
	minCoverBoxWidth = 60
)

// coverMsg is the reply to the cover file's fetch (its faces and sizes,
// when the cluster's Cover did not carry them).
type coverMsg struct {
	req int64
	f   *imm.File
	err error
}

// coverFace is the cluster header's picture of the cluster's face in its
// cover file: right of the full header's box, as tall as the box, where
// the width allows; the compact header has no room for one.
type coverFace struct {
	env  *Env
	ctx  context.Context
	id   string
	set  *faceimg.Set
	seen *imm.FigureCluster // the cluster the cover was taken from
	uri  string
	file *imm.File
	fig  *imm.Figure
	req  int64 // the cover file's fetch in flight
	// at is what rows was computed for: the cluster, the width and the
	// header's mode.
	at   coverAt
	rows int
	// rev moves when what the header draws of the cover does (its face,
	// its rows, a picture arrived).
	rev int
}

type coverAt struct {
	c    *imm.FigureCluster
	w    int
	full bool
}

func newCoverFace(env *Env, ctx context.Context, id string) *coverFace {
	return &coverFace{env: env, ctx: ctx, id: id, set: faceimg.NewSet(env.Images, ctx)}
}

// Update keeps the cover's own replies: its file's fetch (by request id)
// and its pictures (the set keeps the loads it started). The container
// then asks for the picture the header shows (followCover).
func (c *coverFace) Update(msg tea.Msg) tea.Cmd {
	if msg, ok := msg.(coverMsg); ok {
		if !answers(&c.req, msg.req) {
			return nil
		}
		if msg.err == nil || !errview.Quiet(msg.err) {
			c.setFile(msg.f)
		}
		return nil
	}
	cmd, changed := c.set.Update(msg)
	if changed {
		c.rev++
	}
	return cmd
}

// LoadVisible asks for the pictures the new size shows: the cover's and
// the shown pane's.
func (v *Cluster) LoadVisible() tea.Cmd {
	return tea.Batch(v.followCover(), v.files.Load())
}

// followCover finds the cover face of the cluster shown (from its Cover,
// the cache, or one fetch) and asks for its picture at the header's size.
func (v *Cluster) followCover() tea.Cmd {
	c := v.cover
	var fetch tea.Cmd
	if v.cluster != c.seen {
		c.seen = v.cluster
		fetch = c.find(v.cluster)
	}
	at := coverAt{c: v.cluster, w: v.width, full: v.FullHeader()}
	if at != c.at {
		c.at = at
		c.rows = v.coverRows()
		c.rev++
	}
	if c.fig == nil || c.rows == 0 {
		return tea.Batch(fetch, c.set.Want(nil))
	}
	return tea.Batch(fetch, c.set.Want([]faceimg.Want{c.want()}))
}

// find takes the cover face from the cluster's Cover when it carries the
// faces and sizes (IMM sends the whole File), else from the cache, else
// fetches them.
func (c *coverFace) find(cl *imm.FigureCluster) tea.Cmd {
	uri := ""
	if cl != nil && cl.Cover != nil {
		uri = cl.Cover.URI
	}
	if uri != c.uri {
		c.uri, c.file, c.fig, c.req = uri, nil, nil, 0
		c.rev++
	}
	if uri == "" || c.fig != nil {
		return nil
	}
	if c.setFile(cl.Cover); c.fig != nil {
		return nil
	}
	if f, ok := c.env.Data.CachedFile(uri, coverFields); ok {
		c.setFile(f)
		return nil
	}
	if !c.env.Images.Drawing() {
		return nil // nothing to draw: no need for the fetch
	}
	req, data, ctx := c.env.NextID(), c.env.Data, c.ctx
	c.req = req
	return func() tea.Msg {
		f, err := data.File(ctx, uri, coverFields)
		return coverMsg{req: req, f: f, err: err}
	}
}

// setFile picks the face of this cluster in f with the highest confidence.
func (c *coverFace) setFile(f *imm.File) {
	if f == nil || f.URI != c.uri || (f.ImageWidth <= 0 && f.VideoWidth <= 0) {
		return
	}
	var best *imm.Figure
	for i := range f.Figures {
		fg := &f.Figures[i]
		if fg.FigureClusterId == c.id && (best == nil || fg.FigureClusterConfidence > best.FigureClusterConfidence) {
			best = fg
		}
	}
	if best != nil {
		c.file, c.fig = f, best
		c.rev++
	}
}

func (c *coverFace) want() faceimg.Want {
	return faceimg.Want{File: c.file, Figure: c.fig, Cols: 2 * c.rows, Rows: c.rows}
}

// coverRows is the picture's height: the full header box's at the full
// width, within bounds; 0 where it would not fit or there is no box.
func (v *Cluster) coverRows() int {
	if !v.FullHeader() || v.width < 20 {
		return 0
	}
	st := v.env.Styles
	rows := len(flowFields(st, clusterFields(v.id, v.cluster, v.row), v.width-4)) + 2
	rows = min(rows, maxCoverRows)
	if rows < minCoverRows || v.width-2*rows-1 < minCoverBoxWidth {
		return 0
	}
	return rows
}

// coverCells is the width the cover takes beside the box (0: none).
func (v *Cluster) coverCells() int {
	if v.cover.fig == nil || v.cover.rows == 0 {
		return 0
	}
	return 2*v.cover.rows + 1
}

// besideCover puts the cover picture right of the box lines, top-aligned;
// lines under it get blank cells, so every line is the view's width.
func (v *Cluster) besideCover(box []string) []string {
	cells := v.coverCells()
	if cells == 0 {
		return box
	}
	w := v.cover.want()
	pic := v.cover.set.Lines(w)
	muted := !v.cover.set.Ready(w)
	blank := strings.Repeat(" ", cells-1)
	out := make([]string, len(box))
	for i, l := range box {
		p := blank
		if i < len(pic) {
			p = pic[i]
			if muted {
				p = v.env.Styles.Muted.Render(p)
			}
		}
		out[i] = l + " " + p
	}
	return out
}

// LoadVisible asks for the pictures of the shown pane at the new size.
func (v *File) LoadVisible() tea.Cmd { return v.files.Load() }
