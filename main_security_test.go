package main

import (
	"net"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/immtui/immtui/client/clienttest"
)

// marker stands for a secret in a credentials file.
const marker = "MARKER-SECRET-77aa41"

// credentialHome is clienttest.IsolatedHome with the XDG directories
// under it too, so the program reads no config or state of the user's.
func credentialHome(t *testing.T) string {
	t.Helper()
	home := clienttest.IsolatedHome(t)
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"} {
		t.Setenv(v, filepath.Join(home, v))
	}
	return home
}

var writeUnder = clienttest.WriteFile

// A malformed credentials file is reported by the program by file and
// line, before the terminal is touched, and its secret appears nowhere.
func TestMalformedCredentialsFileIsNamedWithoutItsSecret(t *testing.T) {
	cases := []struct {
		name, rel, content, line string
	}{
		{"aliyun CLI config", filepath.Join(".aliyun", "config.json"),
			"{\n \"current\": \"default\",\n \"profiles\": [{\"name\": \"default\", \"mode\": \"AK\",\n  \"access_key_id\": \"LTAI5t\", \"access_key_secret\": \"" + marker + "\"\n  \"region_id\": \"cn-hangzhou\"}]\n}\n",
			"line 5, column 3"},
		{"credentials INI", filepath.Join(".alibabacloud", "credentials"),
			"[default]\ntype = access_key\naccess_key_id = LTAI5t\naccess_key_secret: \n" + marker + "\n",
			"line 5"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeUnder(t, filepath.Join(credentialHome(t), tc.rel), tc.content)
			code, stdout, stderr := runArgs(t, "--project", "p", "--dataset", "d", "--region", "cn-hangzhou")
			if strings.Contains(stdout+stderr, marker) {
				t.Fatalf("the secret is in the output: %q %q", stdout, stderr)
			}
			if code != exitUsage || !strings.Contains(stderr, path) || !strings.Contains(stderr, tc.line) || !strings.Contains(stderr, "fix") {
				t.Fatalf("exit %d, stderr %q; want exit 2 naming %s %s and what to do", code, stderr, path, tc.line)
			}
		})
	}
}

// countingListener stands in for the network: it counts every connection
// made to it. HTTP_PROXY points at it, so a plain-http request to any host
// would arrive here.
func countingListener(t *testing.T) *atomic.Int32 {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int32
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			n.Add(1)
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close(); <-done })
	t.Setenv("HTTP_PROXY", "http://"+ln.Addr().String())
	t.Setenv("http_proxy", "http://"+ln.Addr().String())
	return &n
}

func TestPlainHTTPEndpointIsRefusedBeforeAnyConnection(t *testing.T) {
	credentialHome(t)
	dials := countingListener(t)
	for _, ep := range []string{"http://imm.example.invalid", "http://imm.example.invalid:8080", "http://10.1.2.3"} {
		code, _, stderr := runArgs(t, "--project", "p", "--dataset", "d", "--endpoint", ep)
		if code != exitUsage || !strings.Contains(stderr, "unencrypted") || !strings.Contains(stderr, "https://") || !strings.Contains(stderr, "--insecure-http") {
			t.Errorf("%s: exit %d, stderr %q; want exit 2 saying why and what to do", ep, code, stderr)
		}
	}
	if n := dials.Load(); n != 0 {
		t.Fatalf("%d connections made", n)
	}
}

func TestInsecureHTTPFlagLetsAPlainEndpointThrough(t *testing.T) {
	credentialHome(t)
	code, _, stderr := runArgs(t, "--project", "p", "--dataset", "d", "--endpoint", "http://imm.example.invalid", "--insecure-http")
	if code != exitUsage || !strings.Contains(stderr, "needs a terminal") {
		t.Fatalf("exit %d, stderr %q; want it to get as far as the terminal check", code, stderr)
	}
	for _, args := range [][]string{
		{"--project", "p", "--dataset", "d", "--endpoint", "http://127.0.0.1:9"},
		{"--project", "p", "--dataset", "d", "--endpoint", "http://[::1]:9"},
		{"--project", "p", "--dataset", "d", "--endpoint", "localhost:9"},
	} {
		if code, _, stderr := runArgs(t, args...); !strings.Contains(stderr, "needs a terminal") {
			t.Errorf("%v: exit %d, stderr %q; loopback needs no flag", args, code, stderr)
		}
	}
	for _, args := range [][]string{
		{"--project", "p", "--dataset", "d", "--region", "cn-hangzhou", "--insecure-http"},
		{"--demo", "--insecure-http"},
	} {
		if code, _, stderr := runArgs(t, args...); code != exitUsage || !strings.Contains(stderr, "--insecure-http") {
			t.Errorf("%v: exit %d, stderr %q; the flag makes no sense here", args, code, stderr)
		}
	}
}

// With DEBUG naming one of the SDK's loggers, the runtime would print the
// signed headers and credentials-go the STS reply (a secret) to stdout.
func TestSDKDebugLoggingIsRefused(t *testing.T) {
	credentialHome(t)
	for _, v := range []string{"tea", "x,dara", "credential"} {
		t.Setenv("DEBUG", v)
		code, _, stderr := runArgs(t, "--project", "p", "--dataset", "d", "--region", "cn-hangzhou")
		if code != exitUsage || !strings.Contains(stderr, "unset DEBUG") {
			t.Errorf("DEBUG=%s: exit %d, stderr %q", v, code, stderr)
		}
	}
	t.Setenv("DEBUG", "mine")
	if _, _, stderr := runArgs(t, "--project", "p", "--dataset", "d", "--region", "cn-hangzhou"); !strings.Contains(stderr, "needs a terminal") {
		t.Errorf("DEBUG=mine: stderr %q", stderr)
	}
}
