package views_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/views"
)

// problemsFake is a fake with n files not indexed, served pageSize a page.
func problemsFake(n, pageSize int) *uitest.Fake {
	f := uitest.NewFake(10)
	f.ProblemPageSize = pageSize
	f.AddProblems(n)
	return f
}

func openProblems(t *testing.T, env *views.Env, w, h int) *views.Problems {
	t.Helper()
	v := views.NewProblems(env)
	t.Cleanup(v.Close)
	v.SetSize(w, h)
	uitest.Run(v, v.Init())
	return v
}

func TestProblemsListEveryFileNotIndexedByReasonCodeThenName(t *testing.T) {
	f := problemsFake(12, 5)
	v := openProblems(t, newEnv(f), 140, 30)
	calls := f.Problems()
	if len(calls) != 3 {
		t.Fatalf("ProblemFiles calls = %+v, want 3 (12 files, 5 a page)", calls)
	}
	for i, c := range calls {
		if want := []string{"", "5", "10"}[i]; c.Token != want {
			t.Fatalf("call %d token %q, want %q", i, c.Token, want)
		}
		// The row's fields and the first pane's (Enter opens it).
		for _, fl := range []string{"ObjectStatus", "Reason", "UpdateTime", "Filename", "Size"} {
			if !slices.Contains(c.Fields, fl) {
				t.Fatalf("call %d fields %v lack %s", i, c.Fields, fl)
			}
		}
	}
	if v.Len() != 12 || !v.Done() {
		t.Fatalf("rows %d (done %v), want 12; the indexed file is not a problem", v.Len(), v.Done())
	}
	var codes []string
	for i := 0; i < v.Len(); i++ {
		uri, code := v.Row(i)
		codes = append(codes, code)
		if strings.HasSuffix(uri, "indexed.jpg") {
			t.Fatalf("row %d is the indexed file", i)
		}
	}
	want := []string{"InternalError", "InternalError", "InternalError", "InternalError", "InternalError", "InternalError",
		"InvalidArgument", "InvalidArgument", "InvalidArgument", "-", "-", "-"}
	if !slices.Equal(codes, want) {
		t.Fatalf("codes in order %v, want %v", codes, want)
	}
	// Within a code, by name: AddProblems names file i "p(12-i)".
	first, _ := v.Row(0)
	if first != "oss://demo-bucket/problems/0010.jpg" {
		t.Fatalf("first row %s, want 0010.jpg (named p0002, the first InternalError by name)", first)
	}
	out := v.View()
	for _, s := range []string{"12 files not indexed: 6 InternalError, 3 InvalidArgument, 3 without a code",
		"Failed", "Processing", " 500 ", " 400 ", "p0002.jpg", "2024-06-11 08:10"} {
		if !strings.Contains(out, s) {
			t.Fatalf("screen lacks %q:\n%s", s, out)
		}
	}
}

func TestReasonCodeAndHTTPStatusComeFromTheReason(t *testing.T) {
	for reason, want := range map[string][2]string{
		"[InternalError] failed. status: 500, requestId: X": {"InternalError", "500"},
		"[InvalidArgument] bad":                             {"InvalidArgument", ""},
		"no code here, status: 404":                         {"-", "404"},
		"[] empty":                                          {"-", ""},
		"[" + strings.Repeat("x", 100) + "] too long":       {"-", ""},
		"[Bad\x1b[31mCode] status: 5000, status: 503":       {`Bad\x1b[31mCode`, "503"},
		"": {"-", ""},
	} {
		if c, h := views.ReasonCode(reason), views.ReasonHTTPStatus(reason); c != want[0] || h != want[1] {
			t.Errorf("%q: code %q http %q, want %q %q", reason, c, h, want[0], want[1])
		}
	}
}

func TestProblemsPagingStopsAtTheBoundAndSaysSo(t *testing.T) {
	f := problemsFake(35, 10)
	env := newEnv(f)
	env.ProblemLimit = 20
	v := openProblems(t, env, 120, 30)
	if n := len(f.Problems()); n != 2 || v.Len() != 20 {
		t.Fatalf("calls %d rows %d, want 2 and 20 (bound of 20 files)", n, v.Len())
	}
	if out := v.View(); !strings.Contains(out, "the first 20 of 35 files not indexed") {
		t.Fatalf("title does not say the list is cut:\n%s", out)
	}
	uitest.Run(v, v.Resume())
	if n := len(f.Problems()); n != 2 {
		t.Fatalf("calls after a resume = %d, want still 2", n)
	}
}

func TestProblemsPagingStopsAtTheBoundEvenWhenEveryFileIsDropped(t *testing.T) {
	f := problemsFake(0, 10)
	for i := 0; i < 100; i++ {
		f.AddFile(&imm.File{URI: fmt.Sprintf("oss://b/ok-%03d.jpg", i), Filename: "ok.jpg", ObjectStatus: "Indexed"})
	}
	f.ProblemFilterIgnored = true
	env := newEnv(f)
	env.ProblemLimit = 20
	v := openProblems(t, env, 120, 30)
	if n := len(f.Problems()); n > 2 || v.Len() != 0 {
		t.Fatalf("calls %d rows %d: a server ignoring the filter must not page the whole dataset", n, v.Len())
	}
}

func TestProblemsCursorStaysOnItsFileWhilePagesArrive(t *testing.T) {
	f := problemsFake(30, 10)
	v := views.NewProblems(newEnv(f))
	t.Cleanup(v.Close)
	v.SetSize(120, 30)
	next := deliver(v, messages(v.Init())) // the first page only
	press(v, "down", "down", "down")
	want, _ := v.Row(v.Cursor())
	for next != nil {
		next = deliver(v, messages(next))
	}
	if got, _ := v.Row(v.Cursor()); got != want || v.Len() != 30 {
		t.Fatalf("cursor moved from %s to %s as pages arrived (%d rows)", want, got, v.Len())
	}
}

func TestProblemsStaleReplyIsDropped(t *testing.T) {
	f := problemsFake(8, 100)
	v := views.NewProblems(newEnv(f))
	t.Cleanup(v.Close)
	v.SetSize(120, 30)
	old := messages(v.Init())
	fresh := messages(v.Update(uitest.Key("r"))) // starts over: the first reply is stale
	deliver(v, old)
	if v.Len() != 0 {
		t.Fatalf("a superseded page was shown: %d rows", v.Len())
	}
	deliver(v, fresh)
	if v.Len() != 8 {
		t.Fatalf("rows = %d, want 8 (the page once)", v.Len())
	}
}

func TestProblemsLeavingCancelsThePageInFlight(t *testing.T) {
	f := problemsFake(8, 100)
	f.ProblemGate = make(chan struct{})
	v := views.NewProblems(newEnv(f))
	v.SetSize(100, 30)
	cmd := v.Init()
	done := make(chan []tea.Msg)
	go func() { done <- messages(cmd) }()
	v.Close() // the root pops the view
	deliver(v, <-done)
	if v.Err() != nil || v.Len() != 0 {
		t.Fatalf("after leaving: err %v, %d rows; want a quiet cancel", v.Err(), v.Len())
	}
}

func TestProblemsEnterOpensTheFileWithNoFetch(t *testing.T) {
	f := problemsFake(3, 100)
	v := openProblems(t, newEnv(f), 120, 30)
	press(v, "down")
	uri, _ := v.Row(1)
	msgs := messages(v.Update(uitest.Key("enter")))
	if len(msgs) != 1 {
		t.Fatalf("enter gave %v", msgs)
	}
	push, ok := msgs[0].(views.PushMsg)
	fv, isFile := push.View.(*views.File)
	if !ok || !isFile || fv.URI() != uri || fv.Active() != 0 {
		t.Fatalf("enter pushed %#v, want the File view of %s on Overview", msgs[0], uri)
	}
	t.Cleanup(fv.Close)
	fv.SetSize(120, 30)
	uitest.Run(fv, fv.Init())
	if reqs := f.FileRequests(); len(reqs) != 0 {
		t.Fatalf("opening a problem fetched %+v; the page had its fields", reqs)
	}
	if out := fv.View(); !strings.Contains(out, "Overview of "+f.FileMap[uri].Filename) {
		t.Fatalf("file view:\n%s", out)
	}
}

func TestProblemsEmptySaysEveryFileIsIndexed(t *testing.T) {
	f := problemsFake(0, 100)
	v := openProblems(t, newEnv(f), 100, 20)
	if out := v.View(); !strings.Contains(out, "every file is indexed") || v.Err() != nil {
		t.Fatalf("empty list:\n%s", out)
	}
	uitest.CheckFrame(t, v.View(), 100, 20)
}

func TestProblemsErrorShowsTheRequestIDAndRRetries(t *testing.T) {
	f := problemsFake(30, 10)
	f.ProblemErr = &imm.Error{Kind: imm.KindThrottled, Code: "Throttling.User", StatusCode: 429,
		Message: "Request was denied due to user flow control.", RequestId: "RID-THROTTLED-1"}
	v := openProblems(t, newEnv(f), 120, 30)
	out := v.View()
	for _, s := range []string{"could not list the files not indexed: r retries", "Throttling.User (HTTP 429)", "Request ID: RID-THROTTLED-1"} {
		if !strings.Contains(out, s) {
			t.Fatalf("error screen lacks %q:\n%s", s, out)
		}
	}
	if v.Err() == nil || v.ShortHelp()[0].Help().Key != "r" {
		t.Fatalf("err %v, help %v: r should lead the help", v.Err(), v.ShortHelp())
	}
	f.ProblemErr = nil
	press(v, "r")
	if v.Err() != nil || v.Len() != 30 || !v.Done() {
		t.Fatalf("after r: err %v, %d rows (done %v), want all 30", v.Err(), v.Len(), v.Done())
	}
}

func TestProblemsFramesFitEverySize(t *testing.T) {
	f := problemsFake(40, 100)
	f.AddFile(&imm.File{URI: "oss://bucket/" + strings.Repeat("深い/", 200) + "名前\x1b[2J.jpg", ObjectStatus: "Failed\x07",
		Reason: "[" + strings.Repeat("错", 30) + "] status: 500", Filename: strings.Repeat("😀", 300)})
	v := openProblems(t, newEnv(f), 100, 30)
	for w := 1; w <= 140; w += 3 {
		for h := 1; h <= 45; h += 2 {
			v.SetSize(w, h)
			uitest.CheckFrame(t, v.View(), w, h)
		}
	}
}
