// Package search is the query language a person types to find files
// (`label:狗 city:杭州 type:video size>10MB after:2024-01`), compiled to an
// IMM SimpleQuery (docs/api.md §2), with errors that point at the
// wrong word and completion of field names and values. It does no I/O.
//
// Grammar: terms side by side must all hold (and); `or` between terms
// lets either; `not` or a leading `-` negates; parentheses group; and binds
// tighter than or. A term is field:value, field>value (>=, <, <=, =) or a
// bare value, which searches names, labels and text. Double quotes keep
// spaces in a value: city:"new york".
package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/immtui/immtui/imm"
)

// Limits of one compiled query, IMM's (docs/api.md §2): conditions in
// all, and levels of nesting.
const (
	MaxConditions = 100
	MaxDepth      = 5
)

// Options tune Compile.
type Options struct {
	// Location is the zone of dates typed (after:2024-01 starts at
	// midnight there). Nil means time.Local.
	Location *time.Location
}

// Compile compiles text into a SimpleQuery. Blank text is nil: every file.
// A bad query is an *Error.
func Compile(text string, o Options) (*imm.SimpleQuery, error) {
	toks, lerr := lex(text)
	if lerr != nil {
		return nil, lerr
	}
	if len(toks) == 0 {
		return nil, nil
	}
	c := &compiler{text: text, toks: toks, loc: o.Location}
	if c.loc == nil {
		c.loc = time.Local
	}
	q, err := c.or()
	if err != nil {
		return nil, err
	}
	if c.pos < len(c.toks) {
		t := c.toks[c.pos]
		return nil, errAt(text, t.start, t.end, "%q has no ( to close", t.raw(text))
	}
	q = flatten(q)
	if n := conditions(q); n > MaxConditions {
		return nil, errAt(text, 0, len(text), "the query makes %d IMM conditions; IMM allows %d (text: and a bare word count %d and %d)",
			n, MaxConditions, len(TextFields), len(TextFields)+2)
	}
	if d := depth(q); d > MaxDepth {
		return nil, errAt(text, 0, len(text), "the query nests %d levels deep; IMM allows %d: use fewer parentheses or nots", d, MaxDepth)
	}
	return &q, nil
}

type compiler struct {
	text string
	toks []token
	pos  int
	loc  *time.Location
}

func (c *compiler) peek() (token, bool) {
	if c.pos < len(c.toks) {
		return c.toks[c.pos], true
	}
	return token{}, false
}

// or := and ("or" and)*
func (c *compiler) or() (imm.SimpleQuery, *Error) {
	first, err := c.and()
	if err != nil {
		return first, err
	}
	subs := []imm.SimpleQuery{first}
	for {
		t, ok := c.peek()
		if !ok || t.kind != tokOr {
			break
		}
		c.pos++
		if next, ok := c.peek(); !ok || next.kind == tokRParen || next.kind == tokOr || next.kind == tokAnd {
			return first, errAt(c.text, t.start, t.end, "or needs a term after it")
		}
		q, err := c.and()
		if err != nil {
			return q, err
		}
		subs = append(subs, q)
	}
	if len(subs) == 1 {
		return first, nil
	}
	return imm.SimpleQuery{Operation: "or", SubQueries: subs}, nil
}

// and := unary ("and"? unary)*
func (c *compiler) and() (imm.SimpleQuery, *Error) {
	var subs []imm.SimpleQuery
	for {
		t, ok := c.peek()
		if !ok || t.kind == tokOr || t.kind == tokRParen {
			break
		}
		if t.kind == tokAnd {
			c.pos++
			if len(subs) == 0 {
				return imm.SimpleQuery{}, errAt(c.text, t.start, t.end, "and needs a term before it")
			}
			if next, ok := c.peek(); !ok || next.kind == tokRParen || next.kind == tokOr || next.kind == tokAnd {
				return imm.SimpleQuery{}, errAt(c.text, t.start, t.end, "and needs a term after it")
			}
			continue
		}
		q, err := c.unary()
		if err != nil {
			return q, err
		}
		subs = append(subs, q)
	}
	switch len(subs) {
	case 0:
		t, ok := c.peek()
		if !ok {
			t = c.toks[len(c.toks)-1]
		}
		return imm.SimpleQuery{}, errAt(c.text, t.start, t.end, "%q needs a term before it", t.raw(c.text))
	case 1:
		return subs[0], nil
	}
	return imm.SimpleQuery{Operation: "and", SubQueries: subs}, nil
}

// unary := ("not" | "-") unary | "(" or ")" | term
func (c *compiler) unary() (imm.SimpleQuery, *Error) {
	t, _ := c.peek()
	c.pos++
	switch t.kind {
	case tokNot:
		if next, ok := c.peek(); !ok || next.kind == tokRParen || next.kind == tokOr || next.kind == tokAnd {
			return imm.SimpleQuery{}, errAt(c.text, t.start, t.end, "%s needs a term after it", t.raw(c.text))
		}
		q, err := c.unary()
		if err != nil {
			return q, err
		}
		return imm.SimpleQuery{Operation: "not", SubQueries: []imm.SimpleQuery{q}}, nil
	case tokLParen:
		if next, ok := c.peek(); ok && next.kind == tokRParen {
			return imm.SimpleQuery{}, errAt(c.text, t.start, next.end, "() holds nothing")
		}
		q, err := c.or()
		if err != nil {
			return q, err
		}
		if end, ok := c.peek(); !ok || end.kind != tokRParen {
			return q, errAt(c.text, t.start, t.end, "this ( is not closed: add a )")
		}
		c.pos++
		return q, nil
	case tokWord:
		if t.field == "" {
			return c.bare(t), nil
		}
		return c.term(t)
	}
	return imm.SimpleQuery{}, errAt(c.text, t.start, t.end, "%q is out of place", t.raw(c.text))
}

// bare compiles a value without a field: a phrase in the name or the
// text, or a label of exactly that name.
func (c *compiler) bare(t token) imm.SimpleQuery {
	subs := []imm.SimpleQuery{leaf(FieldName, "match-phrase", t.value), leaf(FieldLabel, "eq", t.value)}
	for _, f := range TextFields {
		subs = append(subs, leaf(f, "match-phrase", t.value))
	}
	return imm.SimpleQuery{Operation: "or", SubQueries: subs}
}

// flatten merges an and inside an and (an or inside an or): same meaning,
// fewer levels for IMM's depth limit.
func flatten(q imm.SimpleQuery) imm.SimpleQuery {
	if len(q.SubQueries) == 0 {
		return q
	}
	var subs []imm.SimpleQuery
	for _, s := range q.SubQueries {
		s = flatten(s)
		if (q.Operation == "and" || q.Operation == "or") && s.Operation == q.Operation && s.Field == "" {
			subs = append(subs, s.SubQueries...)
			continue
		}
		subs = append(subs, s)
	}
	q.SubQueries = subs
	return q
}

// conditions counts leaf conditions, as IMM's limit does.
func conditions(q imm.SimpleQuery) int {
	if len(q.SubQueries) == 0 {
		return 1
	}
	n := 0
	for _, s := range q.SubQueries {
		n += conditions(s)
	}
	return n
}

func depth(q imm.SimpleQuery) int {
	d := 0
	for _, s := range q.SubQueries {
		d = max(d, depth(s))
	}
	return d + 1
}

// JSON renders q as indented JSON, as it goes to IMM (for "show the
// query"). Nil is every file: no Query at all.
func JSON(q *imm.SimpleQuery) string {
	if q == nil {
		return "(no Query: every file)"
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // keep > and < readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(q); err != nil {
		return fmt.Sprintf("(cannot encode the query: %v)", err)
	}
	return string(bytes.TrimRight(b.Bytes(), "\n"))
}
