package views

import (
	"cmp"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/theme"
)

// fileCells is the Files row renderer: every column's text of one file.
func fileCells(f *imm.File, dst []string) {
	dst[0] = cmp.Or(f.Filename, FileName(f.URI))
	dst[1] = cmp.Or(f.MediaType, "-")
	dst[2] = format.Size(f.Size)
	dst[3] = dimensions(f)
	dst[4] = strconv.FormatInt(f.FigureCount, 10)
	dst[5] = produced(f.ProduceTime)
	dst[6] = cmp.Or(f.ObjectStatus, "-")
}

// fileStyle marks a status other than Indexed.
func fileStyle(st *theme.Styles) func(f *imm.File, col int) *lipgloss.Style {
	return func(f *imm.File, col int) *lipgloss.Style {
		if col != 6 {
			return nil
		}
		switch s := f.ObjectStatus; {
		case s == "" || s == "Indexed":
			return nil
		case strings.Contains(strings.ToLower(s), "fail"):
			return &st.Error
		}
		return &st.Warn
	}
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
