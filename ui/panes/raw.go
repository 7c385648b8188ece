package panes

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/theme"
)

// rawPane shows the file's complete JSON as the server sent it, unknown
// keys included, pretty-printed. Lines are built once per file (and per
// width when wrapping); View only slices the visible window, so a 1 MB
// file scrolls as fast as a small one.
type rawPane struct {
	styles *theme.Styles
	keys   rawKeys
	file   *imm.File
	lines  []string // escaped JSON lines, unstyled
	cut    []string // lines capped for display without wrapping
	err    error
	wrap   bool
	sc     scroller
}

type rawKeys struct {
	scrollKeys
	Wrap key.Binding
}

// rawCap bounds the bytes of a line kept for unwrapped display: wider than
// any terminal, small enough that measuring it per frame is cheap.
const rawCap = 2048

func newRawPane(ctx Context) *rawPane {
	s := stylesOf(ctx)
	p := &rawPane{
		styles: s,
		keys: rawKeys{
			scrollKeys: newScrollKeys(),
			Wrap:       key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "wrap long lines")),
		},
	}
	p.sc = scroller{styles: s, keys: p.keys.scrollKeys}
	return p
}

func (p *rawPane) Title() string    { return "Raw" }
func (p *rawPane) Fields() []string { return nil }

func (p *rawPane) ShortHelp() []key.Binding {
	return []key.Binding{p.keys.Up, p.keys.Down, p.keys.PageDown, p.wrapKey()}
}

func (p *rawPane) FullHelp() [][]key.Binding {
	return [][]key.Binding{p.keys.all(), {p.wrapKey()}}
}

// wrapKey is w with help that says what pressing it does now.
func (p *rawPane) wrapKey() key.Binding {
	b := p.keys.Wrap
	if p.wrap {
		b.SetHelp("w", "cut long lines")
	}
	return b
}

func (p *rawPane) SetFile(f *imm.File) {
	same := f != nil && p.file != nil && f.URI == p.file.URI
	p.file = f
	p.lines, p.cut, p.err = nil, nil, nil
	if f != nil {
		p.lines, p.err = rawLines(f)
		p.cut = make([]string, len(p.lines))
		for i, l := range p.lines {
			p.cut[i] = capLine(l)
		}
	}
	p.show(same)
}

func (p *rawPane) SetSize(w, h int) {
	old := p.sc.w
	p.sc.setSize(w, h)
	if p.wrap && w != old {
		p.show(true)
	}
}

// show hands the scroller the lines for the current mode and width.
func (p *rawPane) show(keep bool) {
	switch {
	case p.file == nil:
		p.sc.setLines(nil, false)
	case p.err != nil:
		p.sc.setLines([]string{p.styles.Error.Render("cannot show this file as JSON: " + safetext.Line(p.err.Error()))}, false)
	case p.wrap && p.sc.w > 0:
		var rows []string
		for _, l := range p.lines {
			rows = append(rows, hardWrap(l, p.sc.w)...)
		}
		p.sc.setLines(rows, keep)
	default:
		p.sc.setLines(p.cut, keep)
	}
}

func (p *rawPane) Update(msg tea.Msg) (Pane, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && key.Matches(k, p.keys.Wrap) {
		p.wrap = !p.wrap
		p.show(false)
		return p, nil
	}
	p.sc.handle(msg)
	return p, nil
}

func (p *rawPane) View() string { return p.sc.view() }

// rawLines pretty-prints f (2-space indent, HTML left alone) and escapes
// what JSON encoding lets through.
func rawLines(f *imm.File) ([]string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	text := strings.TrimRight(buf.String(), "\n")
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = escapeRaw(l)
	}
	return lines, nil
}

// escapeRaw shows as JSON-style escapes what encoding/json leaves raw and a
// terminal would act on or hide: DEL, C1 controls, bidi and invisible
// format characters, line separators, and bytes that are not UTF-8 (kept
// unknown keys are copied verbatim). Plain ASCII lines are returned as is.
func escapeRaw(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 || safetext.Dangerous(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// capLine keeps the start of a very long line, marked as cut.
func capLine(l string) string {
	if len(l) <= rawCap {
		return l
	}
	cut := rawCap
	for cut > 0 && !utf8.RuneStart(l[cut]) {
		cut--
	}
	return l[:cut] + safetext.Ellipsis
}

// hardWrap breaks a JSON line into rows of at most w cells without looking
// for word boundaries (JSON has long unbroken tokens); continuation rows
// are not indented so copy and paste keeps the text.
func hardWrap(l string, w int) []string {
	if len(l) <= w && isASCII(l) || safetext.Width(l) <= w {
		return []string{l}
	}
	var rows []string
	var row strings.Builder
	rowW := 0
	for i := 0; i < len(l); {
		// A run of ASCII is one cell a byte and is copied in chunks. Its
		// last byte stays out when non-ASCII follows: it may start a
		// cluster with a combining mark.
		j := i
		for j < len(l) && l[j] < 0x80 {
			j++
		}
		if j < len(l) && j > i {
			j--
		}
		if j > i {
			for i < j {
				if rowW == w {
					rows = append(rows, row.String())
					row.Reset()
					rowW = 0
				}
				n := min(j-i, w-rowW)
				row.WriteString(l[i : i+n])
				rowW += n
				i += n
			}
			continue
		}
		cluster, cw := ansi.FirstGraphemeCluster(l[i:], ansi.GraphemeWidth)
		i += len(cluster)
		if rowW+cw > w && rowW > 0 {
			rows = append(rows, row.String())
			row.Reset()
			rowW = 0
		}
		if cw > w { // a glyph wider than the pane: nothing fits
			continue
		}
		row.WriteString(cluster)
		rowW += cw
	}
	if rowW > 0 || len(rows) == 0 {
		rows = append(rows, row.String())
	}
	return rows
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
