package ui_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/views"
)

// exploreFake is a fake dataset of n files with an overview.
func exploreFake(n int) *uitest.Fake {
	f := uitest.NewFake(30)
	f.AddExplore(n)
	// The fake does not evaluate queries; a type: is enough for these
	// tests.
	f.Explore().FilesMatch = func(q state.FilesQuery, file *imm.File) bool {
		t, ok := mediaTypeOf(q.Query)
		return !ok || file.MediaType == t
	}
	return f
}

// mediaTypeOf is the value of a MediaType eq at the top of q or among its
// top and's.
func mediaTypeOf(q *imm.SimpleQuery) (string, bool) {
	switch {
	case q == nil:
		return "", false
	case q.Field == "MediaType" && q.Operation == "eq":
		return q.Value, true
	case q.Operation == "and":
		for i := range q.SubQueries {
			if t, ok := mediaTypeOf(&q.SubQueries[i]); ok {
				return t, true
			}
		}
	}
	return "", false
}

// startOverview is the browser on its first screen, the overview.
func startOverview(t testing.TB, f *uitest.Fake, w, h int) (*ui.Model, *uitest.ModelUpdater) {
	t.Helper()
	m := ui.NewModel(ui.Options{StartOn: ui.StartOverview, Store: f, Endpoint: "http://127.0.0.1:8080", Region: "cn-hangzhou", ReadOnly: true,
		Styles: asciiStyles(), NewPanes: uitest.StubPanes, Languages: []string{"zh", "en"}, Location: time.UTC})
	u := &uitest.ModelUpdater{M: m}
	u.Update(tea.WindowSizeMsg{Width: w, Height: h})
	uitest.Run(u, m.Init())
	t.Cleanup(func() { m.Update(uitest.Key("ctrl+c")) })
	return m, u
}

func TestABadFindKeepsTheTextAndPointsAtTheWrongWord(t *testing.T) {
	m, u := startOverview(t, exploreFake(20), 80, 24)
	command(u, "find city:杭州 type:vidoe")
	if m.Depth() != 1 {
		t.Fatalf("a bad query pushed %T", m.Top())
	}
	lines := strings.Split(m.View(), "\n")
	prompt, caret := lines[len(lines)-2], lines[len(lines)-1]
	if prompt != "find city:杭州 type:vidoe" && !strings.HasPrefix(prompt, "find city:杭州 type:vidoe ") {
		t.Fatalf("the prompt did not keep the text: %q", prompt)
	}
	// "find city:杭州 " is 15 cells (杭州 takes four): the caret is under
	// "type:vidoe" or its value, nowhere before.
	at := strings.Index(caret, "^")
	if at < 15 || at > 20 || strings.TrimSpace(caret[:at]) != "" {
		t.Fatalf("caret %q not under the wrong word of %q", caret, prompt)
	}
	if msg := lines[len(lines)-3]; !strings.Contains(msg, "vidoe") {
		t.Fatalf("the message does not name the wrong word: %q", msg)
	}
	uitest.CheckFrame(t, m.View(), 80, 24)

	// Fixed in place, Enter runs it.
	keys(u, "end", "backspace", "backspace", "backspace", "backspace", "backspace", "v", "i", "d", "e", "o", "enter")
	f, ok := m.Top().(*views.Files)
	if !ok || f.Text() != "city:杭州 type:video" {
		t.Fatalf("the fixed query did not run: %T\n%s", m.Top(), m.View())
	}
}

func TestQuestionMarkInTheFindPromptShowsTheQueryJSON(t *testing.T) {
	m, u := startOverview(t, exploreFake(20), 120, 40)
	keys(u, "F", "type:video", "?")
	out := m.View()
	for _, want := range []string{`"Field": "MediaType"`, `"Operation": "eq"`, `"Value": "video"`, "find type:video"} {
		if !strings.Contains(out, want) {
			t.Fatalf("the JSON lacks %q:\n%s", want, out)
		}
	}
	uitest.CheckFrame(t, out, 120, 40)
	keys(u, "?")
	if strings.Contains(m.View(), `"Field"`) {
		t.Fatal("a second ? did not hide the JSON")
	}
}

func TestTabCompletesFieldsAndTheOverviewsValues(t *testing.T) {
	m, u := startOverview(t, exploreFake(20), 120, 40)
	keys(u, "F", "ci", "tab")
	if got := lastLine(m); !strings.HasPrefix(got, "find city:") {
		t.Fatalf("Tab on ci: %q", got)
	}
	keys(u, "杭", "tab")
	if got := lastLine(m); !strings.HasPrefix(got, "find city=杭州市 ") {
		t.Fatalf("Tab on city:杭 did not complete the overview's 杭州市: %q", got)
	}
}

func TestFindHistoryWalksEarlierQueries(t *testing.T) {
	m, u := startOverview(t, exploreFake(20), 80, 24)
	keys(u, "F", "type:video", "enter", "esc", "F", "type:image", "enter", "esc")
	keys(u, "F", "up", "up")
	if got := lastLine(m); !strings.HasPrefix(got, "find type:video") {
		t.Fatalf("two Up: %q", got)
	}
	keys(u, "enter")
	if f, ok := m.Top().(*views.Files); !ok || f.Text() != "type:video" {
		t.Fatalf("the query from history did not run: %T", m.Top())
	}
}

func TestFOnAFindRefinesItsQuery(t *testing.T) {
	m, u := startOverview(t, exploreFake(20), 80, 24)
	command(u, "find type:video")
	keys(u, "F")
	if got := lastLine(m); !strings.HasPrefix(got, "find type:video") {
		t.Fatalf("F on the results did not hold their query: %q", got)
	}
}

func TestOverviewKeysOpenClustersLabelsPlacesAndFiles(t *testing.T) {
	for k, want := range map[string]string{"c": "Clusters", "l": "Labels", "p": "Places", "f": "Files"} {
		m, u := startOverview(t, exploreFake(20), 80, 24)
		keys(u, k)
		if m.Depth() != 2 || m.Top().Crumb() != want {
			t.Fatalf("%s opened %T %q", k, m.Top(), m.Top().Crumb())
		}
	}
}

func TestLanguagesComeFromTheLocale(t *testing.T) {
	env := map[string]string{"LANGUAGE": "zh_CN:fr", "LANG": "de_DE.UTF-8"}
	got := ui.Languages("", func(k string) string { return env[k] })
	if !slices.Equal(got, []string{"zh-CN", "zh", "fr", "de-DE", "de", "en"}) {
		t.Fatalf("languages = %v", got)
	}
	if got := ui.Languages("", func(k string) string { return map[string]string{"LANG": "C.UTF-8"}[k] }); !slices.Equal(got, []string{"en"}) {
		t.Fatalf("C locale: %v", got)
	}
	// The --lang flag or the config's language comes first (the panes
	// show it), the locale's after it for the lists.
	if got := ui.Languages("fr_CA", func(k string) string { return env[k] }); !slices.Equal(got, []string{"fr-CA", "fr", "zh-CN", "zh", "de-DE", "de", "en"}) {
		t.Fatalf("with --lang fr_CA: %v", got)
	}
}
