package imagecache

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// disk keeps fetched bodies (the small JPEGs OSS returns) under dir, at
// most max bytes in all, the least recently used removed first. The
// directory is read on first use, not at start.
type disk struct {
	dir string
	max int64

	once  sync.Once
	mu    sync.Mutex
	used  int64
	files map[string]diskEntry // file name -> size and last use
}

type diskEntry struct {
	size int64
	used time.Time
}

func newDisk(dir string, max int64) *disk {
	return &disk{dir: dir, max: max, files: map[string]diskEntry{}}
}

// DefaultDir is the cache directory: $XDG_CACHE_HOME/immtui/faces (on
// Linux ~/.cache/immtui/faces when XDG_CACHE_HOME is unset; the platform's
// cache directory elsewhere).
func DefaultDir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "immtui", "faces"), nil
}

// name is the file of a key: a hash, so hostile URIs never reach a path.
func name(k string) string {
	h := sha256.Sum256([]byte(k))
	return hex.EncodeToString(h[:]) + ".img"
}

func (d *disk) load() {
	d.once.Do(func() {
		entries, err := os.ReadDir(d.dir)
		if err != nil {
			return
		}
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".img") || !e.Type().IsRegular() {
				continue
			}
			info, err := e.Info()
			if err != nil {
				continue
			}
			d.files[e.Name()] = diskEntry{info.Size(), info.ModTime()}
			d.used += info.Size()
		}
	})
}

func (d *disk) get(k string) ([]byte, bool) {
	d.load()
	n := name(k)
	d.mu.Lock()
	_, ok := d.files[n]
	d.mu.Unlock()
	if !ok {
		return nil, false
	}
	b, err := os.ReadFile(filepath.Join(d.dir, n))
	if err != nil {
		return nil, false
	}
	now := time.Now()
	d.mu.Lock()
	if e, ok := d.files[n]; ok {
		e.used = now
		d.files[n] = e
	}
	d.mu.Unlock()
	_ = os.Chtimes(filepath.Join(d.dir, n), now, now) // the order survives a restart
	return b, true
}

// put stores b (written to a temporary file and renamed, so a reader
// never sees half a file) and evicts the oldest files past the bound.
func (d *disk) put(k string, b []byte) {
	if int64(len(b)) > d.max {
		return
	}
	d.load()
	if err := os.MkdirAll(d.dir, 0o700); err != nil {
		return
	}
	n := name(k)
	tmp, err := os.CreateTemp(d.dir, "tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), filepath.Join(d.dir, n)) != nil {
		os.Remove(tmp.Name())
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if old, ok := d.files[n]; ok {
		d.used -= old.size
	}
	d.files[n] = diskEntry{int64(len(b)), time.Now()}
	d.used += int64(len(b))
	if d.used <= d.max {
		return
	}
	names := make([]string, 0, len(d.files))
	for fn := range d.files {
		names = append(names, fn)
	}
	sort.Slice(names, func(i, j int) bool { return d.files[names[i]].used.Before(d.files[names[j]].used) })
	for _, fn := range names {
		if d.used <= d.max {
			break
		}
		if fn == n {
			continue
		}
		_ = os.Remove(filepath.Join(d.dir, fn)) // gone either way: forget it
		d.used -= d.files[fn].size
		delete(d.files, fn)
	}
}

// bytes is the total size on disk, as far as the cache knows.
func (d *disk) bytes() int64 {
	d.load()
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.used
}
