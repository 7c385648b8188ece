package views_test

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/views"
)

// publishedCluster is the FigureCluster of the published
// BatchGetFigureCluster example, as decoded, and its JSON as sent.
func publishedCluster(t *testing.T) (*imm.FigureCluster, map[string]any) {
	t.Helper()
	b, err := os.ReadFile("../../client/testdata/batch-get-figure-cluster.response.json")
	if err != nil {
		t.Fatal(err)
	}
	var resp struct{ FigureClusters []json.RawMessage }
	if err := json.Unmarshal(b, &resp); err != nil || len(resp.FigureClusters) == 0 {
		t.Fatalf("fixture: %v", err)
	}
	var c imm.FigureCluster
	var doc map[string]any
	if err := json.Unmarshal(resp.FigureClusters[0], &c); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(resp.FigureClusters[0], &doc); err != nil {
		t.Fatal(err)
	}
	return &c, doc
}

// openPublished opens the view of the published cluster (with an unknown
// key added) at w x h.
func openPublished(t *testing.T, w, h int) (*views.Cluster, *uitest.Fake, *imm.FigureCluster, map[string]any) {
	t.Helper()
	c, doc := publishedCluster(t)
	b, _ := json.Marshal(c)
	b = append(b[:len(b)-1], []byte(`,"FutureField":{"Nested":"kept"}}`)...)
	var withExtra imm.FigureCluster
	if err := json.Unmarshal(b, &withExtra); err != nil {
		t.Fatal(err)
	}
	f := uitest.NewFake(0)
	f.Clusters[c.ObjectId] = &withExtra
	f.FileMap[c.Cover.URI] = &imm.File{URI: c.Cover.URI, Filename: c.Cover.Filename}
	v := views.NewCluster(newEnv(f), c.ObjectId, nil)
	t.Cleanup(v.Close)
	v.SetSize(w, h)
	uitest.Run(v, v.Init())
	return v, f, &withExtra, doc
}

// TestClusterZeroShowsTheClusterJSON: 0 puts the cluster's JSON where the
// cover's tabs stand, every key as sent (an unknown one, the zero
// MetaLockVersion, the whole cover); 0 again, c, m and the pane keys leave
// it; r refetches the cluster only.
func TestClusterZeroShowsTheClusterJSON(t *testing.T) {
	v, f, _, _ := openPublished(t, 120, 500) // the published cover alone is 300 lines
	if !strings.Contains(helpText(v.ShortHelp()), "0 cluster JSON") {
		t.Errorf("the help does not name 0: %s", helpText(v.ShortHelp()))
	}
	press(v, "0")
	out := v.View()
	if !v.ShowingRaw() || !strings.Contains(out, "Cluster JSON") {
		t.Fatalf("0 does not show the cluster JSON:\n%s", out)
	}
	for _, want := range []string{`"FutureField": {`, `"Nested": "kept"`, `"MetaLockVersion": 0`, `"OwnerId": "102321002****"`,
		`"ObjectType": "figure-cluster"`, `"Cover": {`, `"CustomId": "abc"`} {
		if !strings.Contains(out, want) {
			t.Errorf("the cluster JSON lacks %s:\n%s", want, out)
		}
	}
	uitest.CheckFrame(t, out, 120, 500)
	files := len(f.FileRequests())
	press(v, "r")
	if len(f.ClusterCalls) != 2 || len(f.FileRequests()) != files || !v.ShowingRaw() {
		t.Errorf("r in the JSON: %d cluster calls, %d file calls (was %d)", len(f.ClusterCalls), len(f.FileRequests()), files)
	}
	press(v, "0")
	if v.ShowingRaw() || !strings.Contains(v.View(), "1 Overview") {
		t.Fatalf("0 again does not go back to the cover:\n%s", v.View())
	}
	press(v, "0", "3")
	if v.ShowingRaw() || v.Active() != 2 {
		t.Fatalf("3 in the JSON: raw %v, pane %d", v.ShowingRaw(), v.Active())
	}
	press(v, "0", "m")
	if v.ShowingRaw() || !v.ShowingMembers() {
		t.Fatal("m in the JSON does not show the members")
	}
	press(v, "0")
	if !v.ShowingRaw() || v.ShowingMembers() {
		t.Fatal("0 from the members does not show the JSON")
	}
	press(v, "c")
	if v.ShowingRaw() || v.ShowingMembers() {
		t.Fatal("c in the JSON does not show the cover")
	}
}

// TestClusterJSONFitsEverySizeWrappedOrNot sweeps the JSON at small and
// large sizes, cut and wrapped.
func TestClusterJSONFitsEverySizeWrappedOrNot(t *testing.T) {
	v, _, _, _ := openPublished(t, 80, 24)
	press(v, "0")
	for _, k := range []string{"", "w", "G", "w", "g"} {
		if k != "" {
			press(v, k)
		}
		for _, sz := range [][2]int{{20, 5}, {40, 10}, {80, 24}, {120, 40}, {200, 60}} {
			v.SetSize(sz[0], sz[1])
			uitest.CheckFrame(t, v.View(), sz[0], sz[1])
		}
	}
}

// TestClusterFullHeaderShowsEveryClusterField walks every leaf of the
// published cluster but its cover (the panes show the cover file) and
// finds its value in the full header.
func TestClusterFullHeaderShowsEveryClusterField(t *testing.T) {
	v, _, _, doc := openPublished(t, 200, 40)
	if !v.FullHeader() {
		t.Fatal("no full header at 200x40")
	}
	out := v.View()
	header := out[:strings.Index(out, "1 Overview")]
	keys := make([]string, 0, len(doc))
	for k := range doc {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	checked := 0
	for _, k := range keys {
		if k == "Cover" {
			continue
		}
		var vals []any
		if m, ok := doc[k].(map[string]any); ok {
			for lk, lv := range m {
				vals = append(vals, lk+"="+fmt.Sprint(lv))
			}
		} else {
			vals = []any{doc[k]}
		}
		for _, val := range vals {
			checked++
			want := fmt.Sprint(val)
			if s, ok := val.(string); ok {
				if _, err := time.Parse(time.RFC3339Nano, s); err == nil {
					want = format.Time(s, format.Second) // the time's own offset: one rule with the file panes
				}
			}
			if n, ok := val.(float64); ok {
				want = strconv.FormatFloat(n, 'f', -1, 64)
			}
			if !strings.Contains(header, want) {
				t.Errorf("%s = %v (%q) is not in the header:\n%s", k, val, want, header)
			}
		}
	}
	if checked < 18 {
		t.Fatalf("only %d values checked", checked)
	}
}

// helpText is bindings as a help line shows them: "key desc" pairs.
func helpText(bs []key.Binding) string {
	var parts []string
	for _, b := range bs {
		parts = append(parts, b.Help().Key+" "+b.Help().Desc)
	}
	return strings.Join(parts, "  ")
}
