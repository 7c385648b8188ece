package state

import (
	"context"

	"github.com/immtui/immtui/imm"
)

// IndexedStatus is the ObjectStatus of a file IMM indexed. It is the one
// value the API documents; the others ("Failed", ...) are not a closed set,
// so problems are asked for as "not Indexed" rather than by listing them.
const IndexedStatus = "Indexed"

// problemsQuery matches every file whose ObjectStatus is not Indexed.
func problemsQuery() *imm.SimpleQuery {
	return &imm.SimpleQuery{Operation: "not", SubQueries: []imm.SimpleQuery{
		{Field: "ObjectStatus", Operation: "eq", Value: IndexedStatus},
	}}
}

// ProblemFiles fetches one page (up to 100) of the files IMM did not index
// (SimpleQuery: not ObjectStatus eq Indexed) with fields (nil: all), the
// total on the first page. The files are merged into the file cache, so a
// file view opened on one of them costs no call for those fields.
func (s *Store) ProblemFiles(ctx context.Context, token string, fields []string) (FilePage, error) {
	return s.queryFiles(ctx, problemsQuery(), token, fields)
}
