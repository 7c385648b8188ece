package format

import (
	"strings"

	"github.com/immtui/immtui/safetext"
)

// ShortID keeps the distinctive head of an identifier in at most cells
// terminal cells, marking a cut with the ellipsis. The identifier is
// escaped first (identifiers stay exact in the models and may hold
// anything) and is cut by cells, never inside a character.
func (g Glyphs) ShortID(id string, cells int) string {
	return safetext.FitWith(id, cells, g.Ellipsis())
}

// ClusterKey is a cluster ID without the "Cluster-" prefix every cluster
// ID shares, for columns too narrow to repeat it.
func ClusterKey(id string) string { return strings.TrimPrefix(id, "Cluster-") }

// IDHead is the first cells cells of an identifier after its "Cluster-"
// prefix, unmarked: for a narrow column where the head alone tells rows
// apart (the Faces pane). Escaped, and cut by cells, never inside a
// character.
func IDHead(id string, cells int) string {
	return safetext.FitWith(ClusterKey(id), cells, "")
}
