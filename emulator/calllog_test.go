package emulator_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/immtui/immtui/emulator"
)

// TestRejectedRequestsWithHugeHeadersLeaveTheLogSmall: requests that fail
// the signature check with half-megabyte action headers and queries are
// logged as their outcome only, so the log stays tiny however many come.
func TestRejectedRequestsWithHugeHeadersLeaveTheLogSmall(t *testing.T) {
	r := startTest(t, emulator.Config{})
	hc := &http.Client{Transport: &http.Transport{}}
	t.Cleanup(hc.CloseIdleConnections)
	const n = 40
	big := strings.Repeat("A", 500<<10)
	for i := range n {
		req, err := http.NewRequest(http.MethodPost, r.URL()+"/?ProjectName="+big, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("x-acs-action", big)
		req.Header.Set("x-acs-version", "2020-09-30")
		req.Header.Set("Authorization", "ACS3-HMAC-SHA256 Credential=nobody,SignedHeaders=host,Signature=00")
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body map[string]any
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if err != nil || resp.StatusCode < 400 || body["Code"] == "" {
			t.Fatalf("request %d: %d %v %v", i, resp.StatusCode, body, err)
		}
	}
	calls := r.Calls()
	if len(calls) != n {
		t.Fatalf("%d calls logged, want %d", len(calls), n)
	}
	for _, c := range calls {
		if len(c.Action) > 128 || c.Params != nil || c.Code == "" {
			t.Fatalf("a refused call kept %d bytes of action and params %d: code %q", len(c.Action), len(c.Params), c.Code)
		}
	}
	if got := r.LogBytes(); got > n*1024 {
		t.Errorf("the log counts %d bytes for %d refused calls", got, n)
	}
}

// TestHeadersPastMaxHeaderBytesGetIMMError431: net/http's header bound is
// in force (2 MiB of headers are not read into memory) and its refusal is
// IMM's error JSON, not plain text. Nothing reaches the log.
func TestHeadersPastMaxHeaderBytesGetIMMError431(t *testing.T) {
	r := startTest(t, emulator.Config{})
	conn, err := net.Dial("tcp", r.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Sent while the server already answers: write from a goroutine, so a
	// blocked write cannot block the read of the answer.
	sent := make(chan error, 1)
	go func() {
		_, err := fmt.Fprintf(conn, "POST / HTTP/1.1\r\nHost: x\r\nx-acs-action: %s\r\n\r\n", strings.Repeat("B", 2<<20))
		sent <- err
	}()
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]string
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("431 body is not JSON: %v", err)
	}
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge || body["Code"] != "InvalidArgument" ||
		resp.Header.Get("Content-Type") != "application/json;charset=utf-8" {
		t.Fatalf("got %d %s %v", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	for _, k := range []string{"RequestId", "HostId", "Code", "Message", "Recommend"} {
		if body[k] == "" {
			t.Errorf("431 body lacks %s: %v", k, body)
		}
	}
	if err := <-sent; err != nil {
		t.Errorf("the rest of the request was not drained: %v", err)
	}
	if n := len(r.Calls()); n != 0 {
		t.Errorf("%d calls logged for a request no handler saw", n)
	}
}

// TestRequestLogIsBoundedInEntries keeps the newest MaxLogEntries calls.
func TestRequestLogIsBoundedInEntries(t *testing.T) {
	r := startTest(t, emulator.Config{Limits: emulator.Limits{MaxLogEntries: 10}})
	c := newRaw(t, r)
	var last string
	for range 25 {
		last = c.call("ListProjects", nil).str("RequestId")
	}
	calls := r.Calls()
	if len(calls) != 10 || calls[9].RequestId != last {
		t.Fatalf("%d calls, the last %+v; want 10 ending with %s", len(calls), calls[len(calls)-1], last)
	}
}

// TestRequestLogIsBoundedInBytes: signed calls with 8 KiB parameters keep
// the log under MaxLogBytes; the newest call is kept with its parameters.
func TestRequestLogIsBoundedInBytes(t *testing.T) {
	const limit = 64 << 10
	r := startTest(t, emulator.Config{Limits: emulator.Limits{MaxLogBytes: limit}})
	c := newRaw(t, r)
	pad := strings.Repeat("p", 8<<10)
	const n = 30
	for range n {
		if a := c.call("GetProject", map[string]any{"ProjectName": testProject, "Pad": pad}); a.Status != 200 {
			t.Fatalf("GetProject: %d %s", a.Status, a.Raw)
		}
		if got := r.LogBytes(); got > limit {
			t.Fatalf("the log counts %d bytes, over its %d", got, limit)
		}
	}
	calls := r.Calls()
	if len(calls) >= n || len(calls) == 0 {
		t.Fatalf("%d calls kept of %d", len(calls), n)
	}
	if got := calls[len(calls)-1].Params.Get("Pad"); got != pad {
		t.Errorf("the newest call lost its parameters: %d bytes of Pad", len(got))
	}
}

// TestSignedCallsKeepTheirParams: what passed the checks is logged whole.
func TestSignedCallsKeepTheirParams(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	c.call("GetProject", map[string]any{"ProjectName": testProject})
	calls := r.Calls()
	if len(calls) != 1 || calls[0].Params.Get("ProjectName") != testProject {
		t.Fatalf("calls %+v", calls)
	}
	want := url.Values{"ProjectName": {testProject}}
	if fmt.Sprint(calls[0].Params) != fmt.Sprint(want) {
		t.Errorf("params %v, want %v", calls[0].Params, want)
	}
}
