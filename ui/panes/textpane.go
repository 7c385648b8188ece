package panes

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/ui/theme"
)

// content is what distinguishes one read-only text pane from another: the
// fields it reads and how a file becomes lines at a width.
type content interface {
	title() string
	fields() []string
	// lines renders f at width w (w ≥ 1). It returns nil when the file
	// has nothing for this pane; the pane then shows empty().
	lines(d *doc, f *imm.File)
	empty() string
}

// textPane is a scrollable pane over lines built once per SetFile and per
// width change, never in View.
type textPane struct {
	c      content
	styles *theme.Styles
	file   *imm.File
	sc     scroller
	builtW int // width the lines were built for; 0 = not built
	// lang is the languages shown; langKey (L) switches between the
	// user's and all, for contents in several languages only, and is in
	// the help only while the file has something it hides or shows.
	lang    langChoice
	langKey key.Binding
	langUse bool
}

func newTextPane(ctx Context, c content) *textPane {
	s := stylesOf(ctx)
	p := &textPane{c: c, styles: s, sc: scroller{styles: s, keys: newScrollKeys(s)}, lang: langChoice{user: ctx.Language}}
	if _, ok := c.(multilingual); ok {
		p.langKey = key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "all languages"))
	} else {
		p.langKey = key.NewBinding(key.WithDisabled())
	}
	return p
}

// SetFirstKey replaces the key that scrolls to the top (FirstKeyer).
func (p *textPane) SetFirstKey(b key.Binding) { p.sc.keys.First = b }

func (p *textPane) Title() string    { return p.c.title() }
func (p *textPane) Fields() []string { return p.c.fields() }

func (p *textPane) ShortHelp() []key.Binding {
	return []key.Binding{p.sc.keys.Up, p.sc.keys.Down, p.sc.keys.PageDown, p.languageKey()}
}

func (p *textPane) FullHelp() [][]key.Binding {
	return [][]key.Binding{append(p.sc.keys.All(), p.languageKey())}
}

// languageKey is L, disabled while pressing it would change nothing (the
// file is all in one language, or in none that is the user's).
func (p *textPane) languageKey() key.Binding {
	b := p.langKey
	if !p.langUse {
		b.SetEnabled(false)
	}
	return b
}

// SetFile shows f. A new version of the same file (more fields merged in)
// keeps the scroll position; another file starts at the top.
func (p *textPane) SetFile(f *imm.File) {
	same := f != nil && p.file != nil && f.URI == p.file.URI
	p.file = f
	p.build(same)
}

func (p *textPane) SetSize(w, h int) {
	p.sc.setSize(w, h)
	if w != p.builtW {
		p.build(true)
	}
}

func (p *textPane) build(keep bool) {
	w := p.sc.w
	if p.file == nil || w <= 0 {
		p.builtW, p.langUse = 0, false
		p.sc.setLines(nil, false)
		return
	}
	d := newDoc(p.styles, w)
	d.lang = p.lang
	p.c.lines(d, p.file)
	if len(d.lines) == 0 {
		d.note(p.c.empty())
	}
	p.builtW, p.langUse = w, d.langHides
	p.sc.setLines(d.lines, keep)
	p.sc.lazy = d.lazy
}

func (p *textPane) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok && key.Matches(k, p.languageKey()) {
		p.lang.all = !p.lang.all
		if p.lang.all {
			p.langKey.SetHelp("L", "my language")
		} else {
			p.langKey.SetHelp("L", "all languages")
		}
		p.build(true)
		return nil
	}
	p.sc.handle(msg)
	return nil
}

func (p *textPane) View() string { return p.sc.view() }

// stylesOf returns the context's styles, or default ones so a pane built
// without them still renders.
func stylesOf(ctx Context) *theme.Styles {
	if ctx.Styles != nil {
		return ctx.Styles
	}
	return theme.New(nil)
}
