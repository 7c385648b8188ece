package views

import (
	"cmp"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/immtui/immtui/ui/format"
)

// compareMembers orders faces outliers first: lowest cluster confidence,
// then lowest face quality (the worst evidence first), then by file and
// face so the order does not depend on page order.
// It returns early rather than through cmp.Or, which would compare the
// URIs of every pair.
func compareMembers(a, b memberRow) int {
	if c := cmp.Compare(a.fig.FigureClusterConfidence, b.fig.FigureClusterConfidence); c != 0 {
		return c
	}
	if c := cmp.Compare(a.fig.FaceQuality, b.fig.FaceQuality); c != 0 {
		return c
	}
	if c := strings.Compare(a.file.URI, b.file.URI); c != 0 {
		return c
	}
	return strings.Compare(a.fig.FigureId, b.fig.FigureId)
}

// memberCells adapts the rows to the table, formatting only rows drawn.
type memberCells struct{ m *Members }

func (c memberCells) Len() int { return len(c.m.list.rows) }

func (c memberCells) Cells(i int, dst []string) {
	r := c.m.list.rows[i]
	f := r.fig
	dst[0] = format.Confidence(f.FigureClusterConfidence)
	dst[1] = format.Confidence(f.FaceQuality)
	dst[2] = format.Confidence(f.Sharpness)
	if f.Age > 0 || f.AgeSD > 0 {
		dst[3] = strconv.FormatInt(f.Age, 10) + c.m.env.Styles.Glyphs.PlusMinus() + strconv.Itoa(round(f.AgeSD))
	}
	dst[4] = f.Gender
	dst[5] = f.Emotion
	dst[6] = r.file.MediaType
	dst[7] = r.file.Filename
	if dst[7] == "" {
		dst[7] = FileName(r.file.URI)
	}
	dst[8] = produced(r.file.ProduceTime)
}

// CellStyle colours a cluster confidence under the review threshold as a warning:
// the faces to look at.
func (c memberCells) CellStyle(i, col int) *lipgloss.Style {
	if col != 0 {
		return nil
	}
	if v := c.m.list.rows[i].fig.FigureClusterConfidence; c.m.review.LowCluster(v) {
		return &c.m.env.Styles.Warn
	}
	return nil
}

// produced is an API time in a table cell: to the minute, in the time's
// own offset (format.Time's rule), "-" when not sent.
func produced(s string) string { return cmp.Or(format.Time(s, format.Minute), "-") }
