package emulator_test

import (
	"cmp"
	"testing"
	"time"

	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/imm"
)

// clusterKey extracts the value QueryFigureClusters sorts by.
func clusterKey(c map[string]any, key string) any {
	switch key {
	case "":
		return c["ObjectId"]
	case "GroupName":
		return str(c["Name"])
	case "CreateTime", "UpdateTime":
		t, err := time.Parse(time.RFC3339Nano, str(c[key]))
		if err != nil {
			return int64(0)
		}
		return t.UnixNano()
	case "ImageCount", "VideoCount", "FaceCount":
		f, _ := c[key].(float64)
		return f
	}
	return str(c[key])
}

func str(v any) string { s, _ := v.(string); return s }

func compareAny(a, b any) int {
	switch a := a.(type) {
	case string:
		return cmp.Compare(a, b.(string))
	case float64:
		return cmp.Compare(a, b.(float64))
	case int64:
		return cmp.Compare(a, b.(int64))
	}
	return 0
}

func TestQueryFigureClustersSortsByEveryKeyInBothOrders(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	for _, key := range append([]string{""}, imm.SortKeys...) {
		for _, order := range []string{"asc", "desc"} {
			var all []map[string]any
			token := ""
			for {
				a := c.call("QueryFigureClusters", ds(map[string]any{"Sort": key, "Order": order, "MaxResults": 10, "NextToken": token}))
				if a.Status != 200 {
					t.Fatalf("%s %s: %s", key, order, a.Raw)
				}
				for _, it := range a.list("FigureClusters") {
					all = append(all, it.(map[string]any))
				}
				if token = a.str("NextToken"); token == "" {
					break
				}
			}
			if len(all) != testClusters {
				t.Fatalf("%s %s: %d clusters", key, order, len(all))
			}
			distinct := map[any]bool{}
			for i := 1; i < len(all); i++ {
				c := compareAny(clusterKey(all[i-1], key), clusterKey(all[i], key))
				if order == "desc" {
					c = -c
				}
				if c > 0 {
					t.Errorf("Sort=%s Order=%s: item %d (%v) before %d (%v)", key, order,
						i-1, clusterKey(all[i-1], key), i, clusterKey(all[i], key))
				}
				// Ties: group ID order, reversed with the order, so desc
				// mirrors asc exactly.
				if tie := compareAny(str(all[i-1]["ObjectId"]), str(all[i]["ObjectId"])); c == 0 &&
					((order == "asc" && tie > 0) || (order == "desc" && tie < 0)) {
					t.Errorf("Sort=%s Order=%s: ties not in (mirrored) group ID order at %d", key, order, i)
				}
				distinct[clusterKey(all[i], key)] = true
			}
			if key != "ProjectName" && key != "DatasetName" && len(distinct) < 2 {
				t.Errorf("Sort=%s: test data has one value only; the test proves nothing", key)
			}
		}
	}
}
