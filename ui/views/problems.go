package views

import (
	"context"

	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/widgets/table"
)

// DefaultProblemLimit bounds the files a Problems list pages in: past it
// the title says "the first N of M files". 5,000 files are 50 calls.
const DefaultProblemLimit = 5000

// Problems is the dataset's files that IMM did not index (ObjectStatus not
// "Indexed"), for triage: grouped by the reason code in the title, sorted
// by reason code then name, paged in while shown. Enter opens a file on
// its Overview, which shows the status and reason first; the page fetch
// asks for the Overview's fields, so that costs no call. The list is a
// fileList; its rows are in problems_rows.go.
type Problems struct {
	*fileList[problemRow]
	counts map[string]int // loaded files by reason code
}

// NewProblems makes the Problems list; Init asks for its first page.
func NewProblems(env *Env) *Problems {
	v := &Problems{}
	data, fields := env.Data, problemFields(env)
	v.fileList = newFileList(env, fileListSpec[problemRow]{
		Name: "Problems",
		Columns: []table.Column{
			// What triage needs goes last: status, code, HTTP status, name.
			{Title: "Status", Min: 10},
			{Title: "Code", Min: 15, Max: 28, Flex: 2},
			{Title: "HTTP", Min: 4, Right: true, Drop: 3},
			{Title: "Media", Min: 5, Drop: 5},
			{Title: "Name", Min: 12, Max: 40, Flex: 2},
			{Title: "URI", Min: 16, Flex: 3, Drop: 2, Fit: fitURI},
			{Title: "Updated", Min: 16, Drop: 4},
		},
		Fetch: func(ctx context.Context, token string) (state.FilePage, error) {
			return data.ProblemFiles(ctx, token, fields)
		},
		Limit: limitOr(env.ProblemLimit, DefaultProblemLimit),
		Row:   newProblemRow, File: problemRow.File, Compare: compareProblems,
		Cells: problemRow.Cells, Style: problemStyle(env.Styles), Text: problemRow.FilterText,
		Words: listWords{Loading: "looking for files not indexed...",
			Failed: "could not list the files not indexed: r retries",
			Empty:  "every file is indexed", Clear: true,
			EmptyBody: []string{"IMM reports no file of this dataset with a status other than Indexed.", "r checks again."}},
		Summary: func() string { return v.pager.countPhrase() + " not indexed: " + groupSummary(v.counts) },
		Added:   v.count,
		Reset:   func() { v.counts = nil },
	})
	return v
}

// count adds a page's new rows to the counts by reason code.
func (v *Problems) count(fresh []problemRow) {
	if v.counts == nil {
		v.counts = map[string]int{}
	}
	for _, r := range fresh {
		v.counts[r.code]++
	}
}

// Row returns the URI and reason code of row i.
func (v *Problems) Row(i int) (uri, code string) { return v.list.rows[i].file.URI, v.list.rows[i].code }
