package views

import tea "github.com/charmbracelet/bubbletea"

// Sorter is a view whose rows can be sorted by a named key (the command
// line's `:sort`).
type Sorter interface {
	// SetSort sorts by key, one of imm.SortKeys, in order "asc" or
	// "desc" ("" keeps the current order), and reloads from the top.
	SetSort(key, order string) tea.Cmd
}

var _ Sorter = (*Clusters)(nil)

// SetSort sorts the list by key in order ("" keeps the order shown).
func (v *Clusters) SetSort(key, order string) tea.Cmd {
	v.query.Sort = key
	if order != "" {
		v.query.Order = order
	}
	return v.reload()
}
