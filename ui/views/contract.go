package views

import (
	"github.com/immtui/immtui/ui/component"
	"github.com/immtui/immtui/ui/panes"
	"github.com/immtui/immtui/ui/widgets/facegrid"
	"github.com/immtui/immtui/ui/widgets/table"
)

// Every screen, and every part a screen is made of, is on the one
// component contract (ui/component): its own help, its size from its
// parent, View never larger, Update to a command. contract_test.go checks
// the promises at run time.
var (
	_ View = (*Clusters)(nil)
	_ View = (*Cluster)(nil)
	_ View = (*File)(nil)
	_ View = (*Grid)(nil)
	_ View = (*Files)(nil)
	_ View = (*Problems)(nil)
	_ View = (*Overview)(nil)
	_ View = (*Tree)(nil)
	_ View = (*Compare)(nil)
	_ View = (*Projects)(nil)
	_ View = (*Datasets)(nil)

	_ component.Model = (*FilePanes)(nil)
	_ component.Model = (*Members)(nil)
	_ component.Model = (*panes.ClusterRaw)(nil)
	_ component.Model = (*facegrid.Model)(nil)
	_ component.Model = (*table.Model)(nil)
)
