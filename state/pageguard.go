package state

import (
	"errors"
	"fmt"
	"hash/maphash"
)

// MaxEmptyPages is how many pages in a row may come back empty with a
// NextToken before paging stops. IMM may answer a page without items now
// and then; a server that does it every time (one measured doing it 750
// times a second) would otherwise be asked forever.
const MaxEmptyPages = 3

// PageGuard watches the pages of one paging from its first page and says
// when to stop: after MaxEmptyPages empty pages in a row that still carry
// a NextToken, or when a NextToken comes back that was used before (the
// pages go round in a cycle). The zero value is ready; Reset starts over.
type PageGuard struct {
	requests int
	empty    int
	seed     maphash.Seed
	used     map[uint64]struct{} // hashes of the tokens pages were fetched with
}

// Reset forgets every page, for a paging that starts again from the first.
func (g *PageGuard) Reset() { *g = PageGuard{} }

// Page records a page received: the token it was fetched with, how many
// items it held (before any filtering of the caller's) and its NextToken.
// It returns a *PagingStalledError when the next page should not be asked
// for; nil when paging may go on or has ended (next is "").
func (g *PageGuard) Page(token string, items int, next string) error {
	if g.used == nil {
		g.seed, g.used = maphash.MakeSeed(), map[uint64]struct{}{}
	}
	g.requests++
	g.used[maphash.String(g.seed, token)] = struct{}{}
	if next == "" {
		return nil
	}
	if items == 0 {
		g.empty++
	} else {
		g.empty = 0
	}
	if _, again := g.used[maphash.String(g.seed, next)]; again {
		return &PagingStalledError{Requests: g.requests, Cycle: true}
	}
	if g.empty >= MaxEmptyPages {
		return &PagingStalledError{Requests: g.requests}
	}
	return nil
}

// PagingStalledError is paging stopped by a PageGuard: the server's pages
// made no progress.
type PagingStalledError struct {
	Requests int  // page requests made before stopping
	Cycle    bool // a NextToken came back that was used before
}

func (e *PagingStalledError) Error() string {
	what := fmt.Sprintf("IMM kept returning empty pages with a NextToken; stopped after %d requests", e.Requests)
	if e.Cycle {
		what = fmt.Sprintf("IMM returned a NextToken it had already given (the pages repeat); stopped after %d requests", e.Requests)
	}
	return what + " (press r to load the list again)"
}

// IsPagingStalled reports whether err is a PagingStalledError: retrying the
// same page would stall again, so r starts the list over.
func IsPagingStalled(err error) bool {
	var ps *PagingStalledError
	return errors.As(err, &ps)
}
