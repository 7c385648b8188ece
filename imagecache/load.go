package imagecache

import (
	"context"
	"errors"
)

// call is one fetch that several screens may wait for; it is cancelled
// when the last of them stops waiting.
type call struct {
	done    chan struct{}
	body    []byte
	err     error
	waiters int
	cancel  context.CancelFunc
}

// body returns the encoded bytes of key from disk or OSS.
func (c *Cache) body(ctx context.Context, key Key) ([]byte, Source, error) {
	bk := key.body()
	if c.disk != nil {
		if b, ok := c.disk.get(bk); ok {
			return b, FromDisk, nil
		}
	}
	if c.fetch == nil {
		return nil, FromOSS, errors.New("no image source is configured")
	}
	c.mu.Lock()
	cl, ok := c.inflight[bk]
	if !ok {
		fctx, cancel := context.WithCancel(context.Background())
		cl = &call{done: make(chan struct{}), cancel: cancel}
		c.inflight[bk] = cl
		go c.run(fctx, bk, key, cl)
	}
	cl.waiters++
	c.mu.Unlock()

	select {
	case <-cl.done:
		c.leave(bk, cl)
		return cl.body, FromOSS, cl.err
	case <-ctx.Done():
		c.leave(bk, cl)
		return nil, FromOSS, ctx.Err()
	}
}

// leave drops one waiter; the last one out cancels a fetch still running.
func (c *Cache) leave(bk string, cl *call) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cl.waiters--
	if cl.waiters == 0 {
		cl.cancel()
		if c.inflight[bk] == cl {
			delete(c.inflight, bk)
		}
	}
}

// run fetches in its own goroutine, in one of the few slots, and stores
// the body on disk.
func (c *Cache) run(ctx context.Context, bk string, key Key, cl *call) {
	defer close(cl.done)
	select {
	case c.slots <- struct{}{}:
	case <-ctx.Done():
		cl.err = ctx.Err()
		return
	}
	defer func() { <-c.slots }()
	cl.body, cl.err = c.fetch.Fetch(ctx, key.URI, key.Process)
	if cl.err == nil && c.disk != nil {
		c.disk.put(bk, cl.body)
	}
	c.mu.Lock()
	if c.inflight[bk] == cl {
		delete(c.inflight, bk)
	}
	c.mu.Unlock()
}
