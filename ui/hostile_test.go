package ui_test

import (
	"fmt"
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/internal/teststack"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/views"
)

// The hostile dataset (testdata/hostile.json at the repository root, made
// by hostile_data_test.go there) plus what is too big to commit: 1 MB
// strings and 10,000 labels on one file.
const hostilePath = "../testdata/hostile.json"

const megabyte = 1 << 20

// hugeText is about n bytes of text laced with escapes, wide runes and
// bidi controls, so every cut and wrap meets them.
func hugeText(n int) string {
	unit := "张伟\x1b[31m🙂abc\u202edef\x1b]52;c;aGk=\x07 ghi\u200b "
	return strings.Repeat(unit, n/len(unit)+1)[:n]
}

// loadHostile reads the hostile dataset and adds the huge cases: a cluster
// with a 1 MB name whose cover has a 1 MB file name, 1 MB OCR text, a 1 MB
// label and 10,000 labels in all.
func loadHostile(t testing.TB) *dataset.Dataset {
	t.Helper()
	d, _, err := dataset.LoadFile(hostilePath)
	if err != nil {
		t.Fatal(err)
	}
	huge := imm.File{
		URI: "oss://hostile/huge.jpg", Filename: hugeText(megabyte), MediaType: "image",
		ObjectStatus: "Indexed", OCRTexts: hugeText(megabyte), EXIF: hugeText(64 << 10),
		OCRContents: []imm.OCRContents{{Contents: hugeText(256 << 10)}},
		Figures: []imm.Figure{{FigureId: "face-huge", FigureClusterId: "Cluster-huge", FigureClusterConfidence: 0.5,
			Gender: hugeText(4 << 10)}},
	}
	huge.Labels = make([]imm.Label, 10000)
	for i := range huge.Labels {
		huge.Labels[i] = imm.Label{LabelName: fmt.Sprintf("label %d \x1b[1m%s", i, hostileSample(i)),
			LabelLevel: int64(1 + i%3), LabelConfidence: float64(i%100) / 100}
	}
	huge.Labels[0].LabelName = hugeText(megabyte)
	d.Files = append(d.Files, huge)
	d.FigureClusters = append(d.FigureClusters, imm.FigureCluster{ObjectId: "Cluster-huge",
		Name: hugeText(megabyte), Cover: &imm.File{URI: huge.URI}})
	d.Files[len(d.Files)-1].ProjectName = d.Datasets[0].ProjectName
	d.Files[len(d.Files)-1].DatasetName = d.Datasets[0].DatasetName
	d.FigureClusters[len(d.FigureClusters)-1].ProjectName = d.Datasets[0].ProjectName
	d.FigureClusters[len(d.FigureClusters)-1].DatasetName = d.Datasets[0].DatasetName
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	d.Complete()
	return d
}

func hostileSample(i int) string {
	return []string{"\u202eevil", "\x9b2J", "مرحبا", "\u200b", "\xff", "😀"}[i%6]
}

// colourStyles render with SGR colour, so the frame check sees the
// renderer's own escapes next to the data's escaped ones.
func colourStyles() *theme.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	return theme.New(r)
}

func TestHostileDatasetRendersEveryViewAndPaneSafely(t *testing.T) {
	t.Parallel() // heavy: it runs beside the package\'s other tests
	d := loadHostile(t)
	st := teststack.Start(t, teststack.Options{Emulator: emulator.Config{Data: d}}).Store
	// Two sizes: a common one and the smallest with room for a pane.
	for _, size := range [][2]int{{80, 24}, {40, 10}} {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			t.Parallel() // one store, two browsers: it is safe for concurrent use
			m := ui.NewModel(ui.Options{Store: st, Endpoint: "http://hostile", ReadOnly: true, Styles: colourStyles()})
			u := &uitest.ModelUpdater{M: m}
			u.Update(tea.WindowSizeMsg{Width: w, Height: h})
			defer m.Update(uitest.Key("ctrl+c"))
			uitest.Run(u, m.Init())
			check := func(what string) string {
				t.Helper()
				screen := m.View()
				uitest.CheckFrame(t, screen, w, h)
				if strings.Contains(screen, "\xff") || strings.Contains(screen, "\u202e") {
					t.Fatalf("%s: raw hostile rune on screen:\n%s", what, screen)
				}
				return screen
			}
			list := check("clusters")
			if w >= 80 && !strings.Contains(list, `\x1b`) {
				t.Errorf("the escapes are not shown escaped on the list:\n%s", list)
			}
			// The rows of faces IMM did not cluster stand pinned above.
			rows := len(m.Top().(*views.Clusters).Rows()) - len(m.Top().(*views.Clusters).Pinned())
			if rows != len(d.FigureClusters) {
				t.Fatalf("%d rows, want %d", rows, len(d.FigureClusters))
			}
			for i := 0; i < rows; i++ {
				keys(u, "enter")
				check(fmt.Sprintf("cluster %d", i))
				for _, p := range []string{"1", "2", "3", "4", "5", "6", "7"} {
					keys(u, p)
					check(fmt.Sprintf("cluster %d pane %s", i, p))
					keys(u, "G")
					check(fmt.Sprintf("cluster %d pane %s at the end", i, p))
				}
				keys(u, "w") // Raw: wrap long lines
				check(fmt.Sprintf("cluster %d raw wrapped", i))
				keys(u, "g", "pgdown")
				check(fmt.Sprintf("cluster %d raw wrapped, scrolled", i))
				keys(u, "w", "2", "p") // Faces: the polygon's points
				check(fmt.Sprintf("cluster %d polygon points", i))
				keys(u, "0") // the cluster's own JSON, cut then wrapped
				check(fmt.Sprintf("cluster %d JSON", i))
				keys(u, "w", "G")
				check(fmt.Sprintf("cluster %d JSON wrapped, at the end", i))
				keys(u, "w", "2", "enter") // Faces: open the face's cluster
				check(fmt.Sprintf("cluster %d face's cluster", i))
				for m.Depth() > 1 {
					keys(u, "esc")
				}
				keys(u, "down")
			}
			keys(u, "s", "S")
			check("sorted")
		})
	}
}

// TestHostileIdentifiersOpenAndShowEscaped: a cluster ID or cover URI that
// carries escapes stays exact in the models (it is a request key), so the
// cluster and its cover open; the screen shows the identifier escaped,
// never raw (CheckFrame fails on any raw control).
func TestHostileIdentifiersOpenAndShowEscaped(t *testing.T) {
	d := loadHostile(t)
	st := teststack.Start(t, teststack.Options{Emulator: emulator.Config{Data: d}}).Store
	m := ui.NewModel(ui.Options{Store: st, Endpoint: "http://hostile", ReadOnly: true, Styles: colourStyles()})
	u := &uitest.ModelUpdater{M: m}
	u.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	defer m.Update(uitest.Key("ctrl+c"))
	uitest.Run(u, m.Init())
	list := m.Top().(*views.Clusters)
	found := 0
	for i, r := range list.Rows() {
		if !strings.Contains(r.ID, "\x1b") {
			continue
		}
		found++
		for list.Cursor() != i {
			keys(u, "down")
		}
		keys(u, "enter")
		screen := m.View()
		uitest.CheckFrame(t, screen, 120, 40)
		if strings.Contains(screen, "is not in dataset") || strings.Contains(screen, "could not") {
			t.Errorf("cluster %q did not open:\n%s", r.ID, screen)
		}
		if !strings.Contains(screen, `\x1b`) {
			t.Errorf("cluster %q: the escape is not shown escaped:\n%s", r.ID, screen)
		}
		keys(u, "1")
		screen = m.View()
		uitest.CheckFrame(t, screen, 120, 40)
		if strings.Contains(screen, "Loading") || strings.Contains(screen, "not in dataset") || !strings.Contains(screen, "Filename") {
			t.Errorf("cover %q did not load:\n%s", r.CoverURI, screen)
		}
		keys(u, "esc")
	}
	if found != 2 {
		t.Fatalf("%d hostile cluster IDs on the list, want 2", found)
	}
}
