package panes

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/immtui/immtui/safetext"
)

// Bytes of a line's source drawn: cut, wider than any terminal and cheap
// to measure per frame; wrapped, a few hundred rows of a long string (the
// Overview and OCR panes show long texts whole).
const (
	rawCutBytes  = 2048
	rawWrapBytes = 32 << 10
)

// text is line l as json.Indent writes it (two spaces a level), escaped,
// from at most limit bytes of the source; cut is how many source bytes of
// the line were left out.
func (d *rawDoc) text(l *rawLine, limit int, ellipsis string) (text string, cut int) {
	var b strings.Builder
	b.WriteString(indent(int(l.depth)))
	left := limit
	piece := func(p []byte) {
		n := min(len(p), max(left, 0))
		for n < len(p) && n > 0 && !utf8.RuneStart(p[n]) {
			n-- // never split a rune: a half one would show as \x escapes
		}
		b.WriteString(escapeRaw(string(p[:n])))
		left -= n
		cut += len(p) - n
	}
	if l.keyEnd > l.key {
		piece(d.src[l.key:l.keyEnd])
		b.WriteString(": ")
	}
	if l.kind == rawCollapsed {
		open, end := d.src[l.val], d.src[l.valEnd-1]
		b.WriteByte(open)
		b.WriteString(ellipsis)
		b.WriteByte(end)
	} else {
		piece(d.src[l.val:l.valEnd])
	}
	if l.comma {
		b.WriteByte(',')
	}
	return b.String(), cut
}

// spaces is the indent of the deepest indented level.
var spaces = strings.Repeat(" ", 2*rawIndentCap)

// indent is two spaces a level, up to rawIndentCap levels: deeper levels,
// shown only on demand, would otherwise push their text off the screen.
func indent(depth int) string { return spaces[:2*min(depth, rawIndentCap)] }

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
