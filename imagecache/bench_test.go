package imagecache_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/immtui/immtui/imagecache"
	"github.com/immtui/immtui/termimage"
)

// The face grid's costs (BENCHMARKS.md, "Face crops"): 20 faces from 20
// photos, each drawn in 12x6 cells, loaded as a grid screen would (all at
// once, the cache's few-at-a-time bound doing the queueing).
//
//	go test -run '^$' -bench FaceGrid -benchtime 3x ./imagecache
const gridFaces, cellCols, cellRows = 20, 12, 6

func gridRequests(b *testing.B, dm *demo) []imagecache.Request {
	seen := map[string]bool{}
	var out []imagecache.Request
	for _, r := range dm.faces {
		if !seen[r.File.URI] {
			seen[r.File.URI] = true
			out = append(out, r)
		}
		if len(out) == gridFaces {
			return out
		}
	}
	b.Fatalf("only %d photos with faces", len(out))
	return nil
}

// loadGrid loads and draws every face, returning the bytes read and the
// frame's terminal bytes.
func loadGrid(b *testing.B, c *imagecache.Cache, reqs []imagecache.Request, rd *termimage.Renderer, want imagecache.Source) (read, frame int) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, r := range reqs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fr, f, err := c.Draw(context.Background(), r, rd, cellCols, cellRows)
			if err != nil {
				b.Error(err)
				return
			}
			if f.Source != want {
				b.Errorf("face from %v, want %v", f.Source, want)
			}
			mu.Lock()
			read += f.Bytes
			frame += len(strings.Join(fr.Lines, "\n"))
			mu.Unlock()
		}()
	}
	wg.Wait()
	return read, frame
}

func BenchmarkFaceGrid(b *testing.B) {
	truecolor := termimage.NewRenderer(termimage.Capability{Protocol: termimage.ProtocolHalfBlock, Colors: termimage.ColorsTrueColor})
	ansi256 := termimage.NewRenderer(termimage.Capability{Protocol: termimage.ProtocolHalfBlock, Colors: termimage.ColorsANSI256})

	b.Run("first-visit", func(b *testing.B) {
		var read, frame int
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			dm := startDemo(b) // a new emulator: nothing drawn yet on the OSS side either
			reqs := gridRequests(b, dm)
			c := imagecache.New(imagecache.Config{Fetcher: dm.oss, Dir: b.TempDir()})
			b.StartTimer()
			read, frame = loadGrid(b, c, reqs, truecolor, imagecache.FromOSS)
		}
		b.ReportMetric(float64(read), "bytes-read")
		b.ReportMetric(float64(frame), "frame-bytes-truecolor")
	})

	b.Run("disk-cache", func(b *testing.B) {
		dm := startDemo(b)
		reqs := gridRequests(b, dm)
		dir := b.TempDir()
		loadGrid(b, imagecache.New(imagecache.Config{Fetcher: dm.oss, Dir: dir}), reqs, truecolor, imagecache.FromOSS)
		b.ResetTimer()
		var read, frame int
		for i := 0; i < b.N; i++ {
			c := imagecache.New(imagecache.Config{Fetcher: dm.oss, Dir: dir}) // a new session, empty memory
			read, frame = loadGrid(b, c, reqs, ansi256, imagecache.FromDisk)
		}
		b.ReportMetric(float64(read), "bytes-read")
		b.ReportMetric(float64(frame), "frame-bytes-256")
	})

	b.Run("full-images", func(b *testing.B) {
		var read int
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			dm := startDemo(b)
			reqs := gridRequests(b, dm)
			b.StartTimer()
			read = 0
			var mu sync.Mutex
			var wg sync.WaitGroup
			sem := make(chan struct{}, imagecache.DefaultConcurrency)
			for _, r := range reqs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					sem <- struct{}{}
					defer func() { <-sem }()
					body, err := dm.oss.Fetch(context.Background(), r.File.URI, "")
					if err != nil {
						b.Error(err)
					}
					mu.Lock()
					read += len(body)
					mu.Unlock()
				}()
			}
			wg.Wait()
		}
		b.ReportMetric(float64(read), "bytes-read")
	})
}
