// Package imagecache loads face crops for the screens: from memory (a
// byte-bounded LRU of decoded, oriented crops), else from disk under the
// XDG cache directory (bounded, keyed by URI, ETag and crop), else from
// OSS through a Fetcher, a few at a time. Every load follows its context,
// so scrolling away cancels it; decoding and scaling happen in the
// caller's goroutine, which for the UI is a tea.Cmd. No Bubble Tea here.
package imagecache

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // OSS answers JPEG for image processing
	_ "image/png"
	"sync"

	"github.com/immtui/immtui/facecrop"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/sizedlru"
	"github.com/immtui/immtui/termimage"
)

// Defaults.
const (
	DefaultMemoryBytes = 32 << 20 // decoded crops (a 160 px crop is 100 KB)
	DefaultDiskBytes   = 64 << 20 // JPEG crops (about 5 KB each)
	DefaultConcurrency = 3        // OSS reads at once
	DefaultCropWidth   = 160      // pixels asked of OSS: 20 half-block cells hold 20
	maxDecodedPixels   = 16 << 20 // refuse to decode larger (a hostile or huge body)
)

// Fetcher reads an object, processed (ossclient.Client.Get, adapted).
type Fetcher interface {
	Fetch(ctx context.Context, uri, process string) (body []byte, err error)
}

// FetchFunc adapts a function to Fetcher.
type FetchFunc func(ctx context.Context, uri, process string) ([]byte, error)

// Fetch calls f.
func (f FetchFunc) Fetch(ctx context.Context, uri, process string) ([]byte, error) {
	return f(ctx, uri, process)
}

// Config sets up a Cache. Zero fields take the defaults; Dir "" means no
// disk cache (use DefaultDir for the XDG one).
type Config struct {
	Fetcher     Fetcher
	Dir         string
	MemoryBytes int64
	DiskBytes   int64
	Concurrency int
}

// Cache is safe for concurrent use.
type Cache struct {
	fetch Fetcher
	mem   *sizedlru.Cache[Key, image.Image]
	disk  *disk
	slots chan struct{}

	mu       sync.Mutex
	inflight map[string]*call
}

// New returns a cache; it touches neither disk nor network.
func New(cfg Config) *Cache {
	if cfg.MemoryBytes <= 0 {
		cfg.MemoryBytes = DefaultMemoryBytes
	}
	if cfg.DiskBytes <= 0 {
		cfg.DiskBytes = DefaultDiskBytes
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = DefaultConcurrency
	}
	c := &Cache{
		fetch:    cfg.Fetcher,
		mem:      sizedlru.New[Key, image.Image](cfg.MemoryBytes, imageBytes),
		slots:    make(chan struct{}, cfg.Concurrency),
		inflight: map[string]*call{},
	}
	if cfg.Dir != "" {
		c.disk = newDisk(cfg.Dir, cfg.DiskBytes)
	}
	return c
}

// Key names one face crop: the object, its version, and what was asked of
// OSS (the process parameter, which holds the crop) plus the part cut
// locally (video frames).
type Key struct {
	URI, ETag, Process string
	Cut                image.Rectangle // zero: none
}

// String is a stable text form (for kitty image ids).
func (k Key) String() string {
	return fmt.Sprintf("%s\x00%s\x00%s\x00%v", k.URI, k.ETag, k.Process, k.Cut)
}

// body is the disk and fetch key: the bytes OSS returns do not depend on
// the local cut, so the faces of one video frame share it.
func (k Key) body() string { return k.URI + "\x00" + k.ETag + "\x00" + k.Process }

// Request is one face to show.
type Request struct {
	File   *imm.File
	Figure *imm.Figure
	Width  int // pixels asked of OSS; default DefaultCropWidth
}

// Plan is what a face will be fetched as, without loading anything.
func (r Request) Plan() (Key, facecrop.Crop, error) {
	f, fig := r.File, r.Figure
	if f == nil || fig == nil {
		return Key{}, facecrop.Crop{}, errors.New("no face to show")
	}
	width := r.Width
	if width <= 0 {
		width = DefaultCropWidth
	}
	if f.ImageWidth <= 0 && f.VideoWidth > 0 { // a video: one frame, cut here
		c, err := facecrop.FaceCrop(fig.Boundary, f.VideoWidth, f.VideoHeight, 1, facecrop.DefaultMargin)
		if err != nil {
			return Key{}, c, err
		}
		return Key{URI: f.URI, ETag: f.ETag, Process: facecrop.SnapshotProcess(0, 640), Cut: c.Displayed}, c, nil
	}
	c, err := facecrop.FaceCrop(fig.Boundary, f.ImageWidth, f.ImageHeight, f.Orientation, facecrop.DefaultMargin)
	if err != nil {
		return Key{}, c, err
	}
	return Key{URI: f.URI, ETag: f.ETag, Process: c.Process(width)}, c, nil
}

// Source says where a face came from.
type Source int

const (
	FromMemory Source = iota
	FromDisk
	FromOSS
)

// Face is a loaded crop, oriented as shown.
type Face struct {
	Key    Key
	Image  image.Image
	Source Source
	Bytes  int // the encoded size read from disk or OSS (0 from memory)
}

// Face loads r's crop. It blocks: call it in a tea.Cmd with a context the
// screen cancels when the face scrolls out of view.
func (c *Cache) Face(ctx context.Context, r Request) (Face, error) {
	key, crop, err := r.Plan()
	if err != nil {
		return Face{}, err
	}
	if img, ok := c.mem.Get(key); ok {
		return Face{Key: key, Image: img, Source: FromMemory}, nil
	}
	body, src, err := c.body(ctx, key)
	if err != nil {
		return Face{}, err
	}
	img, err := decode(body)
	if err != nil {
		return Face{}, fmt.Errorf("the picture of %s could not be decoded: %w", clip(key.URI), err)
	}
	if key.Cut.Empty() {
		img = facecrop.Orient(img, crop.Orientation)
	} else {
		img = facecrop.Cut(img, crop, int(r.File.VideoWidth), int(r.File.VideoHeight))
	}
	c.mem.Put(key, img)
	return Face{Key: key, Image: img, Source: src, Bytes: len(body)}, nil
}

// Draw loads r's face and draws it in cols x rows cells with rd, in one
// call for a tea.Cmd. A face that cannot be loaded is returned as the
// error with no frame: the screen draws its own placeholder.
func (c *Cache) Draw(ctx context.Context, r Request, rd *termimage.Renderer, cols, rows int) (termimage.Frame, Face, error) {
	f, err := c.Face(ctx, r)
	if err != nil {
		return termimage.Frame{}, f, err
	}
	return rd.Draw(f.Key.String(), f.Image, cols, rows, ""), f, nil
}

// MemoryBytes and DiskBytes report what the caches hold.
func (c *Cache) MemoryBytes() int64 { return c.mem.Bytes() }

// DiskBytes is the disk cache's size (0 without one).
func (c *Cache) DiskBytes() int64 {
	if c.disk == nil {
		return 0
	}
	return c.disk.bytes()
}

func decode(body []byte) (image.Image, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	if int64(cfg.Width)*int64(cfg.Height) > maxDecodedPixels {
		return nil, fmt.Errorf("%dx%d pixels is more than a face crop needs", cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(body))
	return img, err
}

func imageBytes(img image.Image) int64 {
	if rgba, ok := img.(*image.RGBA); ok {
		return int64(len(rgba.Pix))
	}
	b := img.Bounds()
	return int64(b.Dx()) * int64(b.Dy()) * 4
}

func clip(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}
