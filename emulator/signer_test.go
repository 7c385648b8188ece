package emulator

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// Test-only V3 and V1 signers, written separately from the verifiers (their
// own RFC 3986 encoder, their own sorting) so the two cannot share a
// mistake. External tests reach them through export_test.go. Like the
// SDKs, the V3 signer trims header values with strings.TrimSpace.

// rfc3986Encode keeps A-Za-z0-9-_.~ and %XX-encodes every other byte.
func rfc3986Encode(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

// signRequest adds the V3 headers to r the way darabonba-openapi does:
// x-acs-date (at now), a fresh nonce, the payload hash, and Authorization
// over host and every x-acs-* header.
func signRequest(r *http.Request, keyID, secret string, body []byte, now time.Time) {
	var nonce [16]byte
	_, _ = rand.Read(nonce[:])
	sum := sha256.Sum256(body)
	r.Header.Set("x-acs-date", now.UTC().Format("2006-01-02T15:04:05Z"))
	r.Header.Set("x-acs-signature-nonce", hex.EncodeToString(nonce[:]))
	r.Header.Set("x-acs-content-sha256", hex.EncodeToString(sum[:]))
	resign(r, keyID, secret)
}

// resign recomputes Authorization over r's current headers and query.
func resign(r *http.Request, keyID, secret string) {
	headers := map[string]string{"host": r.Host}
	for name, vals := range r.Header {
		l := strings.ToLower(name)
		if strings.HasPrefix(l, "x-acs-") || l == "content-type" {
			headers[l] = strings.TrimSpace(strings.Join(vals, ","))
		}
	}
	names := make([]string, 0, len(headers))
	for n := range headers {
		names = append(names, n)
	}
	sort.Strings(names)
	var canonHeaders strings.Builder
	for _, n := range names {
		canonHeaders.WriteString(n + ":" + headers[n] + "\n")
	}
	q := r.URL.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pairs := make([]string, 0, len(keys))
	for _, k := range keys {
		pairs = append(pairs, rfc3986Encode(k)+"="+rfc3986Encode(q.Get(k)))
	}
	canon := "POST\n/\n" + strings.Join(pairs, "&") + "\n" + canonHeaders.String() + "\n" +
		strings.Join(names, ";") + "\n" + r.Header.Get("x-acs-content-sha256")
	h := sha256.Sum256([]byte(canon))
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("ACS3-HMAC-SHA256\n" + hex.EncodeToString(h[:])))
	r.Header.Set("Authorization", "ACS3-HMAC-SHA256 Credential="+keyID+",SignedHeaders="+
		strings.Join(names, ";")+",Signature="+hex.EncodeToString(m.Sum(nil)))
}

// v1Signature is the V1 (RPC) signature of params (every one but
// Signature) for method, as Alibaba Cloud publishes it: sort by name,
// enc(name)=enc(value) joined by "&", StringToSign = METHOD&%2F&enc(that),
// base64(HMAC-SHA1(secret + "&", StringToSign)).
func v1Signature(method string, params url.Values, secret string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != "Signature" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	pairs := make([]string, 0, len(keys))
	for _, k := range keys {
		pairs = append(pairs, rfc3986Encode(k)+"="+rfc3986Encode(params.Get(k)))
	}
	sts := method + "&" + rfc3986Encode("/") + "&" + rfc3986Encode(strings.Join(pairs, "&"))
	m := hmac.New(sha1.New, []byte(secret+"&"))
	m.Write([]byte(sts))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// v1Params returns the parameters the aliyun CLI sends for action (the
// action's own parameters in extra), signed for method at now: the common
// ones, a fresh nonce, the CLI's empty SignatureType, and Signature.
func v1Params(method, action, keyID, secret string, now time.Time, extra url.Values) url.Values {
	var nonce [16]byte
	_, _ = rand.Read(nonce[:])
	p := url.Values{
		"Action":           {action},
		"Version":          {"2020-09-30"},
		"Format":           {"JSON"},
		"RegionId":         {"cn-hangzhou"},
		"AccessKeyId":      {keyID},
		"SignatureMethod":  {"HMAC-SHA1"},
		"SignatureVersion": {"1.0"},
		"SignatureNonce":   {hex.EncodeToString(nonce[:])},
		"SignatureType":    {""},
		"Timestamp":        {now.UTC().Format("2006-01-02T15:04:05Z")},
	}
	for k, vs := range extra {
		p[k] = vs
	}
	p.Set("Signature", v1Signature(method, p, secret))
	return p
}
