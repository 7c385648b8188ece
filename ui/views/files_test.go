package views_test

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/views"
)

func exploreFake(n int) *uitest.Fake {
	f := uitest.NewFake(10)
	f.AddExplore(n)
	return f
}

func openFiles(t *testing.T, env *views.Env, text string, w, h int) *views.Files {
	t.Helper()
	v := views.NewFiles(env, text)
	t.Cleanup(v.Close)
	v.SetSize(w, h)
	uitest.Run(v, v.Init())
	return v
}

func TestFilesAsksForOnePageThenTheNextBeforeTheCursorReachesIt(t *testing.T) {
	f := exploreFake(1000)
	v := openFiles(t, newEnv(f), "", 120, 30)
	calls := f.FilesRequests()
	if len(calls) != 1 || v.Len() != 100 || v.Total() != 1000 {
		t.Fatalf("at start: %d calls, %d rows, total %d; want one page of 100 of 1000", len(calls), v.Len(), v.Total())
	}
	if !slices.Equal(calls[0].Fields, state.FilesColumns) || calls[0].Query.Sort != "ProduceTime" || calls[0].Query.Order != "desc" {
		t.Fatalf("first call %+v: want the columns' fields, newest first", calls[0])
	}
	if !strings.Contains(v.Title(), "1,000 files, 100 loaded") {
		t.Fatalf("title %q lacks TotalHits", v.Title())
	}
	// A screen down, and another: the cursor is within two screens of
	// the end of the loaded rows, and the next page is asked for.
	uitest.Run(v, v.Update(uitest.Key("pgdown")))
	uitest.Run(v, v.Update(uitest.Key("pgdown")))
	uitest.Run(v, v.Update(uitest.Key("pgdown")))
	if n := len(f.FilesRequests()); n != 2 || v.Len() != 200 {
		t.Fatalf("after three pages down (cursor %d): %d calls, %d rows; want the second page", v.Cursor(), n, v.Len())
	}
	if v.Cursor() >= 100 {
		t.Fatalf("the cursor %d reached the end before the page was asked for", v.Cursor())
	}
}

func TestFilesEnterOpensTheFileInItsPanes(t *testing.T) {
	f := exploreFake(50)
	v := openFiles(t, newEnv(f), "", 120, 30)
	uitest.Run(v, v.Update(uitest.Key("down")))
	msgs, _ := uitest.Run(v, v.Update(uitest.Key("enter")))
	for _, m := range msgs {
		if p, ok := m.(views.PushMsg); ok {
			fv, ok := p.View.(*views.File)
			if !ok || fv.URI() != v.Row(1).URI {
				t.Fatalf("enter pushed %T", p.View)
			}
			return
		}
	}
	t.Fatal("enter pushed nothing")
}

func TestFilesSortKeysCycleWhatTheAPISorts(t *testing.T) {
	f := exploreFake(50)
	v := openFiles(t, newEnv(f), "", 120, 30)
	uitest.Run(v, v.Update(uitest.Key("s")))
	uitest.Run(v, v.Update(uitest.Key("S")))
	calls := f.FilesRequests()
	last := calls[len(calls)-1].Query
	if last.Sort != "FileModifiedTime" || last.Order != "asc" || !slices.Contains(state.FilesSortKeys, last.Sort) {
		t.Fatalf("after s and S: %+v", last)
	}
	if !strings.Contains(v.Title(), "by FileModifiedTime asc") {
		t.Fatalf("title %q", v.Title())
	}
}

func TestFilesWithAQueryTitlesItAndSendsItCompiled(t *testing.T) {
	f := exploreFake(50)
	f.Explore().FilesMatch = func(q state.FilesQuery, file *imm.File) bool { return file.MediaType == "video" }
	w := openFiles(t, newEnv(f), "type:video", 120, 30)
	q := f.FilesRequests()[0].Query.Query
	if q == nil || q.Field != "MediaType" || q.Value != "video" {
		t.Fatalf("sent %+v", q)
	}
	if !strings.HasPrefix(w.Title(), "Find type:video 10 files") || w.Crumb() != "Find type:video" {
		t.Fatalf("title %q crumb %q", w.Title(), w.Crumb())
	}
	uitest.Run(w, w.Update(uitest.Key("i")))
	if out := w.View(); !strings.Contains(out, `"Field": "MediaType"`) {
		t.Fatalf("i did not show the query:\n%s", out)
	}
	uitest.CheckFrame(t, w.View(), 120, 30)
}

func TestFilesReadsDatesTypedInTheEnvsZone(t *testing.T) {
	for _, tc := range []struct {
		loc  *time.Location
		want string
	}{
		{time.UTC, "2024-01-01T00:00:00Z"},
		{time.FixedZone("", 8*3600), "2024-01-01T00:00:00+08:00"},
	} {
		f := exploreFake(10)
		env := newEnv(f)
		env.Location = tc.loc
		openFiles(t, env, "after:2024-01", 120, 30)
		q := f.FilesRequests()[0].Query.Query
		if q == nil || q.Field != "ProduceTime" || q.Value != tc.want {
			t.Fatalf("in %v sent %+v, want ProduceTime from %s", tc.loc, q, tc.want)
		}
	}
}

func TestFilesWithABadQuerySaysWhyAndAsksNothing(t *testing.T) {
	f := exploreFake(50)
	v := openFiles(t, newEnv(f), "size>lots", 80, 20)
	if len(f.FilesRequests()) != 0 || v.Err() == nil || !strings.Contains(v.View(), "Press F to correct") {
		t.Fatalf("calls %d, err %v:\n%s", len(f.FilesRequests()), v.Err(), v.View())
	}
}

// The words name the keys that do it now: F opens the find prompt on the
// query (/ filters the rows shown).
func TestFilesThatMatchNothingSayFEditsTheQuery(t *testing.T) {
	f := exploreFake(50)
	f.Explore().FilesMatch = func(state.FilesQuery, *imm.File) bool { return false }
	v := openFiles(t, newEnv(f), "type:video", 80, 20)
	if out := v.View(); !strings.Contains(out, "No file matches.") || !strings.Contains(out, "F edits the query") {
		t.Fatalf("an empty result does not say F edits the query:\n%s", out)
	}
}

func TestTreesListEveryNodeIndentedAndEnterListsItsFiles(t *testing.T) {
	f := exploreFake(50)
	env := newEnv(f)
	for _, v := range []*views.Tree{views.NewLabels(env), views.NewPlaces(env)} {
		t.Cleanup(v.Close)
		v.SetSize(100, 20)
		uitest.Run(v, v.Init())
		if v.Len() == 0 {
			t.Fatalf("%s: no rows", v.Crumb())
		}
		deepest := 0
		for i := 0; i < v.Len(); i++ {
			_, d, _, _ := v.Row(i)
			deepest = max(deepest, d)
		}
		if deepest == 0 {
			t.Fatalf("%s: no child under a parent", v.Crumb())
		}
		uitest.Run(v, v.Update(uitest.Key("down")))
		_, _, _, search := v.Row(1)
		msgs, _ := uitest.Run(v, v.Update(uitest.Key("enter")))
		var pushed *views.Files
		for _, m := range msgs {
			if p, ok := m.(views.PushMsg); ok {
				pushed, _ = p.View.(*views.Files)
			}
		}
		if pushed == nil || pushed.Text() != search {
			t.Fatalf("%s: enter on %q pushed %v", v.Crumb(), search, pushed)
		}
		pushed.Close()
		uitest.CheckFrame(t, v.View(), 100, 20)
	}
}

func TestFilesOfWordsLikeAConditionSuggestTheQuery(t *testing.T) {
	f := exploreFake(50)
	f.Explore().FilesMatch = func(state.FilesQuery, *imm.File) bool { return false }
	v := openFiles(t, newEnv(f), "MediaType = image", 120, 30)
	if got := v.Title(); !strings.Contains(got, "0 files. Did you mean type:image? (F edits the query)") {
		t.Fatalf("title %q: want the rewrite offered", got)
	}
	plain := openFiles(t, newEnv(f), "dog park", 120, 30)
	if got := plain.Title(); strings.Contains(got, "Did you mean") {
		t.Fatalf("plain words, yet the title %q", got)
	}
}

func TestFilesQueryJSONWrapsAndScrollsWithinItsSpace(t *testing.T) {
	f := exploreFake(50)
	const long = "a-very-long-phrase-that-does-not-fit-in-forty-cells-of-the-screen"
	v := openFiles(t, newEnv(f), long+" type:video", 40, 20)
	uitest.Run(v, v.Update(uitest.Key("i")))
	frame := v.View()
	uitest.CheckFrame(t, frame, 40, 20)
	for _, l := range strings.Split(frame, "\n")[1:10] { // the JSON, under the title
		if strings.Contains(l, "…") || strings.Contains(l, "...") {
			t.Fatalf("a JSON line is cut rather than wrapped:\n%s", frame)
		}
	}
	if !strings.Contains(frame, "lines 1-8 of ") || !strings.Contains(helpText(v.ShortHelp()), "J/K scroll") {
		t.Fatalf("the JSON is longer than its half of the view, yet no scroll line or key:\n%s\nhelp %s", frame, helpText(v.ShortHelp()))
	}
	seen := map[string]bool{}
	for range 60 { // to the end, a half window at a time
		for _, l := range strings.Split(v.View(), "\n") {
			seen[strings.TrimSpace(l)] = true
		}
		uitest.Run(v, v.Update(uitest.Key("J")))
	}
	uitest.CheckFrame(t, v.View(), 40, 20)
	for _, want := range []string{`"Field": "MediaType",`, `"Value": "video"`, `"Operation": "and",`} {
		if !seen[want] {
			t.Errorf("scrolling never showed %q", want)
		}
	}
	if !slices.ContainsFunc(slices.Collect(maps.Keys(seen)), func(l string) bool { return strings.HasSuffix(l, `screen"`) }) {
		t.Errorf("the long phrase's end was never shown: its line was cut, not wrapped")
	}
	if !strings.Contains(v.View(), " of ") || strings.Contains(v.View(), "lines 1-") {
		t.Fatalf("J did not move the JSON:\n%s", v.View())
	}
	for range 60 {
		uitest.Run(v, v.Update(uitest.Key("K")))
	}
	if !strings.Contains(v.View(), "lines 1-8 of ") {
		t.Fatalf("K did not go back to the top:\n%s", v.View())
	}
	if v.Cursor() != 0 {
		t.Fatalf("J and K moved the table's cursor to %d", v.Cursor())
	}
	uitest.Run(v, v.Update(uitest.Key("i")))
	if strings.Contains(v.View(), "lines 1-") || strings.Contains(helpText(v.ShortHelp()), "J/K") {
		t.Fatalf("i hid the JSON, yet:\n%s", v.View())
	}
}
