package emulator

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sort"
	"strings"
	"time"
)

// OSS signature V4 (OSS4-HMAC-SHA256), checked as the OSS Go SDK v2
// computes it (docs/emulator-oss.md): the canonical request is the method,
// the escaped "/bucket/key", the sorted raw query, the x-oss-*,
// content-type and content-md5 headers plus any AdditionalHeaders, the
// AdditionalHeaders list, and the payload hash; the key is derived from
// "aliyun_v4"+secret through the date, region, "oss" and
// "aliyun_v4_request".
const (
	ossV4Algorithm  = "OSS4-HMAC-SHA256"
	ossV4DateLayout = "20060102T150405Z"
	ossMaxSkew      = 15 * time.Minute
)

// ossAuth is a parsed Authorization header.
type ossAuth struct {
	accessKeyID, date, region, product string
	additional                         []string
	signature                          string
}

func parseOSSAuth(h string) (ossAuth, *ossError) {
	rest, ok := strings.CutPrefix(h, ossV4Algorithm+" ")
	if !ok {
		if strings.HasPrefix(h, "OSS ") {
			return ossAuth{}, ossErr(http.StatusForbidden, "AccessDenied",
				"The emulator accepts signature V4 (OSS4-HMAC-SHA256) only; this request is signed with V1 (OSS AccessKeyId:Signature). Sign with V4, the OSS Go SDK v2 default.")
		}
		return ossAuth{}, ossErr(http.StatusForbidden, "AccessDenied", "The Authorization header is not an OSS4-HMAC-SHA256 signature.")
	}
	var a ossAuth
	for _, part := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "Credential":
			f := strings.Split(v, "/")
			if len(f) != 5 || f[4] != "aliyun_v4_request" {
				return ossAuth{}, ossErr(http.StatusForbidden, "InvalidArgument", "The Credential is not AccessKeyId/date/region/oss/aliyun_v4_request.")
			}
			a.accessKeyID, a.date, a.region, a.product = f[0], f[1], f[2], f[3]
		case "AdditionalHeaders":
			a.additional = strings.Split(strings.ToLower(v), ";")
		case "Signature":
			a.signature = v
		}
	}
	if a.accessKeyID == "" || a.signature == "" {
		return ossAuth{}, ossErr(http.StatusForbidden, "InvalidArgument", "The Authorization header lacks Credential or Signature.")
	}
	if a.product != "oss" {
		return ossAuth{}, ossErr(http.StatusForbidden, "InvalidArgument", "The Credential scope names product "+quote(clip(a.product, 32))+"; OSS signs for \"oss\".")
	}
	return a, nil
}

// verifyOSS checks r's V4 signature against secrets and the clock.
func verifyOSS(r *http.Request, bucket, key string, secrets map[string]string, now time.Time) *ossError {
	h := r.Header.Get("Authorization")
	if h == "" {
		return ossErr(http.StatusForbidden, "AccessDenied", "The request is not signed: the emulator serves private buckets only; sign it with your AccessKey (signature V4).")
	}
	a, err := parseOSSAuth(h)
	if err != nil {
		return err
	}
	secret, ok := secrets[a.accessKeyID]
	if !ok {
		return ossErr(http.StatusForbidden, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.")
	}
	stamp := r.Header.Get("X-Oss-Date")
	t, perr := time.Parse(ossV4DateLayout, stamp)
	if perr != nil {
		return ossErr(http.StatusForbidden, "AccessDenied", "The x-oss-date header is missing or not of the form 20060102T150405Z.")
	}
	if d := now.Sub(t); d > ossMaxSkew || d < -ossMaxSkew {
		return ossErr(http.StatusForbidden, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.")
	}
	if a.date != t.UTC().Format("20060102") {
		return ossErr(http.StatusForbidden, "AccessDenied", "The Credential's date is not the date of x-oss-date.")
	}
	if r.Header.Get("X-Oss-Content-Sha256") == "" {
		return ossErr(http.StatusForbidden, "AccessDenied", "The x-oss-content-sha256 header is missing; V4 requires it (UNSIGNED-PAYLOAD is accepted).")
	}
	canonical := ossCanonicalRequest(r, bucket, key, a.additional)
	sum := sha256.Sum256([]byte(canonical))
	scope := a.date + "/" + a.region + "/oss/aliyun_v4_request"
	sts := ossV4Algorithm + "\n" + stamp + "\n" + scope + "\n" + hex.EncodeToString(sum[:])
	want := ossV4Signature(secret, a.date, a.region, sts)
	if !hmac.Equal([]byte(want), []byte(a.signature)) {
		return ossErr(http.StatusForbidden, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
	}
	return nil
}

func ossV4Signature(secret, date, region, sts string) string {
	mac := func(key []byte, s string) []byte {
		m := hmac.New(sha256.New, key)
		m.Write([]byte(s))
		return m.Sum(nil)
	}
	k := mac([]byte("aliyun_v4"+secret), date)
	k = mac(k, region)
	k = mac(k, "oss")
	k = mac(k, "aliyun_v4_request")
	return hex.EncodeToString(mac(k, sts))
}

func ossCanonicalRequest(r *http.Request, bucket, key string, additional []string) string {
	uri := "/"
	if bucket != "" {
		uri += bucket + "/"
	}
	uri += key

	// The query as sent, pairs sorted by key, values left encoded.
	values := map[string]string{}
	var params []string
	q := strings.ReplaceAll(r.URL.RawQuery, "+", "%20")
	for q != "" {
		var pair string
		pair, q, _ = strings.Cut(q, "&")
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		if _, dup := values[k]; !dup {
			params = append(params, k)
		}
		values[k] = v
	}
	sort.Strings(params)
	var b strings.Builder
	b.WriteString(r.Method + "\n" + ossEscapePath(uri) + "\n")
	for i, k := range params {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(k)
		if values[k] != "" {
			b.WriteString("=" + values[k])
		}
	}
	b.WriteByte('\n')

	add := map[string]bool{}
	for _, h := range additional {
		add[h] = true
	}
	var names []string
	for k := range r.Header {
		low := strings.ToLower(k)
		if strings.HasPrefix(low, "x-oss-") || low == "content-type" || low == "content-md5" || add[low] {
			names = append(names, low)
		}
	}
	if add["host"] {
		names = append(names, "host")
	}
	sort.Strings(names)
	for _, n := range names {
		vals := r.Header.Values(n)
		if n == "host" {
			vals = []string{r.Host}
		}
		trimmed := make([]string, len(vals))
		for i, v := range vals {
			trimmed[i] = strings.TrimSpace(v)
		}
		b.WriteString(n + ":" + strings.Join(trimmed, ",") + "\n")
	}
	b.WriteString("\n" + strings.Join(additional, ";") + "\n")
	b.WriteString(r.Header.Get("X-Oss-Content-Sha256"))
	return b.String()
}

// ossEscapePath percent-encodes all but unreserved characters and '/'.
func ossEscapePath(p string) string {
	const hexdig = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' || c == '/' {
			b.WriteByte(c)
		} else {
			b.WriteByte('%')
			b.WriteByte(hexdig[c>>4])
			b.WriteByte(hexdig[c&15])
		}
	}
	return b.String()
}
