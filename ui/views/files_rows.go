package views

import (
	"cmp"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/ui/format"
)

// fileRows adapts the loaded files to the table, formatting only the rows
// drawn.
type fileRows struct{ v *Files }

func (r fileRows) Len() int { return len(r.v.rows) }

func (r fileRows) Cells(i int, dst []string) {
	f := r.v.rows[i]
	dst[0] = cmp.Or(f.Filename, FileName(f.URI))
	dst[1] = cmp.Or(f.MediaType, "-")
	dst[2] = format.Size(f.Size)
	dst[3] = dimensions(f)
	dst[4] = strconv.FormatInt(f.FigureCount, 10)
	dst[5] = produced(f.ProduceTime)
	dst[6] = cmp.Or(f.ObjectStatus, "-")
}

// CellStyle marks a status other than Indexed.
func (r fileRows) CellStyle(i, col int) *lipgloss.Style {
	if col != 6 {
		return nil
	}
	switch s := r.v.rows[i].ObjectStatus; {
	case s == "" || s == "Indexed":
		return nil
	case strings.Contains(strings.ToLower(s), "fail"):
		return &r.v.env.Styles.Error
	}
	return &r.v.env.Styles.Warn
}

// dimensions is "4032x3024" for an image, the duration for a video or
// audio ("0:12.500": what tells clips apart), "-" otherwise.
func dimensions(f *imm.File) string {
	if d := format.Seconds(f.Duration); d != "" && f.Duration > 0 {
		return d
	}
	w, h := f.ImageWidth, f.ImageHeight
	if f.VideoWidth > 0 {
		w, h = f.VideoWidth, f.VideoHeight
	}
	if w > 0 && h > 0 {
		return strconv.FormatInt(w, 10) + "x" + strconv.FormatInt(h, 10)
	}
	return "-"
}

// Title is "Files 1,234 files, sorted by ProduceTime desc" or, with a
// query, "Find type:video city:杭州 12 files, ...".
func (v *Files) Title() string {
	st, p := v.env.Styles, &v.pager
	var b strings.Builder
	if v.text == "" {
		b.WriteString(st.Title.Render("Files"))
	} else {
		b.WriteString(st.Title.Render("Find "))
		b.WriteString(st.Value.Render(st.Fit(v.text, max(v.width/2, 10))))
	}
	b.WriteByte(' ')
	var s string
	switch {
	case v.qerr != nil:
		b.WriteString(st.Error.Render("the query does not compile"))
		return st.Truncate(b.String(), v.width)
	case p.total < 0 && p.err != nil:
		b.WriteString(st.Error.Render("could not list the files: r retries"))
		return st.Truncate(b.String(), v.width)
	case p.total < 0:
		s = "loading"
	case p.done || int64(len(v.rows)) >= p.total:
		s = format.Plural(p.total, "file", "files")
	default:
		s = format.Count(p.total) + " files, " + format.Count(int64(len(v.rows))) + " loaded"
	}
	if v.sort.Sort != "" {
		s += ", by " + v.sort.Sort + " " + cmp.Or(v.sort.Order, "desc")
	}
	b.WriteString(st.Muted.Render(s))
	switch {
	case p.pending != 0 && p.total >= 0:
		b.WriteString(st.Muted.Render(", loading more"))
	case p.err != nil && p.total >= 0:
		b.WriteString(st.Error.Render(", a page failed: r retries"))
	}
	return st.Truncate(b.String(), v.width)
}
