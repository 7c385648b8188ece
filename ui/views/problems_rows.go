package views

import (
	"cmp"
	"slices"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/panes"
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

// problemRowFields are the File fields a Problems row shows.
var problemRowFields = []string{"ObjectStatus", "Reason", "MediaType", "Filename", "UpdateTime"}

// problemFields are the row's fields and those of the first file pane
// (the one Enter opens on), so opening a problem costs no call. A pane
// that wants every field makes the fetch ask for all (nil).
func problemFields(env *Env) []string {
	if env.NewPanes == nil {
		return problemRowFields
	}
	ps := env.NewPanes(panes.Context{Styles: env.Styles})
	if len(ps) == 0 {
		return problemRowFields
	}
	first := ps[0].Fields()
	if first == nil {
		return nil
	}
	out := slices.Clone(problemRowFields)
	for _, f := range first {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// newProblemRow is the row of a file not indexed. The query says "not
// Indexed"; a server that ignored it must not fill the list with indexed
// files, so those are left out.
func newProblemRow(f *imm.File) (problemRow, bool) {
	if f.ObjectStatus == state.IndexedStatus {
		return problemRow{}, false
	}
	r := problemRow{file: f, code: ReasonCode(f.Reason), http: ReasonHTTPStatus(f.Reason), name: f.Filename}
	if r.name == "" {
		r.name = FileName(f.URI)
	}
	return r, true
}

// File is the row's file.
func (r problemRow) File() *imm.File { return r.file }

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

// Cells is the row renderer: every column's text.
func (r problemRow) Cells(dst []string) {
	dst[0] = cmp.Or(r.file.ObjectStatus, "-")
	dst[1] = r.code
	dst[2] = cmp.Or(r.http, "-")
	dst[3] = cmp.Or(r.file.MediaType, "-")
	dst[4] = r.name
	dst[5] = r.file.URI
	dst[6] = produced(r.file.UpdateTime)
}

// FilterText: a problem is found by its file's name and URI, its code,
// HTTP status, ObjectStatus and Reason.
func (r problemRow) FilterText() string {
	return strings.Join([]string{r.name, r.file.URI, r.code, r.http, r.file.ObjectStatus, r.file.Reason}, "\n")
}

// problemStyle colours the status: an error for a failure, a warning for
// any other state (still indexing, unknown).
func problemStyle(st *theme.Styles) func(r problemRow, col int) *lipgloss.Style {
	return func(r problemRow, col int) *lipgloss.Style {
		if col != 0 {
			return nil
		}
		s := strings.ToLower(r.file.ObjectStatus)
		if strings.Contains(s, "fail") || strings.Contains(s, "error") {
			return &st.Error
		}
		return &st.Warn
	}
}

// fitURI cuts a URI from the middle: the bucket and the file name are what
// tell files apart. Fit first bounds what a megabyte URI costs.
func fitURI(st *theme.Styles, s string, w int) string {
	return elideMiddle(st, st.Fit(s, maxFieldCells), w)
}
