package emulator_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/immtui/immtui/emulator"
)

// leaves is n leaf conditions.
func leaves(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = condition(i)
	}
	return out
}

// TestEachRequestLimitIsRefusedWithItsMessage: every documented (or, where
// IMM documents none, chosen) bound of one call is refused through the
// real server with IMM's error body, naming the limit and the value sent.
func TestEachRequestLimitIsRefusedWithItsMessage(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	// 102 leaves spread under an or of three ands: no condition holds
	// more than 100 subqueries, the whole query does.
	spread := map[string]any{"Operation": "or", "SubQueries": []any{
		map[string]any{"Operation": "and", "SubQueries": leaves(34)},
		map[string]any{"Operation": "and", "SubQueries": leaves(34)},
		map[string]any{"Operation": "and", "SubQueries": leaves(34)},
	}}
	aggs := make([]any, 11)
	for i := range aggs {
		aggs[i] = map[string]any{"Field": "Size", "Operation": "sum"}
	}
	uris := make([]string, 101)
	for i := range uris {
		uris[i] = testURI(i)
	}
	long := map[string]any{"Field": "URI", "Operation": "prefix", "Value": strings.Repeat("x", 130<<10)}
	cases := []struct {
		name, action string
		params       map[string]any
		msg          []string
	}{
		{"102 conditions in all", "SimpleQuery", ds(map[string]any{"Query": spread}), []string{"Query", "102 conditions", "at most 100"}},
		{"101 subqueries of one condition", "SimpleQuery", ds(map[string]any{"Query": map[string]any{"Operation": "or", "SubQueries": leaves(101)}}), []string{"Query", "101", "at most 100"}},
		{"6 levels", "SimpleQuery", ds(map[string]any{"Query": nest(condition(1), 5)}), []string{"Query", "deeper than 5"}},
		{"Query over 128 KiB", "SimpleQuery", ds(map[string]any{"Query": long}), []string{"Query", fmt.Sprintf("%d bytes", len(`{"Field":"URI","Operation":"prefix","Value":""}`)+130<<10), "at most 131072"}},
		{"11 aggregations", "SimpleQuery", ds(map[string]any{"Aggregations": aggs}), []string{"Aggregations", "11 items", "at most 10"}},
		{"2001 groups", "SimpleQuery", ds(map[string]any{"Aggregations": aggs[:1], "MaxResults": 2001}), []string{"MaxResults", "2000"}},
		{"101 files per page", "SimpleQuery", ds(map[string]any{"MaxResults": 101}), []string{"MaxResults", "100"}},
		{"6 sort fields", "SimpleQuery", ds(map[string]any{"Sort": "Size,URI,Filename,MediaType,ContentType,FileModifiedTime"}), []string{"Sort", "6 fields", "at most 5"}},
		{"101 URIs", "BatchGetFileMeta", ds(map[string]any{"URIs": uris}), []string{"URIs", "101 items", "at most 100"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := c.call(tc.action, tc.params)
			if a.Status != 400 || a.str("Code") != "InvalidArgument" {
				t.Fatalf("got %d %s: %.300s", a.Status, a.str("Code"), a.Raw)
			}
			for _, k := range []string{"RequestId", "HostId", "Code", "Message", "Recommend"} {
				if a.str(k) == "" {
					t.Errorf("error body lacks %s: %.300s", k, a.Raw)
				}
			}
			for _, m := range tc.msg {
				if !strings.Contains(a.str("Message"), m) {
					t.Errorf("message %q lacks %q", a.str("Message"), m)
				}
			}
		})
	}
	// At the limits themselves the same calls are answered.
	at := []struct {
		name   string
		params map[string]any
	}{
		{"100 conditions", ds(map[string]any{"Query": map[string]any{"Operation": "or", "SubQueries": leaves(100)}})},
		{"5 levels", ds(map[string]any{"Query": nest(condition(1), 4)})},
		{"10 aggregations", ds(map[string]any{"Aggregations": aggs[:10]})},
		{"5 sort fields", ds(map[string]any{"Sort": "Size,URI,Filename,MediaType,ContentType"})},
	}
	for _, tc := range at {
		if a := c.call("SimpleQuery", tc.params); a.Status != 200 {
			t.Errorf("%s: %d %.300s", tc.name, a.Status, a.Raw)
		}
	}
}

// TestSlowQueriesAreCutByTheDeadline: with a deadline already past when
// the scan starts, a full scan, an indexed scan and an aggregation answer
// 503 ServiceUnavailable naming the deadline, instead of running on.
func TestSlowQueriesAreCutByTheDeadline(t *testing.T) {
	r := startTest(t, emulator.Config{Limits: emulator.Limits{RequestTimeout: time.Nanosecond}})
	c := newRaw(t, r)
	phrase := map[string]any{"Field": "OCRTexts", "Operation": "match-phrase", "Value": "coffee"}
	cases := map[string]map[string]any{
		"full scan":    ds(map[string]any{"Query": map[string]any{"Operation": "or", "SubQueries": []any{phrase, condition(1)}}}),
		"indexed scan": ds(map[string]any{"Query": map[string]any{"Field": "Figures.FigureClusterId", "Operation": "eq", "Value": testClusterID(3)}}),
		"aggregation":  ds(map[string]any{"Aggregations": []any{map[string]any{"Field": "Labels.LabelName", "Operation": "group"}}}),
	}
	for name, params := range cases {
		a := c.call("SimpleQuery", params)
		if a.Status != 503 || a.str("Code") != "ServiceUnavailable" || !strings.Contains(a.str("Message"), "deadline") {
			t.Errorf("%s: got %d %s: %.300s", name, a.Status, a.str("Code"), a.Raw)
		}
	}
	// Actions that scan nothing are not affected.
	if a := c.call("GetProject", map[string]any{"ProjectName": testProject}); a.Status != 200 {
		t.Errorf("GetProject: %d %.300s", a.Status, a.Raw)
	}

	// The same queries answer under the default deadline.
	ok := newRaw(t, startTest(t, emulator.Config{}))
	for name, params := range cases {
		if a := ok.call("SimpleQuery", params); a.Status != 200 {
			t.Errorf("%s under the default deadline: %d %.300s", name, a.Status, a.Raw)
		}
	}
}
