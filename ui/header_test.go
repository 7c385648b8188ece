package ui_test

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
)

// headerAt is the first line of the frame at width w.
func headerAt(t *testing.T, o ui.Options, w int) string {
	t.Helper()
	o.Styles = asciiStyles()
	o.NewPanes = uitest.StubPanes
	m := ui.NewModel(o)
	m.Update(tea.WindowSizeMsg{Width: w, Height: 24})
	return strings.SplitN(m.View(), "\n", 2)[0]
}

func headerFake() *uitest.Fake {
	f := uitest.NewFake(1)
	f.Proj, f.Data = "family", "photos-2024"
	return f
}

func TestHeaderShowsTheDemoEmulatorWithItsScheme(t *testing.T) {
	o := ui.Options{StartOn: ui.StartClusters, Store: headerFake(), Endpoint: "http://127.0.0.1:37085", Region: ui.DemoRegion, ReadOnly: true}
	wide := headerAt(t, o, 120)
	for _, want := range []string{"immtui", "demo emulator http://127.0.0.1:37085", "project family", "dataset photos-2024", "read-only"} {
		if !strings.Contains(wide, want) {
			t.Fatalf("120 columns: header lacks %q: %q", want, wide)
		}
	}
	narrow := headerAt(t, o, 80)
	for _, want := range []string{"demo", "http://127.0.0.1:37085", "project family", "dataset photos-2024", "read-only"} {
		if !strings.Contains(narrow, want) {
			t.Fatalf("80 columns: header lacks %q: %q", want, narrow)
		}
	}
	if strings.Contains(wide+narrow, "(demo)") || strings.Contains(wide+narrow, "INSECURE") {
		t.Fatalf("header shows the demo region, or warns about loopback: %q / %q", wide, narrow)
	}
}

func TestHeaderShowsARealEndpointsSchemeHostAndItsRegionOnce(t *testing.T) {
	o := ui.Options{StartOn: ui.StartClusters, Store: headerFake(), Endpoint: "https://imm.cn-hangzhou.aliyuncs.com", Region: "cn-hangzhou"}
	h := headerAt(t, o, 120)
	if !strings.Contains(h, "endpoint https://imm.cn-hangzhou.aliyuncs.com") || strings.Contains(h, "region") || strings.Contains(h, "demo") {
		t.Fatalf("header: %q", h)
	}
	o.Endpoint = "imm.example.internal:8443"
	if h := headerAt(t, o, 120); !strings.Contains(h, "endpoint https://imm.example.internal:8443  region cn-hangzhou") {
		t.Fatalf("header: %q", h)
	}
}

// As the width shrinks, the brand goes first, then the endpoint, the demo
// marker and the project; the dataset and the read-only marker stay.
func TestHeaderDropsLowerPriorityPartsFirst(t *testing.T) {
	o := ui.Options{StartOn: ui.StartClusters, Store: headerFake(), Endpoint: "http://127.0.0.1:37085", Region: ui.DemoRegion, ReadOnly: true}
	has := func(h, s string) bool { return strings.Contains(h, s) }
	for w := ui.MinWidth; w <= 160; w++ {
		h := headerAt(t, o, w)
		uitest.CheckFrame(t, h, w, 1)
		chain := []struct {
			name string
			in   bool
		}{
			{"brand", has(h, "immtui")},
			{"endpoint", has(h, "127.0.0.1")},
			{"project", has(h, "family")},
			{"demo", has(h, " demo ")},
			{"dataset", has(h, "photos-2024")},
			{"read-only", has(h, "read-only")},
		}
		for i := 0; i+1 < len(chain); i++ {
			if chain[i].in && !chain[i+1].in {
				t.Fatalf("%d columns: %s shown but %s dropped: %q", w, chain[i].name, chain[i+1].name, h)
			}
		}
		if !chain[4].in || !chain[5].in {
			t.Fatalf("%d columns: dataset or read-only marker missing: %q", w, h)
		}
	}
}

func TestHeaderCutsALongDatasetButKeepsTheReadOnlyMarker(t *testing.T) {
	f := headerFake()
	f.Data = strings.Repeat("数据", 40)
	h := headerAt(t, ui.Options{StartOn: ui.StartClusters, Store: f, Endpoint: "http://127.0.0.1:1", Region: ui.DemoRegion, ReadOnly: true}, 80)
	uitest.CheckFrame(t, h, 80, 1)
	if !strings.HasSuffix(h, "read-only ") || !strings.Contains(h, "数据数据") {
		t.Fatalf("header: %q", h)
	}
}

// Plain http to another host (allowed only by --insecure-http) is shown
// with a warning that outlasts the endpoint itself as the width shrinks.
func TestHeaderWarnsAboutPlainHTTPBeyondLoopback(t *testing.T) {
	o := ui.Options{StartOn: ui.StartClusters, Store: headerFake(), Endpoint: "http://imm.example.invalid:8080", Region: "cn-hangzhou", ReadOnly: true}
	if h := headerAt(t, o, 120); !strings.Contains(h, "INSECURE: plain http  endpoint http://imm.example.invalid:8080") {
		t.Fatalf("header: %q", h)
	}
	for w := ui.MinWidth; w <= 160; w++ {
		h := headerAt(t, o, w)
		uitest.CheckFrame(t, h, w, 1)
		if !strings.Contains(h, "INSECURE") {
			t.Fatalf("%d columns: the warning is gone: %q", w, h)
		}
	}
	for _, ep := range []string{"http://127.0.0.1:8080", "http://[::1]:1", "http://localhost:1", "https://imm.example.invalid"} {
		o.Endpoint = ep
		if h := headerAt(t, o, 120); strings.Contains(h, "INSECURE") {
			t.Errorf("%s: warned: %q", ep, h)
		}
	}
}
