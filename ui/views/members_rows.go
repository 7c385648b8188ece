package views

import (
	"cmp"
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/widgets/table"
)

// memberColumns are the Members table's columns; s cycles the sort
// through them in this order (Flags: review's worst first).
var memberColumns = []table.Column{
	{Title: "Flags", Min: 11, Max: 22, Flex: 1},
	{Title: "ClConf", Min: 6, Right: true},
	{Title: "AgeOff", Min: 6, Right: true, Drop: 3},
	{Title: "Qual", Min: 4, Right: true, Drop: 7},
	{Title: "Sharp", Min: 5, Right: true, Drop: 8},
	{Title: "Age", Min: 6, Drop: 4},
	{Title: "Gender", Min: 6, Drop: 6},
	{Title: "Emotion", Min: 9, Drop: 10},
	{Title: "Media", Min: 5, Drop: 9},
	{Title: "File", Min: 12, Max: 60, Flex: 1},
	{Title: "Produced", Min: 16, Drop: 5},
}

// memberRow is a face with its flags and its place in review's order
// (the tally's, worst first): the Flags column's sort and every other
// column's tie-break.
type memberRow struct {
	review.Flagged
	rank int
}

// memberSortKeys compare two faces by column; 0 is review's order.
var memberSortKeys = []func(a, b review.Flagged) int{
	nil,
	func(a, b review.Flagged) int {
		return cmp.Compare(a.Figure.FigureClusterConfidence, b.Figure.FigureClusterConfidence)
	},
	func(a, b review.Flagged) int { return cmp.Compare(absOff(a), absOff(b)) },
	func(a, b review.Flagged) int { return cmp.Compare(a.Figure.FaceQuality, b.Figure.FaceQuality) },
	func(a, b review.Flagged) int { return cmp.Compare(a.Figure.Sharpness, b.Figure.Sharpness) },
	func(a, b review.Flagged) int { return cmp.Compare(a.Figure.Age, b.Figure.Age) },
	func(a, b review.Flagged) int { return strings.Compare(a.Figure.Gender, b.Figure.Gender) },
	func(a, b review.Flagged) int { return strings.Compare(a.Figure.Emotion, b.Figure.Emotion) },
	func(a, b review.Flagged) int { return strings.Compare(a.File.MediaType, b.File.MediaType) },
	func(a, b review.Flagged) int { return strings.Compare(memberFile(a), memberFile(b)) },
	func(a, b review.Flagged) int { return strings.Compare(a.File.ProduceTime, b.File.ProduceTime) },
}

// absOff sorts faces without an offset before every one with.
func absOff(f review.Flagged) float64 {
	if !f.HasOffset {
		return -1
	}
	if f.AgeOffset < 0 {
		return -f.AgeOffset
	}
	return f.AgeOffset
}

// compare orders rows by the sort column, desc reversing it; ties keep
// review's order (not reversed), and the Flags column is review's order.
func (m *Members) compare(a, b memberRow) int {
	if by := memberSortKeys[m.sortCol]; by != nil {
		c := by(a.Flagged, b.Flagged)
		if m.desc {
			c = -c
		}
		if c != 0 {
			return c
		}
		return cmp.Compare(a.rank, b.rank)
	}
	if m.desc {
		return cmp.Compare(b.rank, a.rank)
	}
	return cmp.Compare(a.rank, b.rank)
}

func memberFile(f review.Flagged) string {
	return cmp.Or(f.File.Filename, FileName(f.File.URI))
}

// cells is the row renderer: the table formats only the rows drawn.
func (m *Members) cells(r memberRow, dst []string) {
	f := r.Figure
	dst[0] = cmp.Or(r.Flags.String(), "-")
	dst[1] = format.Confidence(f.FigureClusterConfidence)
	if r.HasOffset {
		off := int(math.Round(r.AgeOffset))
		dst[2] = strconv.Itoa(off)
		if off > 0 {
			dst[2] = "+" + dst[2]
		}
	}
	dst[3] = format.Confidence(f.FaceQuality)
	dst[4] = format.Confidence(f.Sharpness)
	if f.Age > 0 || f.AgeSD > 0 {
		dst[5] = strconv.FormatInt(f.Age, 10) + m.env.Styles.Glyphs.PlusMinus() + strconv.Itoa(round(f.AgeSD))
	}
	dst[6] = f.Gender
	dst[7] = f.Emotion
	dst[8] = r.File.MediaType
	dst[9] = memberFile(r.Flagged)
	dst[10] = produced(r.File.ProduceTime)
}

// style colours the flags and a cluster confidence under the review
// threshold as a warning; the words say it without the colour.
func (m *Members) style(r memberRow, col int) *lipgloss.Style {
	switch {
	case col == 0 && r.Flags != 0:
		return &m.env.Styles.Warn
	case col == 1 && r.Flags.Has(review.FlagLowCluster):
		return &m.env.Styles.Warn
	}
	return nil
}

// FilterText: a face is found by its file's name and URI, its FigureId,
// gender, emotion, media type and flag words.
func (r memberRow) FilterText() string {
	return strings.Join([]string{r.File.Filename, r.File.URI, r.File.MediaType, r.Figure.FigureId, r.Figure.Gender, r.Figure.Emotion, r.Flags.String()}, "\n")
}

// produced is an API time in a table cell: to the minute, in the time's
// own offset (format.Time's rule), "-" when not sent.
func produced(s string) string { return cmp.Or(format.Time(s, format.Minute), "-") }
