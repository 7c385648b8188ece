package views

import (
	"slices"

	"github.com/immtui/immtui/ui/widgets/table"
)

// pagedList is the row half of a list that pages itself in (the
// fileList's: Members, Problems, Files and the lists to come): the rows in sort order, the files
// seen so far, and the cursor kept on its row as pages merge in. Its
// filePager half asks for the pages (progressive paging, the bound,
// pause and resume, the PageGuard stop); the screen only turns files into
// rows and draws them.
type pagedList[T any] struct {
	rows  []T
	seen  map[string]bool // URIs loaded: a file on two pages counts once
	cmp   func(a, b T) int
	same  func(a, b T) bool // the same row (the cursor's) after a merge
	table *table.Model
}

// newPagedList is an empty list ordered by cmp (nil: in the order the
// rows come), drawn by t.
func newPagedList[T any](t *table.Model, cmp func(a, b T) int, same func(a, b T) bool) pagedList[T] {
	return pagedList[T]{cmp: cmp, same: same, table: t}
}

// first reports whether uri is new to the list, and marks it seen.
func (l *pagedList[T]) first(uri string) bool {
	if l.seen == nil {
		l.seen = make(map[string]bool)
	}
	if l.seen[uri] {
		return false
	}
	l.seen[uri] = true
	return true
}

// merge sorts fresh and merges it into the rows, so a page costs its own
// sort plus one pass. A cursor the user moved stays on its row; one on the
// first row stays there, on what now sorts first. Without cmp the rows
// keep the order they came in (the API sorted them): fresh goes last.
func (l *pagedList[T]) merge(fresh []T) {
	if len(fresh) == 0 {
		return
	}
	if l.cmp == nil {
		l.rows = append(l.rows, fresh...)
		l.table.SetSource(l.table.Source())
		return
	}
	sel := l.moved()
	slices.SortStableFunc(fresh, l.cmp)
	l.rows = mergeSorted(l.rows, fresh, l.cmp)
	l.table.SetSource(l.table.Source()) // the length changed
	l.follow(sel)
}

// replace puts rows in place of every row, sorted (without cmp, in the
// order given): for a list whose rows all change as a page comes (the
// members' faces are judged again against every face loaded), so merging
// into the old order would be wrong. The cursor is kept as merge keeps it;
// the URIs seen stay (the files are still loaded). The table learns the
// new length even when it is none.
func (l *pagedList[T]) replace(rows []T) {
	sel := l.moved()
	if l.cmp != nil {
		slices.SortStableFunc(rows, l.cmp)
	}
	l.rows = rows
	l.table.SetSource(l.table.Source())
	l.follow(sel)
}

// moved is the cursor's row when the user moved it off the first row
// (nil: the cursor stays on whatever comes first).
func (l *pagedList[T]) moved() *T {
	if c := l.table.Cursor(); c > 0 && c < len(l.rows) {
		r := l.rows[c]
		return &r
	}
	return nil
}

// follow puts the cursor back on sel's row, if it is still listed.
func (l *pagedList[T]) follow(sel *T) {
	if sel == nil {
		return
	}
	for i := range l.rows {
		if l.same(l.rows[i], *sel) {
			l.table.SetCursor(i)
			return
		}
	}
}

// reset drops every row (a refresh that starts over).
func (l *pagedList[T]) reset() {
	l.rows, l.seen = nil, nil
	l.table.SetSource(l.table.Source())
	l.table.SetCursor(0)
}

// mergeSorted merges two runs sorted by cmp into a new sorted slice.
func mergeSorted[T any](a, b []T, cmp func(T, T) int) []T {
	out := make([]T, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if cmp(b[j], a[i]) < 0 {
			out = append(out, b[j])
			j++
		} else {
			out = append(out, a[i])
			i++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}
