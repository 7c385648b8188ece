package panes

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/ui/format"
)

// humanSize renders a byte count in binary units ("1.5 MiB"); counts under
// 1 KiB stay exact ("1000 B").
func humanSize(n int64) string {
	if n < 0 {
		return strconv.FormatInt(n, 10) + " B"
	}
	if n < 1024 {
		return strconv.FormatInt(n, 10) + " B"
	}
	units := []string{"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	v := float64(n)
	u := -1
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	return fmt.Sprintf("%.1f %s", v, units[u])
}

// groupDigits writes 13107200 as 13,107,200.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// frameRate renders ffprobe's rational rates: "30000/1001" is "29.97 fps",
// "25/1" is "25 fps". Anything it cannot read is shown as sent.
func frameRate(s string) string {
	if s == "" {
		return ""
	}
	num, den, ok := strings.Cut(s, "/")
	if !ok {
		den = "1"
	}
	n, err1 := strconv.ParseFloat(strings.TrimSpace(num), 64)
	d, err2 := strconv.ParseFloat(strings.TrimSpace(den), 64)
	if err1 != nil || err2 != nil || d == 0 || math.IsNaN(n/d) || math.IsInf(n/d, 0) {
		return s
	}
	return trimFloat(n/d, 2) + " fps"
}

// trimFloat formats v with at most prec decimals and no trailing zeros.
func trimFloat(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// conf renders a 0..1 confidence with two decimals, or "-" for 0: the
// models cannot tell a score the server left out from a sent 0, and a
// detected attribute with a real 0 confidence does not occur.
func conf(v float64) string {
	if v == 0 {
		return "-"
	}
	return strconv.FormatFloat(float64(v), 'f', 2, 32)
}

// clipTime renders milliseconds as m:ss.mmm (h:mm:ss.mmm past an hour).
func clipTime(ms int64) string {
	sign := ""
	if ms < 0 {
		sign, ms = "-", -ms
	}
	h, m := ms/3600000, ms/60000%60
	s, milli := ms/1000%60, ms%1000
	if h > 0 {
		return fmt.Sprintf("%s%d:%02d:%02d.%03d", sign, h, m, s, milli)
	}
	return fmt.Sprintf("%s%d:%02d.%03d", sign, m, s, milli)
}

// clipRange renders a TimeRange ([start] or [start, end], ms).
func clipRange(tr []int64) string {
	switch len(tr) {
	case 0:
		return ""
	case 1:
		return clipTime(tr[0])
	default:
		return clipTime(tr[0]) + "-" + clipTime(tr[1])
	}
}

// seconds renders a duration in seconds as m:ss.mmm.
func seconds(v float64) string {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return clipTime(int64(math.Round(v * 1000)))
}

// bitrate renders bits per second in decimal units, as players do.
func bitrate(bps int64) string {
	switch {
	case bps <= 0:
		return ""
	case bps >= 1_000_000:
		return trimFloat(float64(bps)/1e6, 2) + " Mb/s"
	case bps >= 1000:
		return trimFloat(float64(bps)/1e3, 1) + " kb/s"
	}
	return strconv.FormatInt(bps, 10) + " b/s"
}

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
		return trimFloat(x, 6)
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

// stamp shows an API time (RFC 3339, often to the nanosecond) to the
// second with its own offset: a photo's time is where it was taken, not
// where the browser runs. Anything else is shown as sent.
func stamp(s string) string {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return s
	}
	if _, off := t.Zone(); off == 0 {
		return t.Format("2006-01-02 15:04:05 UTC")
	}
	return t.Format("2006-01-02 15:04:05 -07:00")
}
