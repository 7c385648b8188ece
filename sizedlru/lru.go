// Package sizedlru is a least-recently-used cache bounded by the total
// size of its values in bytes, not by their number: images differ in size
// by orders of magnitude, so a count says nothing about memory.
package sizedlru

import (
	"container/list"
	"sync"
)

// Cache maps K to V, evicting the least recently used entries once the
// sizes add up to more than the bound. Safe for concurrent use.
type Cache[K comparable, V any] struct {
	mu    sync.Mutex
	max   int64
	used  int64
	order *list.List // front: most recent
	items map[K]*list.Element
	size  func(V) int64
}

type entry[K comparable, V any] struct {
	key  K
	val  V
	size int64
}

// New returns a cache of at most maxBytes, sizing values with size.
func New[K comparable, V any](maxBytes int64, size func(V) int64) *Cache[K, V] {
	return &Cache[K, V]{max: maxBytes, order: list.New(), items: map[K]*list.Element{}, size: size}
}

// Get returns the value of k and marks it recently used.
func (c *Cache[K, V]) Get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*entry[K, V]).val, true
	}
	var zero V
	return zero, false
}

// Put stores v under k. A value larger than the whole bound is not kept.
func (c *Cache[K, V]) Put(k K, v V) {
	n := c.size(v)
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		c.used -= e.Value.(*entry[K, V]).size
		c.order.Remove(e)
		delete(c.items, k)
	}
	if n > c.max {
		return
	}
	c.items[k] = c.order.PushFront(&entry[K, V]{k, v, n})
	c.used += n
	for c.used > c.max {
		last := c.order.Back()
		old := last.Value.(*entry[K, V])
		c.order.Remove(last)
		delete(c.items, old.key)
		c.used -= old.size
	}
}

// Len is the number of entries; Bytes their total size.
func (c *Cache[K, V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}

// Bytes is the total size of the values held.
func (c *Cache[K, V]) Bytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used
}
