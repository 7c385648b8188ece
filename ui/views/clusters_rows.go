package views

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/format"
)

// clusterRows adapts the loaded rows to the table, formatting only the rows
// drawn.
type clusterRows struct{ v *Clusters }

func (r clusterRows) Len() int { return r.v.rowCount() }

func (r clusterRows) Cells(i int, dst []string) {
	c := r.v.row(i)
	dst[0] = ClusterLabel(r.v.env.Styles.Glyphs, c.Name, c.ID)
	if slices.Contains(r.v.rv.marked, c.ID) {
		dst[0] = "* " + dst[0] // the mark in words, not only a colour
	}
	dst[1] = c.Gender
	dst[2] = strconv.Itoa(int(c.FaceCount))
	rest := dst[3:]
	if r.v.env.Quality != nil {
		r.v.stripCells(c.ID, dst[3:6])
		rest = dst[6:]
	}
	pinned := i < r.v.pin()
	if pinned {
		rest[0], rest[1], rest[2], rest[3], rest[4] = "", "", "", "", c.ID
		return
	}
	rest[0] = strconv.Itoa(int(c.ImageCount))
	rest[1] = strconv.Itoa(int(c.VideoCount))
	rest[2] = format.Ages(c.MinAge, c.AvgAge, c.MaxAge)
	rest[3] = cmp.Or(format.UnixAt(c.UpdateTime, int(c.UpdateOffset), format.Minute), "-")
	rest[4] = c.ID
}

// ClusterLabel is a cluster's name, or when it has none what a reserved
// ID stands for, as the clusters list's pinned row says it ("(faces in no
// cluster)"), or its short ID.
func ClusterLabel(g format.Glyphs, name, id string) string {
	if name != "" {
		return name
	}
	if l, ok := state.UnclusteredLabels[id]; ok {
		return "(" + l + ")"
	}
	return ShortID(g, id)
}

// ShortID keeps the distinctive head of a long ID: 14 cells and the
// ellipsis.
func ShortID(g format.Glyphs, id string) string { return g.ShortID(id, 15) }

func round(f float64) int { return int(f + 0.5) }

// fitLines wraps lines to width and keeps at most height of them.
func fitLines(lines []string, width, height int) string {
	var out []string
	for _, l := range lines {
		out = append(out, safetext.Wrap(l, width)...)
	}
	if len(out) > height {
		out = out[:height]
	}
	return strings.Join(out, "\n")
}
