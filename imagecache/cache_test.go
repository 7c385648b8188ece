package imagecache_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"go.uber.org/goleak"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/imagecache"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/ossclient"
	"github.com/immtui/immtui/termimage"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

type demo struct {
	srv   *emulator.Running
	oss   *ossclient.Client
	faces []imagecache.Request
}

func startDemo(t testing.TB) *demo {
	t.Helper()
	d := dataset.Generate(dataset.Options{Seed: 5, Clusters: 6, Files: 120})
	srv, err := emulator.Start("127.0.0.1:0", emulator.Config{Data: d})
	if err != nil {
		t.Fatal(err)
	}
	tr := &http.Transport{}
	t.Cleanup(func() { srv.Close(); tr.CloseIdleConnections() })
	c, err := ossclient.New(ossclient.Config{Endpoint: srv.OSSEndpoint(), Region: srv.OSSRegion(),
		AccessKeyID: emulator.DemoAccessKeyID, AccessKeySecret: emulator.DemoAccessKeySecret, HTTPClient: &http.Client{Transport: tr}})
	if err != nil {
		t.Fatal(err)
	}
	dm := &demo{srv: srv, oss: c}
	for i := range d.Files {
		f := &d.Files[i]
		for j := range f.Figures {
			if f.ImageWidth > 0 {
				dm.faces = append(dm.faces, imagecache.Request{File: f, Figure: &f.Figures[j]})
			}
		}
	}
	return dm
}

func TestMemoryThenDisk(t *testing.T) {
	dm := startDemo(t)
	dir := t.TempDir()
	ctx := context.Background()
	c := imagecache.New(imagecache.Config{Fetcher: dm.oss, Dir: dir})
	f, err := c.Face(ctx, dm.faces[0])
	if err != nil {
		t.Fatal(err)
	}
	if f.Source != imagecache.FromOSS || f.Bytes == 0 || f.Image.Bounds().Dx() == 0 {
		t.Fatalf("first load %+v", f)
	}
	if again, _ := c.Face(ctx, dm.faces[0]); again.Source != imagecache.FromMemory {
		t.Errorf("second load from %v, want memory", again.Source)
	}
	// A new session (same directory): from disk, OSS not asked.
	served := dm.srv.OSSObjectsServed()
	c2 := imagecache.New(imagecache.Config{Fetcher: dm.oss, Dir: dir})
	if f2, err := c2.Face(ctx, dm.faces[0]); err != nil || f2.Source != imagecache.FromDisk {
		t.Fatalf("new session: %v from %v, want disk", err, f2.Source)
	}
	if dm.srv.OSSObjectsServed() != served {
		t.Error("a face on disk was fetched again")
	}
	// Another version of the object is another key.
	changed := *dm.faces[0].File
	changed.ETag = `"OTHER"`
	if f3, _ := c2.Face(ctx, imagecache.Request{File: &changed, Figure: dm.faces[0].Figure}); f3.Source != imagecache.FromOSS {
		t.Errorf("a new ETag came from %v, want OSS", f3.Source)
	}
}

func TestCachesAreBounded(t *testing.T) {
	dm := startDemo(t)
	dir := t.TempDir()
	const memBound, diskBound = 250 << 10, 12 << 10
	c := imagecache.New(imagecache.Config{Fetcher: dm.oss, Dir: dir, MemoryBytes: memBound, DiskBytes: diskBound})
	n := min(len(dm.faces), 12)
	for _, r := range dm.faces[:n] {
		if _, err := c.Face(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		if c.MemoryBytes() > memBound || c.DiskBytes() > diskBound {
			t.Fatalf("memory %d (bound %d), disk %d (bound %d)", c.MemoryBytes(), memBound, c.DiskBytes(), diskBound)
		}
	}
	var onDisk int64
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		info, _ := e.Info()
		onDisk += info.Size()
	}
	if onDisk > diskBound || onDisk == 0 {
		t.Errorf("%d bytes in the directory, bound %d", onDisk, diskBound)
	}
	// The first face was evicted from memory: it comes back from OSS or disk.
	if f, _ := c.Face(context.Background(), dm.faces[0]); f.Source == imagecache.FromMemory {
		t.Error("the oldest face should have left memory")
	}
}

// blocking is a Fetcher that waits for release or cancellation.
type blocking struct {
	started   chan string
	release   chan struct{}
	cancelled atomic.Int32
	active    atomic.Int32
	maxActive atomic.Int32
}

func (b *blocking) Fetch(ctx context.Context, uri, _ string) ([]byte, error) {
	n := b.active.Add(1)
	defer b.active.Add(-1)
	for {
		m := b.maxActive.Load()
		if n <= m || b.maxActive.CompareAndSwap(m, n) {
			break
		}
	}
	b.started <- uri
	select {
	case <-b.release:
		return nil, errors.New("released")
	case <-ctx.Done():
		b.cancelled.Add(1)
		return nil, ctx.Err()
	}
}

func request(uri string) imagecache.Request {
	f := &imm.File{URI: uri, ImageWidth: 100, ImageHeight: 100, Orientation: 1}
	return imagecache.Request{File: f, Figure: &imm.Figure{Boundary: &imm.Boundary{Left: 10, Top: 10, Width: 30, Height: 30}}}
}

func TestScrollingAwayCancelsTheFetch(t *testing.T) {
	b := &blocking{started: make(chan string, 10), release: make(chan struct{})}
	c := imagecache.New(imagecache.Config{Fetcher: b})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { _, err := c.Face(ctx, request("oss://b/a.jpg")); done <- err }()
	<-b.started
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	// The fetch itself is cancelled (wait for it to see so before the
	// release below, which it would otherwise race): once it returns, a
	// new load starts a new fetch, and we release that one.
	for b.cancelled.Load() == 0 {
		runtime.Gosched()
	}
	go func() { _, err := c.Face(context.Background(), request("oss://b/a.jpg")); done <- err }()
	<-b.started
	close(b.release)
	<-done
	if b.cancelled.Load() != 1 {
		t.Errorf("%d fetches saw cancellation, want 1", b.cancelled.Load())
	}
}

func TestAFetchTwoScreensWaitForSurvivesOneLeaving(t *testing.T) {
	b := &blocking{started: make(chan string, 10), release: make(chan struct{})}
	c := imagecache.New(imagecache.Config{Fetcher: b})
	ctx1, cancel1 := context.WithCancel(context.Background())
	errs := make(chan error, 2)
	go func() { _, err := c.Face(ctx1, request("oss://b/a.jpg")); errs <- err }()
	<-b.started
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); _, err := c.Face(context.Background(), request("oss://b/a.jpg")); errs <- err }()
	for imagecache.Waiters(c, "oss://b/a.jpg") < 2 {
		runtime.Gosched()
	}
	cancel1()
	if err := <-errs; !errors.Is(err, context.Canceled) {
		t.Fatalf("first waiter: %v", err)
	}
	close(b.release)
	wg.Wait()
	if err := <-errs; err == nil || !strings.Contains(err.Error(), "released") {
		t.Errorf("second waiter got %v, want the fetch's own result", err)
	}
	if b.cancelled.Load() != 0 {
		t.Error("the fetch was cancelled though a screen still waited")
	}
}

func TestAFewAtATime(t *testing.T) {
	b := &blocking{started: make(chan string, 20), release: make(chan struct{})}
	c := imagecache.New(imagecache.Config{Fetcher: b, Concurrency: 2})
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = c.Face(context.Background(), request("oss://b/"+string(rune('a'+i))+".jpg"))
		}()
	}
	<-b.started
	<-b.started
	close(b.release)
	wg.Wait()
	if m := b.maxActive.Load(); m > 2 {
		t.Errorf("%d fetches ran at once, bound 2", m)
	}
}

func TestDrawFitsTheCells(t *testing.T) {
	dm := startDemo(t)
	c := imagecache.New(imagecache.Config{Fetcher: dm.oss})
	rd := termimage.NewRenderer(termimage.Capability{Protocol: termimage.ProtocolHalfBlock, Colors: termimage.ColorsTrueColor})
	fr, _, err := c.Draw(context.Background(), dm.faces[0], rd, 12, 6)
	if err != nil || len(fr.Lines) != 6 || fr.Transmit != "" {
		t.Fatalf("frame %d lines, %v", len(fr.Lines), err)
	}
}

func TestPlanOfAVideoFace(t *testing.T) {
	f := &imm.File{URI: "oss://b/v.mp4", VideoWidth: 1920, VideoHeight: 1080, ETag: `"E"`}
	k, _, err := imagecache.Request{File: f, Figure: &imm.Figure{Boundary: &imm.Boundary{Left: 900, Top: 500, Width: 100, Height: 100}}}.Plan()
	if err != nil || k.Process != "video/snapshot,t_0,f_jpg,w_640,h_0" || k.Cut.Empty() {
		t.Fatalf("plan %+v, %v", k, err)
	}
}
