package panes

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

func TestLangRankPrefersTheSameTagThenScriptThenLanguage(t *testing.T) {
	for _, c := range []struct {
		lang, user string
		want       int
	}{
		{"zh-Hans", "zh-Hans", 0}, {"zh-hans", "zh-Hans", 0}, {"zh-Hans", "zh-CN", 1}, {"zh-Hant", "zh-TW", 1},
		{"zh-Hant", "zh-CN", 2}, {"en", "en-US", 2}, {"en", "zh-CN", -1}, {"", "en", -1}, {"en", "", -1},
	} {
		if got := langRank(c.lang, c.user); got != c.want {
			t.Errorf("langRank(%q, %q) = %d, want %d", c.lang, c.user, got, c.want)
		}
	}
}

func TestLangOrderShowsTheBestLanguageOrAllOfThem(t *testing.T) {
	langs := []string{"en", "zh-Hans", "zh-Hant"}
	if shown, hidden := (langChoice{user: "zh-CN"}).order(langs); strings.Join(shown, ",") != "zh-Hans" || hidden != 2 {
		t.Errorf("zh-CN: %v, %d hidden", shown, hidden)
	}
	if shown, _ := (langChoice{user: "zh-CN", all: true}).order(langs); strings.Join(shown, ",") != "zh-Hans,zh-Hant,en" {
		t.Errorf("zh-CN, all: %v", shown)
	}
	// No language serves a French reader: every one is shown, none hidden.
	if shown, hidden := (langChoice{user: "fr"}).order(langs); len(shown) != 3 || hidden != 0 {
		t.Errorf("fr: %v, %d hidden", shown, hidden)
	}
}

func langPane(t *testing.T, name, lang string, w, h int) Pane {
	ctx := testContext()
	ctx.Language = lang
	p := paneByName(t, ctx, name)
	p.SetSize(w, h)
	p.SetFile(cjkFile(t))
	return p
}

func TestLabelsShowTheUsersLanguageAndLShowsEveryOne(t *testing.T) {
	p := langPane(t, "Labels", "en-GB", 120, 40)
	v := p.View()
	if !strings.Contains(v, "People") || strings.Contains(v, "人物") || !strings.Contains(v, "also in zh-Hans: L shows every language") {
		t.Fatalf("en-GB reader:\n%s", v)
	}
	p.Update(press("L"))
	v = p.View()
	if !strings.Contains(v, "People") || !strings.Contains(v, "人物") || strings.Contains(v, "also in") {
		t.Fatalf("after L:\n%s", v)
	}
	if strings.Index(v, "People") > strings.Index(v, "人物") {
		t.Fatalf("the reader's language is not first:\n%s", v)
	}
	if !hasHelp(p, "L") {
		t.Fatal("the Labels pane's help lacks L")
	}
	if hasHelp(langPane(t, "Streams", "en", 80, 24), "L") {
		t.Fatal("Streams offers L, but has nothing in several languages")
	}
}

func TestOCRAndAddressesShowTheUsersLanguage(t *testing.T) {
	v := langPane(t, "OCR", "zh-CN", 120, 60).View()
	if !strings.Contains(v, "#1") || !strings.Contains(v, "#3") || strings.Contains(v, "#2  ") {
		t.Fatalf("OCR for zh-CN shows block 2 (mixed):\n%s", v)
	}
	p := langPane(t, "Addresses", "en", 120, 60)
	v = p.View()
	if !strings.Contains(v, "Address (en)") || strings.Contains(v, "Address (zh-Hans)") {
		t.Fatalf("Addresses for en:\n%s", v)
	}
}

func TestGoldenLabelsInOneLanguage(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			v := langPane(t, "Labels", "zh-CN", sz[0], sz[1]).View()
			assertFits(t, v, sz[0], sz[1])
			golden.RequireEqual(t, []byte(v))
		})
	}
}
