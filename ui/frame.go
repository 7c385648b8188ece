package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"

	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/views"
	"github.com/immtui/immtui/ui/widgets/errview"
)

// Minimum terminal size; below it the frame is a single message.
const (
	MinWidth  = 40
	MinHeight = 10
)

// frameCache holds the parts of the frame that change only on resize,
// navigation or help toggling, so a key press redraws just the view.
type frameCache struct {
	header string
	depth  int
	view   any
	valid  bool
}

// chrome is the number of lines around the view: header, breadcrumbs,
// status, and the help (one line, or the full help's lines).
func (m *Model) chrome() int { return 3 + m.helpHeight() }

func (m *Model) helpHeight() int {
	if m.find.IsOpen() {
		return m.find.Height(m.width, m.findLines())
	}
	if m.filter.isOpen() {
		return 1
	}
	if m.message != "" && !m.prompt.IsOpen() {
		return min(len(m.messageLines()), max(m.height/3, 1))
	}
	if !m.help.ShowAll || m.prompt.IsOpen() {
		return 1
	}
	return min(strings.Count(m.helpView(), "\n")+1, max(m.height/3, 1))
}

// findLines is the most lines the find prompt takes: half the screen
// (the query's JSON may be long).
func (m *Model) findLines() int { return max(m.height/2, 1) }

func (m *Model) bodySize() (int, int) {
	if m.tooSmall() {
		return 0, 0
	}
	return m.width, max(m.height-m.chrome(), 0)
}

func (m *Model) tooSmall() bool { return m.width < MinWidth || m.height < MinHeight }

func newHelp(st *theme.Styles) help.Model {
	h := help.New()
	// Separators and the ellipsis are ASCII: "•" and "…" are East Asian
	// ambiguous and change width with the terminal (performance-notes §2.3).
	h.ShortSeparator = "  "
	h.Ellipsis = "..."
	key := st.Key.Bold(true)
	h.Styles = help.Styles{
		Ellipsis: st.Muted, ShortKey: key, ShortDesc: st.Muted, ShortSeparator: st.Muted,
		FullKey: key, FullDesc: st.Muted, FullSeparator: st.Muted,
	}
	return h
}

func (m *Model) helpView() string {
	switch {
	case m.find.IsOpen():
		return m.find.View(m.width, m.findLines())
	case m.filter.isOpen():
		return m.filterView()
	case m.prompt.IsOpen():
		return m.prompt.View(m.width)
	case m.message != "":
		return m.opts.Styles.Error.Render(strings.Join(m.messageLines(), "\n"))
	}
	v := m.top()
	if t, ok := v.(views.Typer); ok && t.Typing() {
		return m.shortHelp(v.ShortHelp()) // q, ? and : are text now
	}
	k := helpKeys{view: v, full: v.FullHelp, global: m.keys, top: len(m.stack) == 1}
	if m.help.ShowAll {
		return m.help.View(k)
	}
	return m.shortHelp(k.ShortHelp())
}

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

// View draws the frame: never wider than the terminal, never taller.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.tooSmall() {
		msg := "terminal too small (need " + strconv.Itoa(MinWidth) + "x" + strconv.Itoa(MinHeight) + ")"
		return m.opts.Styles.Truncate(msg, m.width)
	}
	if !m.frame.valid || m.frame.view != m.top() || m.frame.depth != len(m.stack) {
		m.frame = frameCache{view: m.top(), depth: len(m.stack), valid: true}
		m.frame.header = m.headerLine()
	}
	// Crumbs and help depend on the view's state (a name arriving, the
	// pane shown), so they are rebuilt each frame; both are a few styled
	// words.
	st := m.opts.Styles
	_, bodyH := m.bodySize()
	body := m.top().View()
	if n := strings.Count(body, "\n") + 1; n > bodyH {
		body = cutLines(body, bodyH)
	} else if n < bodyH {
		body += strings.Repeat("\n", bodyH-n)
	}
	helpLines := m.helpView()
	if n := strings.Count(helpLines, "\n") + 1; n > m.helpHeight() {
		helpLines = cutLines(helpLines, m.helpHeight())
	}
	var b strings.Builder
	b.Grow(len(body) + 4*m.width)
	b.WriteString(m.frame.header)
	b.WriteByte('\n')
	b.WriteString(m.crumbLine())
	b.WriteByte('\n')
	if bodyH > 0 {
		b.WriteString(body)
		b.WriteByte('\n')
	}
	b.WriteString(st.Status.Render(m.statusLine()))
	b.WriteByte('\n')
	b.WriteString(truncLines(m.opts.Styles, helpLines, m.width))
	return b.String()
}

// crumbLine is the stack's path, cut from the left when long so the
// current view stays visible.
func (m *Model) crumbLine() string {
	st := m.opts.Styles
	names := make([]string, len(m.stack))
	total := 0
	for i, v := range m.stack {
		// Fit, not Line: a crumb wider than the screen is cut anyway, and
		// a 1 MB cluster name must not be measured on every frame.
		names[i] = m.opts.Styles.Fit(v.Crumb(), m.width)
		total += safetext.Width(names[i]) + 3
	}
	first := 0
	for first < len(names)-1 && total-3 > m.width-4 {
		total -= safetext.Width(names[first]) + 3
		first++
	}
	var b strings.Builder
	if first > 0 {
		b.WriteString(st.CrumbSep.Render("... > "))
	}
	for i := first; i < len(names); i++ {
		if i > first {
			b.WriteString(st.CrumbSep.Render(" > "))
		}
		b.WriteString(st.Crumbs.Render(names[i]))
	}
	return m.opts.Styles.Truncate(b.String(), m.width)
}

// statusLine shows requests in flight and the top view's last error with
// its code and request id.
func (m *Model) statusLine() string {
	var s state.Stats
	if m.env.Data != nil {
		s = m.env.Data.Stats()
	}
	var b strings.Builder
	if s.InFlight > 0 {
		b.WriteString(count(int64(s.InFlight), "request", "requests"))
		b.WriteString(" in flight")
	} else {
		b.WriteString("idle")
	}
	b.WriteString(", ")
	b.WriteString(count(s.Calls, "call", "calls"))
	b.WriteString(", ")
	b.WriteString(count(s.CacheHits, "cache hit", "cache hits"))
	line := b.String()
	if fs := m.filterStatus(); fs != "" {
		line = m.opts.Styles.Key.Render(m.opts.Styles.Fit(fs, max(m.width/2, 1))) + "  " + line
	}
	notice := m.notice
	if n, ok := m.top().(views.Noticer); ok && n.Notice() != "" {
		notice = n.Notice()
	}
	if notice != "" {
		line = m.opts.Styles.Value.Render(m.opts.Styles.Fit(notice, m.width)) + "  " + line
	}
	if err := m.top().Err(); err != nil {
		e := m.opts.Styles.Error.Render("error: " + errview.Summary(err))
		line = m.opts.Styles.Truncate(e+"  "+line, m.width)
	}
	return m.opts.Styles.Truncate(line, m.width)
}

// count is n and the noun in the number n asks for ("1 call", "2 calls").
func count(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.FormatInt(n, 10) + " " + many
}

func cutLines(s string, n int) string {
	if n <= 0 {
		return ""
	}
	i := 0
	for k := 0; k < n; k++ {
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			return s
		}
		i += j + 1
	}
	return s[:i-1]
}

func truncLines(st *theme.Styles, s string, w int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = st.Truncate(l, w)
	}
	return strings.Join(lines, "\n")
}
