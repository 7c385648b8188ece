package client

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// query is the request's URL query, in the runtime's map form. Every
// parameter of the actions in this package goes in the query (docs/api.md
// §1.0); the body stays empty.
type query map[string]*string

// get is k's value, "" when unset.
func (q query) get(k string) string {
	if v := q[k]; v != nil {
		return *v
	}
	return ""
}

// always sets k even when v is empty (required names: the server then says
// which one is missing).
func (q query) always(k, v string) { q[k] = &v }

// str sets k when v is not empty.
func (q query) str(k, v string) {
	if v != "" {
		q[k] = &v
	}
}

// int sets k only when v > 0, so the server default applies otherwise.
func (q query) int(k string, v int64) {
	if v > 0 {
		s := strconv.FormatInt(v, 10)
		q[k] = &s
	}
}

// flag sets k=true when v; false is every flag's default.
func (q query) flag(k string, v bool) {
	if v {
		s := "true"
		q[k] = &s
	}
}

// json sets k to v as a JSON string, the SDK's "shrink" form for array and
// object parameters: encoding/json without HTML escaping (dara.Stringify),
// sent under the parameter's own name.
func (q query) json(k string, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	s := string(bytes.TrimRight(buf.Bytes(), "\n"))
	q[k] = &s
	return nil
}

// strings sets k to the JSON array of v when v is not empty.
func (q query) strings(k string, v []string) {
	if len(v) > 0 {
		_ = q.json(k, v) // []string always encodes
	}
}
