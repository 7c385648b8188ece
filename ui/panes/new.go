package panes

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
