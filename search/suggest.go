package search

import (
	"slices"
	"strings"
)

// Suggest is text rewritten in the language when some of its words look
// like a condition written another way: IMM's field names or SQL's
// spacing ("MediaType = image", "type =video", "Labels.LabelName=Dog").
// Those compile as free-text words (or an unknown field) and find
// nothing, with no error to say why. It is "" when nothing looks so or the
// rewrite would not compile.
func Suggest(text string) string {
	toks, err := lex(text)
	if err != nil {
		return ""
	}
	var b strings.Builder
	last, changed := 0, false
	for i := 0; i < len(toks); i++ {
		end, term := rewrite(text, toks, i)
		if term == "" {
			continue
		}
		b.WriteString(text[last:toks[i].start])
		b.WriteString(term)
		last, changed = toks[end].end, true
		i = end
	}
	if !changed {
		return ""
	}
	b.WriteString(text[last:])
	s := b.String()
	if _, err := Compile(s, Options{}); err != nil {
		return ""
	}
	return s
}

// rewrite reads a condition written another way at toks[i]: the index of
// its last token and its term in the language ("" when there is none).
func rewrite(text string, toks []token, i int) (end int, term string) {
	t := toks[i]
	if t.kind != tokWord || t.quoted {
		return i, ""
	}
	if t.field != "" { // MediaType=image: a field the language spells otherwise
		if _, ok := lookupField(t.field); ok {
			return i, ""
		}
		f, ok := spelledField(t.field)
		if !ok || t.value == "" {
			return i, ""
		}
		return i, spell(f, t.op, t.value, t.quoted)
	}
	// Labels.LabelName=Dog: an IMM name with a dot is no field to the lexer.
	for _, op := range []string{">=", "<=", "=", ":", ">", "<"} {
		if name, value, ok := strings.Cut(t.value, op); ok && value != "" {
			if f, ok := spelledField(name); ok && strings.Contains(name, ".") {
				return i, spell(f, op, value, false)
			}
			break
		}
	}
	f, ok := spelledField(t.value)
	if !ok || i+1 >= len(toks) || toks[i+1].kind != tokWord || toks[i+1].field != "" {
		return i, ""
	}
	next := toks[i+1]
	if op := comparison(next.value); op != "" && !next.quoted {
		if rest := next.value[len(op):]; rest != "" { // type =image
			return i + 1, spell(f, op, rest, false)
		}
		// type = image
		if op == next.value && i+2 < len(toks) && toks[i+2].kind == tokWord && toks[i+2].field == "" {
			v := toks[i+2]
			return i + 2, spell(f, op, v.value, v.quoted)
		}
	}
	return i, ""
}

// spelledField is the field a word names: the language's name, or the IMM
// field it searches (ProduceTime is date:, the OCR and caption fields
// text:).
func spelledField(word string) (Field, bool) {
	if f, ok := lookupField(word); ok {
		return f, true
	}
	for _, f := range Fields {
		if f.dateOp == "" && strings.EqualFold(f.IMM, word) {
			return f, true
		}
	}
	if slices.ContainsFunc(TextFields, func(n string) bool { return strings.EqualFold(n, word) }) {
		return lookupField("text")
	}
	return Field{}, false
}

// spell writes a term of f: = and : become the field's usual :, but for
// places and names, where = is the exact match asked for; the comparisons
// stay. A quoted value is quoted again when it needs it.
func spell(f Field, op, value string, quoted bool) string {
	if op == "=" && f.kind != kindPlace && f.kind != kindName || op == ":" {
		op = ":"
	}
	if quoted { // typed unquoted, a value keeps its meaning as it is (a * a prefix)
		value = quoteIfNeeded(value)
	}
	return f.Name + op + value
}
