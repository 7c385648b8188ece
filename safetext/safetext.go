// Package safetext makes untrusted text (anything the IMM API returns) safe
// to put on a terminal, and measures and cuts it in terminal cells.
//
// Nothing from the API may move the cursor, change colours, set the
// clipboard (OSC 52), open links (OSC 8) or reorder text (bidi overrides).
// Rather than deleting such runes, they are shown escaped (`\x1b`,
// `\u202e`) so a person triaging a dataset can see that they were there.
package safetext

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Line makes s safe for a single-line cell: tabs, newlines and the Unicode
// line separators become spaces; every other control, C1, bidi control and
// invalid byte is shown escaped.
func Line(s string) string {
	if isPlain(s) {
		return s
	}
	return clean(s, false)
}

// Block makes s safe for a multi-line view: it keeps newlines, turns tabs
// into four spaces and CRLF into LF, and escapes everything else that Line
// escapes.
func Block(s string) string {
	if isPlain(s) {
		return s
	}
	return clean(s, true)
}

// isPlain is the fast path: printable ASCII only.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

func clean(s string, multiline bool) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	var prev rune // the last rune written
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			fmt.Fprintf(&b, `\x%02x`, s[i])
			i++
			continue
		}
		i += size
		if joinsEmoji(prev, r) {
			continue // see joinsEmoji: one width in every terminal
		}
		prev = r
		switch {
		case r == '\n':
			if multiline {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r == '\r':
			if multiline {
				if i < len(s) && s[i] == '\n' {
					continue // CRLF: the LF follows
				}
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r == '\t':
			if multiline {
				b.WriteString("    ")
			} else {
				b.WriteByte(' ')
			}
		case r == '\u2028' || r == '\u2029':
			if multiline {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case Dangerous(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// joinsEmoji reports the runes that join or restyle emoji, which are not
// drawn: variation selectors (U+FE0E, U+FE0F), skin-tone modifiers and a
// ZWJ after a pictograph. Terminals disagree on them: kitty, WezTerm and
// tmux 3.3 draw 👨‍👩‍👧 as one 2-cell glyph and others as three glyphs of 6
// cells, and U+FE0F after a text-style symbol is 1 or 2 cells. Without them
// the text is drawn unjoined, the same width in every terminal, and the
// width the renderer counts (grapheme clusters) is the width the terminal
// draws. The model keeps the exact bytes; only the screen changes.
func joinsEmoji(prev, r rune) bool {
	switch {
	case r == 0xfe0e || r == 0xfe0f:
		return true
	case r >= 0x1f3fb && r <= 0x1f3ff:
		return pictograph(prev)
	case r == 0x200d:
		return pictograph(prev)
	}
	return false
}

// pictograph reports the emoji blocks: symbols, dingbats, arrows and
// the supplementary pictographs.
func pictograph(r rune) bool {
	return (r >= 0x1f000 && r <= 0x1faff) || (r >= 0x2600 && r <= 0x27bf) || (r >= 0x2b00 && r <= 0x2bff) ||
		(r >= 0x2190 && r <= 0x21ff) || (r >= 0x2300 && r <= 0x23ff) || r == 0x00a9 || r == 0x00ae
}

// Dangerous reports runes that are printable in Go's eyes but not safe or
// not visible on a terminal: C1 controls (U+0080–U+009F, including the
// one-rune CSI U+009B), bidi embeddings, overrides, isolates and marks,
// invisible format characters that make two names look alike, and the
// interlinear annotation controls. ZWJ and ZWNJ stay: emoji and scripts
// need them.
func Dangerous(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f:
		return true
	case r >= 0x202a && r <= 0x202e:
		return true
	case r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200b, r == 0x2060, r == 0xfeff, r == 0x00ad:
		return true
	case r >= 0xfff9 && r <= 0xfffb:
		return true
	}
	return false
}

// Safe reports whether s holds nothing that Line would change.
func Safe(s string) bool { return Line(s) == s }
