package views

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/widgets/table"
)

// names is the smallest screen on the engine: the files a fetch pages in,
// by name. Everything else (paging, bound, pause, merge, title, body,
// keys, help) is the fileList's.
type names struct{ *fileList[*imm.File] }

func newNames(env *Env, limit int, fetch func(context.Context, string) (state.FilePage, error)) *names {
	return &names{newFileList(env, namesSpec(limit, fetch))}
}

func namesSpec(limit int, fetch func(context.Context, string) (state.FilePage, error)) fileListSpec[*imm.File] {
	return fileListSpec[*imm.File]{
		Name:    "Names",
		Columns: []table.Column{{Title: "Name", Min: 8, Flex: 1}, {Title: "URI", Min: 10, Flex: 1, Drop: 1}},
		Fetch:   fetch, Limit: limit,
		Row:     func(f *imm.File) (*imm.File, bool) { return f, f.Filename != "skip" },
		File:    func(f *imm.File) *imm.File { return f },
		Compare: func(a, b *imm.File) int { return strings.Compare(a.Filename, b.Filename) },
		Cells:   func(f *imm.File, dst []string) { dst[0], dst[1] = f.Filename, f.URI },
		Words:   listWords{Loading: "looking for names...", Failed: "could not list the names: r retries", Empty: "no name"},
	}
}

// pages is a fetch over files, size a page (the token is the offset),
// TotalHits on the first page; it records the tokens asked for.
type pages struct {
	files  []*imm.File
	size   int
	tokens []string
	err    error
}

func (p *pages) fetch(ctx context.Context, token string) (state.FilePage, error) {
	p.tokens = append(p.tokens, token)
	if p.err != nil {
		return state.FilePage{}, p.err
	}
	from, _ := strconv.Atoi(token)
	to := min(from+p.size, len(p.files))
	page := state.FilePage{Files: p.files[from:to], Token: token}
	if to < len(p.files) {
		page.NextToken = strconv.Itoa(to)
	}
	if token == "" {
		page.TotalHits = int64(len(p.files))
	}
	return page, nil
}

// namedFiles is n files whose names sort in reverse of their order, so
// each page sorts before the last.
func namedFiles(n int) []*imm.File {
	out := make([]*imm.File, n)
	for i := range out {
		out[i] = &imm.File{URI: fmt.Sprintf("oss://b/%04d.jpg", i), Filename: fmt.Sprintf("n%04d", n-i)}
	}
	return out
}

func namesEnv() *Env {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return &Env{Styles: theme.New(r)}
}

func openNames(t *testing.T, p *pages, limit int) *names {
	t.Helper()
	v := newNames(namesEnv(), limit, p.fetch)
	t.Cleanup(v.Close)
	v.SetSize(80, 20)
	return v
}

// replies runs cmd and its batches without delivering anything, leaving
// spinner ticks out: the page replies the list gets next.
func replies(cmd tea.Cmd) []tea.Msg {
	msgs, _ := ticks(cmd)
	return msgs
}

func give(v uitest.Updater, msgs []tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, m := range msgs {
		cmds = append(cmds, v.Update(m))
	}
	return tea.Batch(cmds...)
}

func TestFileListPagesEveryPageInWhileShownInItsOrderOnce(t *testing.T) {
	files := namedFiles(25)
	files[12] = files[3] // a file on two pages counts once
	files[20].Filename = "skip"
	p := &pages{files: files, size: 10}
	v := openNames(t, p, 100)
	uitest.Run(v, v.Init())
	if strings.Join(p.tokens, ",") != ",10,20" || !v.Done() {
		t.Fatalf("tokens %q (done %v), want the three pages in turn", p.tokens, v.Done())
	}
	if v.Len() != 23 {
		t.Fatalf("rows %d, want 23 (25, one twice, one left out)", v.Len())
	}
	for i := 1; i < v.Len(); i++ {
		if v.list.rows[i-1].Filename > v.list.rows[i].Filename {
			t.Fatalf("rows out of order at %d: %s after %s", i, v.list.rows[i].Filename, v.list.rows[i-1].Filename)
		}
	}
	if got := v.Title(); got != "Names 23 files" {
		t.Fatalf("title %q", got)
	}
	uitest.CheckFrame(t, v.View(), 80, 20)
}

func TestFileListStopsAtTheBoundAndSaysSo(t *testing.T) {
	p := &pages{files: namedFiles(35), size: 10}
	v := openNames(t, p, 20)
	uitest.Run(v, v.Init())
	if len(p.tokens) != 2 || v.Len() != 20 || !v.Done() {
		t.Fatalf("%d calls, %d rows; want 2 and 20", len(p.tokens), v.Len())
	}
	if got := v.Title(); got != "Names the first 20 of 35 files" {
		t.Fatalf("title %q", got)
	}
	uitest.Run(v, v.Resume())
	if len(p.tokens) != 2 {
		t.Fatalf("a resume past the bound asked again: %q", p.tokens)
	}
}

func TestFileListPausedAsksForNoPageUntilResumed(t *testing.T) {
	p := &pages{files: namedFiles(30), size: 10}
	v := openNames(t, p, 100)
	first := replies(v.Init())
	v.Pause() // a view is pushed over it while the page is in flight
	if next := give(v, first); replies(next) != nil || len(p.tokens) != 1 {
		t.Fatalf("paused, the list asked for %q", p.tokens)
	}
	if got := v.Title(); got != "Names 10 of 30 files, paused" {
		t.Fatalf("title %q", got)
	}
	uitest.Run(v, v.Resume())
	if strings.Join(p.tokens, ",") != ",10,20" || v.Len() != 30 {
		t.Fatalf("after resume: tokens %q, %d rows", p.tokens, v.Len())
	}
}

func TestFileListCursorStaysOnItsRowAsPagesMerge(t *testing.T) {
	p := &pages{files: namedFiles(30), size: 10}
	v := openNames(t, p, 100)
	next := give(v, replies(v.Init()))
	for range 3 {
		v.Update(uitest.Key("down"))
	}
	want := v.list.rows[v.Cursor()]
	for msgs := replies(next); msgs != nil; msgs = replies(next) {
		next = give(v, msgs)
	}
	if v.Len() != 30 || v.list.rows[v.Cursor()] != want || v.Cursor() == 3 {
		t.Fatalf("cursor on %v at %d (%d rows), want it kept on %v, which moved down", v.list.rows[v.Cursor()], v.Cursor(), v.Len(), want)
	}
}

func TestFileListDropsAStaleReply(t *testing.T) {
	p := &pages{files: namedFiles(8), size: 100}
	v := openNames(t, p, 100)
	old := replies(v.Init())
	fresh := replies(v.Update(uitest.Key("r"))) // starts over: old is stale
	give(v, old)
	if v.Len() != 0 || !v.Busy() {
		t.Fatalf("a superseded page was taken: %d rows, busy %v", v.Len(), v.Busy())
	}
	give(v, fresh)
	if v.Len() != 8 {
		t.Fatalf("rows %d, want 8", v.Len())
	}
}

func TestFileListKeepsOnlyItsOwnSpinnerTicks(t *testing.T) {
	p := &pages{files: namedFiles(8), size: 100}
	v := openNames(t, p, 100)
	init := v.Init()
	if !strings.Contains(v.Title(), "| looking for names...") {
		t.Fatalf("title while the first page comes: %q", v.Title())
	}
	own := spinner.TickMsg{ID: v.spin.m.ID()}
	if v.Update(spinner.TickMsg{ID: v.spin.m.ID() + 1000}) != nil {
		t.Fatal("another spinner's tick was taken")
	}
	if v.Update(own) == nil {
		t.Fatal("its own tick, a page in flight, scheduled no next tick")
	}
	give(v, replies(init)) // the page, before the tick scheduled comes
	v.Update(spinner.TickMsg{ID: v.spin.m.ID() + 1000})
	page, n := ticks(v.Update(uitest.Key("r")))
	if n != 0 {
		t.Fatal("another spinner's tick made r start a second tick while one is scheduled")
	}
	give(v, page)
	v.Update(own)
	if v.Update(own) != nil || v.spin.ticking {
		t.Fatal("idle, the spinner still ticks")
	}
}

// ticks runs cmd: the other messages, and how many spinner ticks it starts.
func ticks(cmd tea.Cmd) (msgs []tea.Msg, n int) {
	if cmd == nil {
		return nil, 0
	}
	switch msg := cmd().(type) {
	case nil:
	case spinner.TickMsg:
		n++
	case tea.BatchMsg:
		for _, c := range msg {
			m, k := ticks(c)
			msgs, n = append(msgs, m...), n+k
		}
	default:
		msgs = append(msgs, msg)
	}
	return msgs, n
}

func TestFileListAheadAsksOnlyAsTheCursorNearsTheEnd(t *testing.T) {
	p := &pages{files: namedFiles(300), size: 100}
	spec := namesSpec(1000, p.fetch)
	spec.Ahead, spec.Compare = true, nil // the API's order
	v := newFileList(namesEnv(), spec)
	t.Cleanup(v.Close)
	v.SetSize(80, 20)
	uitest.Run(v, v.Init())
	uitest.Run(v, v.Resume())
	if len(p.tokens) != 1 || v.Len() != 100 || strings.Contains(v.Title(), "paused") {
		t.Fatalf("at start: %q, %d rows, title %q; want one page and no pause", p.tokens, v.Len(), v.Title())
	}
	uitest.Run(v, v.Update(uitest.Key("end")))
	if len(p.tokens) != 2 || v.Len() != 200 || v.list.rows[100] != p.files[100] {
		t.Fatalf("at the end: %q, %d rows; want the second page after the first", p.tokens, v.Len())
	}
}

func TestFileListWithNoRowSaysWhy(t *testing.T) {
	p := &pages{err: &imm.Error{Kind: imm.KindThrottled, Code: "Throttling.User", StatusCode: 429, RequestId: "RID-1"}, size: 10}
	v := openNames(t, p, 100)
	uitest.Run(v, v.Init())
	out := v.View()
	if !strings.HasPrefix(out, "Names could not list the names: r retries") || !strings.Contains(out, "RID-1") ||
		v.Err() == nil || v.ShortHelp()[0].Help().Key != "r" {
		t.Fatalf("error: help %v\n%s", v.ShortHelp(), out)
	}
	p.err = nil
	uitest.Run(v, v.Update(uitest.Key("r")))
	if got := v.Title(); got != "Names no name" || v.Err() != nil {
		t.Fatalf("after r on an empty list: %q, err %v", got, v.Err())
	}

	b := openNames(t, &pages{size: 10}, 100)
	b.block(errors.New("bad query"), "the query does not compile", "bad query")
	if b.Init() != nil || b.Update(uitest.Key("r")) != nil || b.Err() == nil || !strings.Contains(b.View(), "bad query") {
		t.Fatalf("a blocked list asked, or hid why:\n%s", b.View())
	}
	uitest.CheckFrame(t, b.View(), 80, 20)
}

// The engine makes a whole screen: names needs nothing more to be a View.
var _ View = (*names)(nil)

func TestPagedListReplaceSortsKeepsTheCursorOnItsRowAndMayEmpty(t *testing.T) {
	v := openNames(t, &pages{files: namedFiles(10), size: 100}, 100)
	uitest.Run(v, v.Init())
	for range 3 {
		v.Update(uitest.Key("down"))
	}
	want := v.list.rows[3]
	// Every row comes again, out of order, with two that sort first.
	rows := append([]*imm.File{{URI: "oss://b/b", Filename: "b"}, {URI: "oss://b/a", Filename: "a"}}, v.list.rows...)
	slices.Reverse(rows)
	v.list.replace(rows)
	if v.Len() != 12 || v.table.Len() != 12 || v.list.rows[0].Filename != "a" {
		t.Fatalf("%d rows (table %d), first %q; want 12, sorted", v.Len(), v.table.Len(), v.list.rows[0].Filename)
	}
	for i := 1; i < v.Len(); i++ {
		if v.list.rows[i-1].Filename > v.list.rows[i].Filename {
			t.Fatalf("rows out of order at %d", i)
		}
	}
	if v.list.rows[v.Cursor()] != want || v.Cursor() != 5 {
		t.Fatalf("cursor on %v at %d, want kept on %v (now row 5)", v.list.rows[v.Cursor()], v.Cursor(), want)
	}

	v.table.SetCursor(0) // untouched: the cursor stays on what sorts first
	v.list.replace(slices.Clone(v.list.rows[1:]))
	if v.Cursor() != 0 || v.list.rows[0].Filename != "b" {
		t.Fatalf("cursor at %d on %q, want the first row, b", v.Cursor(), v.list.rows[0].Filename)
	}

	v.table.SetFilter("n000") // the table's matches follow the rows too
	v.list.replace(nil)
	if v.Len() != 0 || v.table.Len() != 0 || v.Cursor() != 0 {
		t.Fatalf("emptied: %d rows, table %d, cursor %d", v.Len(), v.table.Len(), v.Cursor())
	}
	uitest.CheckFrame(t, v.View(), 80, 20)
}

// faces is a list whose rows depend on every file loaded (like Members):
// each file's tag, numbered by how many files carry it so far.
type faces struct {
	*fileList[string]
	loaded []*imm.File
}

func TestFileListRowsReplaceEveryRowAsEachPageComes(t *testing.T) {
	p := &pages{files: namedFiles(25), size: 10}
	p.files[12] = p.files[3] // on two pages: handed over once
	v := &faces{}
	spec := namesSpec(100, p.fetch)
	v.fileList = newFileList(namesEnv(), fileListSpec[string]{
		Name: "Tags", Columns: spec.Columns, Fetch: p.fetch, Limit: 100,
		Rows: func(fresh []*imm.File) []string {
			v.loaded = append(v.loaded, fresh...)
			return []string{fmt.Sprintf("all %d", len(v.loaded)), fmt.Sprintf("new %d", len(fresh))}
		},
		File:  func(string) *imm.File { return nil },
		Same:  func(a, b string) bool { return a[:3] == b[:3] },
		Cells: func(r string, dst []string) { dst[0] = r },
		Words: listWords{Loading: "loading", Hidden: []string{"every row hidden"}},
		Tail:  func() string { return " (tail)" },
	})
	t.Cleanup(v.Close)
	v.SetSize(80, 20)
	next := give(v, replies(v.Init()))
	v.Update(uitest.Key("down")) // on "new 10"
	for msgs := replies(next); msgs != nil; msgs = replies(next) {
		next = give(v, msgs)
	}
	if strings.Join(v.list.rows, ",") != "all 24,new 5" || v.pager.files != 24 || v.Cursor() != 1 {
		t.Fatalf("rows %q, %d files, cursor %d; want every row anew from 24 files, the cursor on new", v.list.rows, v.pager.files, v.Cursor())
	}
	if got := v.Title(); got != "Tags 24 files (tail)" {
		t.Fatalf("title %q", got)
	}
	v.list.replace(nil) // the screen's own filter hides every row
	if got := v.View(); !strings.Contains(got, "Tags 24 files (tail)\nevery row hidden") {
		t.Fatalf("no row shown of the files loaded:\n%s", got)
	}
}
