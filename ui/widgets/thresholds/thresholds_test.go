package thresholds_test

import (
	"strings"
	"testing"

	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/widgets/thresholds"
)

// TestHelpShowsEveryThresholdOnce: each threshold is changed by exactly
// one line of the list, so a threshold added to review shows up here or
// fails this test.
func TestHelpShowsEveryThresholdOnce(t *testing.T) {
	seen := map[string]int{}
	help := thresholds.Help(review.Default())
	if h := help[0].Help(); h.Key != "flags" {
		t.Errorf("the list starts %q, want the flags heading", h.Key)
	}
	for _, b := range help[1:] {
		for _, k := range b.Keys() {
			seen[strings.TrimPrefix(k, ":threshold ")]++
		}
	}
	for _, n := range review.Names() {
		if seen[n] != 1 {
			t.Errorf("threshold %s is on %d lines of the help, want 1", n, seen[n])
		}
		delete(seen, n)
	}
	if len(seen) > 0 {
		t.Errorf("the help names thresholds review does not have: %v", seen)
	}
}

// TestHelpShowsTheValuesInForceUnderTheFlagWords: a changed threshold
// shows its new value, under the word the Flags columns show.
func TestHelpShowsTheValuesInForceUnderTheFlagWords(t *testing.T) {
	th := review.Default()
	for n, v := range map[string]string{"low-cluster-confidence": "0.55", "low-sharpness": "0.35", "max-pitch": "25", "min-face-area": "0.005"} {
		if err := th.SetText(n, v); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]string{
		"conf": "ClConf<0.55", "blur": "Qual<0.5 or Sharp<0.35", "pose": "yaw>45 or pitch>25 deg",
		"small": "under 0.5% of image", "age": "off curve >10y (3+ faces)",
	}
	words := map[string]bool{}
	for _, f := range review.AllFlags {
		words[f.Word()] = true
	}
	for _, b := range thresholds.Help(th)[1:] {
		h := b.Help()
		if h.Key != "merge" && !words[h.Key] {
			t.Errorf("help key %q is no flag's word", h.Key)
		}
		if w, ok := want[h.Key]; ok && h.Desc != w {
			t.Errorf("%s: %q, want %q", h.Key, h.Desc, w)
		}
		// Short enough for a column beside the Faces pane's at 120 cells,
		// and ASCII: no glyph that changes width with the terminal.
		if n := safetext.Width(h.Key + " " + h.Desc); n > 32 || strings.IndexFunc(h.Desc, func(r rune) bool { return r > 0x7e }) >= 0 {
			t.Errorf("%s %s: %d cells or not ASCII", h.Key, h.Desc, n)
		}
	}
}
