package emulator

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"sync"
	"time"
)

// Running is an emulator serving on a loopback (or any) address.
type Running struct {
	*Server
	ln       net.Listener
	srv      *http.Server
	cancel   context.CancelFunc
	handlers activity
	served   chan struct{}
	once     sync.Once
	closeErr error
}

// Start listens on addr (e.g. "127.0.0.1:0") and serves in a goroutine
// until Close.
func Start(addr string, cfg Config) (*Running, error) {
	s, err := New(cfg)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &Running{Server: s, ln: ln, cancel: cancel, served: make(chan struct{})}
	r.srv = &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			if !r.handlers.enter() {
				return // closing: the connection is going away anyway
			}
			defer r.handlers.leave()
			s.ServeHTTP(w, req)
		}),
		// Request contexts derive from ctx, so Close ends injected delays at once.
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ReadHeaderTimeout: 10 * time.Second,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          quietLog(),
	}
	go func() {
		defer close(r.served)
		_ = r.srv.Serve(ln)
	}()
	return r, nil
}

// Addr is the listening address, e.g. "127.0.0.1:43123".
func (r *Running) Addr() string { return r.ln.Addr().String() }

// URL is the endpoint to give a client, e.g. "http://127.0.0.1:43123".
func (r *Running) URL() string { return "http://" + r.Addr() }

// Close stops the listener, closes every connection, and waits until no
// handler runs any more. It is safe to call more than once.
func (r *Running) Close() error {
	r.once.Do(func() {
		r.cancel()
		err := r.srv.Close()
		<-r.served
		r.handlers.closeAndWait()
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			r.closeErr = err
		}
	})
	return r.closeErr
}

// activity counts running handlers. Unlike a WaitGroup it can refuse new
// handlers once closing, which a request parsed just before the listener
// closed may still start.
type activity struct {
	mu      sync.Mutex
	cond    *sync.Cond
	running int
	closed  bool
}

func (a *activity) enter() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		return false
	}
	a.running++
	return true
}

func (a *activity) leave() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.running--
	if a.running == 0 && a.cond != nil {
		a.cond.Broadcast()
	}
}

func (a *activity) closeAndWait() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.closed = true
	if a.cond == nil {
		a.cond = sync.NewCond(&a.mu)
	}
	for a.running > 0 {
		a.cond.Wait()
	}
}

// quietLog drops net/http's own connection chatter (for example the
// "wrote fewer bytes than Content-Length" a truncate fault causes on
// purpose); the request log is Calls().
func quietLog() *log.Logger { return log.New(io.Discard, "", 0) }
