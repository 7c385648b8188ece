package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"

	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/views"
)

// The help block under the status line: the short help, the full help
// (?), or what replaces them (a prompt, the filter, a message).

func newHelp(st *theme.Styles) help.Model {
	h := help.New()
	// Separators and the ellipsis are ASCII: "•" and "…" are East Asian
	// ambiguous and change width with the terminal (docs/performance.md §2.3).
	h.ShortSeparator = "  "
	h.Ellipsis = "..."
	key := st.Key.Bold(true)
	h.Styles = help.Styles{
		Ellipsis: st.Muted, ShortKey: key, ShortDesc: st.Muted, ShortSeparator: st.Muted,
		FullKey: key, FullDesc: st.Muted, FullSeparator: st.Muted,
	}
	return h
}

// helpBlock is the help block and its height in lines. It renders the
// top view's help once: View calls it once per frame, resize once per
// change of size or mode.
func (m *Model) helpBlock() (text string, lines int) {
	switch {
	case m.find.IsOpen():
		text = m.find.View(m.width, m.findLines())
		return text, strings.Count(text, "\n") + 1
	case m.filter.isOpen():
		return m.filterView(), 1
	case m.prompt.IsOpen():
		text = m.prompt.View(m.width, m.promptLines())
		return text, strings.Count(text, "\n") + 1
	case m.message != "":
		ls := m.messageLines()
		ls = ls[:min(len(ls), max(m.height/3, 1))]
		return m.opts.Styles.Error.Render(strings.Join(ls, "\n")), len(ls)
	}
	v := m.top()
	if t, ok := v.(views.Typer); ok && t.Typing() {
		return m.shortHelp(v.ShortHelp()), 1 // q, ? and : are text now
	}
	k := helpKeys{view: v, global: m.keys, top: len(m.stack) == 1}
	if !m.help.ShowAll {
		return m.shortHelp(k.ShortHelp()), 1
	}
	ls := m.fullHelp(v.FullHelp(), k.everywhere(), m.fullHelpLines())
	return strings.Join(ls, "\n"), len(ls)
}

// findLines is the most lines the find prompt takes: half the screen
// (the query's JSON may be long).
func (m *Model) findLines() int { return max(m.height/2, 1) }

// promptLines is the most lines the `:` prompt takes with Tab's
// candidates above it: a third of the screen.
func (m *Model) promptLines() int { return max(m.height/3, 1) }

// fullHelpLines is the most lines the full help takes: half the screen,
// the rest stays the view's.
func (m *Model) fullHelpLines() int { return max(m.height/2, 1) }

// shortHelp lays out "key desc" items until the next would not fit.
// (bubbles/help v1.0.0 adds one item too many when the line is within an
// ellipsis of the edge, and the frame must never be wider than the screen.)
func (m *Model) shortHelp(bindings []key.Binding) string {
	st := m.help.Styles
	var b strings.Builder
	used := 0
	for _, kb := range bindings {
		if !kb.Enabled() {
			continue
		}
		h := kb.Help()
		w := safetext.Width(h.Key) + 1 + safetext.Width(h.Desc)
		sep := 0
		if used > 0 {
			sep = 2
		}
		if used+sep+w > m.width {
			break
		}
		if sep > 0 {
			b.WriteString("  ")
		}
		b.WriteString(st.ShortKey.Render(h.Key))
		b.WriteByte(' ')
		b.WriteString(st.ShortDesc.Render(h.Desc))
		used += sep + w
	}
	return b.String()
}

// fullHelp lays out the view's key groups as columns, then the groups too
// wide to join them, the keys that work everywhere and the command names
// as running text (beside the columns where there is room, else under
// them), in at most most lines of the screen's width. When not everything fits, the last line says
// what is left out and that :help lists it all.
func (m *Model) fullHelp(view [][]key.Binding, everywhere []key.Binding, most int) []string {
	l := helpLayout{st: m.help.Styles, width: m.width}
	for _, g := range view {
		if items := helpItems(g); len(items) > 0 {
			l.groups = append(l.groups, items)
		}
	}
	l.flows = [][]helpItem{helpItems(everywhere), commandItems()}
	lines, hidden := l.lay(most)
	if hidden.none() {
		return lines
	}
	lines, hidden = l.lay(most - 1)
	return append(lines, m.opts.Styles.Muted.Render(hidden.note()))
}

// helpItem is a key and what it does; cmd items are command names, drawn
// without a description.
type helpItem struct {
	key, desc string
	cmd       bool
}

func (it helpItem) width() int {
	if it.desc == "" {
		return safetext.Width(it.key)
	}
	return safetext.Width(it.key) + 1 + safetext.Width(it.desc)
}

func helpItems(bs []key.Binding) []helpItem {
	var out []helpItem
	for _, b := range bs {
		if h := b.Help(); b.Enabled() && h.Key != "" {
			out = append(out, helpItem{key: h.Key, desc: h.Desc})
		}
	}
	return out
}

// commandItems are the commands as typed (":sort KEY [asc|desc]").
func commandItems() []helpItem {
	bs := commandHelp()
	out := make([]helpItem, len(bs))
	for i, b := range bs {
		out[i] = helpItem{key: b.Help().Key, cmd: true}
	}
	return out
}

// hiddenHelp counts what a layout left out.
type hiddenHelp struct{ keys, cmds int }

func (h hiddenHelp) none() bool { return h.keys == 0 && h.cmds == 0 }

func (h *hiddenHelp) add(it helpItem) {
	if it.cmd {
		h.cmds++
	} else {
		h.keys++
	}
}

// note is the full help's last line when it is cut.
func (h hiddenHelp) note() string {
	var parts []string
	if h.keys > 0 {
		parts = append(parts, count(int64(h.keys), "key", "keys"))
	}
	if h.cmds > 0 {
		parts = append(parts, count(int64(h.cmds), "command", "commands"))
	}
	return "+ " + strings.Join(parts, " and ") + " not shown: :help lists every key and command"
}

// helpLayout places the full help's items in a block of lines.
type helpLayout struct {
	st     help.Styles
	width  int
	groups [][]helpItem // columns: key, desc
	flows  [][]helpItem // running text, each starting a line of its own
}

const (
	helpGap     = 3  // cells between columns
	helpMinFlow = 24 // the narrowest running text beside the columns
)

// lay places everything in at most rows lines and counts what it left out.
func (l helpLayout) lay(rows int) ([]string, hiddenHelp) {
	var hidden hiddenHelp
	if rows <= 0 {
		for _, g := range append(append([][]helpItem{}, l.groups...), l.flows...) {
			for _, it := range g {
				hidden.add(it)
			}
		}
		return nil, hidden
	}
	cols, colW, colsW, overflow := l.columns(rows)
	flows := append(append([][]helpItem{}, overflow...), l.flows...)
	// room is the cells for running text on line i: beside the columns
	// when that leaves enough, else the whole width under them.
	room := func(i int) int {
		if i >= len(cols) {
			return l.width
		}
		if side := l.width - colsW - helpGap; side >= helpMinFlow {
			return side
		}
		return 0
	}
	flow := make([]strings.Builder, rows)
	used := make([]int, rows)
	line := 0
	if len(overflow) > 0 {
		line = len(cols) // a view's group too wide for a column goes under them, whole
	}
	for n, items := range flows {
		if n > 0 && line < rows && used[line] > 0 {
			line++ // each flow starts a line of its own
		}
		for _, it := range items {
			line = l.fit(it.width(), line, rows, used, room)
			if line >= rows {
				hidden.add(it)
				continue
			}
			if used[line] > 0 {
				flow[line].WriteString("  ")
				used[line] += 2
			}
			l.item(&flow[line], it)
			used[line] += it.width()
		}
	}
	n := len(cols)
	for i := range used {
		if used[i] > 0 {
			n = max(n, i+1)
		}
	}
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		if i < len(cols) {
			b.WriteString(cols[i])
			if used[i] > 0 {
				b.WriteString(strings.Repeat(" ", colsW+helpGap-colW[i]))
			}
		}
		b.WriteString(flow[i].String())
		out[i] = b.String()
	}
	return out, hidden
}

// fit is the first line from line on where an item w cells wide goes:
// after what the line holds, or alone on a line (a line beside the
// columns too narrow for it passes it on to the lines under them).
func (l helpLayout) fit(w, line, rows int, used []int, room func(int) int) int {
	for ; line < rows; line++ {
		r := room(line)
		switch {
		case r == 0:
		case used[line] > 0 && used[line]+2+w <= r:
			return line
		case used[line] == 0 && (w <= r || r == l.width):
			return line // a line of its own; the frame cuts what is wider
		}
	}
	return line
}

// columns draws the groups side by side, a group taller than rows split
// over more columns, while they fit the width; the first group that does
// not fit and every one after it are returned as overflow, for the
// running text (a view's keys are never dropped for want of width alone).
// It returns the lines, the cells each takes and the columns' width.
func (l helpLayout) columns(rows int) (lines []string, widths []int, width int, overflow [][]helpItem) {
	bs := make([]strings.Builder, rows)
	widths = make([]int, rows)
	height := 0
	for n, g := range l.groups {
		parts := columnParts(g, rows)
		end := width
		for _, pt := range parts {
			if end > 0 {
				end += helpGap
			}
			end += pt.width
		}
		if end > l.width {
			overflow = l.groups[n:]
			break
		}
		for _, pt := range parts {
			x := width
			if x > 0 {
				x += helpGap
			}
			for i, it := range pt.items {
				bs[i].WriteString(strings.Repeat(" ", x-widths[i]))
				bs[i].WriteString(l.st.FullKey.Render(it.key))
				bs[i].WriteString(strings.Repeat(" ", pt.keyW+1-safetext.Width(it.key)))
				bs[i].WriteString(l.st.FullDesc.Render(it.desc))
				widths[i] = x + pt.keyW + 1 + safetext.Width(it.desc)
			}
			width, height = x+pt.width, max(height, len(pt.items))
		}
	}
	lines = make([]string, height)
	for i := range lines {
		lines[i] = bs[i].String()
	}
	return lines, widths[:height], width, overflow
}

// columnPart is one column of a group: at most rows items, their keys
// aligned.
type columnPart struct {
	items       []helpItem
	keyW, width int
}

func columnParts(g []helpItem, rows int) []columnPart {
	var out []columnPart
	for start := 0; start < len(g); start += rows {
		pt := columnPart{items: g[start:min(start+rows, len(g))]}
		for _, it := range pt.items {
			pt.keyW = max(pt.keyW, safetext.Width(it.key))
		}
		for _, it := range pt.items {
			pt.width = max(pt.width, pt.keyW+1+safetext.Width(it.desc))
		}
		out = append(out, pt)
	}
	return out
}

// item writes one item of running text.
func (l helpLayout) item(b *strings.Builder, it helpItem) {
	b.WriteString(l.st.FullKey.Render(it.key))
	if it.desc != "" {
		b.WriteByte(' ')
		b.WriteString(l.st.FullDesc.Render(it.desc))
	}
}
