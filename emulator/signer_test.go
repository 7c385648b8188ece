package emulator

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sort"
	"strings"
	"time"
)

// A test-only V3 signer, written separately from the verifier (its own
// RFC 3986 encoder, its own sorting) so the two cannot share a mistake.
// External tests reach it through SignRequest in export_test.go.

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
		pairs = append(pairs, k+"="+rfc3986Encode(q.Get(k)))
	}
	canon := "POST\n/\n" + strings.Join(pairs, "&") + "\n" + canonHeaders.String() + "\n" +
		strings.Join(names, ";") + "\n" + r.Header.Get("x-acs-content-sha256")
	h := sha256.Sum256([]byte(canon))
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("ACS3-HMAC-SHA256\n" + hex.EncodeToString(h[:])))
	r.Header.Set("Authorization", "ACS3-HMAC-SHA256 Credential="+keyID+",SignedHeaders="+
		strings.Join(names, ";")+",Signature="+hex.EncodeToString(m.Sum(nil)))
}
