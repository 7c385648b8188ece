// Package thresholds is the full help's list of the review thresholds:
// the one definition (review.Thresholds) every screen that flags faces
// judges by, shown with the values in force wherever faces are judged
// (Members, the Faces pane), so the help and the flags never disagree.
package thresholds

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"

	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/ui/format"
)

// rule is one line of the list: the flag word a Flags column shows, the
// thresholds behind it (names as :threshold takes them) and the rule in
// a few cells, with %s for each value in turn. The text is ASCII: the
// degree and >= signs are ambiguous width (docs/performance.md §2.3).
type rule struct {
	word  string
	names []string
	text  string
	scale float64 // shown as value*scale (1 when 0)
}

var rules = []rule{
	{word: "conf", names: []string{"low-cluster-confidence"}, text: "ClConf<%s"},
	{word: "age", names: []string{"age-off-curve", "age-curve-min-faces"}, text: "off curve >%sy (%s+ faces)"},
	{word: "gender", names: []string{"gender-confidence"}, text: "differs at conf>=%s"},
	{word: "blur", names: []string{"low-face-quality", "low-sharpness"}, text: "Qual<%s or Sharp<%s"},
	{word: "pose", names: []string{"max-yaw", "max-pitch"}, text: "yaw>%s or pitch>%s deg"},
	{word: "small", names: []string{"min-face-area"}, text: "under %s%% of image", scale: 100},
	{word: "merge", names: []string{"merge-birth-years"}, text: "born <=%sy apart"},
}

// Help is one binding a flag, its word as the key and its rule with the
// values in force as the description ("conf ClConf<0.7"), short enough
// for a column of the full help at 120 cells or a line of running text
// at 80. The binding's keys are the :threshold commands that change it.
//
// A first line heads them ("flags raised when"): they are rules, not
// keys, wherever the help lists them among keys.
func Help(th review.Thresholds) []key.Binding {
	out := make([]key.Binding, len(rules)+1)
	out[0] = key.NewBinding(key.WithKeys(":threshold"), key.WithHelp("flags", "raised when"))
	for i, r := range rules {
		scale := r.scale
		if scale == 0 {
			scale = 1
		}
		vals := make([]any, len(r.names))
		keys := make([]string, len(r.names))
		for j, n := range r.names {
			v, _ := th.Get(n)
			vals[j] = format.Decimal(v*scale, 3)
			keys[j] = ":threshold " + n
		}
		out[i+1] = key.NewBinding(key.WithKeys(keys...), key.WithHelp(r.word, fmt.Sprintf(r.text, vals...)))
	}
	return out
}
