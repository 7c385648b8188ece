// Package ossclient reads face crops from OSS through Alibaba Cloud's OSS
// Go SDK v2, with the account's credentials: GetObject with an
// x-oss-process parameter, so OSS cuts and shrinks the picture and a face
// costs a few kilobytes. Bodies are bounded; every call follows its
// context.
package ossclient

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"
	osscred "github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/credentials"
	"github.com/aliyun/credentials-go/credentials"
)

// DefaultMaxBodyBytes bounds one object read: a face crop is a few KB, a
// full photo a few MB.
const DefaultMaxBodyBytes = 16 << 20

// Config says where and as whom to read.
type Config struct {
	Endpoint string // URL, e.g. "http://127.0.0.1:43124"; empty: OSS's public endpoint of Region
	Region   string // e.g. "cn-hangzhou"; required (V4 signs it)
	// Internal reads through the region's internal endpoint
	// (oss-REGION-internal.aliyuncs.com), from inside Alibaba Cloud: the
	// OSS side of --vpc. Ignored with an Endpoint.
	Internal        bool
	AccessKeyID     string // static credentials; if empty, Credential is used
	AccessKeySecret string
	SecurityToken   string
	Credential      credentials.Credential // the account's credential chain (as client.Config)
	MaxBodyBytes    int64                  // default DefaultMaxBodyBytes
	Timeout         time.Duration          // per attempt; default 15s
	HTTPClient      *http.Client           // optional, for tests
}

// Client reads objects.
type Client struct {
	oss    *oss.Client
	max    int64
	secret string
}

// New builds a client; it does not touch the network.
func New(cfg Config) (*Client, error) {
	if cfg.Region == "" {
		return nil, errors.New("ossclient: Region is required (OSS signature V4 signs it)")
	}
	var provider osscred.CredentialsProvider
	switch {
	case cfg.AccessKeyID != "" && cfg.AccessKeySecret != "":
		provider = osscred.NewStaticCredentialsProvider(cfg.AccessKeyID, cfg.AccessKeySecret, cfg.SecurityToken)
	case cfg.Credential != nil:
		provider = chainProvider(cfg.Credential)
	default:
		return nil, errors.New("ossclient: no credentials: set AccessKeyID and AccessKeySecret, or Credential")
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 15 * time.Second
	}
	oc := oss.LoadDefaultConfig().
		WithRegion(cfg.Region).
		WithCredentialsProvider(provider).
		WithRetryMaxAttempts(2).
		WithConnectTimeout(5 * time.Second).
		WithReadWriteTimeout(cfg.Timeout)
	switch {
	case cfg.Endpoint != "":
		oc = oc.WithEndpoint(cfg.Endpoint)
		if strings.HasPrefix(cfg.Endpoint, "http://") {
			oc = oc.WithDisableSSL(true)
		}
	case cfg.Internal:
		oc = oc.WithUseInternalEndpoint(true)
	}
	if cfg.HTTPClient != nil {
		oc = oc.WithHttpClient(cfg.HTTPClient)
	}
	return &Client{oss: oss.NewClient(oc), max: cfg.MaxBodyBytes, secret: cfg.AccessKeySecret}, nil
}

// chainProvider reads the account's credentials-go chain for each
// request; its own errors may quote config files, so none is passed on.
func chainProvider(c credentials.Credential) osscred.CredentialsProvider {
	return osscred.CredentialsProviderFunc(func(context.Context) (osscred.Credentials, error) {
		m, err := c.GetCredential()
		if err != nil || m == nil || m.AccessKeyId == nil || m.AccessKeySecret == nil {
			return osscred.Credentials{}, errNoCredentials
		}
		out := osscred.Credentials{AccessKeyID: *m.AccessKeyId, AccessKeySecret: *m.AccessKeySecret}
		if m.SecurityToken != nil {
			out.SecurityToken = *m.SecurityToken
		}
		return out, nil
	})
}

var errNoCredentials = errors.New("no Alibaba Cloud credentials were found for OSS (set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or a profile)")

// Object is one read.
type Object struct {
	Body        []byte
	ETag        string
	ContentType string
}

// Get reads the object named by uri ("oss://bucket/key"), processed by
// process (an x-oss-process value, "" for none).
func (c *Client) Get(ctx context.Context, uri, process string) (Object, error) {
	bucket, key, err := SplitURI(uri)
	if err != nil {
		return Object{}, err
	}
	req := &oss.GetObjectRequest{Bucket: oss.Ptr(bucket), Key: oss.Ptr(key)}
	if process != "" {
		req.Process = oss.Ptr(process)
	}
	res, err := c.oss.GetObject(ctx, req)
	if err != nil {
		return Object{}, c.classify(ctx, uri, err)
	}
	defer res.Body.Close()
	if res.ContentLength > c.max {
		return Object{}, &TooLargeError{URI: uri, Limit: c.max}
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, c.max+1))
	if err != nil {
		return Object{}, c.classify(ctx, uri, err)
	}
	if int64(len(body)) > c.max {
		return Object{}, &TooLargeError{URI: uri, Limit: c.max}
	}
	return Object{Body: body, ETag: oss.ToString(res.ETag), ContentType: oss.ToString(res.ContentType)}, nil
}

// SplitURI splits "oss://bucket/key".
func SplitURI(uri string) (bucket, key string, err error) {
	rest, ok := strings.CutPrefix(uri, "oss://")
	bucket, key, _ = strings.Cut(rest, "/")
	if !ok || bucket == "" || key == "" {
		return "", "", fmt.Errorf("%q is not an OSS URI (oss://bucket/key)", clip(uri))
	}
	return bucket, key, nil
}

func clip(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// Fetch is Get's body alone (imagecache.Fetcher).
func (c *Client) Fetch(ctx context.Context, uri, process string) ([]byte, error) {
	o, err := c.Get(ctx, uri, process)
	return o.Body, err
}
