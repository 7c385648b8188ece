package views

import (
	"cmp"
	"strconv"
	"strings"

	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/format"
)

// clusterRows adapts the loaded rows to the table, formatting only the rows
// drawn.
type clusterRows struct{ v *Clusters }

func (r clusterRows) Len() int { return len(r.v.shown().rows) }

func (r clusterRows) Cells(i int, dst []string) {
	c := r.v.row(i)
	dst[0] = ClusterLabel(r.v.env.Styles.Glyphs, c.Name, c.ID)
	dst[1] = c.Gender
	dst[2] = strconv.Itoa(int(c.FaceCount))
	dst[3] = strconv.Itoa(int(c.ImageCount))
	dst[4] = strconv.Itoa(int(c.VideoCount))
	dst[5] = format.Ages(c.MinAge, c.AvgAge, c.MaxAge)
	dst[6] = cmp.Or(format.Unix(c.UpdateTime, format.Minute), "-")
	dst[7] = c.ID
}

// ClusterLabel is a cluster's name, or its short ID when it has none.
func ClusterLabel(g format.Glyphs, name, id string) string {
	if name != "" {
		return name
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
