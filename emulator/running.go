package emulator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"sync"
)

// Running is an emulator serving on a loopback (or any) address.
type Running struct {
	*Server
	ln       *connLimiter
	oss      *ossListener // OSS GetObject on its own port (oss_running.go)
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
	tcp, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	oss, err := startOSS(tcp.Addr(), cfg.Data, s.verify.secrets, s.verify.now, s.limits)
	if err != nil {
		tcp.Close()
		return nil, err
	}
	ln := newConnLimiter(tcp, s.limits.MaxConns, s.netHTTPErrorReply)
	ctx, cancel := context.WithCancel(context.Background())
	r := &Running{Server: s, ln: ln, oss: oss, cancel: cancel, served: make(chan struct{})}
	lim := s.limits
	r.srv = &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			if !r.handlers.enter() {
				return // closing: the connection is going away anyway
			}
			defer r.handlers.leave()
			readBody(req)
			s.ServeHTTP(w, req)
		}),
		// Request contexts derive from ctx, so Close ends injected delays at once.
		BaseContext: func(net.Listener) context.Context { return ctx },
		ConnContext: func(ctx context.Context, c net.Conn) context.Context {
			return context.WithValue(ctx, connKey{}, c)
		},
		ConnState:         ln.connState,
		ReadHeaderTimeout: lim.ReadHeaderTimeout,
		ReadTimeout:       lim.ReadTimeout,
		WriteTimeout:      lim.WriteTimeout,
		IdleTimeout:       lim.IdleTimeout,
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
		r.ln.serving.Wait() // no Accept runs now, so no Add races this Wait
		r.handlers.closeAndWait()
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			r.closeErr = err
		}
		if err := r.oss.close(); err != nil && r.closeErr == nil {
			r.closeErr = err
		}
	})
	return r.closeErr
}

// connKey is the request-context key of the *limitedConn a request came on.
type connKey struct{}

// readBody reads the request body (up to what ServeHTTP accepts, plus one
// byte to see it is too long) before the request is handled, so the
// connection counts as serving only once the whole request is in: a
// client that sends headers and no body stays evictable (connlimit.go)
// until ReadTimeout closes it. A read error is handed on for ServeHTTP to
// answer.
func readBody(req *http.Request) {
	c, _ := req.Context().Value(connKey{}).(*limitedConn)
	if c != nil {
		c.handlerStarted()
	}
	body, err := io.ReadAll(io.LimitReader(req.Body, maxBodyBytes+1))
	var rest io.Reader = bytes.NewReader(body)
	if err != nil {
		rest = io.MultiReader(rest, errReader{err})
	}
	req.Body = io.NopCloser(rest)
	if c != nil {
		c.requestComplete()
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// netHTTPErrorReply is the IMM error answer for a request net/http
// refused before any handler (connlimit.go): too-large headers, or not
// HTTP/1.1 at all. These are not in Calls(): no handler saw them.
func (s *Server) netHTTPErrorReply(status int, text string) []byte {
	rid := newRequestID()
	e := &apiError{status, "InvalidArgument", "The request is not valid HTTP: " + clip(text, 200) + "."}
	if status == http.StatusRequestHeaderFieldsTooLarge {
		e.Message = fmt.Sprintf("The request line and headers are larger than %d KiB: send fewer or shorter parameters (at most 100 URIs per call).", maxHeaderBytes>>10)
	}
	body := s.encodeError(rid, e)
	return fmt.Appendf(nil, "HTTP/1.1 %d %s\r\nDate: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\nx-acs-request-id: %s\r\nConnection: close\r\n\r\n%s",
		status, http.StatusText(status), s.httpDate(), contentType, len(body), rid, body)
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
