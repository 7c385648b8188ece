package panes

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/ui/format"
)

// latLong renders IMM's "lat,long" as 30.1344°N 120.0750°E. The degree sign
// is East Asian ambiguous, so ASCII mode writes "deg" instead.
func latLong(s string, g format.Glyphs) string {
	a, b, ok := strings.Cut(s, ",")
	if !ok {
		return s
	}
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if err1 != nil || err2 != nil || math.Abs(lat) > 90 || math.Abs(lon) > 180 {
		return s
	}
	deg := g.Degree()
	ns, ew := "N", "E"
	if lat < 0 {
		ns, lat = "S", -lat
	}
	if lon < 0 {
		ew, lon = "W", -lon
	}
	return fmt.Sprintf("%.4f%s%s %.4f%s%s", lat, deg, ns, lon, deg, ew)
}

// boundary renders a rectangle as "200x300 at (10,30)"; its polygon is
// the caller's to show (polygon), in full or counted.
func boundary(b *imm.Boundary) string {
	if b == nil {
		return ""
	}
	return fmt.Sprintf("%dx%d at (%d,%d)", b.Width, b.Height, b.Left, b.Top)
}

// withPolygon is boundary followed by the polygon's points.
func withPolygon(b *imm.Boundary) string {
	return joinNonEmpty(", polygon ", boundary(b), polygon(b))
}

// polygon renders a boundary's vertices as "(10,10) (20,10) (20,30)"; ""
// when it has none.
func polygon(b *imm.Boundary) string {
	if b == nil || len(b.Polygon) == 0 {
		return ""
	}
	var s strings.Builder
	for i, p := range b.Polygon {
		if i > 0 {
			s.WriteByte(' ')
		}
		fmt.Fprintf(&s, "(%d,%d)", p.X, p.Y)
	}
	return s.String()
}

// kv is one key/value row; style, when set, replaces the value style (a
// status that needs attention). block keeps the value's line breaks (a
// description, lyrics); any other value is one line, whatever it holds.
type kv struct {
	k, v  string
	style *lipgloss.Style
	block bool
}

// parseEXIF reads IMM's EXIF string ({"Make":{"value":"Apple"},...}) into
// rows sorted by key. ok is false when it is not a JSON object; callers then
// show it raw. Keys and values are as decoded (JSON escapes can make
// control characters): kvs escapes them where it draws them.
func parseEXIF(s string) (rows []kv, ok bool) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &m); err != nil || m == nil {
		return nil, false
	}
	for k, raw := range m {
		rows = append(rows, kv{k: k, v: exifValue(raw)})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].k < rows[j].k })
	return rows, true
}

// exifValue unwraps {"value": X}; any other shape is shown as compact JSON.
func exifValue(raw json.RawMessage) string {
	var obj struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(raw, &obj); err == nil && obj.Value != nil {
		raw = obj.Value
	}
	return jsonText(raw)
}

// jsonText renders a JSON value: strings without quotes, the rest compact.
func jsonText(raw json.RawMessage) string {
	var str string
	if err := json.Unmarshal(raw, &str); err == nil {
		return str
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return string(raw)
	}
	return anyText(v)
}

// anyText renders a free JSON value (CustomLabels, OSSTagging values).
func anyText(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return x
	case float64:
		return format.Decimal(x, 6)
	case bool:
		return strconv.FormatBool(x)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// sortedMap turns a free JSON object into rows sorted by key.
func sortedMap(m map[string]any) []kv {
	rows := make([]kv, 0, len(m))
	for k, v := range m {
		rows = append(rows, kv{k: k, v: anyText(v)})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].k < rows[j].k })
	return rows
}

// reservedCluster names the reserved cluster IDs in words; ok is false for
// a real cluster.
func reservedCluster(id string) (string, bool) {
	switch id {
	case imm.ClusterIndependent:
		return "independent", true
	case imm.ClusterUnavailable:
		return "unclustered", true
	case "":
		return "none", true
	}
	return "", false
}
