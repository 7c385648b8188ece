package state

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestPageGuardStopsAfterMaxEmptyPagesInARow(t *testing.T) {
	var g PageGuard
	// Empty pages that alternate with full ones never stop the paging.
	for i := 0; i < 10; i++ {
		items := 0
		if i%MaxEmptyPages == MaxEmptyPages-1 {
			items = 5
		}
		if err := g.Page(fmt.Sprint("t", i), items, fmt.Sprint("t", i+1)); err != nil {
			t.Fatalf("page %d: %v", i, err)
		}
	}
	g.Reset()
	var err error
	n := 0
	for ; err == nil && n < 100; n++ {
		err = g.Page(fmt.Sprint("t", n), 0, fmt.Sprint("t", n+1))
	}
	var ps *PagingStalledError
	if n != MaxEmptyPages || !errors.As(err, &ps) || ps.Cycle || ps.Requests != MaxEmptyPages {
		t.Fatalf("stopped after %d empty pages with %v, want %d", n, err, MaxEmptyPages)
	}
	if !IsPagingStalled(fmt.Errorf("wrapped: %w", err)) || !strings.Contains(err.Error(), "press r") {
		t.Errorf("error %q is not a stall that says what to do", err)
	}
}

func TestPageGuardStopsOnATokenSeenBefore(t *testing.T) {
	var g PageGuard
	for i, step := range []struct{ token, next string }{{"", "a"}, {"a", "b"}, {"b", "c"}} {
		if err := g.Page(step.token, 1, step.next); err != nil {
			t.Fatalf("page %d: %v", i, err)
		}
	}
	err := g.Page("c", 1, "a") // back to the second page
	var ps *PagingStalledError
	if !errors.As(err, &ps) || !ps.Cycle || ps.Requests != 4 {
		t.Fatalf("cycle gave %v, want a cycle after 4 requests", err)
	}
	// The last page ends the paging whatever came before.
	g.Reset()
	if err := g.Page("", 0, ""); err != nil {
		t.Errorf("an empty last page: %v", err)
	}
}
