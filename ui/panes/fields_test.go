package panes

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/format"
)

// leaf is one scalar of a JSON document and the path to it.
type leaf struct {
	path string
	v    any // string, float64, bool or nil
}

// leaves lists every scalar under v, depth first, keys sorted.
func leaves(path string, v any) []leaf {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var out []leaf
		for _, k := range keys {
			out = append(out, leaves(path+"."+k, x[k])...)
		}
		return out
	case []any:
		var out []leaf
		for i, e := range x {
			out = append(out, leaves(fmt.Sprintf("%s[%d]", path, i), e)...)
		}
		return out
	}
	return []leaf{{path: path, v: v}}
}

// renderings are the forms the panes draw a value in: as sent (escaped),
// or through one of the formatters (times, coordinates, frame rates,
// durations, clip times, grouped digits). lossy adds the formatters that
// round (confidences, sizes, bit rates), which could match another value.
func renderings(v any, lossy bool) []string {
	switch x := v.(type) {
	case string:
		return []string{safetext.Line(x), format.Time(x, format.Second), latLong(x, format.Glyphs{}), format.FrameRate(x), degrees(x, format.Glyphs{})}
	case bool:
		return []string{strconv.FormatBool(x)}
	case float64:
		out := []string{format.Seconds(x)}
		if x == math.Trunc(x) {
			n := int64(x)
			out = append(out, strconv.FormatInt(n, 10), format.Count(n), format.Clock(n))
		}
		if lossy {
			out = append(out, format.Confidence(x))
			for prec := 0; prec <= 6; prec++ {
				out = append(out, format.Decimal(x, prec))
			}
			if x == math.Trunc(x) {
				out = append(out, format.Size(int64(x)), format.Bitrate(int64(x)))
			}
		}
		return out
	}
	return nil
}

// uniquify gives every non-zero string and integer under v a value no
// other leaf has (strings get "#" and a base-36 count, integers become
// 100000+n), so finding a value on screen proves that leaf is drawn, not
// another that happens to be equal (the sample repeats "Jane", "10" and one
// time everywhere). EXIF stays JSON: its tags are made unique inside it.
// Numbers drawn rounded keep their value (a score of 1 is "1.00", a bit
// rate "5.41 Mb/s"), and so does a label's level (a 3-cell column).
func uniquify(path string, v any, n *int) any {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys) // the same numbering on every run
		for _, k := range keys {
			if f, ok := x[k].(float64); ok && (strings.HasSuffix(k, "Confidence") || k == "LabelLevel" || k == "Bitrate") {
				x[k] = f
				continue
			}
			x[k] = uniquify(path+"."+k, x[k], n)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = uniquify(path, e, n)
		}
		return x
	case string:
		if x == "" {
			return x
		}
		if strings.HasSuffix(path, "EXIF") {
			var tags any
			if json.Unmarshal([]byte(x), &tags) == nil {
				b, _ := json.Marshal(uniquify(path+"{}", tags, n))
				return string(b)
			}
		}
		*n++
		return x + "#" + strconv.FormatInt(int64(*n), 36)
	case float64:
		if x == 0 || x != math.Trunc(x) {
			return x // confidences and seconds keep their value: a
			// formatter rounds them
		}
		*n++
		return float64(100000 + *n)
	}
	return v
}

// uniqueValue reports whether uniquify changes the value v at path.
func uniqueValue(path string, v any) bool {
	if f, ok := v.(float64); ok && f != math.Trunc(f) {
		return false
	}
	k := path[strings.LastIndexByte(path, '.')+1:]
	if i := strings.IndexByte(k, '['); i >= 0 {
		k = k[:i]
	}
	return !strings.HasSuffix(k, "Confidence") && k != "LabelLevel" && k != "Bitrate"
}

// zero reports a value the panes leave out on purpose: an empty string or
// a 0. The models cannot tell a 0 that was sent from one that was not
// (their fields are omitempty), and a row of zeros tells a user nothing;
// the Raw pane shows them as sent.
func zero(v any) bool {
	switch x := v.(type) {
	case string:
		return x == ""
	case float64:
		return x == 0
	case nil:
		return true
	}
	return false
}

// notInStructuredPanes are the values that are really not meant to be
// shown anywhere but Raw, by path. Keep it empty unless there is a reason
// worth writing next to the entry.
var notInStructuredPanes = map[string]string{}

// structuredText renders every pane but Raw at 400x100000 (nothing wraps
// or scrolls away), with the Faces pane's polygon points shown.
func structuredText(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	f := decodeFile(t, raw)
	var all strings.Builder
	for _, name := range Names {
		if name == "Raw" {
			continue
		}
		p := show(t, name, f, 400, 100000)
		if name == "Faces" {
			p.Update(press("p"))
		}
		all.WriteString(p.View() + "\n")
	}
	return all.String()
}

// TestEveryFieldOfThePublishedFileIsInAStructuredPane walks every leaf of
// the published example files (BatchGetFileMeta's is fully populated;
// GetFileMeta's holds placeholders, its SDK-example twin values) and finds
// its value in a pane other than Raw: nothing IMM sends is visible only
// as JSON. EXIF, which is JSON in a string, is walked too, tag by tag.
// Each file is tried as published (the formatters' output is found) and
// with every value made unique (each leaf is found for itself).
func TestEveryFieldOfThePublishedFileIsInAStructuredPane(t *testing.T) {
	for name, least := range map[string]int{"batch-get-file-meta.response.json": 200,
		"get-file-meta.response.json": 6, "get-file-meta.from-sdk-examples.json": 50} {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile("../../client/testdata/" + name)
			if err != nil {
				t.Fatal(err)
			}
			var resp struct{ Files []json.RawMessage }
			if err := json.Unmarshal(b, &resp); err != nil || len(resp.Files) == 0 {
				t.Fatalf("fixture: %v", err)
			}
			var doc any
			if err := json.Unmarshal(resp.Files[0], &doc); err != nil {
				t.Fatal(err)
			}
			checkEveryLeafShown(t, resp.Files[0], doc, least, true)
			n := 0
			doc = uniquify("", doc, &n)
			unique, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			checkEveryLeafShown(t, unique, doc, least, false)
		})
	}
}

// checkEveryLeafShown fails t for each leaf of doc (raw, decoded) that is
// not zero, not allowed by notInStructuredPanes, and not in the text of
// the structured panes showing raw. At least least leaves must be checked.
// lossy accepts rounded renderings (see renderings); a value that is
// unique needs an exact one, except those uniquify leaves alone.
func checkEveryLeafShown(t *testing.T, raw json.RawMessage, doc any, least int, lossy bool) {
	t.Helper()
	text := structuredText(t, raw)
	all := leaves("", doc)
	for _, l := range all {
		if s, ok := l.v.(string); ok && strings.HasSuffix(l.path, "EXIF") {
			var tags any
			if json.Unmarshal([]byte(s), &tags) == nil {
				all = append(all, leaves(l.path+"{}", tags)...)
			}
		}
	}
	checked := 0
	for _, l := range all {
		if strings.HasSuffix(l.path, "EXIF") {
			continue // its tags are checked one by one
		}
		if why, ok := notInStructuredPanes[l.path]; ok {
			t.Logf("%s not shown: %s", l.path, why)
			continue
		}
		if zero(l.v) {
			continue
		}
		checked++
		found := false
		for _, r := range renderings(l.v, lossy || !uniqueValue(l.path, l.v)) {
			if r != "" && strings.Contains(text, r) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s = %v is in no structured pane", l.path, l.v)
		}
	}
	if checked < least {
		t.Fatalf("only %d of %d leaves checked: the walk is broken", checked, len(all))
	}
}
