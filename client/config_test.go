package client

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/immtui/immtui/imm"
)

func TestEndpointFromURLHostOrRegion(t *testing.T) {
	cases := []struct {
		endpoint, region, want string
	}{
		{"http://127.0.0.1:8080", "", "http://127.0.0.1:8080"},
		{"https://imm.cn-hangzhou.aliyuncs.com", "", "https://imm.cn-hangzhou.aliyuncs.com"},
		{"HTTP://localhost:1/", "", "http://localhost:1"},
		{"127.0.0.1:9000", "", "http://127.0.0.1:9000"}, // bare loopback: immtui serve
		{"localhost:9000", "", "http://localhost:9000"},
		{"imm.example.com:443", "", "https://imm.example.com:443"},
		{"", "cn-shanghai", "https://imm.cn-shanghai.aliyuncs.com"},
		{"", "cn-beijing-gov-1", "https://imm-vpc.cn-beijing-gov-1.aliyuncs.com"},
		{"http://10.0.0.1:80", "cn-hangzhou", "http://10.0.0.1:80"}, // the endpoint wins
	}
	for _, tc := range cases {
		c, err := New(Config{Endpoint: tc.endpoint, RegionID: tc.region, AccessKeyID: "a", AccessKeySecret: "b", AllowInsecureHTTP: true})
		if err != nil {
			t.Errorf("%q/%q: %v", tc.endpoint, tc.region, err)
			continue
		}
		if got := c.Endpoint(); got != tc.want {
			t.Errorf("%q/%q: endpoint %q, want %q", tc.endpoint, tc.region, got, tc.want)
		}
		c.Close()
	}
}

func TestBadConfigIsRefusedWithAReason(t *testing.T) {
	for _, cfg := range []Config{
		{AccessKeyID: "a", AccessKeySecret: "b"},                            // neither endpoint nor region
		{Endpoint: "ftp://x", AccessKeyID: "a", AccessKeySecret: "b"},       // wrong scheme
		{Endpoint: "http://x/path", AccessKeyID: "a", AccessKeySecret: "b"}, // IMM's path is /
		{RegionID: "cn-hangzhou", AccessKeyID: "a"},                         // half a key pair
	} {
		if c, err := New(cfg); err == nil || err.Error() == "" {
			c.Close()
			t.Errorf("%+v accepted", cfg)
		}
	}
}

func TestPlainHTTPEndpointIsUsedForTheEmulator(t *testing.T) {
	f := newFakeIMM(t, okFiles) // httptest serves plain http
	c := newTestClient(t, f)
	if _, err := c.GetFileMeta(context.Background(), imm.GetFileMetaRequest{URI: "u"}); err != nil {
		t.Fatal(err)
	}
	if r := f.requests()[0]; r.Host != f.srv.Listener.Addr().String() {
		t.Errorf("host %q, want the endpoint's host:port", r.Host)
	}
}

func TestCLIProfileRegionReadsTheCurrentOrNamedProfile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.json")
	const cfg = `{"current":"work","profiles":[
		{"name":"default","mode":"AK","region_id":"cn-hangzhou"},
		{"name":"work","mode":"AK","region_id":"cn-shanghai"},
		{"name":"noregion","mode":"AK"}]}`
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("ALIBABA_CLOUD_CONFIG_FILE", path)
	t.Setenv("ALIBABA_CLOUD_PROFILE", "")
	if r, ok := CLIProfileRegion(); !ok || r != "cn-shanghai" {
		t.Errorf("current profile: %q %v", r, ok)
	}
	t.Setenv("ALIBABA_CLOUD_PROFILE", "default")
	if r, ok := CLIProfileRegion(); !ok || r != "cn-hangzhou" {
		t.Errorf("named profile: %q %v", r, ok)
	}
	t.Setenv("ALIBABA_CLOUD_PROFILE", "noregion")
	if _, ok := CLIProfileRegion(); ok {
		t.Error("profile without region_id gave a region")
	}
	t.Setenv("ALIBABA_CLOUD_CONFIG_FILE", filepath.Join(dir, "missing.json"))
	if _, ok := CLIProfileRegion(); ok {
		t.Error("missing file gave a region")
	}
}

func TestEightGoroutinesShareOneClientWithinItsConcurrency(t *testing.T) {
	var now, peak atomic.Int32
	var failed sync.Map
	f := newFakeIMM(t, func(w http.ResponseWriter, r *http.Request, n int) {
		cur := now.Add(1)
		defer now.Add(-1)
		for {
			p := peak.Load()
			if cur <= p || peak.CompareAndSwap(p, cur) {
				break
			}
		}
		// Every 7th attempt fails, but never the same request twice: with
		// eight goroutines a request's retries could otherwise keep
		// landing on multiples of 7 and run out of attempts.
		if _, failedBefore := failed.LoadOrStore(r.URL.Query().Get("URIs"), true); n%7 == 0 && !failedBefore {
			writeIMMError(w, 503, "ServiceUnavailable", "busy", "RID")
			return
		}
		echoFiles(w, r, n)
	})
	c := newTestClient(t, f, func(cfg *Config) { cfg.Concurrency = 3; cfg.MaxAttempts = 5 })
	var wg sync.WaitGroup
	errs := make(chan error, 8*10)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				uris := []string{fmt.Sprintf("oss://b/%d-%d-a", g, i), fmt.Sprintf("oss://b/%d-%d-b", g, i)}
				res, err := c.BatchGetFileMeta(context.Background(), imm.BatchGetFileMetaRequest{ProjectName: "p", DatasetName: "d", URIs: uris})
				if err != nil {
					errs <- err
					continue
				}
				if len(res.Files) != 2 || res.Files[0].URI != uris[0] {
					errs <- fmt.Errorf("wrong answer %+v", res.Files)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if p := peak.Load(); p > 3 {
		t.Errorf("%d requests at once, Concurrency is 3", p)
	}
	// net/http hands a finished connection back to the pool from its own
	// goroutine, so a call that starts at that instant may dial one more:
	// allow twice Concurrency, far below one per call.
	if n := f.conns.Load(); n > 6 {
		t.Errorf("%d TCP connections for %d calls; idle ones should be reused (at most 2 x Concurrency=3)", n, c.Stats().Calls)
	}
	s := c.Stats()
	if s.InFlight != 0 || s.Calls != 80+s.Retries || s.Errors != 0 {
		t.Errorf("stats %+v", s)
	}
}
