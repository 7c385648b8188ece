package panes

import (
	"strings"
	"testing"

	"github.com/immtui/immtui/review"
)

// TestFacesDetailKeepsBothConfidencesOnANarrowPane: a face ID too long to
// share its line with the confidence puts the confidence under it rather
// than cutting it off.
func TestFacesDetailKeepsBothConfidencesOnANarrowPane(t *testing.T) {
	p := facesWith(t, review.Default)
	p.SetSize(56, 30)
	out := p.View()
	if n := strings.Count(out, "confidence -"); n != 1 || !strings.Contains(out, "confidence 0.90") {
		t.Fatalf("want the face's confidence (-) and the cluster's (0.90) in full at 56 cells:\n%s", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "confidenc…") || strings.Contains(l, "confid…") {
			t.Fatalf("a confidence is cut: %q", l)
		}
	}
}
