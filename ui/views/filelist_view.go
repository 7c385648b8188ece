package views

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"github.com/immtui/immtui/ui/widgets/errview"
	"github.com/immtui/immtui/ui/widgets/table"
)

// What a fileList draws (filelist.go): its title, its body, its help and
// what the root's hooks take from it.

// Title is the list's name and its state: the screen's summary once rows
// are loaded, then what paging does.
func (l *fileList[T]) Title() string {
	st, p, w := l.env.Styles, &l.pager, &l.words
	var b strings.Builder
	if l.spec.Head != nil {
		b.WriteString(l.spec.Head())
	} else {
		b.WriteString(st.Title.Render(l.spec.Name))
	}
	b.WriteByte(' ')
	loaded := p.files > 0 // rows, or files the screen's own filter hides
	switch {
	case l.blocked != nil:
		b.WriteString(st.Error.Render(l.blockedTitle))
	case !loaded && p.pending != 0:
		b.WriteString(st.Muted.Render(l.spin.frame() + " " + w.Loading))
	case !loaded && p.err != nil:
		b.WriteString(st.Error.Render(w.Failed))
	case !loaded && !p.done:
		b.WriteString(st.Muted.Render(w.Loading))
	case !loaded && w.Empty != "" && w.Clear:
		b.WriteString(st.Good.Render(w.Empty))
	case !loaded && w.Empty != "":
		b.WriteString(st.Muted.Render(w.Empty))
	default:
		summary := p.countPhrase()
		if l.spec.Summary != nil {
			summary = l.spec.Summary()
		}
		b.WriteString(st.Muted.Render(summary))
		switch {
		case p.pending != 0:
			b.WriteString(st.Muted.Render(", " + l.spin.frame() + " loading more"))
		case p.err != nil:
			b.WriteString(st.Error.Render(", a page failed: r retries"))
		case !p.done && !l.spec.Ahead:
			b.WriteString(st.Muted.Render(", paused"))
		}
	}
	if l.spec.Tail != nil {
		b.WriteString(l.spec.Tail())
	}
	return st.Truncate(b.String(), l.width)
}

// View renders the title, the screen's lines above the table, and the
// table or, with no row, what the list is waiting for or why it is empty:
// exactly the size given.
func (l *fileList[T]) View() string {
	if l.width <= 0 || l.height <= 0 {
		return ""
	}
	out := []string{l.Title()}
	if l.height == 1 {
		return out[0]
	}
	out = append(out, l.above()...)
	rest := l.height - len(out)
	var body []string
	switch {
	case l.blocked != nil:
		body = l.blockedBody
	case len(l.list.rows) > 0:
		return strings.Join(append(out, l.table.View()), "\n")
	case l.pager.err != nil:
		body = errview.Lines(l.pager.err)
	case l.pager.files > 0:
		body = l.words.Hidden
	case l.pager.done:
		body = l.words.EmptyBody
	default:
		body = l.words.Waiting
	}
	return strings.Join(append(out, fitLines(body, l.width, rest)), "\n")
}

// ShortHelp is movement, Enter, the screen's keys and r (r first when an
// error asks for it).
func (l *fileList[T]) ShortHelp() []key.Binding {
	t := l.table.Keys
	if l.pager.err != nil {
		return []key.Binding{l.keys.Refresh, t.Up, t.Down, l.keys.Open}
	}
	out := []key.Binding{t.Up, t.Down, l.keys.Open}
	return append(append(out, l.spec.Keys...), l.keys.Refresh)
}

// FullHelp is every movement key, then Enter, the screen's keys and r.
func (l *fileList[T]) FullHelp() [][]key.Binding {
	own := append(append([]key.Binding{l.keys.Open}, l.spec.Keys...), l.keys.Refresh)
	return [][]key.Binding{l.table.Keys.All(), own}
}

// FilterTable is the list / filters.
func (l *fileList[T]) FilterTable() *table.Model { return l.table }

// Selection is the selected row's file URI, for y.
func (l *fileList[T]) Selection() (string, string) {
	if r, ok := l.selected(); ok {
		return "file URI", l.spec.File(r).URI
	}
	return "file URI", ""
}

// ShownJSON is the selected row's file as IMM sent it, for Y.
func (l *fileList[T]) ShownJSON() (string, []byte, error) {
	r, ok := l.selected()
	if !ok {
		return "file", nil, nil
	}
	b, err := ModelJSON(l.spec.File(r))
	return "JSON of the file", b, err
}

// listSource adapts the rows to the table through the screen's renderer,
// formatting only the rows drawn.
type listSource[T any] struct{ l *fileList[T] }

func (s listSource[T]) Len() int { return len(s.l.list.rows) }

func (s listSource[T]) Cells(i int, dst []string) { s.l.spec.Cells(s.l.list.rows[i], dst) }

func (s listSource[T]) CellStyle(i, col int) *lipgloss.Style {
	if s.l.spec.Style == nil {
		return nil
	}
	return s.l.spec.Style(s.l.list.rows[i], col)
}

// FilterText is the screen's, or the row's cells like the table's own.
func (s listSource[T]) FilterText(i int) string {
	r := s.l.list.rows[i]
	if s.l.spec.Text != nil {
		return s.l.spec.Text(r)
	}
	cells := make([]string, len(s.l.spec.Columns))
	s.l.spec.Cells(r, cells)
	return strings.Join(cells, "\n")
}
