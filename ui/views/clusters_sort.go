package views

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/state"
)

// Sorter is a view whose rows can be sorted by a named key (the command
// line's `:sort`).
type Sorter interface {
	// SetSort sorts by key, one of imm.SortKeys (and reloads from the
	// top) or cmdline.ReviewSorts (the loaded rows by computed figures),
	// in order "asc" or "desc" ("" keeps the current order).
	SetSort(key, order string) tea.Cmd
}

var _ Sorter = (*Clusters)(nil)

// SetSort sorts the list by key in order ("" keeps the order shown).
func (v *Clusters) SetSort(key, order string) tea.Cmd {
	switch by := state.QualitySort(key); by {
	case state.SortFlagged, state.SortMinConf:
		// The natural order is worst first: most flagged, lowest
		// confidence; the other order reverses it.
		rev := (by == state.SortFlagged && order == "asc") || (by == state.SortMinConf && order == "desc")
		return v.setReviewSort(by, rev)
	}
	v.rv.sort, v.rv.order = "", nil
	v.query.Sort = key
	if order != "" {
		v.query.Order = order
	}
	return v.reload()
}
