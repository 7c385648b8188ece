package panes

import "github.com/immtui/immtui/ui/component"

// Every pane, and the cluster's JSON, is on the one component contract.
var (
	_ Pane            = (*textPane)(nil)
	_ Pane            = (*facesPane)(nil)
	_ Pane            = (*rawPane)(nil)
	_ component.Model = (*ClusterRaw)(nil)
)

// New returns one pane of each kind, in the order of Names.
func New(ctx Context) []Pane {
	return []Pane{
		newTextPane(ctx, overview{}),
		newFacesPane(ctx),
		newTextPane(ctx, labelsPane{}),
		newTextPane(ctx, ocrPane{}),
		newTextPane(ctx, streamsPane{}),
		newTextPane(ctx, addressesPane{}),
		newRawPane(ctx),
	}
}
