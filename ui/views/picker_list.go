package views

import (
	"context"
	"strconv"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/widgets/errview"
	"github.com/immtui/immtui/ui/widgets/table"
)

// pickerLimit bounds the rows a picker pages in (an account with more
// projects than this filters by typing a name).
const pickerLimit = 20000

// catalogPageMsg is the reply to one list page of a picker.
type catalogPageMsg[T any] struct {
	req         int64
	token, next string
	items       []T
	err         error
}

// pickerSpec is what makes a picker a list of projects or of datasets.
type pickerSpec[T any] struct {
	title   string // "Projects"
	noun    string // "project", "projects"
	nouns   string
	empty   string // the body when the list is empty
	columns []table.Column
	name    func(*T) string
	cells   func(*T, []string)
	page    func(ctx context.Context, token string) (items []T, next string, err error)
	open    func(*T) tea.Cmd
	// recent is the pinned first row (nil: none), shown while no filter
	// is typed; openRecent opens it.
	recent     []string
	openRecent func() tea.Cmd
	// lazy figures of a row, by its name.
	cached func(name string) bool
	fetch  func(ctx context.Context, name string) error
	// cursorOn is the row the cursor goes to once it arrives ("": none).
	cursorOn string
}

// picker is a paged, filtered list of projects or datasets: the first page
// on show (one request: the first frame), the rest paged in behind it,
// the figures of the rows on screen fetched a few at a time.
type picker[T any] struct {
	env    *Env
	spec   pickerSpec[T]
	ctx    context.Context
	cancel context.CancelFunc
	keys   pickerKeys
	table  *table.Model
	filter filter
	lazy   lazyRows

	rows    []T
	shown   []int // indexes of rows the filter keeps, in order
	next    string
	done    bool
	guard   state.PageGuard
	err     error
	pending int64
	stopReq context.CancelFunc
	started bool
	paused  bool

	width, height int
}

func newPicker[T any](env *Env, spec pickerSpec[T]) *picker[T] {
	ctx, cancel := context.WithCancel(context.Background())
	p := &picker[T]{env: env, spec: spec, ctx: ctx, cancel: cancel, keys: newPickerKeys(env.Styles)}
	p.table = table.New(spec.columns, env.Styles)
	p.table.SetSource(pickerRows[T]{p})
	p.lazy = newLazyRows(env, spec.cached, spec.fetch)
	return p
}

// pinned is 1 when the recent row is shown first.
func (p *picker[T]) pinned() int {
	if p.spec.recent != nil && p.filter.text == "" {
		return 1
	}
	return 0
}

func (p *picker[T]) show() tea.Cmd {
	p.paused = false
	if !p.started {
		p.started = true
		return p.request("")
	}
	return tea.Batch(p.more(), p.syncLazy())
}

func (p *picker[T]) hide() {
	p.paused = true
	p.lazy.stop()
	p.stopRequest()
}

func (p *picker[T]) close() {
	p.lazy.stop()
	p.cancel()
}

func (p *picker[T]) request(token string) tea.Cmd {
	p.stopRequest()
	ctx, cancel := context.WithCancel(p.ctx)
	id := p.env.NextID()
	p.pending, p.stopReq = id, cancel
	page := p.spec.page
	return func() tea.Msg {
		defer cancel()
		items, next, err := page(ctx, token)
		return catalogPageMsg[T]{req: id, token: token, next: next, items: items, err: err}
	}
}

func (p *picker[T]) stopRequest() {
	if p.stopReq != nil {
		p.stopReq()
	}
	p.pending, p.stopReq = 0, nil
}

// more asks for the next page while there is one and the picker is shown.
func (p *picker[T]) more() tea.Cmd {
	if p.done || p.pending != 0 || p.err != nil || p.paused || !p.started || len(p.rows) >= pickerLimit {
		return nil
	}
	return p.request(p.next)
}

func (p *picker[T]) onPage(msg catalogPageMsg[T]) tea.Cmd {
	if !answers(&p.pending, msg.req) {
		return nil
	}
	p.stopReq = nil
	if !keepFailure(msg.err, &p.err) {
		return nil
	}
	p.rows = append(p.rows, msg.items...)
	p.next, p.done = msg.next, msg.next == ""
	if err := p.guard.Page(msg.token, len(msg.items), msg.next); err != nil {
		p.err = err
	}
	p.refilter()
	if p.spec.cursorOn != "" {
		for i, r := range p.shown {
			if p.spec.name(&p.rows[r]) == p.spec.cursorOn {
				p.table.SetCursor(i + p.pinned())
				p.spec.cursorOn = ""
				break
			}
		}
	}
	return tea.Batch(p.more(), p.syncLazy())
}

// refilter recomputes the rows shown, keeping the cursor on its row.
func (p *picker[T]) refilter() {
	cur := p.current()
	p.shown = p.shown[:0]
	for i := range p.rows {
		if p.filter.match(p.spec.name(&p.rows[i])) {
			p.shown = append(p.shown, i)
		}
	}
	p.table.SetSource(pickerRows[T]{p})
	if cur == nil {
		return
	}
	for i, r := range p.shown {
		if &p.rows[r] == cur {
			p.table.SetCursor(i + p.pinned())
			return
		}
	}
}

// current is the row under the cursor (nil: none, or the recent row).
func (p *picker[T]) current() *T {
	i := p.table.Cursor() - p.pinned()
	if i < 0 || i >= len(p.shown) {
		return nil
	}
	return &p.rows[p.shown[i]]
}

// syncLazy asks for the figures of the rows on screen.
func (p *picker[T]) syncLazy() tea.Cmd {
	if p.paused || p.spec.fetch == nil {
		return nil
	}
	first, last := onScreen(p.table, p.table.Len())
	var want []string
	for i := first; i < last; i++ {
		if j := i - p.pinned(); j >= 0 && j < len(p.shown) {
			want = append(want, p.spec.name(&p.rows[p.shown[j]]))
		}
	}
	return p.lazy.sync(p.ctx, want)
}

func (p *picker[T]) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case catalogPageMsg[T]:
		return p.onPage(msg)
	case lazyMsg:
		if p.lazy.done(msg) {
			return p.syncLazy() // the next rows' turn
		}
	case tea.KeyMsg:
		return p.onKey(msg)
	}
	return nil
}

func (p *picker[T]) onKey(msg tea.KeyMsg) tea.Cmd {
	if p.filter.typing {
		if p.filter.key(msg) {
			p.refilter()
			p.table.SetCursor(p.pinned()) // the best match first
		}
		return p.syncLazy()
	}
	switch {
	case key.Matches(msg, p.keys.Filter):
		p.filter.typing = true
		return nil
	case key.Matches(msg, p.keys.Open):
		if p.pinned() == 1 && p.table.Cursor() == 0 {
			return p.spec.openRecent()
		}
		if r := p.current(); r != nil {
			return p.spec.open(r)
		}
		return nil
	case key.Matches(msg, p.keys.Refresh):
		return p.reload()
	case p.table.Moves(msg):
		p.table.Update(msg)
		return p.syncLazy()
	}
	return nil
}

// reload starts over (r): the list and the figures that failed.
func (p *picker[T]) reload() tea.Cmd {
	cur := p.current()
	if cur != nil {
		p.spec.cursorOn = p.spec.name(cur)
	}
	p.rows, p.shown, p.next, p.done, p.err = nil, nil, "", false, nil
	p.guard.Reset()
	p.lazy.reset()
	p.table.SetSource(pickerRows[T]{p})
	p.started = true
	return p.request("")
}

func (p *picker[T]) setSize(w, h int) {
	p.width, p.height = w, h
	p.table.SetSize(w, max(h-1, 0))
}

func (p *picker[T]) view() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	title := p.titleLine()
	if p.height == 1 {
		return title
	}
	if p.table.Len() == 0 {
		var lines []string
		switch {
		case p.err != nil:
			lines = errview.Lines(p.err)
		case !p.done:
			lines = []string{"Loading " + p.spec.nouns + "..."}
		case p.filter.text != "":
			lines = []string{"No " + p.spec.noun + " name holds " + strconv.Quote(p.filter.text) + ". Esc clears the filter."}
		default:
			lines = []string{p.spec.empty}
		}
		return title + "\n" + fitLines(lines, p.width, p.height-1)
	}
	return title + "\n" + p.table.View()
}

func (p *picker[T]) titleLine() string {
	st := p.env.Styles
	s := st.Title.Render(p.spec.title)
	n := int64(len(p.rows))
	var info string
	switch {
	case p.pending != 0 && n == 0:
		info = " loading"
	case p.err != nil && n == 0:
		info = ""
	case p.filter.text != "":
		info = " " + format.Count(int64(len(p.shown))) + " of " + format.Count(n)
	default:
		info = " " + format.Plural(n, p.spec.noun, p.spec.nouns)
	}
	if !p.done && n > 0 {
		info += ", more to come"
	}
	s += st.Muted.Render(info + p.filter.label())
	if p.err != nil && n > 0 {
		s += st.Error.Render(", a page failed: r reloads")
	}
	return st.Truncate(s, p.width)
}

func (p *picker[T]) shortHelp() []key.Binding {
	if p.filter.typing {
		end := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter"))
		return []key.Binding{end, p.keys.Clear}
	}
	t := p.table.Keys
	if p.err != nil {
		return []key.Binding{p.keys.Refresh, t.Up, t.Down, p.keys.Open, p.keys.Filter}
	}
	return []key.Binding{t.Up, t.Down, p.keys.Open, p.keys.Filter, p.keys.Refresh}
}

func (p *picker[T]) fullHelp() [][]key.Binding {
	t := p.table.Keys
	return [][]key.Binding{t.All(), {p.keys.Open, p.keys.Filter, p.keys.Refresh}}
}

// pickerRows draw the pinned recent row, then the filtered rows.
type pickerRows[T any] struct{ p *picker[T] }

func (r pickerRows[T]) Len() int { return r.p.pinned() + len(r.p.shown) }

func (r pickerRows[T]) Cells(i int, dst []string) {
	if r.p.pinned() == 1 {
		if i == 0 {
			for c := range dst {
				dst[c] = ""
			}
			copy(dst, r.p.spec.recent)
			return
		}
		i--
	}
	r.p.spec.cells(&r.p.rows[r.p.shown[i]], dst)
}
