package views_test

import (
	"context"
	"testing"

	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/panes"
	"github.com/immtui/immtui/ui/views"
)

// One language setting: the panes show first the first of Env.Languages,
// the languages the lists order labels and places by.
func TestThePanesShowTheFirstOfTheEnvsLanguages(t *testing.T) {
	for _, tc := range []struct {
		langs []string
		want  string
	}{
		{[]string{"zh-CN", "zh", "en"}, "zh-CN"},
		{nil, ""}, // none known: the panes show every language
	} {
		env := newEnv(uitest.NewFake(1))
		env.Languages = tc.langs
		got, built := "", false
		env.NewPanes = func(pctx panes.Context) []panes.Pane {
			got, built = pctx.Language, true
			return uitest.StubPanes(pctx)
		}
		views.NewFilePanes(env, context.Background(), panes.Context{})
		if !built || got != tc.want {
			t.Fatalf("Languages %v: the panes were given %q (built %v), want %q", tc.langs, got, built, tc.want)
		}
	}
}
