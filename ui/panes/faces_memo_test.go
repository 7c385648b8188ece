package panes

import (
	"strings"
	"testing"
)

// The uncle's cluster has no known name when the pane first draws; once
// the store learns it (its cluster was opened), the next frame shows it
// without a resize: the row memo follows the name, not only the width.
func TestFacesRowShowsAClusterNameLearnedAfterTheFirstFrame(t *testing.T) {
	t.Parallel()
	names := map[string]string{}
	ctx := testContext()
	ctx.ClusterName = func(id string) (string, bool) { n, ok := names[id]; return n, ok }
	p := paneByName(t, ctx, "Faces")
	p.SetSize(120, 40)
	p.SetFile(cjkFile(t))
	if v := p.View(); strings.Contains(v, "大伯") {
		t.Fatalf("name shown before it is known:\n%s", v)
	}
	names[uncle] = "大伯"
	if v := p.View(); !strings.Contains(v, "大伯") {
		t.Errorf("the learned name is not shown:\n%s", v)
	}
}
