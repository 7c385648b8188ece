package search

import (
	"strings"
	"unicode/utf8"
)

// tokenKind is what the lexer saw.
type tokenKind uint8

const (
	tokWord   tokenKind = iota // a term: field:value, field>value or a bare value
	tokAnd                     // and
	tokOr                      // or
	tokNot                     // not, or a - before a term
	tokLParen                  // (
	tokRParen                  // )
)

// token is one lexed piece of the text, with its byte range.
type token struct {
	kind       tokenKind
	start, end int
	// For tokWord: the field ("" for a bare value), the comparison ("",
	// ":", "=", ">", ">=", "<", "<="), the value with its quotes removed,
	// where the value starts, and whether any of it was quoted.
	field, op, value string
	valueStart       int
	quoted           bool
}

// raw is the text of the token as typed.
func (t token) raw(text string) string { return text[t.start:t.end] }

// lex splits text into tokens. Outside quotes, space separates words and
// parentheses stand alone; a - right before a word negates it. Inside
// double quotes anything goes, \" and \\ escape.
func lex(text string) ([]token, *Error) {
	var out []token
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isSpace(r):
			i += size
			continue
		case r == '(':
			out = append(out, token{kind: tokLParen, start: i, end: i + 1})
			i++
			continue
		case r == ')':
			out = append(out, token{kind: tokRParen, start: i, end: i + 1})
			i++
			continue
		case r == '-':
			out = append(out, token{kind: tokNot, start: i, end: i + 1})
			i++
			continue
		}
		t, err := lexWord(text, i)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
		i = t.end
	}
	return out, nil
}

// lexWord reads one word starting at start.
func lexWord(text string, start int) (token, *Error) {
	t := token{kind: tokWord, start: start}
	var val strings.Builder
	i := start
	opDone := false
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if isSpace(r) || r == '(' || r == ')' {
			break
		}
		if r == '"' {
			end, s, ok := unquote(text, i)
			if !ok {
				return token{}, errAt(text, i, len(text), "this quote is not closed: add a \" after the value")
			}
			if !opDone && t.field == "" && val.Len() == 0 {
				t.valueStart = i
			}
			val.WriteString(s)
			t.quoted = true
			i = end
			continue
		}
		if !opDone && !t.quoted {
			if op := comparison(text[i:]); op != "" && isIdent(val.String()) {
				t.field, t.op = val.String(), op
				val.Reset()
				i += len(op)
				t.valueStart = i
				opDone = true
				continue
			}
		}
		val.WriteRune(r)
		i += size
	}
	t.end = i
	t.value = val.String()
	if t.field == "" {
		t.valueStart = start
		if !t.quoted {
			switch strings.ToLower(t.value) {
			case "and":
				t.kind = tokAnd
			case "or":
				t.kind = tokOr
			case "not":
				t.kind = tokNot
			}
		}
	}
	return t, nil
}

// unquote reads a quoted string at text[i] == '"'; end is past its
// closing quote.
func unquote(text string, i int) (end int, s string, ok bool) {
	var b strings.Builder
	for j := i + 1; j < len(text); j++ {
		switch c := text[j]; c {
		case '\\':
			if j+1 < len(text) && (text[j+1] == '"' || text[j+1] == '\\') {
				b.WriteByte(text[j+1])
				j++
				continue
			}
			b.WriteByte(c)
		case '"':
			return j + 1, b.String(), true
		default:
			b.WriteByte(c)
		}
	}
	return 0, "", false
}

// comparison is the operator text at the start of s, if any.
func comparison(s string) string {
	for _, op := range []string{">=", "<=", ":", "=", ">", "<"} {
		if strings.HasPrefix(s, op) {
			return op
		}
	}
	return ""
}

// isIdent: field names are ASCII letters (and _), so 杭州:x or 12:30 stay values.
func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
			return false
		}
	}
	return true
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u3000'
}
