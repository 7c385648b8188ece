package client

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/credentials-go/credentials/providers"

	"github.com/immtui/immtui/imm"
)

func TestPredictedSourceFollowsTheChainOrder(t *testing.T) {
	home := isolatedHome(t)
	if got := PredictCredentialSource(); got.Provider != "" {
		t.Fatalf("empty home: %+v", got)
	}
	writeFile(t, filepath.Join(home, ".alibabacloud", "credentials"), "[default]\ntype = access_key\naccess_key_id = a\naccess_key_secret = "+marker+"\n")
	if got := PredictCredentialSource(); got.Provider != "profile" || got.Profile != "default" || got.Mode != "access_key" {
		t.Fatalf("INI file: %+v", got)
	}
	cli := writeFile(t, filepath.Join(home, ".aliyun", "config.json"),
		`{"current":"work","profiles":[{"name":"work","mode":"AK","access_key_id":"a","access_key_secret":"`+marker+`","region_id":"cn-beijing"},{"name":"home","mode":"StsToken","region_id":"cn-hangzhou"}]}`)
	got := PredictCredentialSource()
	if got.Provider != "cli_profile" || got.Profile != "work" || got.Mode != "AK" || got.File != cli {
		t.Fatalf("CLI profile: %+v", got)
	}
	if s := got.String(); !strings.Contains(s, `aliyun CLI profile "work"`) || strings.Contains(s, marker) {
		t.Fatalf("String() = %q", s)
	}
	t.Setenv("ALIBABA_CLOUD_PROFILE", "home")
	if got := PredictCredentialSource(); got.Profile != "home" || got.Mode != "StsToken" {
		t.Fatalf("ALIBABA_CLOUD_PROFILE: %+v", got)
	}
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "a")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", marker)
	if got := PredictCredentialSource(); got.Provider != "env" || strings.Contains(got.String(), marker) {
		t.Fatalf("environment: %+v", got)
	}

	p, region, file, ok := CLIProfileNamed("")
	if !ok || p != "work" || region != "cn-beijing" || file != cli {
		t.Fatalf("CLIProfileNamed(\"\") = %q %q %q %v", p, region, file, ok)
	}
	if _, _, _, ok := CLIProfileNamed("nobody"); ok {
		t.Fatal("a profile that is not there")
	}
}

// The client names the provider that answered, after its first call.
func TestClientNamesTheProviderThatAnswered(t *testing.T) {
	home := isolatedHome(t)
	writeFile(t, filepath.Join(home, ".aliyun", "config.json"),
		`{"current":"work","profiles":[{"name":"work","mode":"AK","access_key_id":"`+testAK+`","access_key_secret":"`+testSecret+`"}]}`)
	f := newFakeIMM(t, okFiles)
	c := newTestClient(t, f, func(cfg *Config) { cfg.AccessKeyID, cfg.AccessKeySecret = "", "" })
	if _, ok := c.CredentialSource(); ok {
		t.Fatal("a source before any call")
	}
	if _, err := c.GetFileMeta(context.Background(), imm.GetFileMetaRequest{URI: "u"}); err != nil {
		t.Fatal(err)
	}
	src, ok := c.CredentialSource()
	if !ok || src.Provider != "cli_profile" || src.Profile != "work" {
		t.Fatalf("source %+v %v", src, ok)
	}
	static := newTestClient(t, f)
	if src, ok := static.CredentialSource(); !ok || src.Provider != "static" {
		t.Fatalf("static keys: %+v", src)
	}
}

// slowProvider stands for the metadata service off ECS: it answers only
// when released.
type slowProvider struct {
	release chan struct{}
	calls   int
	mu      sync.Mutex
}

func (s *slowProvider) GetProviderName() string { return "ecs_ram_role" }
func (s *slowProvider) GetCredentials() (*providers.Credentials, error) {
	s.mu.Lock()
	s.calls++
	s.mu.Unlock()
	<-s.release
	return &providers.Credentials{AccessKeyId: "late", AccessKeySecret: "late"}, nil
}

func TestMetadataServiceWaitIsBounded(t *testing.T) {
	slow := &slowProvider{release: make(chan struct{})}
	b := &boundedProvider{inner: slow, limit: 10 * time.Millisecond}
	if _, err := b.GetCredentials(); !errors.Is(err, errMetadataTimeout) {
		t.Fatalf("got %v; want the timeout", err)
	}
	close(slow.release) // the call under way ends; the next one takes its answer
	cc, err := b.GetCredentials()
	if err != nil || cc.AccessKeyId != "late" {
		t.Fatalf("after the late answer: %+v %v", cc, err)
	}
	if slow.calls != 1 {
		t.Fatalf("%d calls to the provider; a late one must be reused, not repeated", slow.calls)
	}
}

func TestRequestLogHasTheCallAndNoSecret(t *testing.T) {
	f := newFakeIMM(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			w.Header().Set("x-acs-request-id", "RID-1")
			writeIMMError(w, 503, "ServiceUnavailable", "try again", "RID-1")
			return
		}
		w.Header().Set("x-acs-request-id", "RID-2")
		okFiles(w, r, n)
	})
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	c := newTestClient(t, f, func(cfg *Config) { cfg.RequestLog = log })
	if _, err := c.GetFileMeta(context.Background(), imm.GetFileMetaRequest{ProjectName: "proj", DatasetName: "ds", URI: "oss://b/" + testSecret}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"action=GetFileMeta", "params.ProjectName=proj", "params.DatasetName=ds", "status=200", "retries=1", "request_id=RID-2", "bytes=", "duration="} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, testSecret) || strings.Contains(out, "Signature") {
		t.Fatalf("the log holds a secret or a signature:\n%s", out)
	}
	if !secretParam("SecurityToken") || !secretParam("AccessKeySecret") || secretParam("NextToken") {
		t.Fatal("secretParam")
	}
}
