package ui

import (
	"strconv"
	"strings"

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

// frameCache holds the header line, which a key press seldom changes,
// keyed by everything it is drawn from.
type frameCache struct {
	key    headerKey
	header string
	valid  bool
}

// headerKey is what the header line depends on besides the options.
type headerKey struct {
	width            int
	project, dataset string
}

// chrome is the number of lines around the view: header, breadcrumbs,
// status, and the help block (helpLines of them).
func chrome(helpLines int) int { return 3 + helpLines }

// bodySize is the view's size under a help block of helpLines lines.
func (m *Model) bodySize(helpLines int) (int, int) {
	if m.tooSmall() {
		return 0, 0
	}
	return m.width, max(m.height-chrome(helpLines), 0)
}

func (m *Model) tooSmall() bool { return m.width < MinWidth || m.height < MinHeight }

// View draws the frame: never wider than the terminal, never taller. The
// help block is rendered once, and the body's height is what it leaves.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.tooSmall() {
		msg := "terminal too small (need " + strconv.Itoa(MinWidth) + "x" + strconv.Itoa(MinHeight) + ")"
		return m.opts.Styles.Truncate(msg, m.width)
	}
	// Crumbs, status and help depend on the view's state (a name
	// arriving, the pane shown), so they are built each frame; the header
	// is rebuilt only when what it shows changes.
	st := m.opts.Styles
	helpText, helpN := m.helpBlock()
	_, bodyH := m.bodySize(helpN)
	body := m.top().View()
	if n := strings.Count(body, "\n") + 1; n > bodyH {
		body = cutLines(body, bodyH)
	} else if n < bodyH {
		body += strings.Repeat("\n", bodyH-n)
	}
	var b strings.Builder
	b.Grow(len(body) + 4*m.width)
	b.WriteString(m.header())
	b.WriteByte('\n')
	b.WriteString(m.crumbLine())
	b.WriteByte('\n')
	if bodyH > 0 {
		b.WriteString(body)
		b.WriteByte('\n')
	}
	b.WriteString(st.Status.Render(m.statusLine()))
	b.WriteByte('\n')
	b.WriteString(truncLines(m.opts.Styles, helpText, m.width))
	return b.String()
}

// header is the header line, from the cache while its inputs (the width
// and the place browsed; the options never change) are the same. The
// place is read each frame: the store browsed, or a picker's project.
func (m *Model) header() string {
	project, dataset := m.place()
	key := headerKey{width: m.width, project: project, dataset: dataset}
	if !m.frame.valid || m.frame.key != key {
		m.frame = frameCache{key: key, header: m.headerLine(project, dataset), valid: true}
	}
	return m.frame.header
}

// crumbLine is the stack's path, cut from the left when long so the
// current view stays visible.
func (m *Model) crumbLine() string {
	st := m.opts.Styles
	crumbs := m.crumbs()
	names := make([]string, len(crumbs))
	total := 0
	for i, c := range crumbs {
		// Fit, not Line: a crumb wider than the screen is cut anyway, and
		// a 1 MB cluster name must not be measured on every frame.
		names[i] = m.opts.Styles.Fit(c, m.width)
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

// crumbs names the views of the stack; above a project's datasets
// picker the dataset browsed is named too (Projects > p > photos >
// Overview), as the picker's crumb is the project's.
func (m *Model) crumbs() []string {
	out := make([]string, 0, len(m.stack)+1)
	for i, v := range m.stack {
		out = append(out, v.Crumb())
		if _, ok := v.(*views.Datasets); ok && i < len(m.stack)-1 && m.env.Data != nil {
			out = append(out, m.env.Data.Dataset())
		}
	}
	return out
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
