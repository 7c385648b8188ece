package views_test

import (
	"cmp"
	"strings"
	"testing"

	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/ui/internal/uitest"
)

func TestMembersSKeyCyclesTheSortColumnAndSFlipsIt(t *testing.T) {
	f := uitest.NewFake(10)
	f.AddCluster(0)
	f.AddMembers(f.Rows[0].ID, 12)
	v := openMembers(t, newEnv(f), f.Rows[0].ID, 120, 30)
	m := v.Members()
	press(v, "s") // Flags -> ClConf, ascending
	if !strings.Contains(v.View(), "by ClConf asc") {
		t.Fatalf("s: the title does not say the sort:\n%s", v.View())
	}
	conf := func(i int) float64 { return m.Flagged(i).Figure.FigureClusterConfidence }
	for i := 1; i < m.Len(); i++ {
		if conf(i-1) > conf(i) {
			t.Fatalf("by ClConf asc: row %d %v before %v", i-1, conf(i-1), conf(i))
		}
	}
	press(v, "S")
	for i := 1; i < m.Len(); i++ {
		if conf(i-1) < conf(i) {
			t.Fatalf("by ClConf desc: row %d %v before %v", i-1, conf(i-1), conf(i))
		}
	}
	press(v, "s", "s", "s") // AgeOff, Qual, Sharp
	if !strings.Contains(v.View(), "by Sharp desc") {
		t.Fatalf("three more s: the title does not say Sharp:\n%s", v.View())
	}
	for range 7 { // round to Flags again (11 columns)
		press(v, "s")
	}
	press(v, "S")
	if strings.Contains(v.View(), "sorted by") {
		t.Fatalf("back on Flags asc, the title still names a sort:\n%s", v.View())
	}
}

func TestMembersFlagsColumnSpellsEachFlag(t *testing.T) {
	f := uitest.NewFake(10)
	f.AddCluster(0)
	f.AddMembers(f.Rows[0].ID, 12)
	v := openMembers(t, newEnv(f), f.Rows[0].ID, 120, 30)
	m := v.Members()
	out := v.View()
	for i := range m.Len() {
		fl := m.Flagged(i)
		if fl.Flags.Has(review.FlagLowCluster) != (fl.Figure.FigureClusterConfidence < 0.7) {
			t.Errorf("row %d: confidence %v, flags %q", i, fl.Figure.FigureClusterConfidence, fl.Flags)
		}
	}
	first := m.Flagged(0).Flags.String()
	if first == "" || !strings.Contains(out, "> "+cmp.Or(first[:4], first)) {
		t.Fatalf("the first row's flags %q are not spelt in the Flags column:\n%s", first, out)
	}
	uitest.CheckFrame(t, out, 120, 30)
}

// TestMembersSortIsSaidAtEightyColumns: the title's faces per flag are
// long, so the sort comes before them, where a title cut at 80 columns
// keeps it; s and S also say it in the notice, Flags included.
func TestMembersSortIsSaidAtEightyColumns(t *testing.T) {
	f := uitest.NewFake(10)
	f.AddCluster(0)
	f.AddMembers(f.Rows[0].ID, 12)
	v := openMembers(t, newEnv(f), f.Rows[0].ID, 80, 24)
	title := func() string {
		for _, l := range strings.Split(v.View(), "\n") {
			if strings.HasPrefix(l, "Members ") {
				return l
			}
		}
		t.Fatalf("no Members title:\n%s", v.View())
		return ""
	}
	for _, step := range []struct{ key, want string }{
		{"s", "sorted by ClConf asc"},
		{"S", "sorted by ClConf desc"},
		{"s", "sorted by AgeOff desc"},
	} {
		press(v, step.key)
		if got := title(); !strings.Contains(got, step.want) {
			t.Errorf("after %s the title %q does not say %q", step.key, got, step.want)
		}
		if got := v.Notice(); got != step.want {
			t.Errorf("after %s the notice %q, want %q", step.key, got, step.want)
		}
	}
	for range 9 { // round to Flags again (11 columns)
		press(v, "s")
	}
	press(v, "S")
	if got, want := v.Notice(), "sorted by Flags, worst first"; got != want {
		t.Errorf("back on Flags: notice %q, want %q", got, want)
	}
}
