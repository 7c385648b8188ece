package panes

import (
	"bytes"
	"encoding/json"
	"sort"

	"github.com/immtui/immtui/imm"
)

// The Raw pane's bounds on one file. A server controls the JSON, and
// pretty-printing costs the square of the nesting depth (each of n nested
// lines is indented by up to 2n spaces): 20 KB of [[[...]]] once took
// 650 MiB. The outline keeps lines as offsets into the compact encoding,
// collapses what is nested deeper than the depth limit and stops at the
// line limit; e raises both limits by one step.
const (
	rawDepthStep = 32      // levels shown per step; IMM's own files nest about 6 deep
	rawLinesStep = 100_000 // lines kept per step: 1 MB files have about 40,000
	rawIndentCap = 24      // levels indented; deeper lines keep this indent
)

// rawKind says what a line of the outline shows.
type rawKind uint8

const (
	rawScalar    rawKind = iota // key: value (or an empty {} / [])
	rawOpen                     // key: { or key: [
	rawClose                    // } or ]
	rawCollapsed                // key: {…}, the container nested too deep
	rawMore                     // the note that lines were left out
)

// rawLine is one line of the pretty-printed JSON as offsets into the
// compact encoding; its text is built only when it is drawn.
type rawLine struct {
	key, keyEnd int32 // the key's quoted string (key == keyEnd: none)
	val, valEnd int32 // the value, the bracket, or the collapsed container
	depth       int32
	kind        rawKind
	comma       bool
}

// rawDoc is a file's JSON as an outline of lines within the limits.
type rawDoc struct {
	src       []byte // the compact encoding, as IMM's values were sent
	lines     []rawLine
	more      int // lines left out past the line limit
	collapsed int // containers shown as {…}
	depth     int // the depth limit it was built with
}

// encodeRaw is the file's compact JSON (HTML left alone); numbers and
// strings are the encoder's text of what was decoded, unknown keys as
// they came.
func encodeRaw(f *imm.File) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// buildRawDoc outlines src (valid compact JSON) with containers deeper
// than depth collapsed and at most maxLines lines kept; the rest is only
// counted. Time is linear in len(src), memory in the lines kept.
func buildRawDoc(src []byte, depth, maxLines int) *rawDoc {
	d := &rawDoc{src: src, depth: depth}
	b := rawBuilder{d: d, max: maxLines}
	b.walk()
	if d.more > 0 {
		d.lines = append(d.lines, rawLine{kind: rawMore, val: int32(len(src)), valEnd: int32(len(src))})
	}
	return d
}

// rawBuilder walks the compact JSON without recursion: a hostile reply
// may nest thousands of levels.
type rawBuilder struct {
	d     *rawDoc
	max   int
	stack []bool // open containers: true for an object
}

func (b *rawBuilder) emit(l rawLine) {
	if len(b.d.lines) >= b.max {
		b.d.more++
		return
	}
	b.d.lines = append(b.d.lines, l)
}

// markComma puts the comma on the line that ended the previous value,
// unless that line was left out.
func (b *rawBuilder) markComma() {
	if b.d.more == 0 && len(b.d.lines) > 0 {
		b.d.lines[len(b.d.lines)-1].comma = true
	}
}

func (b *rawBuilder) walk() {
	src := b.d.src
	i := b.value(0, 0, 0)
	for i < len(src) && len(b.stack) > 0 {
		switch src[i] {
		case ',':
			b.markComma()
			i = b.member(i + 1)
		case '}', ']':
			b.stack = b.stack[:len(b.stack)-1]
			b.emit(rawLine{val: int32(i), valEnd: int32(i + 1), depth: int32(len(b.stack)), kind: rawClose})
			i++
		default:
			return // not the encoder's compact JSON: keep what was read
		}
	}
}

// member reads the next element of the innermost container at i: an
// object's "key": value, an array's value.
func (b *rawBuilder) member(i int) int {
	if !b.stack[len(b.stack)-1] {
		return b.value(i, i, i)
	}
	k := i
	ke := imm.SkipJSONString(b.d.src, i)
	return b.value(ke+1, k, ke) // past the colon
}

// value reads the value at i (with its key, if any) and returns the
// index after what it consumed: a scalar or collapsed container whole,
// an opened container up to its first member.
func (b *rawBuilder) value(i, k, ke int) int {
	src := b.d.src
	if i >= len(src) {
		return i
	}
	l := rawLine{key: int32(k), keyEnd: int32(ke), val: int32(i), depth: int32(len(b.stack))}
	c := src[i]
	if c != '{' && c != '[' {
		l.valEnd = int32(imm.SkipJSONValue(src, i))
		b.emit(l)
		return int(l.valEnd)
	}
	if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
		l.valEnd = int32(i + 2) // {} and [] stay on one line, as json.Indent writes them
		b.emit(l)
		return i + 2
	}
	if len(b.stack) >= b.d.depth {
		l.valEnd, l.kind = int32(imm.SkipJSONValue(src, i)), rawCollapsed
		b.d.collapsed++
		b.emit(l)
		return int(l.valEnd)
	}
	l.valEnd, l.kind = int32(i+1), rawOpen
	b.emit(l)
	b.stack = append(b.stack, c == '{')
	return b.member(i + 1)
}

// lineAt is the index of the first line at or after byte offset off of
// the source, so a rebuilt outline keeps the same text on top.
func (d *rawDoc) lineAt(off int32) int {
	return sort.Search(len(d.lines), func(i int) bool { return d.lines[i].val >= off })
}
