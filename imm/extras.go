package imm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
)

// Extras holds what a model does not capture on its own: keys this version
// does not know, and known keys that arrived with a zero value (which
// `omitempty` would otherwise drop on re-encoding). Both are put back by
// MarshalJSON so a decode/encode round trip is lossless.
type Extras struct {
	raw map[string]json.RawMessage
}

// Unknown returns the keys the model does not know, with their raw JSON.
// Known keys that were sent as zero values are not included.
func (e Extras) Unknown(v any) map[string]json.RawMessage {
	known := knownKeys(reflect.TypeOf(v))
	out := map[string]json.RawMessage{}
	for k, r := range e.raw {
		if _, ok := known[k]; !ok {
			out[k] = r
		}
	}
	return out
}

// HasExtras reports whether anything beyond the modelled fields was kept.
func (e Extras) HasExtras() bool { return len(e.raw) > 0 }

// KeepZero marks known fields, by JSON name, as present with their zero
// value: encoding writes them (0, "", false) instead of leaving them out.
// It is how data built in code says what IMM sends as zero, such as the
// first stream's Index or a face's Left at the image edge; decoding
// records the same for keys that arrive with a zero value. A field that
// holds a non-zero value at encoding is written as usual. Names that are
// not fields of the model make encoding fail.
func (e *Extras) KeepZero(names ...string) {
	if e.raw == nil {
		e.raw = make(map[string]json.RawMessage, len(names))
	}
	for _, n := range names {
		if _, ok := e.raw[n]; !ok {
			e.raw[n] = nil // the field's zero, resolved by encodeKeeping
		}
	}
}

// KeptZero reports whether the known field name is present although zero:
// it arrived with a zero value, or KeepZero marked it. A zero field that is
// not kept was absent.
func (e Extras) KeptZero(name string) bool {
	_, ok := e.raw[name]
	return ok
}

// knownKeys lists the JSON names of t's fields (t may be a pointer).
func knownKeys(t reflect.Type) map[string]int {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return fieldIndex(t)
}

var indexCache sync.Map // reflect.Type -> map[string]int

// fieldIndex maps a struct type's JSON field names to field indexes.
func fieldIndex(t reflect.Type) map[string]int {
	if m, ok := indexCache.Load(t); ok {
		return m.(map[string]int)
	}
	m := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || f.Anonymous {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		m[name] = i
	}
	indexCache.Store(t, m)
	return m
}

// decodeKeeping decodes b into plain (a pointer to a method-less copy of a
// model type) and records unknown and zero-valued keys in ex. The keys are
// found by a scan that skips values without decoding them: a second full
// decode into a map cost 80% of decoding a 100-file reply.
func decodeKeeping(b []byte, plain any, ex *Extras) error {
	if err := json.Unmarshal(b, plain); err != nil {
		return err
	}
	rv := reflect.ValueOf(plain).Elem()
	idx := fieldIndex(rv.Type())
	folded := false
	if err := keepExtras(b, rv, idx, ex, &folded); err != nil || !folded {
		return err
	}
	if err := redecodeExact(b, rv, idx); err != nil {
		return err
	}
	return keepExtras(b, rv, idx, ex, &folded) // what is zero changed
}

// keepExtras records in ex the keys of b that rv does not hold: unknown
// ones, and known ones whose value is zero. folded says whether a key is
// a field's name but for case.
func keepExtras(b []byte, rv reflect.Value, idx map[string]int, ex *Extras, folded *bool) error {
	ex.raw = nil
	return scanObject(b, func(k string, r []byte) {
		i, known := idx[k]
		if known && !rv.Field(i).IsZero() {
			return
		}
		if !known && !*folded && foldsToField(k, rv.Type(), idx) {
			*folded = true
		}
		if ex.raw == nil {
			ex.raw = map[string]json.RawMessage{}
		}
		ex.raw[k] = json.RawMessage(bytes.Clone(r))
	})
}

// redecodeExact undoes encoding/json's case-insensitive matching, for an
// object that holds a key such as "URi": encoding/json fills URI from it,
// though IMM's keys are exact and "URi" is another key (kept in Extras).
// rv is decoded again from the object's exact keys alone. A reply from
// IMM never needs it; decodeKeeping notices such a key in the scan it
// makes anyway, so the common path costs nothing more.
func redecodeExact(b []byte, rv reflect.Value, idx map[string]int) error {
	exact := map[string]json.RawMessage{}
	if err := scanObject(b, func(k string, r []byte) {
		if _, ok := idx[k]; ok {
			exact[k] = r // the last of a repeated key wins, as in encoding/json
		}
	}); err != nil {
		return err
	}
	only, err := json.Marshal(exact)
	if err != nil {
		return err
	}
	rv.SetZero()
	return json.Unmarshal(only, rv.Addr().Interface())
}

// foldsToField reports whether k, unknown as it is, is a field's name but
// for case (what encoding/json would have matched).
func foldsToField(k string, t reflect.Type, idx map[string]int) bool {
	if isLowerASCII(k) {
		_, ok := lowerIndex(t, idx)[k]
		return ok
	}
	if isASCII(k) {
		_, ok := lowerIndex(t, idx)[strings.ToLower(k)]
		return ok
	}
	for name := range idx { // non-ASCII (K, ſ fold to k, s): rare
		if strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}

var lowerCache sync.Map // reflect.Type -> map[string]bool

func lowerIndex(t reflect.Type, idx map[string]int) map[string]bool {
	if m, ok := lowerCache.Load(t); ok {
		return m.(map[string]bool)
	}
	m := make(map[string]bool, len(idx))
	for name := range idx {
		m[strings.ToLower(name)] = true
	}
	lowerCache.Store(t, m)
	return m
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// scanObject calls fn for each key of the JSON object b with the raw bytes
// of its value. b has already been validated by json.Unmarshal; "null" has
// no keys.
func scanObject(b []byte, fn func(key string, raw []byte)) error {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return nil // null: nothing to keep
	}
	i++
	for {
		i = skipSpace(b, i)
		if i >= len(b) || b[i] == '}' {
			return nil
		}
		if b[i] == ',' {
			i++
			continue
		}
		end := skipString(b, i)
		key := string(b[i+1 : end-1])
		if bytes.IndexByte(b[i:end], '\\') >= 0 {
			if err := json.Unmarshal(b[i:end], &key); err != nil {
				return err
			}
		}
		i = skipSpace(b, end)
		i = skipSpace(b, i+1) // the colon
		vend := skipValue(b, i)
		fn(key, b[i:vend])
		i = vend
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\t' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index just past the string starting at b[i].
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}

// skipValue returns the index just past the value starting at b[i].
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				i = skipString(b, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return len(b)
	default: // number, true, false, null
		for i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ' && b[i] != '\n' && b[i] != '\t' && b[i] != '\r' {
			i++
		}
		return i
	}
}

// encodeKeeping encodes plain and adds back the keys kept in ex that the
// encoding lacks.
func encodeKeeping(plain any, ex Extras) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(plain); err != nil {
		return nil, err
	}
	b := bytes.TrimRight(buf.Bytes(), "\n")
	if len(ex.raw) == 0 {
		return b, nil
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return nil, err
	}
	// The keys keep the model's order, as an encoding without extras has
	// it (a kept zero in its field's place), and the keys this version
	// does not know follow, sorted: a map would sort them all, and the Raw
	// pane would read differently for a file that happens to hold a zero.
	t := reflect.TypeOf(plain)
	out := bytes.NewBuffer(make([]byte, 0, len(b)+64*len(ex.raw)))
	out.WriteByte('{')
	write := func(k string, r json.RawMessage) {
		if out.Len() > 1 {
			out.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		out.Write(kb)
		out.WriteByte(':')
		out.Write(r)
	}
	idx := fieldIndex(t)
	for _, k := range fieldNames(t) {
		if r, ok := all[k]; ok {
			write(k, r)
			continue
		}
		r, ok := ex.raw[k]
		if !ok {
			continue
		}
		if r == nil {
			z, err := zeroOf(t, k)
			if err != nil {
				return nil, err
			}
			r = z
		}
		write(k, r)
	}
	var unknown []string
	for k := range ex.raw {
		if _, known := idx[k]; !known {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		r := ex.raw[k]
		if r == nil {
			if _, err := zeroOf(t, k); err != nil {
				return nil, err
			}
		}
		write(k, r)
	}
	out.WriteByte('}')
	return out.Bytes(), nil
}

var namesCache sync.Map // reflect.Type -> []string

// fieldNames lists t's JSON field names in declaration order.
func fieldNames(t reflect.Type) []string {
	if v, ok := namesCache.Load(t); ok {
		return v.([]string)
	}
	idx := fieldIndex(t)
	names := make([]string, 0, len(idx))
	for n := range idx {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return idx[names[i]] < idx[names[j]] })
	namesCache.Store(t, names)
	return names
}

// zeroOf is the JSON of the zero value of t's field named (in JSON) name.
func zeroOf(t reflect.Type, name string) (json.RawMessage, error) {
	i, ok := fieldIndex(t)[name]
	if !ok {
		return nil, fmt.Errorf("imm: KeepZero(%q): the model has no field of that JSON name", name)
	}
	return json.Marshal(reflect.Zero(t.Field(i).Type).Interface())
}

// SkipJSONValue returns the index just past the JSON value starting at
// b[i], for readers of raw replies (the Raw pane's outline) that walk valid
// JSON without decoding it; this scanner is what the models' own key scan
// uses.
func SkipJSONValue(b []byte, i int) int { return skipValue(b, i) }

// SkipJSONString returns the index just past the JSON string starting at
// b[i] (the opening quote).
func SkipJSONString(b []byte, i int) int { return skipString(b, i) }
