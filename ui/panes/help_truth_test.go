package panes

import (
	"strings"
	"testing"

	"github.com/immtui/immtui/imm"
)

// The help offers L only where pressing it changes what is shown: a file
// whose labels are all in one language has nothing to switch to, nor has a
// reader none of whose languages is there (every one is shown already).
func TestLanguageKeyIsOfferedOnlyWhenItChangesWhatIsShown(t *testing.T) {
	if p := langPane(t, "Labels", "en-GB", 120, 40); !hasHelp(p, "L") {
		t.Fatal("labels in en and zh-Hans, en-GB reader: L is not offered")
	}
	if p := langPane(t, "Labels", "fr", 120, 40); hasHelp(p, "L") {
		t.Fatalf("a French reader sees every language already, yet L is offered:\n%s", p.View())
	}
	ctx := testContext()
	ctx.Language = "en"
	p := paneByName(t, ctx, "Labels")
	p.SetSize(120, 40)
	f := cjkFile(t)
	var en []imm.Label
	for _, l := range f.Labels {
		if l.Language == "en" {
			en = append(en, l)
		}
	}
	f.Labels = en
	p.SetFile(f)
	if hasHelp(p, "L") {
		t.Fatalf("labels in English only, yet L is offered:\n%s", p.View())
	}
	before := p.View()
	p.Update(press("L"))
	if p.View() != before {
		t.Fatal("L, not offered, still changed the pane")
	}
	if !strings.Contains(before, "People") {
		t.Fatalf("the English labels are not shown:\n%s", before)
	}
}
