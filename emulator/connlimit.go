package emulator

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// connLimiter is a net.Listener that keeps at most max connections open
// and, when full, still lets a new client in: it closes a connection that
// is doing nothing useful, the longest idle keep-alive first, else the
// oldest one that has not delivered a complete request yet (slow or
// stalled senders). A connection whose request is being answered is never
// closed for another; if every slot holds one, the newcomer is closed.
// Refusing newcomers instead would let a few thousand stalled connections
// lock every real client out until their timeouts.
type connLimiter struct {
	net.Listener
	max int
	// reply turns net/http's own plain-text error (status, text) into a
	// full HTTP response with an IMM error body; nil leaves it alone.
	reply func(status int, text string) []byte

	mu    sync.Mutex
	conns map[*limitedConn]struct{}
	tick  uint64 // orders phase changes: a smaller since is older

	// serving counts net/http's goroutines for accepted connections, from
	// Accept to StateClosed or StateHijacked: one may outlive
	// http.Server.Close by the half second of its 431 lingering.
	serving sync.WaitGroup
}

func newConnLimiter(ln net.Listener, max int, reply func(int, string) []byte) *connLimiter {
	return &connLimiter{Listener: ln, max: max, reply: reply, conns: map[*limitedConn]struct{}{}}
}

// connPhase is what a connection is doing, for picking whom to close.
type connPhase int

const (
	phaseWaiting connPhase = iota // accepted, or its request is not complete yet
	phaseIdle                     // between requests of a keep-alive connection
	phaseServing                  // its complete request is being answered, or it was hijacked
)

type limitedConn struct {
	net.Conn
	l *connLimiter

	// Guarded by l.mu.
	phase     connPhase
	since     uint64
	inHandler bool          // a handler runs for the current request
	rejected  bool          // net/http refused the request; drain on CloseWrite
	drained   chan struct{} // closed when the drain ends; nil if none started

	closeOnce sync.Once
	closeErr  error
}

func (l *connLimiter) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		lc := &limitedConn{Conn: c, l: l}
		victim, ok := l.admit(lc)
		if victim != nil {
			// The raw close: net/http's goroutine for it then fails its
			// read or write and runs its own cleanup (limitedConn.Close).
			_ = victim.Conn.Close()
		}
		if ok {
			l.serving.Add(1)
			return lc, nil
		}
		_ = c.Close()
	}
}

// admit takes lc into the table, choosing a victim to close when full; ok
// is false when every slot serves a request.
func (l *connLimiter) admit(lc *limitedConn) (victim *limitedConn, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.conns) >= l.max {
		victim = l.pickVictimLocked()
		if victim == nil {
			return nil, false
		}
		delete(l.conns, victim)
	}
	l.tick++
	lc.phase, lc.since = phaseWaiting, l.tick
	l.conns[lc] = struct{}{}
	return victim, true
}

// pickVictimLocked is the oldest idle connection, else the oldest waiting
// one; nil when all are serving.
func (l *connLimiter) pickVictimLocked() *limitedConn {
	var idle, waiting *limitedConn
	for c := range l.conns {
		switch c.phase {
		case phaseIdle:
			if idle == nil || c.since < idle.since {
				idle = c
			}
		case phaseWaiting:
			if waiting == nil || c.since < waiting.since {
				waiting = c
			}
		}
	}
	if idle != nil {
		return idle
	}
	return waiting
}

// open is the number of connections held.
func (l *connLimiter) open() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.conns)
}

func (l *connLimiter) setPhase(c *limitedConn, p connPhase) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.tick++
	c.phase, c.since = p, l.tick
}

// connState follows net/http's view of each connection (http.Server.ConnState).
func (l *connLimiter) connState(nc net.Conn, st http.ConnState) {
	c, ok := nc.(*limitedConn)
	if !ok {
		return
	}
	switch st {
	case http.StateActive: // a request's headers are in; its body may not be
		l.mu.Lock()
		c.inHandler = false
		l.mu.Unlock()
		l.setPhase(c, phaseWaiting)
	case http.StateIdle:
		l.mu.Lock()
		c.inHandler = false
		l.mu.Unlock()
		l.setPhase(c, phaseIdle)
	case http.StateHijacked:
		l.setPhase(c, phaseServing)
		l.serving.Done()
	case http.StateClosed:
		l.serving.Done()
	}
}

// handlerStarted and requestComplete are called by the handler: the
// first before it reads the body, the second once the body is in.
func (c *limitedConn) handlerStarted() {
	c.l.mu.Lock()
	defer c.l.mu.Unlock()
	c.inHandler = true
}

func (c *limitedConn) requestComplete() { c.l.setPhase(c, phaseServing) }

// netHTTPErrorHeaders is how net/http ends the headers of the plain-text
// replies it writes itself, on the raw connection, for requests it
// refuses before any handler (431 headers too large, 400 malformed, 501,
// 505): one Write each.
var netHTTPErrorHeaders = []byte("\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n")

// Write passes answers through, except net/http's own error replies, which
// become IMM error JSON: a client decodes every error body the same way.
func (c *limitedConn) Write(p []byte) (int, error) {
	if c.l.reply != nil && bytes.HasPrefix(p, []byte("HTTP/1.1 ")) && bytes.Contains(p, netHTTPErrorHeaders) {
		c.l.mu.Lock()
		own := !c.inHandler
		c.l.mu.Unlock()
		if own {
			if status, text, ok := parseNetHTTPError(p); ok {
				c.l.mu.Lock()
				c.rejected = true
				c.l.mu.Unlock()
				if _, err := c.Conn.Write(c.l.reply(status, text)); err != nil {
					return 0, err
				}
				return len(p), nil
			}
		}
	}
	return c.Conn.Write(p)
}

// parseNetHTTPError reads "HTTP/1.1 431 Reason\r\n...\r\n\r\nbody".
func parseNetHTTPError(p []byte) (status int, text string, ok bool) {
	if len(p) < 12 {
		return 0, "", false
	}
	status, err := strconv.Atoi(string(p[9:12]))
	if err != nil || status < 400 || status > 599 {
		return 0, "", false
	}
	_, body, found := bytes.Cut(p, []byte("\r\n\r\n"))
	if !found {
		return 0, "", false
	}
	return status, string(body), true
}

// Draining a refused request: net/http half-closes after a 431 and closes
// half a second later, while the client may still be sending the rest of
// its oversized request. Closing with unread bytes makes the kernel send
// a reset that can destroy the reply before the client reads it, so the
// rest is read and dropped, within these bounds (bandwidth, not memory).
const (
	drainTimeout  = 2 * time.Second
	maxDrainBytes = 32 << 20
)

// CloseWrite is net/http's half-close (it looks for this method).
func (c *limitedConn) CloseWrite() error {
	var err error
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		err = cw.CloseWrite()
	}
	c.l.mu.Lock()
	start := c.rejected && c.drained == nil
	if start {
		c.drained = make(chan struct{})
	}
	done := c.drained
	c.l.mu.Unlock()
	if start {
		go func() {
			defer close(done)
			_ = c.Conn.SetReadDeadline(time.Now().Add(drainTimeout))
			_, _ = io.Copy(io.Discard, io.LimitReader(c.Conn, maxDrainBytes))
		}()
	}
	return err
}

// Close frees the slot, waits for a drain (bounded by drainTimeout), and
// closes the connection. It is safe to call more than once.
func (c *limitedConn) Close() error {
	c.closeOnce.Do(func() {
		c.l.mu.Lock()
		delete(c.l.conns, c)
		done := c.drained
		c.l.mu.Unlock()
		if done != nil {
			<-done
		}
		c.closeErr = c.Conn.Close()
	})
	return c.closeErr
}
