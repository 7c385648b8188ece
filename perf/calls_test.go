package perf

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/panes"
	"github.com/immtui/immtui/ui/views"
)

// API calls, requests per view and bytes on the wire, counted at the
// in-process emulator (Calls) and at the client's transport.

// BenchmarkCoverSummaryCalls1k: what showing a cover summary of N = 1,000
// clusters costs: the clusters through Store.Clusters and their cover
// files (the Overview pane's fields) through Store.File, each asked for
// one by one from its own goroutine as rows would; beside it, the naive
// strategy of one GetFileMeta per cover. Target: <= ceil(N/100) = 10 batch
// calls for each of the two.
func BenchmarkCoverSummaryCalls1k(b *testing.B) {
	const n = 1000
	s := newStack(b, n, nil)
	ids := make([]string, 0, n)
	uris := make([]string, 0, n)
	for _, c := range s.Data.FigureClusters[:n] {
		ids = append(ids, c.ObjectId)
		if c.Cover != nil && c.Cover.URI != "" {
			uris = append(uris, c.Cover.URI)
		}
	}
	fields := panes.New(panes.Context{Styles: asciiStyles()})[0].Fields()
	d := s.Data.Datasets[0]
	var clusterCalls, fileCalls, naiveCalls float64
	var batched, naive time.Duration
	for b.Loop() {
		// A fresh store each time: nothing cached.
		st := state.New(s.Client, d.ProjectName, d.DatasetName, state.Options{})
		s.Emulator.ResetCalls()
		t := time.Now()
		got, err := st.Clusters(context.Background(), ids)
		if err != nil || len(got) != n {
			b.Fatalf("Clusters: %d, %v", len(got), err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, len(uris))
		for _, u := range uris {
			wg.Go(func() {
				if _, err := st.File(context.Background(), u, fields); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		batched += time.Since(t)
		st.Close()
		close(errs)
		if err := <-errs; err != nil {
			b.Fatal(err)
		}
		clusterCalls += float64(s.calls("BatchGetFigureCluster"))
		fileCalls += float64(s.calls("BatchGetFileMeta"))

		s.Emulator.ResetCalls()
		t = time.Now()
		work := make(chan string)
		for range 8 { // the client's default concurrency
			wg.Go(func() {
				for u := range work {
					if _, err := s.Client.GetFileMeta(context.Background(), imm.GetFileMetaRequest{
						ProjectName: d.ProjectName, DatasetName: d.DatasetName, URI: u}); err != nil {
						b.Error(err)
					}
				}
			})
		}
		for _, u := range uris {
			work <- u
		}
		close(work)
		wg.Wait()
		naive += time.Since(t)
		naiveCalls += float64(s.calls(""))
	}
	runs := float64(b.N)
	b.ReportMetric(clusterCalls/runs, "BatchGetFigureCluster-calls")
	b.ReportMetric(fileCalls/runs, "BatchGetFileMeta-calls")
	b.ReportMetric(float64(batched.Milliseconds())/runs, "batched-ms")
	b.ReportMetric(naiveCalls/runs, "naive-calls")
	b.ReportMetric(float64(naive.Milliseconds())/runs, "naive-ms")
	b.ReportMetric(float64(len(uris)), "covers")
}

// BenchmarkPaneVisits opens a cluster in the real browser and visits every
// pane, then every pane again: the BatchGetFileMeta calls of each first
// visit (1, or 0 when earlier panes already fetched its fields) and of
// all revisits together. Target: 1 per first visit, 0 for revisits.
func BenchmarkPaneVisits(b *testing.B) {
	s := newStack(b, 250, nil)
	var firstMax, firstSum, revisits float64
	for b.Loop() {
		st := state.New(s.Client, s.Data.Datasets[0].ProjectName, s.Data.Datasets[0].DatasetName, state.Options{})
		m := ui.NewModel(ui.Options{Store: st, Endpoint: s.Emulator.URL(), ReadOnly: true, Styles: asciiStyles()})
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		drive(m, m.Init())
		list := m.Top().(*views.Clusters)
		for list.Rows()[list.Cursor()].CoverURI == "" {
			press(m, "down")
		}
		s.Emulator.ResetCalls()
		press(m, "enter") // opens on the first pane: its first visit
		per := []float64{float64(s.calls("BatchGetFileMeta"))}
		for i := 1; i < len(panes.Names); i++ {
			before := s.calls("BatchGetFileMeta")
			press(m, itoa(i+1))
			per = append(per, float64(s.calls("BatchGetFileMeta")-before))
		}
		before := s.calls("BatchGetFileMeta")
		for i := range panes.Names {
			press(m, itoa(i+1))
		}
		press(m, "tab", "tab", "shift+tab")
		revisits += float64(s.calls("BatchGetFileMeta") - before)
		firstMax = max(firstMax, slices.Max(per))
		for _, x := range per {
			firstSum += x
		}
		b.Logf("first visits of %v: BatchGetFileMeta calls %v", panes.Names, per)
		press(m, "ctrl+c")
		st.Close()
	}
	b.ReportMetric(firstMax, "max-calls-per-first-visit")
	b.ReportMetric(firstSum/float64(b.N), "calls-all-first-visits")
	b.ReportMetric(revisits/float64(b.N), "calls-all-revisits")
}

// press sends key names (as uitest.Key spells them) and runs the commands.
func press(m tea.Model, names ...string) {
	for _, n := range names {
		var k tea.KeyMsg
		switch n {
		case "down":
			k.Type = tea.KeyDown
		case "enter":
			k.Type = tea.KeyEnter
		case "tab":
			k.Type = tea.KeyTab
		case "shift+tab":
			k.Type = tea.KeyShiftTab
		case "ctrl+c":
			k.Type = tea.KeyCtrlC
		case "end":
			k.Type = tea.KeyEnd
		default:
			k = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(n)}
		}
		_, cmd := m.Update(k)
		drive(m, cmd)
	}
}

// BenchmarkWireBytesWithFieldsVsFull: response bytes of a BatchGetFileMeta
// of 100 files with each pane's WithFields, against the same call for
// every field. Target: <= 0.3 for every pane that names its fields.
func BenchmarkWireBytesWithFieldsVsFull(b *testing.B) {
	s := newStack(b, 1000, nil)
	var uris []string
	for _, f := range s.Data.Files {
		if len(f.Figures) > 0 && len(uris) < imm.MaxURIsPerCall {
			uris = append(uris, f.URI)
		}
	}
	d := s.Data.Datasets[0]
	fetch := func(fields []string) int64 {
		s.wire.Reset()
		req := imm.BatchGetFileMetaRequest{ProjectName: d.ProjectName, DatasetName: d.DatasetName, URIs: uris}
		if fields != nil {
			req.WithFields = append([]string{"URI"}, fields...)
		}
		if _, err := s.Client.BatchGetFileMeta(context.Background(), req); err != nil {
			b.Fatal(err)
		}
		_, n := s.wire.Reset()
		return n
	}
	ratios := map[string]float64{}
	var full int64
	for b.Loop() {
		full = fetch(nil)
		for _, p := range panes.New(panes.Context{Styles: asciiStyles()}) {
			if p.Fields() != nil {
				ratios[p.Title()] = float64(fetch(p.Fields())) / float64(full)
			}
		}
	}
	worst := 0.0
	for name, r := range ratios {
		b.Logf("%-10s %.3f of %d bytes", name, r, full)
		worst = max(worst, r)
	}
	b.ReportMetric(float64(full)/1e3, "full-KB-per-100")
	b.ReportMetric(worst, "worst-ratio")
	b.ReportMetric(ratios["Overview"], "overview-ratio")
}

// BenchmarkEndOf100k: G on the clusters list of 100,000 clusters, from the
// first page: the calls it takes to show the last rows (target: 1, not
// 999 pages one by one) and how long that takes.
func BenchmarkEndOf100k(b *testing.B) {
	l := getLoaded(b, 100000)
	all := l.list.Rows()
	lastIDs := make(map[string]bool)
	for _, r := range all[len(all)-100:] {
		lastIDs[r.ID] = true
	}
	lastKey := all[len(all)-1].FaceCount
	var calls, took, overlap, keyMatch float64
	for b.Loop() {
		st := state.New(l.api, l.emu.project, l.emu.dataset, state.Options{})
		m := ui.NewModel(ui.Options{Store: st, Endpoint: l.emu.url, ReadOnly: true, Styles: asciiStyles()})
		m.Update(tea.WindowSizeMsg{Width: screenW, Height: screenH})
		drive(m, m.Init())
		l.wire.Reset()
		t := time.Now()
		press(m, "end")
		took += float64(time.Since(t).Microseconds()) / 1000
		n, _ := l.wire.Reset()
		calls += float64(n)
		list := m.Top().(*views.Clusters)
		rows := list.Rows()
		if !list.Tail() || list.Cursor() != len(rows)-1 || len(rows) == 0 {
			b.Fatalf("after End: tail %v, cursor %d of %d", list.Tail(), list.Cursor(), len(rows))
		}
		same, keys := 0, 0
		for _, r := range rows {
			if lastIDs[r.ID] {
				same++
			}
		}
		if rows[len(rows)-1].FaceCount == lastKey {
			keys = 1
		}
		overlap += float64(same) / float64(len(rows))
		keyMatch += float64(keys)
		st.Close()
	}
	runs := float64(b.N)
	b.ReportMetric(calls/runs, "calls")
	b.ReportMetric(took/runs, "ms")
	b.ReportMetric(overlap/runs, "same-IDs-as-true-last-100")
	b.ReportMetric(keyMatch/runs, "last-sort-key-matches")
}
