package emulator_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/immtui/immtui/emulator"
)

func TestParseFaultsReadsEveryKeyAndRoundTrips(t *testing.T) {
	f, err := emulator.ParseFaults("latency=50ms, jitter=20ms,5xx=0.1,throttle=0.05,truncate=0.02,seed=7")
	if err != nil {
		t.Fatal(err)
	}
	want := emulator.Faults{Latency: 50 * time.Millisecond, Jitter: 20 * time.Millisecond, ServerErrors: 0.1,
		Throttle: 0.05, Truncate: 0.02, Seed: 7}
	if f != want {
		t.Fatalf("got %+v", f)
	}
	back, err := emulator.ParseFaults(f.String())
	if err != nil || back != f {
		t.Fatalf("round trip %q: %+v %v", f.String(), back, err)
	}
	if none, err := emulator.ParseFaults(""); err != nil || none != (emulator.Faults{}) || none.String() != "none" {
		t.Errorf("empty spec: %+v %v %q", none, err, none.String())
	}
}

func TestParseFaultsExplainsMistakes(t *testing.T) {
	for spec, want := range map[string]string{
		"latency":                 "key=value",
		"lag=5ms":                 `unknown key "lag"`,
		"latency=fast":            "duration",
		"latency=-5ms":            "negative",
		"5xx=1.5":                 "between 0 and 1",
		"throttle=abc":            "between 0 and 1",
		"seed=x":                  "integer",
		"5xx=0.6,throttle=0.6":    "sum above 1",
		"truncate=0.5,5xx=0.5,x=": "key=value",
	} {
		_, err := emulator.ParseFaults(spec)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want it to mention %q", spec, err, want)
		}
	}
}

// outcomes runs n GetProject calls and lists each answer's code ("" = ok).
func outcomes(t *testing.T, r *emulator.Running, n int) []string {
	c := newRaw(t, r)
	var out []string
	for range n {
		resp, err := c.hc.Do(c.request("GetProject", map[string]any{"ProjectName": testProject}))
		if err != nil {
			out = append(out, "transport")
			continue
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		switch {
		case err != nil:
			out = append(out, "truncated")
		case resp.StatusCode != 200:
			out = append(out, codeOf(b))
		default:
			out = append(out, "")
		}
	}
	return out
}

func codeOf(b []byte) string {
	_, after, _ := strings.Cut(string(b), `"Code":"`)
	code, _, _ := strings.Cut(after, `"`)
	return code
}

func TestFaultsAreSeededAndRepeat(t *testing.T) {
	f := emulator.Faults{ServerErrors: 0.2, Throttle: 0.2, Truncate: 0.2, Seed: 42}
	r := startTest(t, emulator.Config{Faults: f})
	first := outcomes(t, r, 60)
	r.SetFaults(f) // restarts the sequence
	second := outcomes(t, r, 60)
	if strings.Join(first, ",") != strings.Join(second, ",") {
		t.Fatalf("sequences differ:\n%v\n%v", first, second)
	}
	count := map[string]int{}
	for _, o := range first {
		count[o]++
	}
	for _, k := range []string{"", "InternalError", "ServiceUnavailable", "Throttling.User", "truncated"} {
		if count[k] == 0 {
			t.Errorf("no %q outcome in 60 calls: %v", k, count)
		}
	}
	// Calls() records what each request suffered.
	seen := map[string]bool{}
	for _, c := range r.Calls() {
		seen[c.Code] = true
		if c.Code == "Throttling.User" && c.Status != 400 || c.Code == "ServiceUnavailable" && c.Status != 503 {
			t.Errorf("call %+v", c)
		}
	}
	if !seen["TruncatedBody"] || !seen["Throttling.User"] {
		t.Errorf("Calls() codes %v", seen)
	}
	if r.Faults() != f {
		t.Errorf("Faults() = %+v", r.Faults())
	}
}

func TestTruncatedBodyKeepsFullContentLength(t *testing.T) {
	r := startTest(t, emulator.Config{Faults: emulator.Faults{Truncate: 1}})
	c := newRaw(t, r)
	resp, err := c.hc.Do(c.request("QueryFigureClusters", ds(nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("read %d bytes, err %v; want unexpected EOF", len(b), err)
	}
	if resp.ContentLength <= int64(len(b)) || len(b) == 0 {
		t.Errorf("Content-Length %d, got %d bytes", resp.ContentLength, len(b))
	}
}

func TestLatencyEndsWhenTheClientLeaves(t *testing.T) {
	r := startTest(t, emulator.Config{Faults: emulator.Faults{Latency: time.Hour}})
	c := newRaw(t, r)
	ctx, cancel := context.WithCancel(context.Background())
	req := c.request("GetProject", map[string]any{"ProjectName": testProject}).WithContext(ctx)
	done := make(chan error, 1)
	go func() {
		resp, err := c.hc.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	waitFor(t, func() bool { return r.InFlight() == 1 }) // the server is holding it
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	waitFor(t, func() bool {
		calls := r.Calls()
		if len(calls) > 1 || len(calls) == 1 && calls[0].Code != "RequestCanceled" {
			t.Fatalf("calls %+v", calls)
		}
		return len(calls) == 1
	})
}

func TestCloseDoesNotWaitForInjectedLatency(t *testing.T) {
	r, err := emulator.Start("127.0.0.1:0", emulator.Config{Data: testData(), Faults: emulator.Faults{Latency: time.Hour}})
	if err != nil {
		t.Fatal(err)
	}
	c := newRaw(t, r)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := c.hc.Do(c.request("GetProject", map[string]any{"ProjectName": testProject}))
			if err == nil {
				resp.Body.Close()
			}
		}()
	}
	waitFor(t, func() bool { return r.InFlight() == 4 })
	closed := make(chan error, 1)
	go func() { closed <- r.Close() }()
	select {
	case err := <-closed:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second): // a hang, not a timing check
		t.Fatal("Close hung behind injected latency")
	}
	wg.Wait()
	if r.InFlight() != 0 {
		t.Errorf("%d requests still in flight after Close", r.InFlight())
	}
	if err := r.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// waitFor polls cond until it holds (a hang fails after 20 s).
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		time.Sleep(20 * time.Millisecond)
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("condition never held")
		}
	}
}

func TestServedDataIsSafeUnderConcurrentRequests(t *testing.T) {
	r := startTest(t, emulator.Config{})
	c := newRaw(t, r)
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				var req *http.Request
				switch (g + i) % 4 {
				case 0:
					req = c.request("QueryFigureClusters", ds(map[string]any{"Sort": "FaceCount", "Order": "desc"}))
				case 1:
					req = c.request("SimpleQuery", ds(map[string]any{"Query": q("Figures.FigureClusterId", "eq", testClusterID(i)), "Sort": "Size"}))
				case 2:
					req = c.request("BatchGetFileMeta", ds(map[string]any{"URIs": []string{testURI(i), testURI(g)}, "WithFields": []string{"URI"}}))
				default:
					req = c.request("SimpleQuery", ds(map[string]any{"Query": q("Size", "gt", "5000"), "Sort": "Filename", "NextToken": ""}))
				}
				resp, err := c.hc.Do(req)
				if err != nil {
					errs <- err.Error()
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					errs <- resp.Status
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
