package views

import (
	"context"
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/ui/keymap"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/widgets/errview"
	"github.com/immtui/immtui/ui/widgets/table"
)

// What the project and dataset pickers share: the filter typed after "/",
// the keys, the request for a dataset, and the lazy per-row figures.

// OpenDatasetMsg asks the root to browse a dataset: it opens the store
// (ui.Options.Open) and shows the dataset's first screen.
type OpenDatasetMsg struct{ Project, Dataset string }

// Recent is what was browsed last with this profile and region.
type Recent struct{ Project, Dataset string }

// Typer is a view reading text (a filter): the root gives it every key,
// q and Esc included, while Typing is true.
type Typer interface{ Typing() bool }

// Placer is a view outside any dataset (a picker): the header shows its
// place instead of the store's project and dataset.
type Placer interface {
	Place() (project, dataset string)
}

type pickerKeys struct {
	Open, Filter, Refresh, Clear key.Binding
}

func newPickerKeys(st *theme.Styles) pickerKeys {
	k := pickerKeys{
		Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Filter:  key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Refresh: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload")),
		Clear:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "end filter")),
	}
	st.Bindings.Apply(keymap.Open, &k.Open)
	st.Bindings.Apply(keymap.Filter, &k.Filter)
	st.Bindings.Apply(keymap.Refresh, &k.Refresh)
	return k
}

// filter is the text typed after "/": rows whose name holds it (ignoring
// case) are shown. While typing, every key is text; Enter keeps the filter,
// Esc drops it.
type filter struct {
	text   string
	typing bool
}

// key handles a key while typing; changed says the text changed.
func (f *filter) key(msg tea.KeyMsg) (changed bool) {
	switch msg.Type {
	case tea.KeyEnter:
		f.typing = false
	case tea.KeyEsc:
		f.typing, changed = false, f.text != ""
		f.text = ""
	case tea.KeyBackspace:
		if r := []rune(f.text); len(r) > 0 {
			f.text, changed = string(r[:len(r)-1]), true
		} else {
			f.typing = false
		}
	case tea.KeyRunes, tea.KeySpace:
		for _, r := range msg.Runes {
			if unicode.IsPrint(r) {
				f.text += string(r)
				changed = true
			}
		}
	}
	return changed
}

func (f *filter) match(name string) bool {
	return f.text == "" || strings.Contains(strings.ToLower(name), strings.ToLower(f.text))
}

// label is the filter as the title shows it.
func (f *filter) label() string {
	switch {
	case f.typing:
		return "  /" + f.text + "_"
	case f.text != "":
		return "  filter /" + f.text
	}
	return ""
}

// lazyMsg is the reply to one row's figures (a project's statistics, a
// dataset's cluster count); the value is in the catalog's cache.
type lazyMsg struct {
	req int64
	key string
	err error
}

// lazyMax is how many rows' figures are asked for at once: a few, so a
// page of rows on screen fills in quickly without a burst of calls.
const lazyMax = 4

// lazyRows fetches per-row figures for the rows on screen only, a few at a
// time, and cancels a fetch whose row was scrolled or filtered away.
type lazyRows struct {
	env      *Env
	inflight map[string]lazyCall
	failed   map[string]error
	fetch    func(ctx context.Context, key string) error
	cached   func(key string) bool
}

type lazyCall struct {
	id     int64
	cancel context.CancelFunc
}

func newLazyRows(env *Env, cached func(string) bool, fetch func(context.Context, string) error) lazyRows {
	return lazyRows{env: env, inflight: map[string]lazyCall{}, failed: map[string]error{}, cached: cached, fetch: fetch}
}

// sync cancels the fetches of rows no longer wanted and starts fetches of
// wanted rows (in order) while fewer than lazyMax run.
func (l *lazyRows) sync(ctx context.Context, wanted []string) tea.Cmd {
	want := map[string]bool{}
	for _, k := range wanted {
		want[k] = true
	}
	for k, c := range l.inflight {
		if !want[k] {
			c.cancel()
			delete(l.inflight, k)
		}
	}
	var cmds []tea.Cmd
	for _, k := range wanted {
		if len(l.inflight) >= lazyMax {
			break
		}
		if _, busy := l.inflight[k]; busy || l.failed[k] != nil || l.cached(k) {
			continue
		}
		cctx, cancel := context.WithCancel(ctx)
		id := l.env.NextID()
		l.inflight[k] = lazyCall{id: id, cancel: cancel}
		fetch, key := l.fetch, k
		cmds = append(cmds, func() tea.Msg {
			defer cancel()
			return lazyMsg{req: id, key: key, err: fetch(cctx, key)}
		})
	}
	return tea.Batch(cmds...)
}

// done takes a reply; ok is false when it is not this list's.
func (l *lazyRows) done(msg lazyMsg) (ok bool) {
	c, found := l.inflight[msg.key]
	if !found || c.id != msg.req {
		return false
	}
	delete(l.inflight, msg.key)
	if !errview.Quiet(msg.err) {
		l.failed[msg.key] = msg.err
	}
	return true
}

// stop cancels every fetch (the picker is covered or left).
func (l *lazyRows) stop() {
	for k, c := range l.inflight {
		c.cancel()
		delete(l.inflight, k)
	}
}

// reset forgets the failures too (r).
func (l *lazyRows) reset() {
	l.stop()
	l.failed = map[string]error{}
}

// onScreen are the indexes of rows on screen of t, at most n of them.
func onScreen(t *table.Model, n int) (first, last int) {
	first = t.Offset()
	last = min(first+t.PageSize(), n)
	return first, last
}

// pickerCell is a figure's cell: the value, "..." while it is asked for,
// "-" when it could not be had (the error shows when the row is opened).
func pickerCell(have bool, value string, l *lazyRows, key string) string {
	switch {
	case have:
		return value
	case l.failed[key] != nil:
		return "-"
	}
	return "..."
}
