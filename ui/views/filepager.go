package views

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/widgets/errview"
)

// filePageMsg is the reply to one page request of a filePager.
type filePageMsg struct {
	req  int64
	page state.FilePage
	err  error
}

// filePager is the paging of a list of files that loads itself: the first
// page on Show, then each next page as soon as the last arrives, while the
// list is shown and until the query ends or limit files are loaded. Hidden,
// it pauses; shown again, it resumes where it stopped. It is the paging
// half of every fileList (filelist.go), which keeps the rows.
type filePager struct {
	ctx   context.Context // the owner's: closing it stops every page
	env   *Env
	fetch func(ctx context.Context, token string) (state.FilePage, error)
	limit int

	files  int   // files loaded, as the owner's add counted them
	seen   int   // files received, kept or not: bounds paging even if add keeps none
	total  int64 // files the query matches (-1: not known yet)
	next   string
	done   bool // the last page came, or the bound was reached
	capped bool // stopped at the bound with pages left
	err    error
	guard  state.PageGuard // stops a server whose pages make no progress

	shown   bool
	pending int64              // page request in flight (0: none)
	stop    context.CancelFunc // cancels the page in flight when a newer one replaces it
}

func newFilePager(env *Env, ctx context.Context, limit int, fetch func(context.Context, string) (state.FilePage, error)) filePager {
	return filePager{env: env, ctx: ctx, fetch: fetch, limit: limit, total: -1}
}

// show starts or resumes the paging: the next page is asked for unless one
// is in flight, paging ended or the last page failed (r retries).
func (p *filePager) show() tea.Cmd {
	p.shown = true
	if p.done || p.pending != 0 || p.err != nil {
		return nil
	}
	return p.request()
}

// hide pauses the paging: a page in flight is kept, no next one is asked
// for until show.
func (p *filePager) hide() { p.shown = false }

// refresh retries the page that failed; with none failed, or when paging
// stalled (the same page would stall again), it calls reset (the owner
// drops its rows) and starts over.
func (p *filePager) refresh(reset func()) tea.Cmd {
	if p.err != nil && p.files > 0 && !state.IsPagingStalled(p.err) {
		p.err = nil
		return p.request()
	}
	reset()
	p.files, p.seen, p.total, p.next, p.done, p.capped, p.err = 0, 0, -1, "", false, false, nil
	p.guard.Reset()
	return p.request()
}

// restart forgets every page and will page in fetch's files from the
// first (a new sort); the page in flight is cancelled and its reply, no
// longer awaited, dropped. Paging is hidden until the next show.
func (p *filePager) restart(fetch func(context.Context, string) (state.FilePage, error)) {
	if p.stop != nil {
		p.stop()
	}
	*p = newFilePager(p.env, p.ctx, p.limit, fetch)
}

// request asks for the page after p.next, superseding any in flight.
func (p *filePager) request() tea.Cmd {
	req := p.env.NextID()
	p.pending = req
	if p.stop != nil {
		p.stop() // a refresh replaces the page in flight: nobody waits for it
	}
	ctx, stop := context.WithCancel(p.ctx)
	p.stop = stop
	fetch, token := p.fetch, p.next
	return func() tea.Msg {
		page, err := fetch(ctx, token)
		return filePageMsg{req: req, page: page, err: err}
	}
}

// onPage takes a reply: a superseded one is dropped, an error kept (but
// not a cancellation), the files handed to add, which returns how many
// were new. It asks for the next page while shown and not done.
func (p *filePager) onPage(msg filePageMsg, add func([]*imm.File) int) tea.Cmd {
	if msg.req != p.pending {
		return nil // superseded: a refresh started over, or another list's
	}
	p.pending = 0
	if p.stop != nil {
		p.stop() // releases the request's context
		p.stop = nil
	}
	if msg.err != nil {
		if !errview.Quiet(msg.err) {
			p.err = msg.err
		}
		return nil
	}
	p.err = nil
	if msg.page.Token == "" {
		p.total = msg.page.TotalHits
	}
	p.files += add(msg.page.Files)
	p.seen += len(msg.page.Files)
	p.next = msg.page.NextToken
	p.done = p.next == ""
	if err := p.guard.Page(msg.page.Token, len(msg.page.Files), p.next); err != nil {
		p.err = err // shown like a failed page; r starts over
		return nil
	}
	// The bound counts what was received too: a server that ignores the
	// query's filter (every file dropped by add) still stops here.
	if !p.done && (p.files >= p.limit || p.seen >= p.limit) {
		p.done, p.capped = true, true
	}
	if p.shown && !p.done {
		return p.request()
	}
	return nil
}

// countPhrase is "N files", "N of M files" while paging, or "the first N
// of M files" at the bound.
func (p *filePager) countPhrase() string {
	files := format.Count(int64(p.files))
	switch {
	case p.capped && p.total > 0:
		return "the first " + files + " of " + format.Count(p.total) + " files"
	case !p.done && p.total > 0:
		return files + " of " + format.Count(p.total) + " files"
	}
	return format.Plural(int64(p.files), "file", "files")
}
