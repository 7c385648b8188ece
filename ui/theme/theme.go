// Package theme holds immtui's styles, built once per renderer so colour
// detection (profile, dark/light background, NO_COLOR) is right for the
// terminal in use, over SSH too. Views read styles from here and never
// build lipgloss styles on the render path.
package theme

import (
	"github.com/charmbracelet/lipgloss"

	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/keymap"
)

// Styles are every style a view uses. Colours are adaptive (light and dark
// backgrounds) and degrade with the renderer's colour profile; NO_COLOR and
// the ASCII profile strip them.
type Styles struct {
	Renderer *lipgloss.Renderer
	// Glyphs is the terminal's glyph choice (ASCII where ambiguous-width
	// characters count as wide): borders, ±, the ellipsis of every cut.
	// It travels with the styles so nothing reads a process global.
	Glyphs format.Glyphs
	// Bindings are the config file's key bindings, applied by every key
	// map built from these styles (the movement keys of each table); nil
	// keeps the built-in keys.
	Bindings keymap.Bindings

	App       lipgloss.Style // whole frame
	Header    lipgloss.Style // top bar
	HeaderKey lipgloss.Style // "project:" labels in the header
	HeaderVal lipgloss.Style
	ReadOnly  lipgloss.Style // read-only marker
	Crumbs    lipgloss.Style // breadcrumbs
	CrumbSep  lipgloss.Style
	Status    lipgloss.Style // status line
	Error     lipgloss.Style // error text
	Warn      lipgloss.Style // warnings (file not Indexed, outliers)
	Good      lipgloss.Style
	Muted     lipgloss.Style // secondary text
	Title     lipgloss.Style // section titles in panes
	Key       lipgloss.Style // key names in key/value rows
	Value     lipgloss.Style
	Selected  lipgloss.Style // selected row
	ColHeader lipgloss.Style // table column headers
	TabActive lipgloss.Style
	TabIdle   lipgloss.Style
	Mark      lipgloss.Style // "this is the cluster you came from"
	BarFull   lipgloss.Style // confidence bar, filled part
	BarEmpty  lipgloss.Style
	Box       lipgloss.Style // detail boxes (ASCII-safe border)
	Spinner   lipgloss.Style
}

var (
	accent  = lipgloss.AdaptiveColor{Light: "#1d4ed8", Dark: "#7aa2f7"}
	muted   = lipgloss.AdaptiveColor{Light: "#6b7280", Dark: "#8b93a7"}
	errorC  = lipgloss.AdaptiveColor{Light: "#b91c1c", Dark: "#f7768e"}
	warnC   = lipgloss.AdaptiveColor{Light: "#a16207", Dark: "#e0af68"}
	goodC   = lipgloss.AdaptiveColor{Light: "#15803d", Dark: "#9ece6a"}
	selBg   = lipgloss.AdaptiveColor{Light: "#dbeafe", Dark: "#2a3250"}
	headBg  = lipgloss.AdaptiveColor{Light: "#e5e7eb", Dark: "#1f2335"}
	fg      = lipgloss.AdaptiveColor{Light: "#111827", Dark: "#c0caf5"}
	barFill = lipgloss.AdaptiveColor{Light: "#2563eb", Dark: "#7dcfff"}
)

// New builds the styles for a renderer (lipgloss.DefaultRenderer() for the
// local terminal, or one made for a test or SSH session), with Unicode
// glyphs.
func New(r *lipgloss.Renderer) *Styles { return NewWith(r, format.Glyphs{}) }

// NewWith is New with the terminal's glyph choice.
func NewWith(r *lipgloss.Renderer, g format.Glyphs) *Styles {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	s := &Styles{Renderer: r, Glyphs: g}
	n := r.NewStyle
	s.App = n()
	s.Header = n().Background(headBg).Foreground(fg)
	s.HeaderKey = n().Background(headBg).Foreground(muted)
	s.HeaderVal = n().Background(headBg).Foreground(fg).Bold(true)
	s.ReadOnly = n().Background(headBg).Foreground(warnC).Bold(true)
	s.Crumbs = n().Foreground(accent)
	s.CrumbSep = n().Foreground(muted)
	s.Status = n().Foreground(muted)
	s.Error = n().Foreground(errorC).Bold(true)
	s.Warn = n().Foreground(warnC)
	s.Good = n().Foreground(goodC)
	s.Muted = n().Foreground(muted)
	s.Title = n().Foreground(accent).Bold(true)
	s.Key = n().Foreground(muted)
	s.Value = n().Foreground(fg)
	s.Selected = n().Background(selBg).Foreground(fg).Bold(true)
	s.ColHeader = n().Foreground(muted).Bold(true).Underline(true)
	s.TabActive = n().Foreground(accent).Bold(true).Underline(true)
	s.TabIdle = n().Foreground(muted)
	s.Mark = n().Foreground(goodC).Bold(true)
	s.BarFull = n().Foreground(barFill)
	s.BarEmpty = n().Foreground(muted)
	// ASCII border: box-drawing glyphs are East Asian ambiguous and break
	// alignment in CJK terminals (docs/performance.md §2.3).
	s.Box = n().Border(lipgloss.NormalBorder()).BorderForeground(muted)
	if g.ASCII {
		s.Box = n().Border(asciiBorder).BorderForeground(muted)
	}
	s.Spinner = n().Foreground(accent)
	return s
}

// Truncate cuts s to w cells with the terminal's ellipsis (see
// safetext.Truncate).
func (s *Styles) Truncate(t string, w int) string {
	return safetext.TruncateWith(t, w, s.Glyphs.Ellipsis())
}

// Fit escapes t and cuts it to w cells with the terminal's ellipsis, at a
// cost bounded by w (see safetext.FitWith).
func (s *Styles) Fit(t string, w int) string {
	return safetext.FitWith(t, w, s.Glyphs.Ellipsis())
}

var asciiBorder = lipgloss.Border{
	Top: "-", Bottom: "-", Left: "|", Right: "|",
	TopLeft: "+", TopRight: "+", BottomLeft: "+", BottomRight: "+",
}

// Bar draws a w-cell bar filled to v (0..1) using ASCII-safe glyphs.
func (s *Styles) Bar(v float64, w int) string {
	if w <= 0 {
		return ""
	}
	if v < 0 {
		v = 0
	}
	if v > 1 {
		v = 1
	}
	full := int(v*float64(w) + 0.5)
	fill, empty := "#", "."
	out := ""
	if full > 0 {
		out += s.BarFull.Render(repeat(fill, full))
	}
	if full < w {
		out += s.BarEmpty.Render(repeat(empty, w-full))
	}
	return out
}

func repeat(s string, n int) string {
	b := make([]byte, 0, n*len(s))
	for i := 0; i < n; i++ {
		b = append(b, s...)
	}
	return string(b)
}
