package recent

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestRememberPerProfileAndRegion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "immtui", "recent.json")
	l, err := Load(path)
	if err != nil || len(l.Entries) != 0 {
		t.Fatalf("missing file: %v %v", l, err)
	}
	t0 := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	l.Remember("default", "cn-hangzhou", "p1", "d1", t0)
	l.Remember("work", "cn-hangzhou", "p2", "d2", t0.Add(time.Minute))
	l.Remember("default", "cn-shanghai", "p3", "d3", t0.Add(2*time.Minute))
	l.Remember("default", "cn-hangzhou", "p1", "d4", t0.Add(3*time.Minute))
	if err := l.Save(path); err != nil {
		t.Fatal(err)
	}
	l, err = Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Entries) != 3 {
		t.Fatalf("entries %+v", l.Entries)
	}
	for _, c := range []struct{ profile, region, project, dataset string }{
		{"default", "cn-hangzhou", "p1", "d4"}, {"work", "cn-hangzhou", "p2", "d2"}, {"default", "cn-shanghai", "p3", "d3"},
	} {
		e, ok := l.Get(c.profile, c.region)
		if !ok || e.Project != c.project || e.Dataset != c.dataset {
			t.Errorf("%s/%s: %+v %v", c.profile, c.region, e, ok)
		}
	}
	if _, ok := l.Get("work", "cn-shanghai"); ok {
		t.Error("an entry for a pair never used")
	}
	if fi, err := os.Stat(filepath.Dir(path)); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("state directory: %v %v", fi, err)
	}
}

func TestTheFileIsBounded(t *testing.T) {
	var l List
	t0 := time.Now()
	for i := 0; i < maxEntries+20; i++ {
		l.Remember("p", string(rune('a'+i%26))+string(rune('a'+i/26)), "x", "y", t0.Add(time.Duration(i)*time.Second))
	}
	if len(l.Entries) != maxEntries || !l.Entries[0].UsedAt.Equal(t0.Add(time.Duration(maxEntries+19)*time.Second).UTC()) {
		t.Fatalf("%d entries, newest first? %v", len(l.Entries), l.Entries[0].UsedAt)
	}
}

func TestDamagedFileIsReplaced(t *testing.T) {
	path := filepath.Join(t.TempDir(), "recent.json")
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if l, err := Load(path); err == nil || len(l.Entries) != 0 {
		t.Fatalf("damaged file: %v %v", l, err)
	}
	if err := Remember(path, "default", "cn-hangzhou", "p", "d"); err != nil {
		t.Fatal(err)
	}
	l, err := Load(path)
	if e, ok := l.Get("default", "cn-hangzhou"); err != nil || !ok || e.Dataset != "d" {
		t.Fatalf("after Remember: %+v %v %v", e, ok, err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".recent-*")); len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}
