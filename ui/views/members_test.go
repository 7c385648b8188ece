package views_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/views"
)

// membersFake is a fake whose cluster 0 has n member files, served
// pageSize per page.
func membersFake(n, pageSize int) (f *uitest.Fake, id string, faces int) {
	f = uitest.NewFake(10)
	f.AddCluster(0)
	f.MemberPageSize = pageSize
	id = f.Rows[0].ID
	return f, id, f.AddMembers(id, n)
}

// openMembers opens cluster id on its members and runs every command.
func openMembers(t *testing.T, env *views.Env, id string, w, h int) *views.Cluster {
	t.Helper()
	v := views.NewClusterMembers(env, id)
	t.Cleanup(v.Close)
	v.SetSize(w, h)
	uitest.Run(v, v.Init())
	return v
}

// messages runs cmd (and the batches in it) without delivering anything:
// the replies a view would get next. Spinner ticks are left out.
func messages(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil, spinner.TickMsg:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, messages(c)...)
		}
		return out
	default:
		return []tea.Msg{msg}
	}
}

// deliver gives v the messages and returns the commands they produced.
func deliver(v uitest.Updater, msgs []tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, m := range msgs {
		cmds = append(cmds, v.Update(m))
	}
	return tea.Batch(cmds...)
}

func memberRows(v *views.Cluster) (uris []string, figs []*imm.Figure) {
	m := v.Members()
	for i := 0; i < m.Len(); i++ {
		u, f := m.Row(i)
		uris, figs = append(uris, u), append(figs, f)
	}
	return uris, figs
}

func TestMembersAreEveryFaceOfTheClusterOutliersFirstAcrossPages(t *testing.T) {
	f, id, faces := membersFake(35, 10)
	v := openMembers(t, newEnv(f), id, 120, 40)
	calls := f.Members()
	if len(calls) != 4 {
		t.Fatalf("ClusterFiles calls = %+v, want 4 (35 files, 10 a page)", calls)
	}
	for i, c := range calls {
		if want := []string{"", "10", "20", "30"}[i]; c.Token != want || c.ClusterID != id ||
			!reflect.DeepEqual(c.Fields, views.MemberFields) {
			t.Fatalf("call %d = %+v, want token %q, the cluster and MemberFields", i, c, want)
		}
	}
	uris, figs := memberRows(v)
	if len(figs) != faces {
		t.Fatalf("rows = %d, want %d (one per face of the cluster)", len(figs), faces)
	}
	perFile := map[string]int{}
	for i, fg := range figs {
		perFile[uris[i]]++
		if fg.FigureClusterId != id {
			t.Fatalf("row %d is a face of %s, not of the cluster", i, fg.FigureClusterId)
		}
		if i == 0 {
			continue
		}
		p := figs[i-1]
		if p.FigureClusterConfidence > fg.FigureClusterConfidence ||
			(p.FigureClusterConfidence == fg.FigureClusterConfidence && p.FaceQuality > fg.FaceQuality) {
			t.Fatalf("rows %d,%d out of order: %v/%v then %v/%v", i-1, i, p.FigureClusterConfidence,
				p.FaceQuality, fg.FigureClusterConfidence, fg.FaceQuality)
		}
	}
	if perFile["oss://demo-bucket/members/0007.jpg"] != 2 {
		t.Fatalf("a file with two faces of the cluster gave %d rows, want 2", perFile["oss://demo-bucket/members/0007.jpg"])
	}
	if !v.Members().Done() || !strings.Contains(v.View(), fmt.Sprintf("%d faces in 35 files", faces)) {
		t.Fatalf("title after the last page:\n%s", v.View())
	}
}

func TestMembersTitleCountsFacesBelowPointSeven(t *testing.T) {
	f := uitest.NewFake(10)
	f.AddCluster(0)
	id := f.Rows[0].ID
	for i, c := range []float64{0.2, 0.69, 0.7, 0.95, 0} { // 0: not sent, not counted
		f.AddFile(&imm.File{URI: fmt.Sprintf("oss://b/%d.jpg", i), Figures: []imm.Figure{
			{FigureId: fmt.Sprint(i), FigureClusterId: id, FigureClusterConfidence: c}}})
	}
	v := openMembers(t, newEnv(f), id, 120, 30)
	if out := v.View(); !strings.Contains(out, "5 faces in 5 files, 2 below 0.7") {
		t.Fatalf("title lacks the counts:\n%s", out)
	}
}

func TestMembersPagingStopsAtTheBoundAndSaysSo(t *testing.T) {
	f, id, _ := membersFake(35, 10)
	env := newEnv(f)
	env.MemberLimit = 20
	v := openMembers(t, env, id, 120, 40)
	if n := len(f.Members()); n != 2 {
		t.Fatalf("ClusterFiles calls = %d, want 2 (bound of 20 files)", n)
	}
	if out := v.View(); !strings.Contains(out, "the first 20 of 35 files") {
		t.Fatalf("title does not say the list is cut:\n%s", out)
	}
	press(v, "c", "m") // a revisit asks for nothing past the bound
	if n := len(f.Members()); n != 2 {
		t.Fatalf("calls after a revisit = %d, want still 2", n)
	}
}

func TestMembersCursorStaysOnItsFaceWhilePagesArrive(t *testing.T) {
	f, _, _ := membersFake(30, 10)
	v := openCluster(t, f, 0, 120, 40)
	next := deliver(v, messages(v.Update(uitest.Key("m")))) // first page only
	press(v, "down", "down", "down")
	_, figs := memberRows(v)
	want := figs[v.Members().Cursor()]
	for next != nil {
		next = deliver(v, messages(next))
	}
	_, figs = memberRows(v)
	if got := figs[v.Members().Cursor()]; got != want {
		t.Fatalf("cursor moved from face %s to %s as pages arrived", want.FigureId, got.FigureId)
	}
	if len(f.Members()) != 3 {
		t.Fatalf("calls = %d, want 3", len(f.Members()))
	}
}

func TestMembersStaleReplyIsDropped(t *testing.T) {
	f, _, faces := membersFake(8, 100)
	v := openCluster(t, f, 0, 120, 40)
	old := messages(v.Update(uitest.Key("m")))
	fresh := messages(v.Update(uitest.Key("r"))) // starts over: the first reply is stale
	deliver(v, old)
	if n := v.Members().Len(); n != 0 {
		t.Fatalf("a superseded page was shown: %d rows", n)
	}
	deliver(v, fresh)
	if n := v.Members().Len(); n != faces {
		t.Fatalf("rows = %d, want %d (the page once)", n, faces)
	}
}

func TestMembersLeavingCancelsThePageInFlight(t *testing.T) {
	f, id, _ := membersFake(8, 100)
	f.MemberGate = make(chan struct{})
	v := views.NewClusterMembers(newEnv(f), id)
	v.SetSize(100, 30)
	cmd := v.Init()
	done := make(chan []tea.Msg)
	go func() { done <- messages(cmd) }()
	v.Close() // the root pops the view
	msgs := <-done
	deliver(v, msgs)
	if v.Err() != nil || v.Members().Len() != 0 {
		t.Fatalf("after leaving: err %v, %d rows; want a quiet cancel", v.Err(), v.Members().Len())
	}
}

func TestMembersHiddenPausesPagingAndRevisitResumes(t *testing.T) {
	f, _, faces := membersFake(30, 10)
	v := openCluster(t, f, 0, 120, 40)
	next := deliver(v, messages(v.Update(uitest.Key("m"))))
	press(v, "c") // the cover: the page in flight lands, no next one
	if cmd := deliver(v, messages(next)); cmd != nil && len(messages(cmd)) > 0 {
		t.Fatal("a hidden members list asked for another page")
	}
	if n := len(f.Members()); n != 2 {
		t.Fatalf("calls while hidden = %d, want 2", n)
	}
	press(v, "m")
	if n := v.Members().Len(); n != faces || len(f.Members()) != 3 {
		t.Fatalf("after the revisit: %d rows (want %d), %d calls (want 3)", n, faces, len(f.Members()))
	}
	press(v, "c", "m")
	if len(f.Members()) != 3 {
		t.Fatalf("a second revisit fetched again: %d calls", len(f.Members()))
	}
}

func TestMembersPageErrorShowsAndRRetriesThatPage(t *testing.T) {
	f, _, faces := membersFake(30, 10)
	v := openCluster(t, f, 0, 120, 40)
	next := deliver(v, messages(v.Update(uitest.Key("m"))))
	f.MemberErr = &imm.Error{Kind: imm.KindThrottled, Code: "Throttling", Message: "slow down"}
	deliver(v, messages(next))
	if v.Err() == nil || !strings.Contains(v.View(), "a page failed: r retries") {
		t.Fatalf("error not shown:\n%s", v.View())
	}
	f.MemberErr = nil
	press(v, "r")
	if n := v.Members().Len(); n != faces || v.Err() != nil {
		t.Fatalf("after r: %d rows (want %d), err %v", n, faces, v.Err())
	}
	if c := f.Members(); c[2].Token != "10" {
		t.Fatalf("r asked for token %q, want the failed page's 10", c[2].Token)
	}
}

func TestMembersEnterOpensTheFileOnFacesWithTheClusterMarked(t *testing.T) {
	f, id, _ := membersFake(8, 100)
	v := openMembers(t, newEnv(f), id, 120, 40)
	press(v, "down")
	uri, _ := v.Members().Row(1)
	msgs := messages(v.Update(uitest.Key("enter")))
	if len(msgs) != 1 {
		t.Fatalf("enter gave %v, want one push", msgs)
	}
	push, ok := msgs[0].(views.PushMsg)
	fv, isFile := push.View.(*views.File)
	if !ok || !isFile || fv.URI() != uri || fv.ClusterID() != id || fv.Active() != 1 {
		t.Fatalf("enter pushed %#v, want the File view of %s on Faces marking the cluster", msgs[0], uri)
	}
	before := len(f.FileRequests())
	fv.SetSize(120, 40)
	uitest.Run(fv, fv.Init())
	if len(f.FileRequests()) != before {
		t.Fatalf("the Faces pane fetched again: %+v", f.FileRequests()[before:])
	}
	if !strings.Contains(fv.View(), "Faces of "+views.FileName(uri)) {
		t.Fatalf("file view does not show Faces:\n%s", fv.View())
	}
	fv.Close()
}

func TestMembersPaneKeysGoBackToTheCoverOnThatPane(t *testing.T) {
	f, id, _ := membersFake(3, 100)
	v := openMembers(t, newEnv(f), id, 100, 30)
	if f.FileRequests() != nil {
		t.Fatalf("members opened with cover calls: %+v", f.FileRequests())
	}
	press(v, "3")
	if v.ShowingMembers() || v.Active() != 2 || !strings.Contains(v.View(), "Labels of") {
		t.Fatalf("3 in members: members=%v active=%d\n%s", v.ShowingMembers(), v.Active(), v.View())
	}
}

func TestMembersEmptyClusterSaysSo(t *testing.T) {
	f := uitest.NewFake(10)
	f.AddCluster(0)
	v := openMembers(t, newEnv(f), f.Rows[0].ID, 100, 30)
	if !strings.Contains(v.View(), "no file holds a face of this cluster") {
		t.Fatalf("empty members:\n%s", v.View())
	}
}

func TestMembersFirstPageErrorShowsWhatToDo(t *testing.T) {
	f, id, _ := membersFake(3, 100)
	f.MemberErr = errors.New("connection refused")
	v := openMembers(t, newEnv(f), id, 100, 30)
	if out := v.View(); !strings.Contains(out, "could not load the faces: r retries") {
		t.Fatalf("first page error:\n%s", out)
	}
	f.MemberErr = nil
	press(v, "r")
	if v.Members().Len() == 0 {
		t.Fatal("r did not reload the members")
	}
}

func TestMembersFramesFitEverySize(t *testing.T) {
	f, id, _ := membersFake(40, 100)
	v := openMembers(t, newEnv(f), id, 80, 24)
	press(v, "down", "down")
	for w := 1; w <= 130; w += 3 {
		for h := 1; h <= 45; h += 2 {
			v.SetSize(w, h)
			uitest.CheckFrame(t, v.View(), w, h)
		}
	}
}

// BenchmarkMembersFiveThousandFiles pages a 5,000-file cluster in (50
// pages, each merged into the order) and then moves and draws a frame:
// per op, the whole load; the frame's cost is reported apart.
func BenchmarkMembersFiveThousandFiles(b *testing.B) {
	f, id, _ := membersFake(5000, 100)
	env := newEnv(f)
	for b.Loop() {
		v := views.NewClusterMembers(env, id)
		v.SetSize(120, 40)
		uitest.Run(v, v.Init())
		v.Close()
	}
}

func BenchmarkMembersKeyAndFrameAtFiveThousandFiles(b *testing.B) {
	f, id, _ := membersFake(5000, 100)
	v := views.NewClusterMembers(newEnv(f), id)
	defer v.Close()
	v.SetSize(120, 40)
	uitest.Run(v, v.Init())
	down := uitest.Key("down")
	for b.Loop() {
		v.Update(down)
		_ = v.View()
	}
}

func TestMembersRefreshCancelsThePageItReplaces(t *testing.T) {
	f, id, _ := membersFake(8, 100)
	f.MemberGate = make(chan struct{})
	v := views.NewClusterMembers(newEnv(f), id)
	t.Cleanup(v.Close)
	v.SetSize(100, 30)
	first := v.Init()
	done := make(chan []tea.Msg)
	go func() { done <- messages(first) }()
	second := v.Update(uitest.Key("r")) // starts over while the first page waits
	// The first page's fetch returns only because its context was
	// cancelled (the gate never opens for it).
	if msgs := <-done; len(msgs) == 0 {
		t.Fatal("the replaced page gave no reply")
	}
	close(f.MemberGate)
	deliver(v, messages(second))
	if v.Err() != nil || v.Members().Len() == 0 {
		t.Fatalf("after the refresh: err %v, %d rows", v.Err(), v.Members().Len())
	}
}

func TestMembersCursorAtTheTopStaysOnTheWorstOutlier(t *testing.T) {
	f, _, _ := membersFake(30, 10)
	v := openCluster(t, f, 0, 120, 40)
	next := deliver(v, messages(v.Update(uitest.Key("m"))))
	for next != nil {
		next = deliver(v, messages(next))
	}
	if c := v.Members().Cursor(); c != 0 {
		t.Fatalf("cursor on row %d after the pages arrived; untouched, it stays on the worst outlier", c)
	}
}

func TestMembersFlaggedOnlyWithNoFlaggedFaceSaysHowToSeeThemAll(t *testing.T) {
	f := uitest.NewFake(10)
	f.AddCluster(0)
	id := f.Rows[0].ID
	for i := range 3 {
		f.AddFile(&imm.File{URI: fmt.Sprintf("oss://b/%d.jpg", i), ImageWidth: 4000, ImageHeight: 3000, Figures: []imm.Figure{
			{FigureId: fmt.Sprint(i), FigureClusterId: id, FigureClusterConfidence: 0.95, FaceQuality: 0.9, Sharpness: 0.9,
				Boundary: &imm.Boundary{Width: 800, Height: 800}}}})
	}
	v := openMembers(t, newEnv(f), id, 120, 30)
	if v.Members().Len() != 3 || v.Members().Flagged(0).Flags != 0 {
		t.Fatalf("want 3 faces without a flag: %d rows, first %q", v.Members().Len(), v.Members().Flagged(0).Flags)
	}
	press(v, "f")
	out := v.View()
	if v.Members().Len() != 0 || !strings.Contains(out, "0 flagged of 3 faces in 3 files") ||
		!strings.Contains(out, "No face loaded carries a flag (f shows every face).") {
		t.Fatalf("f with no flagged face: %d rows\n%s", v.Members().Len(), out)
	}
	press(v, "f")
	if v.Members().Len() != 3 || strings.Contains(v.View(), "carries a flag") {
		t.Fatalf("f again: %d rows\n%s", v.Members().Len(), v.View())
	}
}
