package emulator

import (
	"slices"
	"strings"
	"sync"

	"github.com/immtui/immtui/imm"
)

// Value indexes of the equality fields the explore screens and the search
// language ask for (docs/emulator-search.md §3). Each maps a value to the
// files holding it, is built on first use (one field at a time, once per
// dataset) and is read-only after that.
//
// An index must answer exactly what the reflective evaluator (query.go)
// would: a leaf eq on a string holds when any value its path reaches is
// equal, so an index lists every reached value, the empty string
// included, and a file once per value. The accessors below read the same
// values walk reaches for these paths: the fields are typed strings on
// typed structs, so neither Extras nor maps are involved
// (TestIndexAccessorsReadWhatWalkReaches checks it).

// indexedField is one indexed field path and how to read its values.
type indexedField struct {
	path   string
	values func(f *imm.File, yield func(string))
}

var indexedFields = []indexedField{
	{"Labels.LabelName", func(f *imm.File, yield func(string)) {
		for i := range f.Labels {
			yield(f.Labels[i].LabelName)
		}
	}},
	{"Addresses.City", func(f *imm.File, yield func(string)) {
		for i := range f.Addresses {
			yield(f.Addresses[i].City)
		}
	}},
	{"Addresses.Province", func(f *imm.File, yield func(string)) {
		for i := range f.Addresses {
			yield(f.Addresses[i].Province)
		}
	}},
	{"Addresses.Country", func(f *imm.File, yield func(string)) {
		for i := range f.Addresses {
			yield(f.Addresses[i].Country)
		}
	}},
	{"Figures.FigureClusterId", func(f *imm.File, yield func(string)) {
		for i := range f.Figures {
			yield(f.Figures[i].FigureClusterId)
		}
	}},
	{"MediaType", func(f *imm.File, yield func(string)) { yield(f.MediaType) }},
	{"ObjectStatus", func(f *imm.File, yield func(string)) { yield(f.ObjectStatus) }},
	{"ContentType", func(f *imm.File, yield func(string)) { yield(f.ContentType) }},
}

// indexedFieldPos finds a field path's place in indexedFields.
var indexedFieldPos = func() map[string]int {
	m := make(map[string]int, len(indexedFields))
	for i, f := range indexedFields {
		m[f.path] = i
	}
	return m
}()

// fieldIndex is one field's index.
type fieldIndex struct {
	files map[string][]int32 // value -> files holding it, ascending, each once
	keys  []string           // the values, sorted, for prefix
}

// lazyIndex builds one field's index on first use.
type lazyIndex struct {
	once sync.Once
	idx  *fieldIndex
}

func newLazyIndexes() []lazyIndex { return make([]lazyIndex, len(indexedFields)) }

// fieldIndex returns the index of path, building it on first use; nil
// when path is not indexed.
func (de *datasetEntry) fieldIndex(path string) *fieldIndex {
	i, ok := indexedFieldPos[path]
	if !ok {
		return nil
	}
	l := &de.indexes[i]
	l.once.Do(func() { l.idx = buildIndex(de.files, indexedFields[i].values) })
	return l.idx
}

// buildIndex reads every file once. It is not cut by a request's
// deadline: it is bounded by the dataset (a few milliseconds per field
// at 100k files), and a half-built index could not be kept.
func buildIndex(files []*imm.File, values func(*imm.File, func(string))) *fieldIndex {
	x := &fieldIndex{files: map[string][]int32{}}
	for i, f := range files {
		idx := int32(i)
		values(f, func(v string) {
			// Files are read in order, so a file already listed under
			// this value is the list's last entry.
			if l := x.files[v]; len(l) == 0 || l[len(l)-1] != idx {
				x.files[v] = append(l, idx)
			}
		})
	}
	x.keys = make([]string, 0, len(x.files))
	for k := range x.files {
		x.keys = append(x.keys, k)
	}
	slices.Sort(x.keys)
	return x
}

// withPrefix returns the lists of the values starting with p.
func (x *fieldIndex) withPrefix(p string) [][]int32 {
	var out [][]int32
	i, _ := slices.BinarySearch(x.keys, p)
	for ; i < len(x.keys) && strings.HasPrefix(x.keys[i], p); i++ {
		out = append(out, x.files[x.keys[i]])
	}
	return out
}

// bytes estimates the index's memory: postings, keys and map entries.
func (x *fieldIndex) bytes() int64 {
	const mapEntry, sliceHeader, stringHeader = 8, 24, 16
	n := int64(len(x.keys)) * stringHeader // the sorted key list
	for k, l := range x.files {
		n += int64(len(k)) + stringHeader + sliceHeader + mapEntry + 4*int64(cap(l))
	}
	return n
}

// indexBytes builds every index and estimates their memory.
func (de *datasetEntry) indexBytes() int64 {
	var n int64
	for _, f := range indexedFields {
		n += de.fieldIndex(f.path).bytes()
	}
	return n
}

// countFromIndex counts the hits per non-empty value of x, as the
// aggregation's scan counts them (a file once per value; empty values are
// not counted). hits may be in any order. false when stop ended it.
func (de *datasetEntry) countFromIndex(x *fieldIndex, hits []int32, stop *deadlineCheck) (map[string]int64, bool) {
	counts := map[string]int64{}
	if len(hits) == len(de.files) {
		// Every file (hits are distinct): the lists' lengths are the counts.
		for v, l := range x.files {
			if stop.expired() {
				return nil, false
			}
			if v != "" {
				counts[v] = int64(len(l))
			}
		}
		return counts, true
	}
	set := make([]uint64, (len(de.files)+63)/64)
	for _, i := range hits {
		if stop.expired() {
			return nil, false
		}
		set[i>>6] |= 1 << (i & 63)
	}
	for v, l := range x.files {
		if v == "" {
			continue
		}
		var n int64
		for _, i := range l {
			if stop.expired() {
				return nil, false
			}
			n += int64(set[i>>6] >> (i & 63) & 1)
		}
		if n > 0 {
			counts[v] = n
		}
	}
	return counts, true
}
