package views_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/panes"
	"github.com/immtui/immtui/ui/views"
)

func openFile(t *testing.T, f *uitest.Fake, uri string, w, h int) *views.File {
	t.Helper()
	v := views.NewFile(newEnv(f), uri)
	t.Cleanup(v.Close)
	v.SetSize(w, h)
	uitest.Run(v, v.Init())
	return v
}

func TestFileViewFetchesEachPanesFieldsOnItsFirstVisitOnly(t *testing.T) {
	f := uitest.NewFake(10)
	f.AddCluster(0)
	uri := f.Rows[0].CoverURI
	v := openFile(t, f, uri, 100, 20)
	calls := f.FileRequests()
	if len(calls) != 1 || calls[0].URI != uri || !reflect.DeepEqual(calls[0].Fields, uitest.StubFields[0]) {
		t.Fatalf("file calls on open = %+v, want one for the Overview fields", calls)
	}
	checkEachTabFetchesThatPanesFields(t, f, v)
	press(v, "1", "2", "3", "4", "5", "6", "7", "shift+tab")
	if got := len(f.FileRequests()); got != len(panes.Names) {
		t.Fatalf("file calls after revisiting every pane = %d, want %d (none on a revisit)", got, len(panes.Names))
	}
	if v.Active() != 5 {
		t.Fatalf("active = %d, want 5 after shift+tab from 7", v.Active())
	}
}

func TestFileViewShowsTheURIAndNamesTheFileInItsCrumb(t *testing.T) {
	f := uitest.NewFake(10)
	f.AddCluster(0)
	uri := f.Rows[0].CoverURI
	v := openFile(t, f, uri, 100, 20)
	lines := strings.Split(v.View(), "\n")
	if lines[0] != "URI "+uri || !strings.Contains(lines[1], "[1 Overview]") {
		t.Fatalf("view:\n%s", v.View())
	}
	if v.Crumb() != "File > 0000.jpg" {
		t.Fatalf("crumb = %q", v.Crumb())
	}
}

func TestFileViewOfAnUnknownURISaysNotFoundAndRRetries(t *testing.T) {
	f := uitest.NewFake(10)
	v := openFile(t, f, "oss://demo-bucket/nope.jpg", 100, 20)
	if v.Err() == nil || !strings.Contains(v.View(), "ResourceNotFound") || !strings.Contains(v.View(), "r to retry") {
		t.Fatalf("err %v\n%s", v.Err(), v.View())
	}
	f.FileMap["oss://demo-bucket/nope.jpg"] = &imm.File{URI: "oss://demo-bucket/nope.jpg", Filename: "nope.jpg"}
	checkRRetries(t, f, v, "nope.jpg")
}

func TestFileViewFacesEnterAsksToOpenTheFacesCluster(t *testing.T) {
	f := uitest.NewFake(10)
	f.AddCluster(0)
	checkFacesEnterOpensACluster(t, openFile(t, f, f.Rows[0].CoverURI, 100, 20))
}

func TestFileViewFitsEverySizeWithAHostileURI(t *testing.T) {
	f := uitest.NewFake(10)
	uri := "oss://b/" + strings.Repeat("深", 300) + "\x1b]52;c;AAAA\x07\u202e/x.jpg"
	v := openFile(t, f, uri, 80, 24)
	for w := 1; w <= 130; w += 3 {
		for _, h := range []int{1, 2, 3, 5, 24} {
			v.SetSize(w, h)
			uitest.CheckFrame(t, v.View(), w, h)
		}
	}
	if c := v.Crumb(); c != "File > x.jpg" {
		t.Fatalf("crumb = %q", c)
	}
}
