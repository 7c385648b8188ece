// Package recent remembers the last project and dataset browsed for each
// aliyun profile and region, in a small JSON file in the XDG state
// directory, so that the picker can offer them first.
package recent

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// Entry is what was browsed last with one profile in one region.
type Entry struct {
	Profile string    `json:"profile"`
	Region  string    `json:"region"`
	Project string    `json:"project"`
	Dataset string    `json:"dataset"`
	UsedAt  time.Time `json:"used_at"`
}

// maxEntries bounds the file; the least recently used go first.
const maxEntries = 100

// List is the remembered entries. The zero value is empty and usable.
type List struct {
	Entries []Entry `json:"entries"`
}

// Load reads the file at path. A missing file is an empty list; a file
// that cannot be read or parsed is an empty list and an error that says
// so (the caller may warn and go on: the next Save replaces it).
func Load(path string) (*List, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &List{}, nil
	}
	if err != nil {
		return &List{}, fmt.Errorf("reading the remembered projects %s: %w", path, err)
	}
	var l List
	if err := json.Unmarshal(b, &l); err != nil {
		return &List{}, fmt.Errorf("the remembered projects file %s is damaged (it will be rewritten): %v", path, err)
	}
	return &l, nil
}

// Get returns what was last browsed with this profile in this region.
func (l *List) Get(profile, region string) (Entry, bool) {
	for _, e := range l.Entries {
		if e.Profile == profile && e.Region == region {
			return e, true
		}
	}
	return Entry{}, false
}

// Remember records project and dataset as the last ones for this profile
// and region.
func (l *List) Remember(profile, region, project, dataset string, now time.Time) {
	e := Entry{Profile: profile, Region: region, Project: project, Dataset: dataset, UsedAt: now.UTC()}
	kept := l.Entries[:0]
	for _, old := range l.Entries {
		if old.Profile != profile || old.Region != region {
			kept = append(kept, old)
		}
	}
	l.Entries = append(kept, e)
	sort.SliceStable(l.Entries, func(i, j int) bool { return l.Entries[i].UsedAt.After(l.Entries[j].UsedAt) })
	if len(l.Entries) > maxEntries {
		l.Entries = l.Entries[:maxEntries]
	}
}

// Save writes the list to path, creating its directory (0700). The file is
// replaced whole (write to a temporary file, then rename), so a crash or a
// second immtui never leaves half a file.
func (l *List) Save(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	b, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".recent-*.json")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Remember loads the file, records one entry and saves it.
func Remember(path, profile, region, project, dataset string) error {
	l, _ := Load(path) // a damaged file is replaced
	l.Remember(profile, region, project, dataset, time.Now())
	return l.Save(path)
}
