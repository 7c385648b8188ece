package client

import (
	"bytes"
	"encoding/json"
	"reflect"
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
		if !known[k] {
			out[k] = r
		}
	}
	return out
}

// HasExtras reports whether anything beyond the modelled fields was kept.
func (e Extras) HasExtras() bool { return len(e.raw) > 0 }

var knownCache sync.Map // reflect.Type -> map[string]bool

// knownKeys lists the JSON names of t's fields (t may be a pointer).
func knownKeys(t reflect.Type) map[string]bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if m, ok := knownCache.Load(t); ok {
		return m.(map[string]bool)
	}
	m := map[string]bool{}
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
		m[name] = true
	}
	knownCache.Store(t, m)
	return m
}

// fieldByJSON maps JSON names to field indexes for zero checks.
var indexCache sync.Map // reflect.Type -> map[string]int

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
		m[name] = i
	}
	indexCache.Store(t, m)
	return m
}

// decodeKeeping decodes b into plain (a pointer to a method-less copy of a
// model type) and records unknown and zero-valued keys in ex.
func decodeKeeping(b []byte, plain any, ex *Extras) error {
	if err := json.Unmarshal(b, plain); err != nil {
		return err
	}
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		return nil
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return err
	}
	rv := reflect.ValueOf(plain).Elem()
	idx := fieldIndex(rv.Type())
	ex.raw = nil
	for k, r := range all {
		i, known := idx[k]
		if known && !rv.Field(i).IsZero() {
			continue
		}
		if ex.raw == nil {
			ex.raw = map[string]json.RawMessage{}
		}
		ex.raw[k] = r
	}
	return nil
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
	for k, r := range ex.raw {
		if _, ok := all[k]; !ok {
			all[k] = r
		}
	}
	buf.Reset()
	if err := enc.Encode(all); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
