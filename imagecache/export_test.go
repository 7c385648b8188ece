package imagecache

import "strings"

// Waiters counts the screens waiting for fetches of uri.
func Waiters(c *Cache, uri string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for k, cl := range c.inflight {
		if strings.HasPrefix(k, uri+"\x00") {
			n += cl.waiters
		}
	}
	return n
}
