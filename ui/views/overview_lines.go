package views

import (
	"strconv"
	"strings"

	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/widgets/bars"
	"github.com/immtui/immtui/ui/widgets/errview"
)

// ovLine is one line of the overview: a heading or text (drawn as is), or
// a group's bar with the search text Enter opens.
type ovLine struct {
	text   string // a styled line, already fitted (when row is nil)
	row    *bars.Row
	layout *bars.Layout
	search string // the group's files ("" for headings and text)
}

// topGroups is how many groups of a long grouping the overview draws;
// :labels and :places list them all.
const topGroups = 8

// gutter is the cells before every line: the cursor's marker.
const gutter = 2

// layout builds the lines for the width from what has arrived, keeping
// the cursor on the same group.
func (v *Overview) layout() {
	sel := v.Selected()
	v.lines, v.picks = nil, nil
	if !v.loaded || v.width <= gutter {
		v.cursor, v.offset = 0, 0
		return
	}
	st, o := v.env.Styles, v.o
	w := v.width - gutter
	text := func(s string) { v.lines = append(v.lines, ovLine{text: st.Truncate(s, w)}) }
	muted := func(s string) { text(st.Muted.Render(s)) }
	kv := func(pairs ...string) {
		var b strings.Builder
		for i := 0; i+1 < len(pairs); i += 2 {
			if i > 0 {
				b.WriteString("   ")
			}
			b.WriteString(st.Key.Render(pairs[i] + " "))
			b.WriteString(st.Value.Render(st.Fit(pairs[i+1], w)))
		}
		text(b.String())
	}
	d := o.Dataset
	files := format.Count(o.Files)
	if d.FileCount != o.Files {
		files += " (GetDataset: " + format.Count(d.FileCount) + ")"
	}
	text(st.Title.Render("Dataset"))
	kv("Files", files, "Size", format.Size(int64(o.TotalSize)), "Average", format.Size(int64(o.AverageSize)))
	kv("Clusters", format.Count(o.Clusters), "Bindings", format.Count(d.BindCount), "Template", orDash(d.TemplateId))

	v.section("Media type", o.MediaTypes, o.Files, 0, "")
	v.section("Status", o.Statuses, o.Files, 0, "")
	v.section("Content type", o.ContentTypes, o.Files, topGroups, "")
	v.yearSection()
	v.section("Labels", o.Labels, 0, topGroups, ":labels lists all, as a tree")
	v.section("Countries", o.Countries, 0, topGroups, ":places lists countries, provinces, cities")
	v.section("Cities", o.Cities, 0, topGroups, "")
	if len(o.Labels.Groups)+len(o.Countries.Groups)+len(o.Cities.Groups) > 0 {
		muted("Bars of labels and places are against the largest: IMM does not say whether")
		muted("a group of an array field counts files or values, so no share is shown.")
	}
	v.cursor = 0
	for i, at := range v.picks {
		if v.lines[at].search == sel {
			v.cursor = i
			break
		}
	}
	v.scroll()
}

// section adds a heading and a bar per group (the first limit; 0: all).
// With total > 0 the bars are shares of total files; otherwise they are
// drawn against the largest group.
func (v *Overview) section(title string, g state.Grouping, total int64, limit int, more string) {
	st := v.env.Styles
	w := v.width - gutter
	head := st.Title.Render(title)
	n := len(g.Groups)
	if limit > 0 && n > limit {
		head += st.Muted.Render(" (top " + strconv.Itoa(limit) + " of " + format.Count(int64(n)) + ")")
		n = limit
	}
	v.lines = append(v.lines, ovLine{text: ""}, ovLine{text: st.Truncate(head, w)})
	if n == 0 {
		v.lines = append(v.lines, ovLine{text: st.Muted.Render("none")})
		return
	}
	rows := make([]bars.Row, n)
	var largest int64
	for _, x := range g.Groups[:n] {
		largest = max(largest, x.Count)
	}
	for i, x := range g.Groups[:n] {
		r := bars.Row{Label: x.Value, Count: x.Count}
		if total > 0 && g.PerFile {
			r.Frac, r.Note = float64(x.Count)/float64(total), bars.Share(x.Count, total)
		} else if largest > 0 {
			r.Frac = float64(x.Count) / float64(largest)
		}
		rows[i] = r
	}
	v.addBars(rows, func(i int) string { return g.Groups[i].Search })
	if more != "" && len(g.Groups) > n {
		v.lines = append(v.lines, ovLine{text: st.Truncate(st.Muted.Render(more), w)})
	}
}

// addBars adds rows as bar lines laid out together.
func (v *Overview) addBars(rows []bars.Row, searchOf func(int) string) {
	l := bars.NewLayout(rows, v.width-gutter, max((v.width-gutter)/3, 8))
	for i := range rows {
		v.picks = append(v.picks, len(v.lines))
		v.lines = append(v.lines, ovLine{row: &rows[i], layout: &l, search: searchOf(i)})
	}
}

// yearSection is the files per year of ProduceTime, as shares of files.
func (v *Overview) yearSection() {
	st := v.env.Styles
	w := v.width - gutter
	v.lines = append(v.lines, ovLine{text: ""}, ovLine{text: st.Truncate(st.Title.Render("Year taken")+
		st.Muted.Render(" (ProduceTime: IMM has no date histogram, so one count per year)"), w)})
	switch {
	case v.yearsErr != nil:
		v.lines = append(v.lines, ovLine{text: st.Truncate(st.Error.Render("could not count the years: "+errview.Summary(v.yearsErr)+"; r retries"), w)})
		return
	case v.yearsReq != 0:
		v.lines = append(v.lines, ovLine{text: st.Muted.Render("counting the files of each year...")})
		return
	}
	var rows []bars.Row
	var years []state.YearCount
	for _, y := range v.years {
		if y.Count > 0 {
			years = append(years, y)
			rows = append(rows, bars.Row{Label: strconv.Itoa(y.Year), Count: y.Count,
				Frac: float64(y.Count) / float64(max(v.o.Files, 1)), Note: bars.Share(y.Count, v.o.Files)})
		}
	}
	if len(rows) == 0 {
		v.lines = append(v.lines, ovLine{text: st.Muted.Render("no file has a ProduceTime")})
		return
	}
	v.addBars(rows, func(i int) string { return years[i].Search })
}

// View renders the title line and the lines in sight, exactly the size
// given.
func (v *Overview) View() string {
	if v.width <= 0 || v.height <= 0 {
		return ""
	}
	st := v.env.Styles
	title := st.Title.Render("Overview") + " " + st.Muted.Render(v.status())
	out := []string{st.Truncate(title, v.width)}
	h := v.bodyHeight()
	if !v.loaded {
		var lines []string
		if v.err != nil {
			lines = errview.Lines(v.err)
		} else {
			lines = []string{"Counting what the dataset holds..."}
		}
		if h > 0 {
			out = append(out, fitLines(lines, v.width, h))
		}
		return strings.Join(out, "\n")
	}
	sel := -1
	if v.cursor < len(v.picks) {
		sel = v.picks[v.cursor]
	}
	for i := v.offset; i < len(v.lines) && i < v.offset+h; i++ {
		out = append(out, v.drawLine(i, i == sel))
	}
	return strings.Join(out, "\n")
}

// status is what the title says: the dataset and where the cursor is.
func (v *Overview) status() string {
	switch {
	case v.pending != 0 && v.loaded:
		return "reloading..."
	case v.pending != 0:
		return "loading..."
	case v.err != nil:
		return "failed: r retries"
	}
	s := format.Plural(v.o.Files, "file", "files") + ", " + format.Plural(v.o.Clusters, "cluster", "clusters")
	if len(v.picks) > 0 {
		s += "; enter lists a group's files, c the clusters"
	}
	return s
}

func (v *Overview) drawLine(i int, selected bool) string {
	st := v.env.Styles
	l := v.lines[i]
	if l.row == nil {
		return strings.Repeat(" ", gutter) + l.text
	}
	line := l.layout.Line(st, *l.row)
	if selected {
		return st.Selected.Render("> ") + st.Selected.Render(st.Fit(l.row.Label, l.layout.LabelW)) + line[len(st.Fit(l.row.Label, l.layout.LabelW)):]
	}
	return "  " + line
}
