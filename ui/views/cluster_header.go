package views

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/widgets/errview"
)

// field is one "Key value" pair of the cluster header. Wide fields (cover
// URI, labels) take a line of their own.
type field struct {
	key, val string
	wide     bool
	min      int // cells the value takes at least, so loading keeps the layout
}

// pending stands for a value not known yet; the header keeps its shape
// while the cluster loads, so nothing below it jumps when it arrives.
const pending = "..."

// clusterFields lists what the header shows, from the full cluster when it
// has arrived and from the list row until then: every field of a
// FigureCluster but its cover's own (the panes show the cover file). Keys
// IMM sends that the model does not know are in the cluster JSON (0).
func clusterFields(id string, c *imm.FigureCluster, row *state.ClusterRow) []field {
	var f []field
	add := func(k, v string) {
		// Every value takes at least what pending does, so a field known
		// to be empty ("-") leaves the lines as they were while loading.
		m := len(pending)
		switch k {
		case "Created", "Updated":
			m = len("2006-01-02 15:04:05")
		case "MetaLockVersion":
			m = 3
		}
		f = append(f, field{key: k, val: v, min: m})
	}
	named := func(n string) string {
		if n == "" {
			return "(unnamed)"
		}
		return n
	}
	switch {
	case c != nil:
		add("Name", named(c.Name))
		add("ID", orDash(c.ObjectId))
		add("Gender", orDash(c.Gender))
		add("Faces", strconv.FormatInt(c.FaceCount, 10))
		add("Images", strconv.FormatInt(c.ImageCount, 10))
		add("Videos", strconv.FormatInt(c.VideoCount, 10))
		add(immAges, format.Ages(c.MinAge, c.AverageAge, c.MaxAge)+" (min-avg-max)")
		add("CustomId", orDash(c.CustomId))
		add("Created", orDash(format.Time(c.CreateTime, format.Second)))
		add("Updated", orDash(format.Time(c.UpdateTime, format.Second)))
		add("MetaLockVersion", strconv.FormatInt(c.MetaLockVersion, 10))
		add("Type", orDash(c.ObjectType))
		add("Owner", orDash(c.OwnerId))
		add("Project", orDash(c.ProjectName))
		add("Dataset", orDash(c.DatasetName))
		cover := "none"
		if c.Cover != nil && c.Cover.URI != "" {
			cover = c.Cover.URI
		}
		f = append(f, field{key: "Cover", val: cover, wide: true})
		f = append(f, field{key: "Labels", val: formatLabels(c.CustomLabels), wide: true})
	case row != nil:
		add("Name", named(row.Name))
		add("ID", row.ID)
		add("Gender", orDash(row.Gender))
		add("Faces", strconv.Itoa(int(row.FaceCount)))
		add("Images", strconv.Itoa(int(row.ImageCount)))
		add("Videos", strconv.Itoa(int(row.VideoCount)))
		add(immAges, format.Ages(row.MinAge, row.AvgAge, row.MaxAge)+" (min-avg-max)")
		add("CustomId", pending)
		add("Created", pending)
		add("Updated", orDash(format.UnixAt(row.UpdateTime, int(row.UpdateOffset), format.Second)))
		add("MetaLockVersion", pending)
		for _, k := range []string{"Type", "Owner", "Project", "Dataset"} {
			add(k, pending)
		}
		cover := pending
		if row.CoverURI != "" {
			cover = row.CoverURI
		}
		f = append(f, field{key: "Cover", val: cover, wide: true})
		f = append(f, field{key: "Labels", val: pending, wide: true})
	default:
		for _, k := range []string{"Name", "ID", "Gender", "Faces", "Images", "Videos", immAges, "CustomId", "Created", "Updated",
			"MetaLockVersion", "Type", "Owner", "Project", "Dataset"} {
			v := pending
			if k == "ID" {
				v = id
			}
			add(k, v)
		}
		f = append(f, field{key: "Cover", val: pending, wide: true}, field{key: "Labels", val: pending, wide: true})
	}
	for i := range f {
		// Cut to more than any terminal shows: the header is laid out on
		// every frame and a hostile name may be megabytes long.
		f[i].val = safetext.Fit(f[i].val, maxFieldCells) // never seen cut: wider than any terminal
	}
	return f
}

// immAges is the key of IMM's ages of the cluster (MinAge, AverageAge,
// MaxAge), named apart from the strip's ages of the faces examined (see
// seenAges): both are on the header.
const immAges = "IMM ages"

// maxFieldCells bounds a header value before layout (wider than any
// terminal).
const maxFieldCells = 1000

// flowFields lays fields out left to right, three spaces apart, starting a
// new line when the next one would not fit; wide fields get a line each and
// are cut to the width.
func flowFields(st *theme.Styles, f []field, width int) []string {
	var lines []string
	var cur strings.Builder
	used := 0
	flush := func() {
		if used > 0 {
			lines = append(lines, cur.String())
			cur.Reset()
			used = 0
		}
	}
	for _, fl := range f {
		kw := safetext.Width(fl.key) + 1
		vw := safetext.Width(fl.val)
		if fl.wide {
			flush()
			lines = append(lines, st.Key.Render(fl.key+" ")+st.Value.Render(cut(st, fl, max(width-kw, 0))))
			continue
		}
		gap := 0
		if used > 0 {
			gap = 3
		}
		val, vw := reserve(fl, vw)
		if used > 0 && used+gap+kw+vw > width {
			flush()
			gap = 0
		}
		if kw+vw > width {
			val = st.Truncate(val, max(width-kw, 0))
			vw = safetext.Width(val)
		}
		cur.WriteString(strings.Repeat(" ", gap))
		cur.WriteString(st.Key.Render(fl.key + " "))
		cur.WriteString(st.Value.Render(val))
		used += gap + kw + vw
	}
	flush()
	for i, l := range lines {
		lines[i] = st.Truncate(l, width)
	}
	return lines
}

// FullHeaderMinHeight is the view height from which the cluster header is
// the full box by default: a 34-line terminal less the frame's 4 lines.
// Below it the box (8 lines) would leave the pane too little room, so the
// header is the two-line summary of compactHeader unless `i` asks for more.
const FullHeaderMinHeight = 30

// compactGap separates fields in the compact header: two spaces, not the
// box's three, so the counts fit one 80-column line.
const compactGap = 2

// compactHeader is the header without a box: exactly two lines whatever
// has arrived (so nothing below moves when the cluster loads). The first
// holds who the cluster is and its counts, the second its ID, last update
// and cover file name; a field that does not fit is left out rather than
// wrapped, the rest of the line keeps its place. errLine, when not empty,
// takes the second line.
func compactHeader(st *theme.Styles, f []field, width int, errLine string) []string {
	byKey := make(map[string]field, len(f))
	for _, fl := range f {
		byKey[fl.key] = fl
	}
	pick := func(keys ...string) []field {
		out := make([]field, 0, len(keys))
		for _, k := range keys {
			fl, ok := byKey[k]
			if !ok {
				continue
			}
			switch k {
			case "Name":
				// A long name is cut, not dropped: it says whose cluster
				// this is. It leaves room for the counts.
				fl.val = st.Truncate(fl.val, 30)
				fl.wide = true
			case immAges:
				// Beside the counts IMM sent, "Ages" is IMM's (the strip
				// says "Seen ages"); the short key keeps it on an
				// 80-column line.
				fl.key = "Ages"
				fl.val = strings.TrimSuffix(fl.val, " (min-avg-max)")
			case "Updated":
				fl.min = len("2006-01-02 15:04")
				// The compact line shows the minute: format.Time's
				// seconds and zone are ASCII after byte 16.
				if n := len("2006-01-02 15:04"); len(fl.val) > n && fl.val[n] == ':' {
					fl.val = fl.val[:n]
				}
			case "Cover":
				// The file name says which file the panes show; the full
				// URI is in the Overview pane and the full header.
				if fl.val != pending && fl.val != "none" {
					fl.val = path.Base(fl.val)
				}
			}
			out = append(out, fl)
		}
		return out
	}
	first := fitFields(st, pick("Name", "Gender", "Faces", "Images", "Videos", immAges), width)
	second := fitFields(st, pick("ID", "Updated", "Cover"), width)
	if errLine != "" {
		second = st.Error.Render(st.Truncate(errLine, width))
	}
	return []string{first, second}
}

// fitFields lays fields out on one line in order, leaving out each one that
// would not fit; a wide field takes what is left of the line (cut) when at
// least a few cells of its value fit.
func fitFields(st *theme.Styles, f []field, width int) string {
	var b strings.Builder
	used := 0
	for _, fl := range f {
		kw := safetext.Width(fl.key) + 1
		val, vw := reserve(fl, safetext.Width(fl.val))
		gap := 0
		if used > 0 {
			gap = compactGap
		}
		room := width - used - gap - kw
		if vw > room {
			if !fl.wide || room < 8 {
				continue
			}
			val = cut(st, field{key: fl.key, val: val}, room)
			vw = safetext.Width(val)
		}
		b.WriteString(strings.Repeat(" ", gap))
		b.WriteString(st.Key.Render(fl.key + " "))
		b.WriteString(st.Value.Render(val))
		used += gap + kw + vw
	}
	return st.Truncate(b.String(), width)
}

// cut fits a value into w cells. A URI (the cover) loses its middle, not
// its end: the bucket and the file name are what tell covers apart.
func cut(st *theme.Styles, fl field, w int) string {
	if fl.key == "Cover" {
		return elideMiddle(st, fl.val, w)
	}
	return st.Truncate(fl.val, w)
}

// elideMiddle cuts s to w cells by dropping cells before its last path
// element, keeping that element whole when it leaves room for a head.
func elideMiddle(st *theme.Styles, s string, w int) string {
	sw := safetext.Width(s)
	if sw <= w {
		return s
	}
	ew := safetext.Width(st.Glyphs.Ellipsis())
	if w < 12 {
		return st.Truncate(s, w)
	}
	tail := s[strings.LastIndexByte(s, '/')+1:]
	tw := min(safetext.Width(tail)+1, w-ew-6) // "/name", and a head of 6 cells at least
	head := ansi.Truncate(s, w-ew-tw, "")
	return head + st.Glyphs.Ellipsis() + ansi.TruncateLeft(s, sw-tw, "")
}

// reserve is the value to draw and the cells it takes in the layout: at
// least its min, so the lines break (and fields are left out) the same
// before and after the cluster arrives. Only a pending value is padded to
// it, so that what follows on its line stays put; a short known value
// ("-") is not, or a gap would open after it.
func reserve(fl field, vw int) (string, int) {
	if vw >= fl.min {
		return fl.val, vw
	}
	if fl.val == pending {
		return fl.val + strings.Repeat(" ", fl.min-vw), fl.min
	}
	return fl.val, fl.min
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// formatLabels writes custom labels as sorted key=value pairs.
func formatLabels(m map[string]any) string {
	if len(m) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%v", k, m[k])
	}
	return strings.Join(parts, ", ")
}

// headerCache is the header last drawn and what it was drawn from: it is
// laid out on every frame (View, and SetSize for the height), so it is
// kept until what it depends on moves.
type headerCache struct {
	at    headerAt
	lines []string
}

// headerAt is everything the header is drawn from, each by a value or a
// counter of its owner: the cluster's own data, the size and mode, the
// members' judgement (their strip), the thresholds (the strip cache's
// judgement) and the cover picture.
type headerAt struct {
	rev, judged, cover int
	width              int
	full               bool
	th                 review.Thresholds
}

func (v *Cluster) headerInputs() headerAt {
	return headerAt{rev: v.rev, judged: v.members.Judged(), cover: v.cover.rev,
		width: v.width, full: v.FullHeader(), th: v.env.Thresholds()}
}

// headerLines renders the header: the full box, or the two-line summary
// (see FullHeader).
func (v *Cluster) headerLines() []string {
	at := v.headerInputs()
	if v.header.lines != nil && v.header.at == at {
		return v.header.lines
	}
	st := v.env.Styles
	fields := clusterFields(v.id, v.cluster, v.row)
	if v.pseudo {
		fields = pseudoFields(v.id)
	}
	strip := v.stripHeader()
	errLine := ""
	if v.cErr != nil && v.cReq == 0 {
		// Say what failed: with a cluster on screen it is a refresh, and
		// what is shown is the last good answer.
		what := "could not load the cluster: "
		if v.cluster != nil {
			what = "could not refresh the cluster (r retries): "
		}
		errLine = what + errview.Summary(v.cErr)
	}
	var lines []string
	if v.FullHeader() && v.width >= 20 {
		boxW := v.width - v.coverCells() // the cover face stands right of the box
		inner := flowFields(st, fields, boxW-4)
		inner = append(inner, flowFields(st, seenAges(strip), boxW-4)...)
		if errLine != "" {
			inner = append(inner, st.Error.Render(st.Truncate(errLine, boxW-4)))
		}
		box := st.Box.Width(boxW-2).Padding(0, 1).Render(strings.Join(inner, "\n"))
		lines = v.besideCover(strings.Split(box, "\n"))
	} else {
		lines = compactHeader(st, fields, v.width, errLine)
		lines = append(lines, fitFields(st, seenAges(compactStrip(strip)), v.width))
	}
	v.header = headerCache{at: at, lines: lines}
	return lines
}
