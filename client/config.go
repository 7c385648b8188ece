package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/alibabacloud-go/tea/tea"
	"github.com/aliyun/credentials-go/credentials"
)

// Config says where and how the client talks to IMM. The zero value of every
// tuning field picks the default in its comment.
type Config struct {
	Endpoint        string                 // "host:port", or a URL "http://127.0.0.1:8080" / "https://imm.cn-hangzhou.aliyuncs.com"; the scheme sets the protocol (default https)
	RegionID        string                 // used to derive the endpoint imm.<region>.aliyuncs.com when Endpoint is empty
	AccessKeyID     string                 // static credentials; if empty, Credential is used
	AccessKeySecret string                 //
	SecurityToken   string                 //
	Credential      credentials.Credential // nil + no AK = the default chain (docs/api.md §6.2)
	ConnectTimeout  time.Duration          // default 5s
	ReadTimeout     time.Duration          // default 10s (whole request bounded by connect+read)
	MaxAttempts     int                    // default 3 (1 = no retry)
	BaseBackoff     time.Duration          // default 200ms; exponential with full jitter
	MaxBackoff      time.Duration          // default 5s
	MaxBodyBytes    int64                  // response cap, default 16 MiB
	UserAgent       string                 // appended to the runtime's UA, e.g. "immtui/0.1"
	Concurrency     int                    // max concurrent HTTP calls (default 4); one openapi.Client per worker slot
	Transport       http.RoundTripper      // optional, for tests; default an app-owned *http.Transport
	Rand            *rand.Rand             // optional jitter source for deterministic tests

	// RequestLog, when set, gets one record per API call (action,
	// parameters without secrets, status, duration, bytes, retries,
	// request id): immtui --debug. Nil costs nothing.
	RequestLog *slog.Logger

	// AllowInsecureHTTP permits a plain-http endpoint on a host that is not
	// this machine. Off, such an endpoint is refused: the signed requests
	// and every reply would cross the network unencrypted.
	AllowInsecureHTTP bool
}

// Defaults (docs/performance.md §3 and §7.9-10).
const (
	DefaultConnectTimeout = 5 * time.Second
	DefaultReadTimeout    = 10 * time.Second
	DefaultMaxAttempts    = 3
	DefaultBaseBackoff    = 200 * time.Millisecond
	DefaultMaxBackoff     = 5 * time.Second
	DefaultMaxBodyBytes   = 16 << 20
	DefaultConcurrency    = 4
)

// withDefaults fills the zero tuning fields.
func (c Config) withDefaults() Config {
	if c.ConnectTimeout <= 0 {
		c.ConnectTimeout = DefaultConnectTimeout
	}
	if c.ReadTimeout <= 0 {
		c.ReadTimeout = DefaultReadTimeout
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = DefaultMaxAttempts
	}
	if c.BaseBackoff <= 0 {
		c.BaseBackoff = DefaultBaseBackoff
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = DefaultMaxBackoff
	}
	if c.MaxBackoff < c.BaseBackoff {
		c.MaxBackoff = c.BaseBackoff
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.Concurrency <= 0 {
		c.Concurrency = DefaultConcurrency
	}
	return c
}

// endpoint is where requests go: the runtime takes a bare host[:port] plus a
// protocol, so a URL endpoint is split into the two (docs/api.md §4.4).
type endpoint struct {
	host     string // host[:port], also the signed host header
	protocol string // "http" or "https"
}

func (e endpoint) String() string { return e.protocol + "://" + e.host }

// Insecure reports a plain-http endpoint on a host other than this machine.
func (e endpoint) insecure() bool { return e.protocol == "http" && !isLoopback(e.host) }

// resolveEndpoint turns Config.Endpoint / RegionID into an endpoint and
// refuses plain http beyond loopback unless allowInsecure.
func resolveEndpoint(ep, region string, allowInsecure bool) (endpoint, error) {
	e, err := parseEndpoint(ep, region)
	if err == nil && e.insecure() && !allowInsecure {
		return endpoint{}, fmt.Errorf("endpoint %q is plain http to a host that is not this machine: requests and replies would travel unencrypted; "+
			"use https://%s, or allow it explicitly with --insecure-http (loopback addresses such as 127.0.0.1 are always allowed)", e.String(), e.host)
	}
	return e, err
}

// CheckEndpoint reports what New would refuse in an --endpoint value: a
// malformed one, or plain http beyond loopback without allowInsecureHTTP.
func CheckEndpoint(ep string, allowInsecureHTTP bool) error {
	_, err := resolveEndpoint(ep, "", allowInsecureHTTP)
	return err
}

// parseEndpoint turns Config.Endpoint / RegionID into an endpoint.
func parseEndpoint(ep, region string) (endpoint, error) {
	ep = strings.TrimSpace(ep)
	if ep == "" {
		region = strings.TrimSpace(region)
		if region == "" {
			return endpoint{}, errors.New("no endpoint and no region: pass --region (e.g. cn-hangzhou) or --endpoint URL")
		}
		if strings.ContainsAny(region, "/:@ ") {
			return endpoint{}, fmt.Errorf("region %q is not a region ID like cn-hangzhou", region)
		}
		host := "imm." + region + ".aliyuncs.com"
		if region == "cn-beijing-gov-1" { // the one exception in the SDK's EndpointMap (docs/api.md §6.3)
			host = "imm-vpc.cn-beijing-gov-1.aliyuncs.com"
		}
		return endpoint{host: host, protocol: "https"}, nil
	}
	if !strings.Contains(ep, "://") {
		if strings.ContainsAny(ep, "/?#@ ") {
			return endpoint{}, fmt.Errorf("endpoint %q is not host[:port] or a URL", ep)
		}
		// IMM itself is HTTPS only; a bare loopback address is almost
		// always `immtui serve`, which speaks plain HTTP.
		protocol := "https"
		if isLoopback(ep) {
			protocol = "http"
		}
		return endpoint{host: ep, protocol: protocol}, nil
	}
	u, err := url.Parse(ep)
	if err != nil {
		return endpoint{}, fmt.Errorf("endpoint %q is not a URL: %v", ep, err)
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return endpoint{}, fmt.Errorf("endpoint %q: scheme must be http or https", ep)
	}
	if u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.User != nil {
		return endpoint{}, fmt.Errorf("endpoint %q: give only scheme://host[:port], IMM's path is always /", ep)
	}
	return endpoint{host: u.Host, protocol: scheme}, nil
}

// newCredential picks the credential source: static keys, then the caller's
// Credential, then the default chain. Nothing is resolved here; the runtime
// asks on the first signed request, so an unset environment costs nothing
// until a call is made. explain says, in our own words, why the source gave
// no credentials.
func newCredential(cfg Config) (cred credentials.Credential, explain func() string, chain *defaultChain, err error) {
	if cfg.AccessKeyID != "" || cfg.AccessKeySecret != "" {
		if cfg.AccessKeyID == "" || cfg.AccessKeySecret == "" {
			return nil, nil, nil, errors.New("both an AccessKey ID and an AccessKey secret are needed")
		}
		cc := &credentials.Config{
			Type:            tea.String("access_key"),
			AccessKeyId:     tea.String(cfg.AccessKeyID),
			AccessKeySecret: tea.String(cfg.AccessKeySecret),
		}
		if cfg.SecurityToken != "" {
			cc.Type = tea.String("sts")
			cc.SecurityToken = tea.String(cfg.SecurityToken)
		}
		cred, err := credentials.NewCredential(cc)
		if err != nil {
			// Not wrapped: credentials-go's text may hold the keys.
			return nil, nil, nil, errors.New("the AccessKey ID, secret or security token given is not usable: check them")
		}
		return cred, explainCustom, nil, nil
	}
	if cfg.Credential != nil {
		return cfg.Credential, explainCustom, nil, nil
	}
	chain, cred = newDefaultChain()
	return cred, explainChain, chain, nil
}

// CLIProfileRegion returns the region_id of the aliyun CLI profile in use
// (ALIBABA_CLOUD_CONFIG_FILE or ~/.aliyun/config.json; profile
// ALIBABA_CLOUD_PROFILE or the file's "current"), so the app can default the
// region as the CLI does. credentials-go reads the keys of that profile but
// not its region (docs/api.md §6.2).
func CLIProfileRegion() (region string, ok bool) {
	path := os.Getenv("ALIBABA_CLOUD_CONFIG_FILE")
	if path == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", false
		}
		path = filepath.Join(home, ".aliyun", "config.json")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", false
	}
	var f struct {
		Current  string `json:"current"`
		Profiles []struct {
			Name     string `json:"name"`
			RegionID string `json:"region_id"`
		} `json:"profiles"`
	}
	if json.Unmarshal(b, &f) != nil {
		return "", false
	}
	name := os.Getenv("ALIBABA_CLOUD_PROFILE")
	if name == "" {
		name = f.Current
	}
	if name == "" {
		name = "default"
	}
	for _, p := range f.Profiles {
		if p.Name == name && strings.TrimSpace(p.RegionID) != "" {
			return strings.TrimSpace(p.RegionID), true
		}
	}
	return "", false
}

// IsLoopback reports whether host[:port] names this machine (a bare
// loopback endpoint is an emulator, which speaks plain HTTP).
func IsLoopback(hostport string) bool { return isLoopback(hostport) }

// isLoopback reports whether host[:port] names this machine.
func isLoopback(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}
