package cmdline_test

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"go.uber.org/goleak"

	"github.com/immtui/immtui/ui/cmdline"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/theme"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestParseReadsEachCommand(t *testing.T) {
	for line, want := range map[string]cmdline.Command{
		"cluster Cluster-0001":                  {Kind: cmdline.Cluster, Arg: "Cluster-0001"},
		"  cluster   Cluster-0001  ":            {Kind: cmdline.Cluster, Arg: "Cluster-0001"},
		"file oss://bucket/a b/c.jpg":           {Kind: cmdline.File, Arg: "oss://bucket/a b/c.jpg"},
		"file pds://domains/d/drives/1/files/2": {Kind: cmdline.File, Arg: "pds://domains/d/drives/1/files/2"},
		"sort imagecount":                       {Kind: cmdline.Sort, Arg: "ImageCount"},
		"SORT FaceCount ASC":                    {Kind: cmdline.Sort, Arg: "FaceCount", Order: "asc"},
		"sort updatetime desc":                  {Kind: cmdline.Sort, Arg: "UpdateTime", Order: "desc"},
		"q":                                     {Kind: cmdline.Quit},
		"quit":                                  {Kind: cmdline.Quit},
		"help":                                  {Kind: cmdline.Help},
		"":                                      {},
		"   ":                                   {},
	} {
		got, err := cmdline.Parse(line)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", line, got, err, want)
		}
	}
}

func TestParseErrorsSayWhatIsWrongAndWhatToType(t *testing.T) {
	for line, want := range map[string]string{
		"file foo":                `file URIs start with oss:// or pds:// (got "foo")`,
		"file http://x/y":         `file URIs start with oss:// or pds:// (got "http://x/y")`,
		"file":                    "file needs a URI: :file oss://bucket/key",
		"file oss://bucket":       `an oss:// URI names a bucket and a file: oss://bucket/path/file (got "oss://bucket")`,
		"file oss:///key":         `an oss:// URI names a bucket and a file`,
		"file pds://":             `a pds:// URI names a file after pds:// (got "pds://")`,
		"file \x1b]52;c;AAAA\x07": `(got "\x1b]52;c;AAAA\a")`,
		"cluster":                 "cluster needs an ID: :cluster ID",
		"cluster a b":             `a cluster ID has no spaces (got "a b")`,
		"sort":                    "sort needs a key, one of ImageCount, VideoCount, ProjectName",
		"sort size":               `unknown sort key "size"; keys are ImageCount, VideoCount, ProjectName, DatasetName, CreateTime, UpdateTime, Gender, FaceCount, GroupName`,
		"sort FaceCount up":       `sort order is asc or desc (got "up")`,
		"sort FaceCount asc x":    "sort takes a key and an order: :sort KEY [asc|desc]",
		"quit now":                `quit takes no arguments (got "now")`,
		"problems x":              `problems takes no arguments (got "x")`,
		"triage":                  `unknown command "triage"; commands are cluster, members, grid, file, problems, overview, files, find, labels, places, sort, review, compare, threshold, projects, datasets, dataset, help, quit (Tab completes)`,
		"members":                 "members needs an ID: :members ID",
		"members a b":             `a cluster ID has no spaces (got "a b")`,
	} {
		_, err := cmdline.Parse(line)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) error = %v; want it to contain %q", line, err, want)
		}
	}
}

func TestQuotedInputIsCutAndEscaped(t *testing.T) {
	_, err := cmdline.Parse("file " + strings.Repeat("x", 10000))
	if err == nil || len(err.Error()) > 200 || !strings.Contains(err.Error(), `..."`) && !strings.HasSuffix(err.Error(), `...)`) {
		t.Fatalf("a 10,000-byte URI in the message: %d bytes: %.120q", len(err.Error()), err)
	}
	_, err = cmdline.Parse("file \u202eevil")
	if strings.Contains(err.Error(), "\u202e") {
		t.Fatalf("bidi override reached the message: %q", err)
	}
}

func TestCompleteExtendsCommandNamesSortKeysAndOrders(t *testing.T) {
	for in, want := range map[string]string{
		"":                 "",
		"cl":               "cluster ",
		"F":                "fi",
		"fin":              "find ",
		"so":               "sort ",
		"sort im":          "sort ImageCount ",
		"sort facec":       "sort FaceCount ",
		"sort FaceCount a": "sort FaceCount asc ",
		"sort FaceCount d": "sort FaceCount desc ",
		"sort Create":      "sort CreateTime ",
		"sort Cr":          "sort CreateTime ",
		"sort xyz":         "sort xyz",
		"cluster Clu":      "cluster Clu", // IDs are not completed
		"zz":               "zz",
	} {
		if got, _ := cmdline.Complete(in); got != want {
			t.Errorf("Complete(%q) = %q, want %q", in, got, want)
		}
	}
	got, cands := cmdline.Complete("sort ")
	if got != "sort " || len(cands) != 9 {
		t.Errorf("Complete(\"sort \") = %q, %v; want every key offered", got, cands)
	}
	if got, cands := cmdline.Complete("sort Gr"); got != "sort GroupName " || cands != nil {
		t.Errorf("Complete(\"sort Gr\") = %q, %v", got, cands)
	}
	// Ambiguous: extends to what the candidates share and names them.
	if got, cands := cmdline.Complete("sort D"); got != "sort DatasetName " || cands != nil {
		t.Errorf("Complete(\"sort D\") = %q, %v", got, cands)
	}
	if got, cands := cmdline.Complete("sort ImageCount "); got != "sort ImageCount " || strings.Join(cands, ",") != "asc,desc" {
		t.Errorf("orders: %q %v", got, cands)
	}
}

func styles() *theme.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return theme.New(r)
}

func typeKeys(p *cmdline.Prompt, names ...string) (cmdline.Result, string) {
	var res cmdline.Result
	var line string
	for _, k := range names {
		res, line = p.Key(uitest.Key(k))
	}
	return res, line
}

func TestPromptSubmitsTheLineAndKeepsItInHistory(t *testing.T) {
	p := cmdline.NewPrompt(styles())
	p.Open()
	res, line := typeKeys(p, "sort", " ", "FaceCount", "enter")
	if res != cmdline.Submitted || line != "sort FaceCount" || p.IsOpen() {
		t.Fatalf("enter: %v %q open=%v", res, line, p.IsOpen())
	}
	p.Open()
	if res, _ := typeKeys(p, "x", "esc"); res != cmdline.Cancelled || p.IsOpen() {
		t.Fatalf("esc: %v open=%v", res, p.IsOpen())
	}
	if h := p.History(); len(h) != 1 || h[0] != "sort FaceCount" {
		t.Fatalf("history = %q; a cancelled line is not kept", h)
	}
}

func TestPromptUpAndDownWalkTheHistoryAndKeepTheDraft(t *testing.T) {
	p := cmdline.NewPrompt(styles())
	for _, l := range []string{"cluster A", "cluster B", "cluster B", "file oss://b/k"} {
		p.Open()
		typeKeys(p, l, "enter")
	}
	if h := p.History(); len(h) != 3 {
		t.Fatalf("history %q: a repeated line is kept once", h)
	}
	p.Open()
	typeKeys(p, "dra")
	steps := []struct{ key, want string }{
		{"up", "file oss://b/k"}, {"up", "cluster B"}, {"up", "cluster A"}, {"up", "cluster A"},
		{"down", "cluster B"}, {"down", "file oss://b/k"}, {"down", "dra"}, {"down", "dra"},
	}
	for i, s := range steps {
		typeKeys(p, s.key)
		if p.Value() != s.want {
			t.Fatalf("step %d (%s): value %q, want %q", i, s.key, p.Value(), s.want)
		}
	}
	typeKeys(p, "up", "backspace", "C", "enter")
	if h := p.History(); h[len(h)-1] != "file oss://b/C" {
		t.Fatalf("an edited entry is run as edited: %q", h)
	}
}

func TestPromptTabCompletesAndHintsTheCandidates(t *testing.T) {
	p := cmdline.NewPrompt(styles())
	p.Open()
	typeKeys(p, "so", "tab", "ima", "tab")
	if p.Value() != "sort ImageCount " {
		t.Fatalf("value after tabs = %q", p.Value())
	}
	typeKeys(p, "tab")
	if v := p.View(80, 1); !strings.Contains(v, "asc desc") {
		t.Fatalf("ambiguous tab shows no candidates: %q", v)
	}
	typeKeys(p, "d")
	if v := p.View(80, 1); strings.Contains(v, "asc desc") {
		t.Fatalf("the hint stays after the next key: %q", v)
	}
}

func TestPromptEditsLikeAShellLine(t *testing.T) {
	p := cmdline.NewPrompt(styles())
	p.Open()
	p.Key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("file oss://b/\x1bk\tx"), Paste: true})
	if p.Value() != "file oss://b/k x" {
		t.Fatalf("paste: controls dropped, tab a space: %q", p.Value())
	}
	p.Key(tea.KeyMsg{Type: tea.KeyCtrlW})
	p.Key(tea.KeyMsg{Type: tea.KeyLeft})
	p.Key(tea.KeyMsg{Type: tea.KeyBackspace})
	if p.Value() != "file oss://b/ " {
		t.Fatalf("ctrl+w, left, backspace: %q", p.Value())
	}
	p.Key(tea.KeyMsg{Type: tea.KeyCtrlU})
	if p.Value() != " " {
		t.Fatalf("ctrl+u: %q", p.Value())
	}
}

func TestPromptViewFitsAndKeepsTheCursorInSight(t *testing.T) {
	p := cmdline.NewPrompt(styles())
	p.Open()
	typeKeys(p, "file oss://bucket/"+strings.Repeat("深", 200)+"/end.jpg")
	for w := 1; w <= 100; w++ {
		v := p.View(w, 1)
		uitest.CheckFrame(t, v, w, 1)
		if w >= 20 && !strings.Contains(v, "end.jpg") {
			t.Fatalf("width %d: the end of the line (the cursor) is out of sight: %q", w, v)
		}
	}
}

func TestPromptDropsBidiAndInvisibleFormatCharacters(t *testing.T) {
	p := cmdline.NewPrompt(styles())
	p.Open()
	p.Key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("file oss://b/x\u202egpj.exe\u2066\u200b"), Paste: true})
	if p.Value() != "file oss://b/xgpj.exe" {
		t.Fatalf("value %q: bidi and zero-width characters must not reach the prompt", p.Value())
	}
}

func TestPromptTabShowsEveryCommandInColumnsOrSaysHowManyMore(t *testing.T) {
	p := cmdline.NewPrompt(styles())
	p.Open()
	typeKeys(p, "tab")
	names := cmdline.Names()
	for _, w := range []int{80, 120} {
		v := p.View(w, 8)
		uitest.CheckFrame(t, v, w, strings.Count(v, "\n")+1)
		lines := strings.Split(v, "\n")
		if len(lines) < 2 || !strings.HasPrefix(lines[len(lines)-1], ":") {
			t.Fatalf("%d cells: want the candidates above the prompt line:\n%s", w, v)
		}
		words := strings.Fields(strings.Join(lines[:len(lines)-1], " "))
		if !slices.Equal(words, names) {
			t.Errorf("%d cells: the candidates are %q, want every command %q", w, words, names)
		}
	}
	// Two lines: one row of candidates, the rest counted.
	v := p.View(80, 2)
	lines := strings.Split(v, "\n")
	if len(lines) != 2 {
		t.Fatalf("at most 2 lines, got:\n%s", v)
	}
	words := strings.Fields(lines[0])
	shown := len(words) - 2
	if want := fmt.Sprintf("+%d more", len(names)-shown); !strings.HasSuffix(lines[0], want) || !slices.Equal(words[:shown], names[:shown]) {
		t.Fatalf("one row: %q, want the first commands then %q", lines[0], want)
	}
	// One line: the candidates that fit follow the text, the rest counted.
	v = p.View(80, 1)
	uitest.CheckFrame(t, v, 80, 1)
	if !strings.Contains(v, " more") || strings.Contains(v, "…") {
		t.Fatalf("one line: %q, want the candidates cut whole and counted", v)
	}
}
