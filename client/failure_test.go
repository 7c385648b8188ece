package client

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/immtui/immtui/imm"
)

// nxdomainServer is a DNS server on loopback that answers every query
// "no such name", the answer for a host that does not exist.
func nxdomainServer(t *testing.T) string {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		buf := make([]byte, 1500)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			if reply := nxdomain(buf[:n]); reply != nil {
				_, _ = pc.WriteTo(reply, from)
			}
		}
	}()
	t.Cleanup(func() { pc.Close(); wg.Wait() })
	return pc.LocalAddr().String()
}

// nxdomain turns a query into its NXDOMAIN reply: the header and the
// question, QR and RA set, RCODE 3, no records.
func nxdomain(q []byte) []byte {
	if len(q) < 12 {
		return nil
	}
	end := 12
	for end < len(q) && q[end] != 0 {
		end += int(q[end]) + 1
	}
	end += 5 // the root label, QTYPE, QCLASS
	if end > len(q) {
		return nil
	}
	r := append([]byte(nil), q[:end]...)
	r[2] = 0x80 | (q[2] & 0x01) // QR, RD as asked
	r[3] = 0x80 | 0x03          // RA, NXDOMAIN
	r[4], r[5] = 0, 1           // one question
	for i := 6; i < 12; i++ {
		r[i] = 0
	}
	return r
}

// resolvingVia is a transport whose every name lookup asks dns.
func resolvingVia(t *testing.T, dns string) *http.Transport {
	var d net.Dialer
	dialer := &net.Dialer{Resolver: &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return d.DialContext(ctx, "udp", dns)
	}}}
	tr := &http.Transport{DialContext: dialer.DialContext}
	t.Cleanup(tr.CloseIdleConnections)
	return tr
}

func regionClient(t *testing.T, region string, tr http.RoundTripper) *Client {
	t.Helper()
	c, err := New(Config{RegionID: region, AccessKeyID: testAK, AccessKeySecret: testSecret, Transport: tr, MaxAttempts: 2,
		BaseBackoff: 1, MaxBackoff: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

func networkError(t *testing.T, err error) *imm.Error {
	t.Helper()
	var e *imm.Error
	if !errors.As(err, &e) || e.Kind != imm.KindNetwork {
		t.Fatalf("got %v; want a network error", err)
	}
	for _, s := range []string{e.Error(), e.Hint()} {
		if strings.Contains(s, testSecret) {
			t.Errorf("secret in %q", s)
		}
	}
	return e
}

func TestRegionWithoutIMMEndpoint(t *testing.T) {
	c := regionClient(t, "xx-nowhere-1", resolvingVia(t, nxdomainServer(t)))
	_, err := c.ListProjects(context.Background(), imm.ListProjectsRequest{})
	e := networkError(t, err)
	if e.Cause != imm.CauseNoRegionEndpoint || e.Region != "xx-nowhere-1" || e.Host != "imm.xx-nowhere-1.aliyuncs.com" {
		t.Fatalf("cause %v region %q host %q", e.Cause, e.Region, e.Host)
	}
	if e.Retryable() || e.Attempts != 1 {
		t.Errorf("a name that does not exist was retried (attempts %d)", e.Attempts)
	}
	h := e.Hint()
	for _, want := range []string{"may not offer IMM", "--region", "cn-hangzhou", "eu-central-1", "us-west-1"} {
		if !strings.Contains(h, want) {
			t.Errorf("hint %q lacks %q", h, want)
		}
	}
}

func TestDNSFailureOfARegionThatHasIMM(t *testing.T) {
	c := regionClient(t, "cn-hangzhou", resolvingVia(t, nxdomainServer(t)))
	_, err := c.ListProjects(context.Background(), imm.ListProjectsRequest{})
	e := networkError(t, err)
	if e.Cause != imm.CauseDNS || e.Region != "" || e.Host != "imm.cn-hangzhou.aliyuncs.com" || !e.Retryable() {
		t.Fatalf("cause %v region %q host %q retryable %v", e.Cause, e.Region, e.Host, e.Retryable())
	}
	if !strings.Contains(e.Message, "does not exist (DNS") || !strings.Contains(e.Hint(), "could not be resolved") {
		t.Errorf("message %q hint %q", e.Message, e.Hint())
	}
}

func TestNetworkUnreachable(t *testing.T) {
	// Every dial fails as it does with no route to the network.
	tr := &http.Transport{DialContext: func(context.Context, string, string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ENETUNREACH)}
	}}
	c := regionClient(t, "cn-shanghai", tr)
	_, err := c.ListProjects(context.Background(), imm.ListProjectsRequest{})
	e := networkError(t, err)
	if e.Cause != imm.CauseUnreachable || e.Host != "imm.cn-shanghai.aliyuncs.com" || !strings.Contains(e.Message, "network unreachable") {
		t.Fatalf("cause %v host %q message %q", e.Cause, e.Host, e.Message)
	}
	if e.Attempts != 2 || !strings.Contains(e.Hint(), "unreachable") {
		t.Errorf("attempts %d hint %q", e.Attempts, e.Hint())
	}
}

func TestNoCredentialsListsThePlacesLooked(t *testing.T) {
	home := isolatedHome(t)
	e := defaultChainError(t)
	if e.Cause != imm.CauseNoCredentials {
		t.Fatalf("cause %v (%v)", e.Cause, e)
	}
	for _, want := range []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", filepath.Join(home, ".aliyun", "config.json"),
		filepath.Join(home, ".alibabacloud", "credentials"), "ECS RAM role", "--demo"} {
		if !strings.Contains(e.Message, want) {
			t.Errorf("message %q lacks %q", e.Message, want)
		}
	}
	if !strings.Contains(e.Hint(), "--demo") {
		t.Errorf("hint %q does not mention --demo", e.Hint())
	}
}

func TestBrokenCredentialSourceIsNotNoCredentials(t *testing.T) {
	home := isolatedHome(t)
	writeFile(t, filepath.Join(home, ".aliyun", "config.json"), `{"current":"a","profiles":[{"name":"a","mode":"AK"}]}`)
	if e := defaultChainError(t); e.Cause != imm.CauseBadCredentials {
		t.Fatalf("cause %v (%v)", e.Cause, e)
	}
}

func TestRegionOfHost(t *testing.T) {
	for host, want := range map[string]string{
		"imm.cn-hangzhou.aliyuncs.com":      "cn-hangzhou",
		"imm-vpc.eu-west-1.aliyuncs.com":    "eu-west-1",
		"IMM.US-EAST-1.ALIYUNCS.COM.":       "us-east-1",
		"oss.cn-hangzhou.aliyuncs.com":      "",
		"imm.a.b.aliyuncs.com":              "",
		"imm.cn-hangzhou.aliyuncs.com.evil": "",
		"127.0.0.1":                         "",
	} {
		if got := regionOfHost(host); got != want {
			t.Errorf("regionOfHost(%q) = %q, want %q", host, got, want)
		}
	}
}
