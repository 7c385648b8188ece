package views

import (
	"math"
	"strconv"
	"strings"

	"github.com/immtui/immtui/review"
)

// agePoint is one dated face with an age.
type agePoint struct{ year, age float64 }

// agePoints are a cluster's dated faces with an age, from the strip
// cache (no I/O).
func (v *Compare) agePoints(id string) []agePoint {
	faces, _, ok := v.env.Quality.Faces(id)
	if !ok {
		return nil
	}
	var out []agePoint
	for _, f := range faces {
		y, ok := review.ProduceYear(f.File)
		if ok && f.Figure.Age != 0 {
			out = append(out, agePoint{y, float64(f.Figure.Age)})
		}
	}
	return out
}

// ageChart draws age (up) by photo year (across) in h lines: A's faces
// as "a", B's as "b", both in one cell "*", and each age curve (age =
// year - birth year) as "." where no face is. Letters, not colours, tell
// the two apart.
func (v *Compare) ageChart(width, h int) []string {
	pa, pb := v.agePoints(v.a), v.agePoints(v.b)
	title := "Age by photo year (a: A, b: B, *: both, .: curves)"
	all := append(append([]agePoint(nil), pa...), pb...)
	if len(all) == 0 || h < 4 || width < 20 {
		return []string{v.env.Styles.Muted.Render(title + ": no dated face with an age")}
	}
	x0, x1, y0, y1 := all[0].year, all[0].year, all[0].age, all[0].age
	for _, p := range all {
		x0, x1 = math.Min(x0, p.year), math.Max(x1, p.year)
		y0, y1 = math.Min(y0, p.age), math.Max(y1, p.age)
	}
	x0, x1 = math.Floor(x0), math.Floor(x1)+1
	if y1-y0 < 1 {
		y1 = y0 + 1
	}
	rows, cols := h-2, width-5 // title and axis; "NNN |" before the plot
	grid := make([][]byte, rows)
	for i := range grid {
		grid[i] = []byte(strings.Repeat(" ", cols))
	}
	cell := func(year, age float64) (int, int, bool) {
		c := int((year - x0) / (x1 - x0) * float64(cols-1))
		r := rows - 1 - int(math.Round((age-y0)/(y1-y0)*float64(rows-1)))
		return r, c, r >= 0 && r < rows && c >= 0 && c < cols
	}
	for _, cv := range []review.Curve{v.cmp.A.Curve, v.cmp.B.Curve} {
		if !cv.OK {
			continue
		}
		for c := range cols {
			year := x0 + (x1-x0)*float64(c)/float64(cols-1)
			if r, cc, ok := cell(year, cv.AgeAt(year)); ok {
				grid[r][cc] = '.'
			}
		}
	}
	plot := func(ps []agePoint, mark, other byte) {
		for _, p := range ps {
			r, c, ok := cell(p.year, p.age)
			if !ok {
				continue
			}
			if grid[r][c] == other || grid[r][c] == '*' {
				grid[r][c] = '*'
			} else {
				grid[r][c] = mark
			}
		}
	}
	plot(pa, 'a', 'b')
	plot(pb, 'b', 'a')
	out := []string{v.env.Styles.Muted.Render(title)}
	for i, row := range grid {
		label := "    "
		switch i {
		case 0:
			label = padNum(int(math.Round(y1)))
		case rows - 1:
			label = padNum(int(math.Round(y0)))
		}
		out = append(out, v.env.Styles.Muted.Render(label+"|")+string(row))
	}
	axis := strconv.Itoa(int(x0))
	end := strconv.Itoa(int(x1))
	if gap := cols - len(axis) - len(end); gap > 0 {
		axis += strings.Repeat("-", gap) + end
	}
	out = append(out, v.env.Styles.Muted.Render("    +"+axis))
	return out
}

func padNum(n int) string {
	s := strconv.Itoa(n)
	if len(s) < 4 {
		s = strings.Repeat(" ", 4-len(s)) + s
	}
	return s
}
