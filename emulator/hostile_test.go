package emulator_test

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/immtui/immtui/emulator"
)

// condition is one SimpleQuery leaf.
func condition(i int) map[string]any {
	return map[string]any{"Field": "Size", "Operation": "gt", "Value": fmt.Sprint(i)}
}

// nest wraps q in n "and" conditions.
func nest(q map[string]any, n int) map[string]any {
	for i := 0; i < n; i++ {
		q = map[string]any{"Operation": "and", "SubQueries": []any{q}}
	}
	return q
}

// TestOversizedAndMalformedQueriesGetIMMErrors: queries too big, too deep
// or not JSON are answered with IMM's error body (all five keys, code and
// status), never a panic, a hang or a bare HTTP error.
func TestOversizedAndMalformedQueriesGetIMMErrors(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	many := make([]any, 101)
	for i := range many {
		many[i] = condition(i)
	}
	deepJSON := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	cases := []struct {
		name, action string
		params       map[string]any
		status       int
		code, msg    string
	}{
		{"MaxResults 1000 on clusters", "QueryFigureClusters", ds(map[string]any{"MaxResults": 1000}), 400, "InvalidArgument", "MaxResults"},
		{"MaxResults 1000 on SimpleQuery", "SimpleQuery", ds(map[string]any{"MaxResults": 1000}), 400, "InvalidArgument", "MaxResults"},
		{"MaxResults beyond int", "QueryFigureClusters", ds(map[string]any{"MaxResults": "99999999999999999999999"}), 400, "InvalidArgument", "MaxResults"},
		{"101 conditions", "SimpleQuery", ds(map[string]any{"Query": map[string]any{"Operation": "and", "SubQueries": many}}), 400, "InvalidArgument", "subqueries"},
		{"nesting deeper than 5", "SimpleQuery", ds(map[string]any{"Query": nest(condition(1), 6)}), 400, "InvalidArgument", ""},
		{"nesting 5000 deep", "SimpleQuery", ds(map[string]any{"Query": nest(condition(1), 5000)}), 400, "", ""},
		{"20000 nested arrays", "SimpleQuery", ds(map[string]any{"Query": deepJSON}), 400, "InvalidJSON", "Query"},
		{"Query not JSON", "SimpleQuery", ds(map[string]any{"Query": "{\"Field\":\x00"}), 400, "InvalidJSON", "Query"},
		{"Query a string", "SimpleQuery", ds(map[string]any{"Query": `"Size>1"`}), 400, "", ""},
		{"WithFields not JSON", "BatchGetFileMeta", ds(map[string]any{"URIs": `["oss://a"]`, "WithFields": "[URI"}), 400, "InvalidJSON", "WithFields"},
		{"URIs of numbers", "BatchGetFileMeta", ds(map[string]any{"URIs": `[1,2,3]`}), 400, "InvalidJSON", "URIs"},
		{"Aggregations not JSON", "SimpleQuery", ds(map[string]any{"Aggregations": `[{"Field":`}), 400, "InvalidJSON", "Aggregations"},
		{"time range not JSON", "QueryFigureClusters", ds(map[string]any{"CreateTimeRange": `{`}), 400, "", "CreateTimeRange"},
		{"NextToken 100 KB", "QueryFigureClusters", ds(map[string]any{"NextToken": strings.Repeat("A", 100<<10)}), 400, "InvalidArgument", "NextToken"},
		{"unknown action", "DeleteEverything", ds(nil), 404, "InvalidApi.NotFound", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := c.call(tc.action, tc.params)
			if a.Status != tc.status || (tc.code != "" && a.str("Code") != tc.code) {
				t.Fatalf("got %d %s, want %d %s: %.300s", a.Status, a.str("Code"), tc.status, tc.code, a.Raw)
			}
			for _, k := range []string{"RequestId", "HostId", "Code", "Message", "Recommend"} {
				if a.str(k) == "" {
					t.Errorf("error body lacks %s: %.300s", k, a.Raw)
				}
			}
			if !strings.Contains(a.str("Message"), tc.msg) {
				t.Errorf("message %q lacks %q", a.str("Message"), tc.msg)
			}
			if bytes.ContainsRune(a.Raw, 0x1b) {
				t.Errorf("raw ESC in the error body: %q", a.Raw)
			}
		})
	}
}

// TestTenMegabyteQueryStringGetsAnIMMError: a query string far past any
// sensible size is refused by net/http's header bound, yet the client
// still gets IMM's error JSON (431), not net/http's bare text.
func TestTenMegabyteQueryStringGetsAnIMMError(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	uris := make([]string, 100)
	for i := range uris {
		uris[i] = "oss://bucket/" + strings.Repeat("x", 100<<10) + fmt.Sprint(i)
	}
	a := c.call("BatchGetFileMeta", ds(map[string]any{"URIs": uris}))
	if a.Status != http.StatusRequestHeaderFieldsTooLarge || a.str("Code") != "InvalidArgument" || !strings.Contains(a.str("Message"), "larger than 1088 KiB") {
		t.Fatalf("got %d %q: %.300s", a.Status, a.str("Code"), a.Raw)
	}
	for _, k := range []string{"RequestId", "HostId", "Code", "Message", "Recommend"} {
		if a.str(k) == "" {
			t.Errorf("error body lacks %s: %.300s", k, a.Raw)
		}
	}
}

// TestOneMegabyteQueryStringGetsAnIMMError: a query just past maxQueryBytes
// but within the header bound is refused by the emulator itself (414).
func TestOneMegabyteQueryStringGetsAnIMMError(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	a := c.call("BatchGetFileMeta", ds(map[string]any{"URIs": []string{"oss://bucket/" + strings.Repeat("x", 1<<20)}}))
	if a.Status != http.StatusRequestURITooLong || a.str("Code") != "InvalidArgument" || !strings.Contains(a.str("Message"), "1 MiB") {
		t.Fatalf("got %d %q: %.300s", a.Status, a.str("Code"), a.Raw)
	}
}
