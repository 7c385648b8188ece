package search

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/immtui/immtui/imm"
)

// The fields a person can type, and the IMM fields they search
// (docs/api.md §2, §3). Which operation IMM accepts on which field is
// not documented field by field: eq and prefix on keyword fields and
// match-phrase on text fields are the choices made here
// (docs/emulator-search.md).

// IMM field names the language compiles to.
const (
	FieldLabel    = "Labels.LabelName"
	FieldCity     = "Addresses.City"
	FieldProvince = "Addresses.Province"
	FieldCountry  = "Addresses.Country"
	FieldDistrict = "Addresses.District"
	FieldType     = "MediaType"
	FieldMIME     = "ContentType"
	FieldSize     = "Size"
	FieldProduced = "ProduceTime"
	FieldFaces    = "FigureCount"
	FieldStatus   = "ObjectStatus"
	FieldName     = "Filename"
	FieldCluster  = "Figures.FigureClusterId"
)

// TextFields are what text: (and a bare word) searches with match-phrase:
// the OCR blocks and the generated captions and descriptions.
var TextFields = []string{
	"OCRContents.Contents",
	"Insights.Image.Caption", "Insights.Video.Caption",
	"Insights.Image.Description", "Insights.Video.Description",
}

// MediaTypes are the MediaType values type: accepts.
var MediaTypes = []string{"image", "video", "audio", "document", "other"}

// Statuses are the ObjectStatus values status: spells for the user
// ("failed" becomes "Failed"); other values pass as typed.
var Statuses = []string{"Indexed", "Failed", "Processing"}

// fieldKind says which comparisons a field takes and how values parse.
type fieldKind uint8

const (
	kindKeyword fieldKind = iota // : and = are eq, a trailing * for prefix
	kindPlace                    // : is prefix (杭州 finds 杭州市), = is eq
	kindSize                     // numbers with units, every comparison
	kindCount                    // whole numbers, every comparison
	kindDate                     // YYYY[-MM[-DD]], every comparison
	kindText                     // match-phrase over TextFields
	kindName                     // match-phrase, prefix with *, eq with =
	kindType                     // one of MediaTypes
	kindStatus                   // ObjectStatus, case fixed for Statuses
)

// Field describes one field of the language.
type Field struct {
	Name    string // as typed: "label"
	IMM     string // the IMM field ("" for text:)
	Help    string // one line for completion menus
	Example string
	kind    fieldKind
	// dateOp fixes the comparison of after: and before:.
	dateOp string
}

// Fields is every field of the language, in the order completion offers them.
var Fields = []Field{
	{Name: "label", IMM: FieldLabel, kind: kindKeyword, Help: "a detected label (狗, Dog); 动物* for a prefix", Example: "label:狗"},
	{Name: "city", IMM: FieldCity, kind: kindPlace, Help: "the city where it was taken (city:杭州 finds 杭州市; city=杭州市 exactly)", Example: "city:杭州"},
	{Name: "province", IMM: FieldProvince, kind: kindPlace, Help: "the province or state", Example: "province:浙江"},
	{Name: "country", IMM: FieldCountry, kind: kindPlace, Help: "the country", Example: "country:中国"},
	{Name: "district", IMM: FieldDistrict, kind: kindPlace, Help: "the district", Example: "district:西湖区"},
	{Name: "type", IMM: FieldType, kind: kindType, Help: "image, video, audio, document or other", Example: "type:video"},
	{Name: "mime", IMM: FieldMIME, kind: kindKeyword, Help: "the content type; image/* for a prefix", Example: "mime:image/jpeg"},
	{Name: "size", IMM: FieldSize, kind: kindSize, Help: "bytes; units B KB MB GB TB (1000s) KiB MiB GiB TiB (1024s)", Example: "size>10MB"},
	{Name: "after", IMM: FieldProduced, kind: kindDate, dateOp: ">=", Help: "taken on or after the start of YYYY, YYYY-MM or YYYY-MM-DD", Example: "after:2024-01"},
	{Name: "before", IMM: FieldProduced, kind: kindDate, dateOp: "<", Help: "taken before the start of YYYY, YYYY-MM or YYYY-MM-DD", Example: "before:2024-07"},
	{Name: "date", IMM: FieldProduced, kind: kindDate, Help: "taken within YYYY, YYYY-MM or YYYY-MM-DD (or date>2024-03 ...)", Example: "date:2024"},
	{Name: "faces", IMM: FieldFaces, kind: kindCount, Help: "the number of faces", Example: "faces>2"},
	{Name: "status", IMM: FieldStatus, kind: kindStatus, Help: "Indexed, Failed, ...", Example: "status:Failed"},
	{Name: "name", IMM: FieldName, kind: kindName, Help: "a phrase in the file name; IMG_* for a prefix; name=x.jpg exactly", Example: "name:IMG_*"},
	{Name: "cluster", IMM: FieldCluster, kind: kindKeyword, Help: "a face cluster's ID", Example: "cluster:Cluster-1"},
	{Name: "text", kind: kindText, Help: "a phrase in OCR text, captions or descriptions", Example: "text:会议"},
}

// FieldNames lists the names of Fields.
func FieldNames() []string {
	out := make([]string, len(Fields))
	for i, f := range Fields {
		out[i] = f.Name
	}
	return out
}

func lookupField(name string) (Field, bool) {
	name = strings.ToLower(name)
	for _, f := range Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// leaf is one IMM condition.
func leaf(field, op, value string) imm.SimpleQuery {
	return imm.SimpleQuery{Field: field, Operation: op, Value: value}
}

var rangeOps = map[string]string{">": "gt", ">=": "gte", "<": "lt", "<=": "lte", ":": "eq", "=": "eq"}

// term compiles one field term.
func (c *compiler) term(t token) (imm.SimpleQuery, *Error) {
	text := c.text
	word := t.raw(text)
	f, ok := lookupField(t.field)
	if !ok {
		if f, ok := spelledField(t.field); ok && t.value != "" {
			return imm.SimpleQuery{}, errAt(text, t.start, t.valueStart-len(t.op), "unknown field %q: IMM's %s is %s: here (did you mean %s?)",
				t.field, f.IMM, f.Name, spell(f, t.op, t.value, t.quoted))
		}
		if s := closest(strings.ToLower(t.field), FieldNames()); s != "" {
			return imm.SimpleQuery{}, errAt(text, t.start, t.valueStart-len(t.op), "unknown field %q (did you mean %s?)", t.field, s)
		}
		return imm.SimpleQuery{}, errAt(text, t.start, t.valueStart-len(t.op), "unknown field %q: the fields are %s", t.field, strings.Join(FieldNames(), ", "))
	}
	if t.value == "" {
		return imm.SimpleQuery{}, errAt(text, t.start, t.end, "%s: needs a value, as in %s (quote a value with spaces: city:\"new york\")", word, f.Example)
	}
	bad := func(format string, a ...any) (imm.SimpleQuery, *Error) {
		return imm.SimpleQuery{}, errAt(text, t.start, t.end, "%s: "+format, append([]any{word}, a...)...)
	}
	compares := f.kind == kindSize || f.kind == kindCount || f.kind == kindDate
	if !compares && t.op != ":" && t.op != "=" {
		return bad("%s takes : (only size, faces and date compare with %s)", f.Name, t.op)
	}
	if f.dateOp != "" && t.op != ":" {
		return bad("write %s:%s, or date%s%s", f.Name, t.value, t.op, t.value)
	}
	v := t.value
	switch f.kind {
	case kindKeyword:
		if p, ok := trailingStar(v, t.quoted); ok {
			if strings.Contains(p, "*") || p == "" {
				return bad("a * may only end the value (IMM matches a beginning, not a pattern)")
			}
			return leaf(f.IMM, "prefix", p), nil
		}
		return leaf(f.IMM, "eq", v), nil
	case kindPlace:
		p, _ := trailingStar(v, t.quoted)
		if !t.quoted && (strings.Contains(p, "*") || p == "") {
			return bad("a * may only end the value (IMM matches a beginning, not a pattern)")
		}
		if t.op == "=" {
			return leaf(f.IMM, "eq", v), nil
		}
		// Geocoded names carry their suffix (杭州市, 浙江省): a prefix
		// finds them as people say them.
		return leaf(f.IMM, "prefix", p), nil
	case kindName:
		if p, ok := trailingStar(v, t.quoted); ok && t.op == ":" {
			if strings.Contains(p, "*") || p == "" {
				return bad("IMM matches a name's beginning (name:IMG_*), a phrase in it (name:beach) or all of it (name=IMG_1.JPG), not a pattern")
			}
			return leaf(f.IMM, "prefix", p), nil
		}
		if !t.quoted && strings.Contains(v, "*") {
			return bad("IMM matches a name's beginning (name:IMG_*), a phrase in it (name:beach) or all of it (name=IMG_1.JPG), not a pattern")
		}
		if t.op == "=" {
			return leaf(f.IMM, "eq", v), nil
		}
		return leaf(f.IMM, "match-phrase", v), nil
	case kindType:
		lv := strings.ToLower(v)
		if slices.Contains(MediaTypes, lv) {
			return leaf(f.IMM, "eq", lv), nil
		}
		if s := closest(lv, MediaTypes); s != "" {
			return bad("unknown type %q (did you mean %s?)", v, s)
		}
		return bad("unknown type %q: the types are %s", v, strings.Join(MediaTypes, ", "))
	case kindStatus:
		for _, s := range Statuses {
			if strings.EqualFold(s, v) {
				v = s
			}
		}
		return leaf(f.IMM, "eq", v), nil
	case kindText:
		subs := make([]imm.SimpleQuery, len(TextFields))
		for i, tf := range TextFields {
			subs[i] = leaf(tf, "match-phrase", v)
		}
		return imm.SimpleQuery{Operation: "or", SubQueries: subs}, nil
	case kindSize:
		n, msg := parseSize(v)
		if msg != "" {
			return bad("%s", msg)
		}
		return leaf(f.IMM, rangeOps[t.op], strconv.FormatInt(n, 10)), nil
	case kindCount:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return bad("%q is not a whole number of faces", v)
		}
		return leaf(f.IMM, rangeOps[t.op], strconv.FormatInt(n, 10)), nil
	case kindDate:
		from, to, ok := parsePeriod(v, c.loc)
		if !ok {
			return bad("%q is not a date: write YYYY, YYYY-MM or YYYY-MM-DD", v)
		}
		op := t.op
		if f.dateOp != "" {
			op = f.dateOp
		}
		return dateCondition(f.IMM, op, from, to), nil
	}
	return bad("cannot be searched")
}

// dateCondition compares ProduceTime with the period [from, to): after
// the period (>), from its start (>=), before its start (<), up to its
// end (<=), or within it (: and =).
func dateCondition(field, op string, from, to time.Time) imm.SimpleQuery {
	stamp := func(t time.Time) string { return t.Format(time.RFC3339) }
	switch op {
	case ">":
		return leaf(field, "gte", stamp(to))
	case ">=":
		return leaf(field, "gte", stamp(from))
	case "<":
		return leaf(field, "lt", stamp(from))
	case "<=":
		return leaf(field, "lt", stamp(to))
	}
	return imm.SimpleQuery{Operation: "and", SubQueries: []imm.SimpleQuery{
		leaf(field, "gte", stamp(from)), leaf(field, "lt", stamp(to)),
	}}
}

// trailingStar reports a value ending in an unquoted *, without it.
func trailingStar(v string, quoted bool) (string, bool) {
	if quoted || !strings.HasSuffix(v, "*") {
		return v, false
	}
	return strings.TrimSuffix(v, "*"), true
}

// sizeUnits: KB, MB, ... are powers of 1000 and KiB, MiB, ... of 1024,
// as SI and IEC define them (the UI shows sizes in IEC units).
var sizeUnits = map[string]float64{
	"": 1, "b": 1,
	"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
	"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
}

// parseSize reads "10MB", "1.5GiB" or "2048" as bytes; msg says what is
// wrong otherwise.
func parseSize(v string) (int64, string) {
	i := 0
	for i < len(v) && (v[i] >= '0' && v[i] <= '9' || v[i] == '.') {
		i++
	}
	num, unit := v[:i], v[i:]
	if num == "" {
		return 0, "a size starts with a number, as in size>10MB"
	}
	x, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, "\"" + num + "\" is not a number"
	}
	m, ok := sizeUnits[strings.ToLower(unit)]
	if !ok {
		return 0, "unknown unit " + unit + " (use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB)"
	}
	b := math.Round(x * m)
	if b > math.MaxInt64/2 {
		return 0, "the size is too large"
	}
	return int64(b), ""
}

// parsePeriod reads YYYY, YYYY-MM or YYYY-MM-DD as [from, to) in loc.
func parsePeriod(v string, loc *time.Location) (from, to time.Time, ok bool) {
	for _, p := range []struct {
		layout     string
		y, m, d    int
		wantLength int
	}{{"2006", 1, 0, 0, 4}, {"2006-01", 0, 1, 0, 7}, {"2006-01-02", 0, 0, 1, 10}} {
		if len(v) != p.wantLength {
			continue
		}
		t, err := time.ParseInLocation(p.layout, v, loc)
		if err != nil {
			return time.Time{}, time.Time{}, false
		}
		return t, t.AddDate(p.y, p.m, p.d), true
	}
	return time.Time{}, time.Time{}, false
}
