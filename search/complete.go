package search

import (
	"slices"
	"strconv"
	"strings"
)

// Value is one value of a field with its count, from an aggregation.
type Value struct {
	Value string
	Count int64
}

// Snapshot holds the values completion offers, from the overview's
// aggregations (state.Overview's Snapshot method fills it). Any may be nil.
type Snapshot struct {
	Labels, Cities, Provinces, Countries, Types, Statuses, MIMEs []Value
}

// Candidate is one completion.
type Candidate struct {
	Insert  string // the text that replaces the word: "label:" or "city:\"new york\""
	Display string // what a menu shows: "label:" or "杭州"
	Help    string // a field's help, or a value's count ("1,204 files" is for the UI to format)
	Count   int64  // the value's count; 0 for field names
}

// Completion is what can replace text[Start:End] (the word at the cursor).
type Completion struct {
	Start, End int
	Candidates []Candidate
}

// Complete offers field names for a word without a colon, and values for
// field:prefix (or field=prefix) from snap, inserted as exact field=value (most frequent first), for the word that holds
// cursor (a byte offset into text). A leading - stays in place.
func Complete(text string, cursor int, snap Snapshot) Completion {
	cursor = max(0, min(cursor, len(text)))
	start, end := wordAround(text, cursor)
	word := text[start:cursor]
	if strings.HasPrefix(word, "-") {
		start++
		word = word[1:]
	}
	out := Completion{Start: start, End: end}
	cut := strings.IndexAny(word, ":=")
	if cut < 0 || !isIdent(word[:cut]) {
		low := strings.ToLower(word)
		for _, f := range Fields {
			if strings.HasPrefix(f.Name, low) {
				out.Candidates = append(out.Candidates, Candidate{Insert: f.Name + ":", Display: f.Name + ":", Help: f.Help})
			}
		}
		return out
	}
	f, ok := lookupField(word[:cut])
	if !ok {
		return out
	}
	prefix := strings.Trim(word[cut+1:], `"`)
	var values []Value
	switch f.Name {
	case "label":
		values = snap.Labels
	case "city":
		values = snap.Cities
	case "province":
		values = snap.Provinces
	case "country":
		values = snap.Countries
	case "mime":
		values = snap.MIMEs
	case "type":
		values = withDefaults(snap.Types, MediaTypes)
	case "status":
		values = withDefaults(snap.Statuses, Statuses)
	}
	low := strings.ToLower(prefix)
	for _, v := range values {
		if !strings.HasPrefix(strings.ToLower(v.Value), low) {
			continue
		}
		c := Candidate{Insert: Term(f.Name, v.Value), Display: v.Value, Count: v.Count}
		if v.Count > 0 {
			c.Help = strconv.FormatInt(v.Count, 10)
		}
		out.Candidates = append(out.Candidates, c)
	}
	return out
}

// withDefaults adds the known values the snapshot lacks, after it.
func withDefaults(have []Value, known []string) []Value {
	out := slices.Clone(have)
	for _, k := range known {
		if !slices.ContainsFunc(have, func(v Value) bool { return strings.EqualFold(v.Value, k) }) {
			out = append(out, Value{Value: k})
		}
	}
	return out
}

// wordAround is the byte range of the word holding cursor: from the
// space or parenthesis before it (outside quotes) to the next one.
func wordAround(text string, cursor int) (start, end int) {
	inQuote := false
	start = 0
	for i := 0; i < cursor; i++ {
		switch c := text[i]; {
		case c == '"':
			inQuote = !inQuote
		case !inQuote && (c == ' ' || c == '\t' || c == '(' || c == ')'):
			start = i + 1
		}
	}
	end = cursor
	for end < len(text) {
		c := text[end]
		if c == '"' {
			inQuote = !inQuote
		} else if !inQuote && (c == ' ' || c == '\t' || c == '(' || c == ')') {
			break
		}
		end++
	}
	return start, end
}

// Term is the text of a field=value term that compiles to an eq on value
// exactly (quoted when it holds spaces, quotes, parentheses, a trailing *
// or starts like an operator), for "Enter on a group opens its files" and
// for completed values.
func Term(field, value string) string {
	return field + "=" + quoteIfNeeded(value)
}

func quoteIfNeeded(v string) string {
	need := v == "" || strings.HasSuffix(v, "*") || strings.HasPrefix(v, "-")
	for _, r := range v {
		if isSpace(r) || r == '"' || r == '(' || r == ')' || r == '\\' {
			need = true
		}
	}
	if !need {
		return v
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`
}
