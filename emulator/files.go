package emulator

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"sync"

	"github.com/immtui/immtui/imm"
)

// File actions: GetFileMeta and BatchGetFileMeta (docs/api.md §1.1), and
// the WithFields trimming SimpleQuery shares.

// maxURIs is BatchGetFileMeta's documented limit.
const maxURIs = 100

type filesBody struct {
	RequestId string
	Files     []any // *imm.File, or a trimmed view of one
}

func (s *Server) getFileMeta(p *params, rid string) (any, *apiError) {
	project, dataset, uri := p.required("ProjectName"), p.required("DatasetName"), p.required("URI")
	fields := p.withFields()
	de, err := s.requestedDataset(p, project, dataset)
	if err != nil {
		return nil, err
	}
	i, ok := de.fileByURI[uri]
	if !ok {
		return nil, errNotFound("file")
	}
	v, e := fields.view(de.file(i))
	if e != nil {
		return nil, e
	}
	// GetFileMeta answers an array even for one file.
	return filesBody{RequestId: rid, Files: []any{v}}, nil
}

func (s *Server) batchGetFileMeta(p *params, rid string) (any, *apiError) {
	project, dataset := p.required("ProjectName"), p.required("DatasetName")
	uris := p.stringList("URIs")
	if p.err == nil && len(uris) == 0 {
		p.fail(errMissing("URIs"))
	}
	if len(uris) > maxURIs {
		p.fail(errTooMany("URIs", len(uris), maxURIs))
	}
	fields := p.withFields()
	de, err := s.requestedDataset(p, project, dataset)
	if err != nil {
		return nil, err
	}
	// Unknown URIs are left out of the answer rather than failing the batch
	// (unverified against IMM); duplicates are answered once, in request order.
	out := filesBody{RequestId: rid, Files: make([]any, 0, len(uris))}
	seen := make(map[string]bool, len(uris))
	for _, uri := range uris {
		i, ok := de.fileByURI[uri]
		if !ok || seen[uri] {
			continue
		}
		seen[uri] = true
		v, e := fields.view(de.file(i))
		if e != nil {
			return nil, e
		}
		out.Files = append(out.Files, v)
	}
	return out, nil
}

// fieldSet is a parsed WithFields: the top-level File fields to answer.
// Empty means every field. A dotted name ("Figures.FigureId") selects its
// whole top-level field; names the File model does not know still select
// keys kept in its Extras (data loaded from real answers).
type fieldSet struct {
	names []string
}

func (p *params) withFields() fieldSet {
	var fs fieldSet
	seen := map[string]bool{}
	for _, n := range p.stringList("WithFields") {
		top, _, _ := strings.Cut(strings.TrimSpace(n), ".")
		if top != "" && !seen[top] {
			seen[top] = true
			fs.names = append(fs.names, top)
		}
	}
	return fs
}

// fileFieldIndex maps File's JSON names to struct field indexes.
var fileFieldIndex = sync.OnceValue(func() map[string]int {
	t := reflect.TypeFor[imm.File]()
	m := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name != "" && name != "-" {
			m[name] = i
		}
	}
	return m
})

// view returns what to encode for f: f itself for all fields, else a copy
// holding only the chosen fields.
func (fs fieldSet) view(f *imm.File) (any, *apiError) {
	if len(fs.names) == 0 {
		return f, nil
	}
	if !f.HasExtras() {
		// Fast path: copy the chosen fields into an empty File.
		var out imm.File
		src, dst := reflect.ValueOf(f).Elem(), reflect.ValueOf(&out).Elem()
		idx := fileFieldIndex()
		for _, n := range fs.names {
			if i, ok := idx[n]; ok {
				dst.Field(i).Set(src.Field(i))
			}
		}
		return &out, nil
	}
	// Files with kept keys: encode whole, then pick the keys.
	full, err := json.Marshal(f)
	if err != nil {
		return nil, errInternal("encoding a file: " + err.Error())
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(full, &all); err != nil {
		return nil, errInternal("re-reading a file: " + err.Error())
	}
	obj := rawObject{}
	for _, n := range fs.names {
		if r, ok := all[n]; ok {
			obj = append(obj, rawField{n, r})
		}
	}
	return obj, nil
}

// rawObject is a JSON object with its keys in a chosen order.
type rawObject []rawField

type rawField struct {
	Key   string
	Value json.RawMessage
}

func (o rawObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(f.Key)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(f.Value)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
