package panes

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/immtui/immtui/imm"
)

// TestPanesRenderGolden renders every pane over the published example and
// the CJK file at the two sizes the browser is tried at (x/exp/golden, as
// in ui/: -update rewrites testdata/TestPanesRenderGolden/).
func TestPanesRenderGolden(t *testing.T) {
	files := map[string]*imm.File{"fixture": fixtureFile(t), "cjk": cjkFile(t)}
	for _, name := range Names {
		for fname, f := range files {
			for _, sz := range [][2]int{{80, 24}, {120, 40}} {
				id := fmt.Sprintf("%s-%s-%dx%d", strings.ToLower(name), fname, sz[0], sz[1])
				t.Run(id, func(t *testing.T) {
					p := show(t, name, f, sz[0], sz[1])
					v := p.View()
					assertFits(t, v, sz[0], sz[1])
					golden.RequireEqual(t, []byte(v))
				})
			}
		}
	}
}
