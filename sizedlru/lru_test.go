package sizedlru

import "testing"

func TestBoundedByBytes(t *testing.T) {
	c := New[string, []byte](10, func(b []byte) int64 { return int64(len(b)) })
	c.Put("a", make([]byte, 4))
	c.Put("b", make([]byte, 4))
	c.Get("a") // b is now the oldest
	c.Put("c", make([]byte, 4))
	if _, ok := c.Get("b"); ok {
		t.Error("b should have been evicted")
	}
	if _, ok := c.Get("a"); !ok {
		t.Error("a was used recently and should stay")
	}
	if c.Bytes() != 8 || c.Len() != 2 {
		t.Errorf("bytes %d len %d", c.Bytes(), c.Len())
	}
	c.Put("huge", make([]byte, 11))
	if _, ok := c.Get("huge"); ok || c.Bytes() > 10 {
		t.Error("a value over the bound must not be kept")
	}
	c.Put("a", make([]byte, 1))
	if c.Bytes() != 5 {
		t.Errorf("replacing a value: bytes %d, want 5", c.Bytes())
	}
}
