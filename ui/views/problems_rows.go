package views

import (
	"cmp"
	"slices"
	"strings"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/theme"
)

// noCode is the reason code of a file whose Reason has no "[Code]" prefix.
const noCode = "-"

// maxCodeBytes bounds a reason code: Reason is untrusted, and a "[" that
// opens a paragraph is not a code.
const maxCodeBytes = 64

// problemRow is one file not indexed, with what its Reason says parsed
// once. file points into the store's cache: read only.
type problemRow struct {
	file *imm.File
	code string // "InternalError", or noCode
	http string // "500", or "" when Reason has no "status: NNN"
	name string // Filename, or the URI's last element
}

func newProblemRow(f *imm.File) problemRow {
	r := problemRow{file: f, code: ReasonCode(f.Reason), http: ReasonHTTPStatus(f.Reason), name: f.Filename}
	if r.name == "" {
		r.name = FileName(f.URI)
	}
	return r
}

// ReasonCode is the code in a Reason shaped "[Code] message ...", made
// printable, or "-" when it has none.
func ReasonCode(reason string) string {
	s := strings.TrimLeft(reason, " \t")
	if !strings.HasPrefix(s, "[") {
		return noCode
	}
	end := strings.IndexByte(s[:min(len(s), maxCodeBytes+2)], ']')
	if end < 2 {
		return noCode
	}
	code := strings.TrimSpace(safetext.Line(s[1:end]))
	if code == "" {
		return noCode
	}
	return code
}

// ReasonHTTPStatus is the NNN of "status: NNN" in a Reason, or "".
func ReasonHTTPStatus(reason string) string {
	const key = "status: "
	for rest := reason; ; {
		i := strings.Index(rest, key)
		if i < 0 {
			return ""
		}
		rest = rest[i+len(key):]
		n := 0
		for n < len(rest) && n < 4 && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 3 {
			return rest[:3]
		}
	}
}

// compareProblems orders rows by reason code (files without one last),
// then by name, then by URI so the order does not depend on page order.
func compareProblems(a, b problemRow) int {
	return cmp.Or(cmp.Compare(boolInt(a.code == noCode), boolInt(b.code == noCode)), strings.Compare(a.code, b.code), strings.Compare(a.name, b.name),
		strings.Compare(a.file.URI, b.file.URI))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// codeCount is how many loaded files carry one reason code.
type codeCount struct {
	code string
	n    int
}

// groupSummary is "21 InternalError, 9 InvalidArgument, 2 without a code":
// the codes by count, most first (ties by code), files without one last.
func groupSummary(counts map[string]int) string {
	groups := make([]codeCount, 0, len(counts))
	for c, n := range counts {
		groups = append(groups, codeCount{c, n})
	}
	slices.SortFunc(groups, func(a, b codeCount) int {
		if (a.code == noCode) != (b.code == noCode) {
			return cmp.Compare(boolInt(a.code == noCode), boolInt(b.code == noCode))
		}
		return cmp.Or(cmp.Compare(b.n, a.n), strings.Compare(a.code, b.code))
	})
	parts := make([]string, len(groups))
	for i, g := range groups {
		code := g.code
		if code == noCode {
			code = "without a code"
		}
		parts[i] = format.Count(int64(g.n)) + " " + code
	}
	return strings.Join(parts, ", ")
}

// problemCells adapts the rows to the table, formatting only rows drawn.
type problemCells struct{ v *Problems }

func (c problemCells) Len() int { return len(c.v.list.rows) }

func (c problemCells) Cells(i int, dst []string) {
	r := c.v.list.rows[i]
	dst[0] = r.file.ObjectStatus
	if dst[0] == "" {
		dst[0] = "-"
	}
	dst[1] = r.code
	dst[2] = cmp.Or(r.http, "-")
	dst[3] = cmp.Or(r.file.MediaType, "-")
	dst[4] = r.name
	dst[5] = r.file.URI
	dst[6] = produced(r.file.UpdateTime)
}

// fitURI cuts a URI from the middle: the bucket and the file name are what
// tell files apart. Fit first bounds what a megabyte URI costs.
func fitURI(st *theme.Styles, s string, w int) string {
	return elideMiddle(st, st.Fit(s, maxFieldCells), w)
}
