package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/views"
	"github.com/immtui/immtui/ui/widgets/move"
)

// keysView is :help, a screen listing every key of the screen it was
// opened on, the keys that work everywhere and every command with what it
// does, scrolled with the movement keys: the full help (?) shows what
// fits under the screen, this shows it all.
type keysView struct {
	st    *theme.Styles
	keys  move.Keys
	lines []string // drawn once: the text does not change while shown
	top   int      // the first line shown
	w, h  int
}

var _ views.View = (*keysView)(nil)

// newKeysView lists the keys of the screen below (its name is crumb) as
// k composes them.
func newKeysView(st *theme.Styles, crumb string, k helpKeys) *keysView {
	v := &keysView{st: st, keys: move.NewWith(st.Glyphs, st.Bindings)}
	v.lines = append(v.lines, st.Title.Render("Every key and command"), "")
	var own []helpItem
	for _, g := range k.view.FullHelp() {
		own = append(own, helpItems(g)...)
	}
	v.section("Keys of "+safetext.Line(crumb), own)
	v.section("Keys everywhere", helpItems(k.everywhere()))
	var cmds []helpItem
	for _, b := range commandHelp() {
		cmds = append(cmds, helpItem{key: b.Help().Key, desc: b.Help().Desc})
	}
	v.section("Commands (type : and the command, Enter runs it)", cmds)
	v.lines = v.lines[:len(v.lines)-1] // the blank line after the last section
	return v
}

// section adds a titled list of keys, the descriptions aligned.
func (v *keysView) section(title string, items []helpItem) {
	if len(items) == 0 {
		return
	}
	v.lines = append(v.lines, v.st.Title.Render(title))
	keyW := 0
	for _, it := range items {
		keyW = max(keyW, safetext.Width(it.key))
	}
	for _, it := range items {
		pad := strings.Repeat(" ", keyW+2-safetext.Width(it.key))
		v.lines = append(v.lines, "  "+v.st.Key.Bold(true).Render(it.key)+pad+v.st.Muted.Render(it.desc))
	}
	v.lines = append(v.lines, "")
}

func (v *keysView) Init() tea.Cmd { return nil }
func (v *keysView) Crumb() string { return "Help" }
func (v *keysView) Err() error    { return nil }
func (v *keysView) Close()        {}

func (v *keysView) SetSize(w, h int) {
	v.w, v.h = w, h
	v.scroll(0)
}

// scroll moves the first line shown by d, within the text.
func (v *keysView) scroll(d int) {
	v.top = max(min(v.top+d, len(v.lines)-v.h), 0)
}

func (v *keysView) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	if d, ok := v.keys.Delta(k, v.h-1); ok {
		v.scroll(d)
	}
	return nil
}

// View is the lines from top on, as many as fit, each cut to the width.
func (v *keysView) View() string {
	if v.w <= 0 || v.h <= 0 {
		return ""
	}
	end := min(v.top+v.h, len(v.lines))
	out := make([]string, 0, end-v.top)
	for _, l := range v.lines[v.top:end] {
		out = append(out, v.st.Truncate(l, v.w))
	}
	return strings.Join(out, "\n")
}

func (v *keysView) ShortHelp() []key.Binding  { return v.keys.Short() }
func (v *keysView) FullHelp() [][]key.Binding { return [][]key.Binding{v.keys.All()} }
