package client

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"testing"
	"time"

	"github.com/immtui/immtui/imm"
)

func TestThrottlingIsRetriedUpToMaxAttemptsThenFails(t *testing.T) {
	f := newFakeIMM(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeIMMError(w, 400, "Throttling.User", "Request was denied due to user flow control.", "RID-T")
	})
	c := newTestClient(t, f)
	_, err := c.ListProjects(context.Background(), imm.ListProjectsRequest{})
	var e *imm.Error
	if !errors.As(err, &e) || e.Kind != imm.KindThrottled || e.Attempts != 3 {
		t.Fatalf("got %v, want throttled after 3 attempts", err)
	}
	if n := len(f.requests()); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
	if s := c.Stats(); s.Calls != 3 || s.Retries != 2 || s.Errors != 1 || s.InFlight != 0 {
		t.Errorf("stats %+v", s)
	}
}

func TestServerErrorsAreRetriedUpToMaxAttempts(t *testing.T) {
	for _, tc := range []struct {
		status int
		code   string
	}{{500, "InternalError"}, {503, "ServiceUnavailable"}, {502, ""}} {
		t.Run(fmt.Sprint(tc.status), func(t *testing.T) {
			f := newFakeIMM(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				writeIMMError(w, tc.status, tc.code, "try later", "RID")
			})
			c := newTestClient(t, f, func(cfg *Config) { cfg.MaxAttempts = 4 })
			_, err := c.GetProject(context.Background(), imm.GetProjectRequest{ProjectName: "p"})
			var e *imm.Error
			if !errors.As(err, &e) || e.Kind != imm.KindServer || e.Attempts != 4 {
				t.Fatalf("got %v", err)
			}
			if n := len(f.requests()); n != 4 {
				t.Errorf("%d requests, want 4", n)
			}
		})
	}
}

func TestInvalidArgumentIsNotRetried(t *testing.T) {
	f := newFakeIMM(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeIMMError(w, 400, "InvalidArgument", "The parameter ProjectName is required but not provided.", "RID")
	})
	c := newTestClient(t, f)
	_, err := c.GetProject(context.Background(), imm.GetProjectRequest{})
	var e *imm.Error
	if !errors.As(err, &e) || e.Kind != imm.KindInvalidArgument || e.Retryable() || e.Attempts != 1 {
		t.Fatalf("got %v", err)
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestCallSucceedsAfterOne503(t *testing.T) {
	f := newFakeIMM(t, func(w http.ResponseWriter, _ *http.Request, n int) {
		if n == 1 {
			writeIMMError(w, 503, "ServiceUnavailable", "busy", "RID-1")
			return
		}
		writeJSON(w, 200, map[string]any{"RequestId": "RID-2", "Project": map[string]any{"ProjectName": "p"}})
	})
	c := newTestClient(t, f)
	res, err := c.GetProject(context.Background(), imm.GetProjectRequest{ProjectName: "p"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Project.ProjectName != "p" || res.RequestId != "RID-2" {
		t.Errorf("got %+v", res)
	}
	if s := c.Stats(); s.Calls != 2 || s.Retries != 1 || s.Errors != 0 {
		t.Errorf("stats %+v", s)
	}
	// Each attempt is signed afresh (new nonce and date).
	reqs := f.requests()
	if reqs[0].Header.Get("x-acs-signature-nonce") == reqs[1].Header.Get("x-acs-signature-nonce") {
		t.Error("retry reused the nonce")
	}
}

func TestStalledServerFailsWithReadTimeout(t *testing.T) {
	release := make(chan struct{})
	f := newFakeIMM(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		select { // answer nothing until the test ends or the client hangs up
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	c := newTestClient(t, f, func(cfg *Config) {
		cfg.ReadTimeout = 50 * time.Millisecond
		cfg.ConnectTimeout = 50 * time.Millisecond
		cfg.MaxAttempts = 2
	})
	_, err := c.ListProjects(context.Background(), imm.ListProjectsRequest{})
	var e *imm.Error
	if !errors.As(err, &e) || e.Kind != imm.KindNetwork || !e.Retryable() || e.Attempts != 2 {
		t.Fatalf("got %v, want a network error after 2 attempts", err)
	}
	if errors.Is(err, context.Canceled) {
		t.Error("a timeout is not the caller's cancellation")
	}
}

func TestCancelWhileCallIsBlockedReturnsCanceled(t *testing.T) {
	arrived := make(chan struct{}, 1)
	release := make(chan struct{})
	f := newFakeIMM(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		arrived <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	c := newTestClient(t, f)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-arrived; cancel() }()
	_, err := c.ListProjects(ctx, imm.ListProjectsRequest{})
	var e *imm.Error
	if !errors.As(err, &e) || e.Kind != imm.KindCanceled || !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want imm.KindCanceled wrapping context.Canceled", err)
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("%d requests: a cancelled call must not be retried", n)
	}
}

func TestCancelDuringBackoffReturnsAtOnce(t *testing.T) {
	f := newFakeIMM(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeIMMError(w, 503, "ServiceUnavailable", "busy", "RID")
	})
	c := newTestClient(t, f, func(cfg *Config) {
		cfg.BaseBackoff = time.Hour // the test would hang if the sleep ignored ctx
		cfg.MaxBackoff = time.Hour
		cfg.Rand = rand.New(rand.NewPCG(7, 7))
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := c.ListProjects(ctx, imm.ListProjectsRequest{})
		done <- err
	}()
	for len(f.requests()) == 0 || c.Stats().InFlight != 0 {
		time.Sleep(time.Millisecond) // wait until the first attempt is over and the client is sleeping
	}
	cancel()
	err := <-done
	var e *imm.Error
	if !errors.As(err, &e) || e.Kind != imm.KindCanceled || !errors.Is(err, context.Canceled) || e.Attempts != 1 {
		t.Fatalf("got %v", err)
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("%d requests", n)
	}
}

func TestAlreadyCancelledContextMakesNoRequest(t *testing.T) {
	f := newFakeIMM(t, okFiles)
	c := newTestClient(t, f)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.GetFileMeta(ctx, imm.GetFileMetaRequest{URI: "u"})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("%d requests", n)
	}
}

func TestEmpty200BodyIsAnError(t *testing.T) {
	f := newFakeIMM(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.WriteHeader(200)
	})
	c := newTestClient(t, f, func(cfg *Config) { cfg.MaxAttempts = 2 })
	res, err := c.GetDataset(context.Background(), imm.GetDatasetRequest{ProjectName: "p", DatasetName: "d"})
	var e *imm.Error
	if res != nil || !errors.As(err, &e) || e.Kind != imm.KindServer {
		t.Fatalf("got %v, %v; want a server error", res, err)
	}
	if n := len(f.requests()); n != 2 {
		t.Errorf("%d requests: an empty reply is worth one more try", n)
	}
}

// truncate writes headers promising 100 bytes, sends 20, and drops the
// connection.
func truncate(t *testing.T, w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		t.Error("cannot hijack")
		return
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		t.Error(err)
		return
	}
	defer conn.Close()
	fmt.Fprint(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n")
	fmt.Fprint(buf, `{"RequestId":"R","Fi`)
	_ = buf.Flush()
}

func TestTruncatedBodyIsRetriedAsANetworkError(t *testing.T) {
	f := newFakeIMM(t, func(w http.ResponseWriter, _ *http.Request, n int) {
		if n == 1 {
			truncate(t, w)
			return
		}
		okFiles(w, nil, n)
	})
	c := newTestClient(t, f)
	res, err := c.GetFileMeta(context.Background(), imm.GetFileMetaRequest{URI: "oss://b/a.jpg"})
	if err != nil || len(res.Files) != 1 {
		t.Fatalf("got %v, %v; want success on the second attempt", res, err)
	}

	g := newFakeIMM(t, func(w http.ResponseWriter, _ *http.Request, _ int) { truncate(t, w) })
	c2 := newTestClient(t, g)
	_, err = c2.GetFileMeta(context.Background(), imm.GetFileMetaRequest{URI: "u"})
	var e *imm.Error
	if !errors.As(err, &e) || e.Kind != imm.KindNetwork || e.Attempts != 3 {
		t.Fatalf("got %v, want a network error after 3 attempts", err)
	}
}

func TestHTMLErrorPageFromAProxyIsAServerError(t *testing.T) {
	f := newFakeIMM(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(502)
		fmt.Fprint(w, "<html><body>Bad Gateway</body></html>")
	})
	c := newTestClient(t, f, func(cfg *Config) { cfg.MaxAttempts = 2 })
	_, err := c.ListProjects(context.Background(), imm.ListProjectsRequest{})
	var e *imm.Error
	if !errors.As(err, &e) || e.Kind != imm.KindServer || e.StatusCode != 502 || e.Attempts != 2 {
		t.Fatalf("got %v", err)
	}
}

func TestGarbled200IsRetried(t *testing.T) {
	f := newFakeIMM(t, func(w http.ResponseWriter, _ *http.Request, n int) {
		if n == 1 {
			fmt.Fprint(w, `{"RequestId": "R", "Files": [{"URI": oops}]}`)
			return
		}
		okFiles(w, nil, n)
	})
	c := newTestClient(t, f)
	if _, err := c.GetFileMeta(context.Background(), imm.GetFileMetaRequest{URI: "u"}); err != nil {
		t.Fatal(err)
	}
	if n := len(f.requests()); n != 2 {
		t.Errorf("%d requests", n)
	}
}

func TestReplyOverTheBodyCapFailsWithoutRetry(t *testing.T) {
	f := newFakeIMM(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, 200, map[string]any{"RequestId": "R", "Files": []map[string]any{{"URI": string(make([]byte, 5000))}}})
	})
	c := newTestClient(t, f, func(cfg *Config) { cfg.MaxBodyBytes = 1000 })
	_, err := c.GetFileMeta(context.Background(), imm.GetFileMetaRequest{URI: "u"})
	var e *imm.Error
	if !errors.As(err, &e) || e.Kind != imm.KindServer || e.Retryable() {
		t.Fatalf("got %v", err)
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("%d requests", n)
	}
}

func TestBackoffIsFullJitterCappedAndHonoursRetryAfter(t *testing.T) {
	c := &Client{cfg: Config{BaseBackoff: 100 * time.Millisecond, MaxBackoff: time.Second}, rnd: rand.New(rand.NewPCG(3, 4))}
	for n := 1; n <= 8; n++ {
		ceil := min(100*time.Millisecond<<(n-1), time.Second)
		for i := 0; i < 200; i++ {
			if d := c.backoff(n, 0); d < 0 || d > ceil {
				t.Fatalf("attempt %d: backoff %v outside [0, %v]", n, d, ceil)
			}
		}
	}
	if d := c.backoff(1, 700*time.Millisecond); d < 700*time.Millisecond || d > time.Second {
		t.Errorf("retry-after 700ms gave %v", d)
	}
	if d := c.backoff(1, time.Minute); d != time.Second {
		t.Errorf("retry-after beyond the cap gave %v, want the cap", d)
	}
}

func TestThrottlingRetryAfterHeaderIsRead(t *testing.T) {
	f := newFakeIMM(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("x-acs-retry-after", "1500")
		writeIMMError(w, 400, "Throttling.User", "slow down", "RID")
	})
	c := newTestClient(t, f, func(cfg *Config) { cfg.MaxAttempts = 1 })
	at, _, err := c.attempt(context.Background(), "ListProjects", query{})
	if err == nil {
		t.Fatal("want an error")
	}
	e, ra := c.classify(context.Background(), "ListProjects", err, at)
	if e.Kind != imm.KindThrottled || ra != 1500*time.Millisecond {
		t.Errorf("kind %v, retry-after %v; want throttled, 1.5s", e.Kind, ra)
	}
}
