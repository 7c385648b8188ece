package emulator

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"

	"github.com/immtui/immtui/dataset"
)

// ossListener is the OSS endpoint beside the IMM one: its own port on the
// same host, so the OSS SDK's path-style requests never meet IMM's router.
type ossListener struct {
	srv    *http.Server
	ln     net.Listener
	api    *ossServer
	served chan struct{}
	cancel context.CancelFunc
	active activity // handlers running, waited for at close
}

// startOSS listens on a free port of imm's host.
func startOSS(imm net.Addr, d *dataset.Dataset, secrets map[string]string, now func() time.Time, lim Limits) (*ossListener, error) {
	host, _, err := net.SplitHostPort(imm.String())
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	o := &ossListener{ln: ln, api: newOSSServer(d, secrets, now), served: make(chan struct{}), cancel: cancel}
	o.srv = &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			if !o.active.enter() {
				return
			}
			defer o.active.leave()
			o.api.ServeHTTP(w, req)
		}),
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ReadHeaderTimeout: lim.ReadHeaderTimeout,
		ReadTimeout:       lim.ReadTimeout,
		WriteTimeout:      lim.WriteTimeout,
		IdleTimeout:       lim.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          quietLog(),
	}
	go func() {
		defer close(o.served)
		_ = o.srv.Serve(ln)
	}()
	return o, nil
}

func (o *ossListener) close() error {
	o.cancel()
	err := o.srv.Close()
	<-o.served
	o.active.closeAndWait()
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// OSSEndpoint is the OSS endpoint to give the OSS SDK, e.g.
// "http://127.0.0.1:43124" (an IP endpoint: the SDK uses path style).
func (r *Running) OSSEndpoint() string { return "http://" + r.oss.ln.Addr().String() }

// OSSRegion is the region to configure the OSS SDK with; the emulator
// accepts the signature of any region, as the scope is signed.
func (r *Running) OSSRegion() string { return ossRegion }

// OSSBuckets are the buckets of the dataset's files, in the order first
// seen.
func (r *Running) OSSBuckets() []string {
	r.oss.api.index()
	return append([]string(nil), r.oss.api.buckets...)
}

// DenyOSSGetObject makes every GetObject answer AccessDenied, as OSS does
// for a RAM user without oss:GetObject (for tests and demos of that
// screen).
func (r *Running) DenyOSSGetObject(deny bool) { r.oss.api.deny.Store(deny) }

// OSSObjectsServed counts GetObject answers with a body.
func (r *Running) OSSObjectsServed() int64 { return r.oss.api.served.Load() }
