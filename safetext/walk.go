package safetext

import "reflect"

// multiline names the model fields whose text keeps its line breaks.
var multiline = map[string]bool{
	"OCRTexts": true, "Contents": true, "Content": true, "Lyric": true,
	"Description": true, "Caption": true,
}

// identifiers name the model fields that are keys as well as text: they are
// sent back to IMM in later requests, so they must stay exactly as the
// server wrote them (a URI with a tab, rewritten to a space, could name
// another, real file). They are escaped where they are drawn instead:
// every draw path goes through Fit, Line or Truncate, and the ui hostile
// tests prove no raw control reaches a frame.
var identifiers = map[string]bool{
	"URI": true, "OSSURI": true, "ObjectId": true, "FigureId": true, "FigureClusterId": true,
}

// Walk sanitises, in place, every string reachable from v (a pointer):
// struct fields, slices, pointers and map keys and values. Fields named in
// multiline go through Block, identifiers are left exact, all others go
// through Line. Unexported fields (such as kept raw JSON) are left alone;
// the raw view escapes those when it shows them.
func Walk(v any) {
	walk(reflect.ValueOf(v), false)
}

func walk(v reflect.Value, block bool) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			if v.Kind() == reflect.Interface {
				// Values inside interfaces are not addressable: rebuild.
				inner := v.Elem()
				if inner.Kind() == reflect.String && v.CanSet() {
					v.Set(reflect.ValueOf(sanitize(inner.String(), block)))
					return
				}
			}
			walk(v.Elem(), block)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			if !t.Field(i).IsExported() || (identifiers[t.Field(i).Name] && t.Field(i).Type.Kind() == reflect.String) {
				continue
			}
			walk(v.Field(i), multiline[t.Field(i).Name])
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			walk(v.Index(i), block)
		}
	case reflect.Map:
		if v.IsNil() {
			return
		}
		iter := v.MapRange()
		type kv struct{ k, v reflect.Value }
		var redo []kv
		for iter.Next() {
			k, val := iter.Key(), iter.Value()
			nv := reflect.New(val.Type()).Elem()
			nv.Set(val)
			walk(nv, false)
			nk := k
			if k.Kind() == reflect.String {
				nk = reflect.ValueOf(Line(k.String())).Convert(k.Type())
			}
			redo = append(redo, kv{k, nv})
			if nk.Interface() != k.Interface() {
				redo = append(redo, kv{nk, reflect.Value{}})
			}
		}
		for i := 0; i < len(redo); i++ {
			e := redo[i]
			if i+1 < len(redo) && !redo[i+1].v.IsValid() {
				v.SetMapIndex(e.k, reflect.Value{}) // drop the unsafe key
				v.SetMapIndex(redo[i+1].k, e.v)
				i++
				continue
			}
			v.SetMapIndex(e.k, e.v)
		}
	case reflect.String:
		if v.CanSet() {
			if s := v.String(); !isPlain(s) {
				v.SetString(sanitize(s, block))
			}
		}
	}
}

func sanitize(s string, block bool) string {
	if block {
		return Block(s)
	}
	return Line(s)
}

// Identifier reports whether Walk leaves the model field name exact (see
// identifiers): whoever draws such a field must escape it.
func Identifier(name string) bool { return identifiers[name] }
