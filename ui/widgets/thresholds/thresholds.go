// Package thresholds is the full help's list of the review thresholds:
// the one definition (review.Thresholds) every screen that flags faces
// judges by, shown with the values in force wherever faces are judged
// (Members, the Faces pane), so the help and the flags never disagree.
package thresholds

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/ui/format"
)

// Help lists every threshold with its value, by the name :threshold
// takes (the rule in words is in docs/review.md and the status line after
// + or -).
func Help(th review.Thresholds) []key.Binding {
	names := review.Names()
	out := make([]key.Binding, len(names))
	for i, n := range names {
		v, _ := th.Get(n)
		out[i] = key.NewBinding(key.WithKeys(":threshold "+n), key.WithHelp(n, format.Decimal(v, 3)))
	}
	return out
}
