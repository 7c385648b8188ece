package views_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/panes"
)

// paneView is what the Cluster and File views share: a file's panes
// under their header, each pane loading its own fields.
type paneView interface {
	uitest.Updater
	View() string
	Err() error
}

// checkEachTabFetchesThatPanesFields starts on the Overview of 0000.jpg,
// its one call made: every tab makes one more call, for the next pane's
// fields, and shows that pane.
func checkEachTabFetchesThatPanesFields(t *testing.T, f *uitest.Fake, v paneView) {
	t.Helper()
	for i := 1; i < len(panes.Names); i++ {
		press(v, "tab")
		calls := f.FileRequests()
		if len(calls) != i+1 || !reflect.DeepEqual(calls[i].Fields, uitest.StubFields[i]) {
			t.Fatalf("pane %s: calls %+v, want one more with its fields", panes.Names[i], calls)
		}
		if !strings.Contains(v.View(), panes.Names[i]+" of 0000.jpg") {
			t.Fatalf("pane %s not shown:\n%s", panes.Names[i], v.View())
		}
	}
}

// checkRRetries presses r on a failed pane whose file now loads: the
// error is gone, the Overview of filename shows, and the call refreshed.
func checkRRetries(t *testing.T, f *uitest.Fake, v paneView, filename string) {
	t.Helper()
	press(v, "r")
	if v.Err() != nil || !strings.Contains(v.View(), "Overview of "+filename) {
		t.Fatalf("after r: err %v\n%s", v.Err(), v.View())
	}
	if last := f.FileRequests()[len(f.FileRequests())-1]; !last.Refresh {
		t.Fatalf("r did not refresh: %+v", last)
	}
}

// checkFacesEnterOpensACluster: Enter on the Faces pane asks the root to
// open the selected face's cluster.
func checkFacesEnterOpensACluster(t *testing.T, v paneView) {
	t.Helper()
	press(v, "2")
	cmd := v.Update(uitest.Key("enter"))
	if cmd == nil {
		t.Fatal("enter on Faces returned no command")
	}
	if msg, ok := cmd().(panes.OpenClusterMsg); !ok || msg.ClusterID == "" {
		t.Fatalf("got %#v, want OpenClusterMsg", msg)
	}
}
