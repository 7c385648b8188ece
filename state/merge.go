package state

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"

	"github.com/immtui/immtui/imm"
)

// uriField is always fetched: it is how a batch answer is matched to its
// request.
const uriField = "URI"

// allFields is the group of a fetch without WithFields.
const allFields = "*"

// fileFieldIndex maps imm.File's JSON field names to struct field indexes.
var fileFieldIndex = func() map[string]int {
	t := reflect.TypeFor[imm.File]()
	m := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous || name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		m[name] = i
	}
	return m
}()

// fileEntry is what the cache holds for one URI: a File that is never
// mutated once stored (merges make a new one) and the fields fetched into it.
type fileEntry struct {
	file   *imm.File
	all    bool                // a full fetch: every field is there
	fields map[string]struct{} // fetched field names when !all
}

// has reports whether every field of want (nil or empty: all) is cached.
func (e *fileEntry) has(want []string) bool {
	if e == nil {
		return false
	}
	if e.all {
		return true
	}
	if len(want) == 0 {
		return false
	}
	for _, f := range want {
		if _, ok := e.fields[f]; !ok && f != uriField {
			return false
		}
	}
	return true
}

// missingGroup returns the group key of the fields of want the entry lacks:
// allFields, or the sorted, de-duplicated names without URI joined by ",".
func (e *fileEntry) missingGroup(want []string) string {
	if len(want) == 0 {
		return allFields
	}
	names := make([]string, 0, len(want))
	for _, f := range want {
		if f == uriField || f == "" {
			continue
		}
		if e != nil {
			if _, ok := e.fields[f]; ok {
				continue
			}
		}
		names = append(names, f)
	}
	slices.Sort(names)
	return strings.Join(slices.Compact(names), ",")
}

// groupFields turns a group key back into field names (nil: all fields).
func groupFields(group string) []string {
	group = strings.TrimPrefix(group, refreshPrefix)
	switch group {
	case allFields:
		return nil
	case "":
		return []string{}
	}
	return strings.Split(group, ",")
}

// groupCovers reports whether a fetch of group brings every field of the
// group want.
func groupCovers(group, want string) bool {
	group = strings.TrimPrefix(group, refreshPrefix)
	if group == allFields || group == want {
		return true
	}
	if want == allFields {
		return false
	}
	have := groupFields(group)
	for _, f := range groupFields(want) {
		if !slices.Contains(have, f) {
			return false
		}
	}
	return true
}

// mergeFile returns the entry holding old's fields plus fields (nil: all)
// taken from fetched. old and fetched are not changed.
func mergeFile(old *fileEntry, fetched *imm.File, fields []string) *fileEntry {
	if fields == nil {
		return &fileEntry{file: fetched, all: true}
	}
	if old == nil {
		set := make(map[string]struct{}, len(fields)+1)
		for _, f := range fields {
			set[f] = struct{}{}
		}
		set[uriField] = struct{}{}
		return &fileEntry{file: fetched, fields: set}
	}
	e := &fileEntry{all: old.all}
	if !old.all {
		e.fields = make(map[string]struct{}, len(old.fields)+len(fields))
		for f := range old.fields {
			e.fields[f] = struct{}{}
		}
		for _, f := range fields {
			e.fields[f] = struct{}{}
		}
	}
	n := *old.file // copy-on-merge: nested slices are shared but never written
	dst := reflect.ValueOf(&n).Elem()
	src := reflect.ValueOf(fetched).Elem()
	for _, f := range fields {
		if i, ok := fileFieldIndex[f]; ok {
			dst.Field(i).Set(src.Field(i))
		}
	}
	if n.URI == "" {
		n.URI = fetched.URI
	}
	switch {
	case !fetched.HasExtras():
		// n keeps old's extras.
	case !old.file.HasExtras():
		n.Extras = fetched.Extras
	default:
		// Both carry keys only Extras holds (unknown ones, zero values):
		// merge through JSON, the one way to combine them from outside
		// package client.
		if m, err := mergeJSON(old.file, fetched, fields); err == nil {
			e.file = m
			return e
		}
		n.Extras = fetched.Extras
	}
	e.file = &n
	return e
}

// mergeJSON merges two Files key by key: old's keys without fields, then
// every key of fetched.
func mergeJSON(old, fetched *imm.File, fields []string) (*imm.File, error) {
	var o, f map[string]json.RawMessage
	if err := remarshal(old, &o); err != nil {
		return nil, err
	}
	if err := remarshal(fetched, &f); err != nil {
		return nil, err
	}
	for _, k := range fields {
		delete(o, k)
	}
	for k, v := range f {
		o[k] = v
	}
	b, err := json.Marshal(o)
	if err != nil {
		return nil, err
	}
	var out imm.File
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func remarshal(v any, into *map[string]json.RawMessage) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, into)
}

// dropFields returns e without fields (nil: nothing is left, so nil).
func dropFields(e *fileEntry, fields []string) *fileEntry {
	if e == nil || len(fields) == 0 {
		return nil
	}
	out := &fileEntry{fields: map[string]struct{}{}}
	if e.all {
		for name := range fileFieldIndex {
			out.fields[name] = struct{}{}
		}
	} else {
		for name := range e.fields {
			out.fields[name] = struct{}{}
		}
	}
	n := *e.file
	dst := reflect.ValueOf(&n).Elem()
	for _, f := range fields {
		if f == uriField {
			continue
		}
		delete(out.fields, f)
		if i, ok := fileFieldIndex[f]; ok {
			dst.Field(i).SetZero()
		}
	}
	out.file = &n
	return out
}
