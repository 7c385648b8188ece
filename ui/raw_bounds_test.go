package ui_test

import (
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/internal/teststack"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
)

// Hostile replies of about 120 KB for the Raw pane. Go's decoder refuses
// JSON nested deeper than 10,000 levels, so the deep one nests 9,990
// levels in each of several keys.
func deepFileJSON() string {
	const levels = 9990
	return `{"URI":"oss://hostile/deep.json","MediaType":"image","ObjectStatus":"Indexed",` +
		`"Arrays":` + strings.Repeat("[", levels) + strings.Repeat("]", levels) + `,` +
		`"Objects":` + strings.Repeat(`{"a":`, levels) + `0` + strings.Repeat("}", levels) + `,` +
		`"Mixed":` + strings.Repeat(`[{"b":`, levels/2) + `"end"` + strings.Repeat("}]", levels/2) + `}`
}

func wideFileJSON() string {
	var b strings.Builder
	b.WriteString(`{"URI":"oss://hostile/wide.json","MediaType":"image","ObjectStatus":"Indexed","Wide":[`)
	for i := 0; i < 20000; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("0")
	}
	b.WriteString(`],"Keys":{`)
	for i := 0; i < 4000; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"k%05d":[]`, i)
	}
	b.WriteString(`},"Long":"` + strings.Repeat(`x\u001b[2J`, 5000) + `"}`)
	return b.String()
}

// rawDataset serves each body as the cover of a cluster of its own.
func rawDataset(t *testing.T, bodies ...string) *dataset.Dataset {
	t.Helper()
	d := &dataset.Dataset{
		Projects: []imm.Project{{ProjectName: "p"}},
		Datasets: []imm.Dataset{{ProjectName: "p", DatasetName: "d"}},
	}
	for i, body := range bodies {
		if len(body) < 100<<10 {
			t.Fatalf("reply %d is %d bytes, want about 120 KB", i, len(body))
		}
		var f imm.File
		if err := json.Unmarshal([]byte(body), &f); err != nil {
			t.Fatal(err)
		}
		f.ProjectName, f.DatasetName = "p", "d"
		d.Files = append(d.Files, f)
		d.FigureClusters = append(d.FigureClusters, imm.FigureCluster{ObjectId: fmt.Sprintf("Cluster-%d", i),
			ProjectName: "p", DatasetName: "d", Name: fmt.Sprintf("hostile %d", i), Cover: &imm.File{URI: f.URI}})
	}
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	d.Complete()
	return d
}

// TestRawPaneOfAHostileReplyStaysBoundedAndFits: 120 KB nested 10,000
// levels deep, and 120 KB wide, served by the emulator through the real
// client and store, shown in the Raw pane and scrolled: the memory
// allocated stays far below what indenting every level cost (650 MiB for
// 20 KB) and every frame fits the terminal.
func TestRawPaneOfAHostileReplyStaysBoundedAndFits(t *testing.T) {
	d := rawDataset(t, deepFileJSON(), wideFileJSON())
	st := teststack.Start(t, teststack.Options{Emulator: emulator.Config{Data: d}}).Store
	const w, h = 100, 30
	m := ui.NewModel(ui.Options{Store: st, Endpoint: "http://hostile", ReadOnly: true, Styles: colourStyles(), ExportDir: t.TempDir()})
	u := &uitest.ModelUpdater{M: m}
	u.Update(tea.WindowSizeMsg{Width: w, Height: h})
	defer m.Update(uitest.Key("ctrl+c"))
	uitest.Run(u, m.Init())

	seen := map[string]bool{}
	for i := 0; i < 2; i++ {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		keys(u, "enter", "7") // the cluster, its cover's Raw pane
		frames := []string{m.View()}
		for _, k := range []string{"G", "pgup", "w", "G", "pgup", "k", "e", "G", "home"} {
			keys(u, k)
			frames = append(frames, m.View())
		}
		runtime.ReadMemStats(&after)
		got := after.TotalAlloc - before.TotalAlloc
		t.Logf("reply %d: %d KiB allocated", i, got>>10)
		if got > 50<<20 {
			t.Errorf("reply %d: opening and scrolling the Raw pane allocated %d MiB, want < 50", i, got>>20)
		}
		for _, f := range frames {
			uitest.CheckFrame(t, f, w, h)
		}
		switch {
		case strings.Contains(frames[0], `"Arrays": [`):
			seen["deep"] = true
			if !strings.Contains(strings.Join(frames, ""), "e expands") {
				t.Errorf("the deep reply does not say its levels are collapsed:\n%s", frames[1])
			}
		case strings.Contains(frames[0], `"Keys": {`):
			seen["wide"] = true
		default:
			t.Fatalf("row %d: the Raw pane shows neither reply:\n%s", i, frames[0])
		}
		keys(u, "esc", "down")
	}
	if len(seen) != 2 {
		t.Fatalf("replies shown: %v, want both", seen)
	}
}

// TestRawPaneOfAReplyNestedPastTheDecodersLimit: 30,000 levels (120 KB)
// are refused by Go's decoder in the client; the file view says so in a
// frame that fits instead of drawing anything of the reply.
func TestRawPaneOfAReplyNestedPastTheDecodersLimit(t *testing.T) {
	p := &pagingServer{action: "BatchGetFileMeta", answer: func(n int, _ string) string {
		return fmt.Sprintf(`{"RequestId":"rid-%d","Files":[{"URI":"oss://b/deep.jpg","Deep":%s%s}]}`,
			n, strings.Repeat("[", 30000), strings.Repeat("]", 30000))
	}}
	m, u := startPaging(t, p)
	keys(u, "enter", "7")
	screen := m.View()
	uitest.CheckFrame(t, screen, 200, 30)
	if !strings.Contains(screen, "not the JSON expected") || strings.Contains(screen, "[[[") {
		t.Fatalf("the refused reply is not reported as an error:\n%s", screen)
	}
}
