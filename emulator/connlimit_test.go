package emulator_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/immtui/immtui/emulator"
)

// Two ways to stall: headers never finished, or headers and no body.
const (
	partialHeaders = "POST / HTTP/1.1\r\nHost: x\r\nx-acs-action: GetProject\r\n"
	headersNoBody  = "POST / HTTP/1.1\r\nHost: x\r\nx-acs-action: GetProject\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
)

// stalledConns opens raw connections that each send a stalled request and
// then only read; closed counts those the server has closed.
type stalledConns struct {
	conns  []net.Conn
	closed atomic.Int64
	wg     sync.WaitGroup
}

func openStalled(t *testing.T, addr string, n int) *stalledConns {
	t.Helper()
	s := &stalledConns{}
	t.Cleanup(func() {
		for _, c := range s.conns {
			c.Close()
		}
		s.wg.Wait()
	})
	for i := range n {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		s.conns = append(s.conns, c)
		req := partialHeaders
		if i%2 == 1 {
			req = headersNoBody
		}
		if _, err := io.WriteString(c, req); err != nil {
			t.Fatal(err)
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			// Whatever the server sends, the connection ends when it closes it.
			_, _ = io.Copy(io.Discard, c)
			s.closed.Add(1)
		}()
	}
	return s
}

// TestStalledConnectionsCannotLockOutASignedClient: with the timeouts far
// away, twice MaxConns stalled connections fill every slot, yet the limit
// holds (the oldest are closed) and a signed client still gets its answer.
func TestStalledConnectionsCannotLockOutASignedClient(t *testing.T) {
	const limit = 50
	r := startTest(t, emulator.Config{Limits: emulator.Limits{
		MaxConns: limit, ReadHeaderTimeout: time.Hour, ReadTimeout: time.Hour, IdleTimeout: time.Hour}})
	s := openStalled(t, r.Addr(), 2*limit)
	waitFor(t, func() bool { return s.closed.Load() == limit && r.OpenConns() == limit })

	a := newRaw(t, r).call("GetProject", map[string]any{"ProjectName": testProject})
	if a.Status != 200 || a.Body["Project"] == nil {
		t.Fatalf("the signed client got %d: %.300s", a.Status, a.Raw)
	}
	// The client's connection took the slot of one more stalled one.
	waitFor(t, func() bool { return s.closed.Load() == limit+1 })
	if n := r.OpenConns(); n > limit {
		t.Errorf("%d connections open, over the limit of %d", n, limit)
	}
}

// TestStalledConnectionsAreClosedAfterTheTimeouts: partial headers meet
// ReadHeaderTimeout, a missing body ReadTimeout, and a keep-alive
// connection after its answer IdleTimeout; the server closes all three.
func TestStalledConnectionsAreClosedAfterTheTimeouts(t *testing.T) {
	r := startTest(t, emulator.Config{Limits: emulator.Limits{
		ReadHeaderTimeout: 50 * time.Millisecond, ReadTimeout: 100 * time.Millisecond, IdleTimeout: 100 * time.Millisecond}})
	s := openStalled(t, r.Addr(), 10)

	// A full signed request on a raw connection, answered, then idle.
	conn, err := net.Dial("tcp", r.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	req := newRaw(t, r).request("GetProject", map[string]any{"ProjectName": testProject})
	if err := req.Write(conn); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GetProject: %d", resp.StatusCode)
	}
	idleClosed := make(chan error, 1)
	go func() {
		_, err := br.ReadByte() // the server's close ends this read
		idleClosed <- err
	}()

	var idleErr error
	idleDone := false
	waitFor(t, func() bool {
		if !idleDone {
			select {
			case idleErr = <-idleClosed:
				idleDone = true
			default:
			}
		}
		return idleDone && s.closed.Load() == 10
	})
	if idleErr != io.EOF {
		t.Errorf("the idle connection ended with %v, want the server's close (EOF)", idleErr)
	}
	waitFor(t, func() bool { return r.OpenConns() == 0 })
}
