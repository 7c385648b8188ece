package emulator

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// A verifier for Alibaba Cloud's V3 request signature, ACS3-HMAC-SHA256,
// written from the steps in imm-api.md §4.3 (not by calling the SDK's
// signer, so a bug in one cannot hide a bug in the other).
//
// The freshness rules (x-acs-date within 15 minutes, a nonce used once)
// come from a community copy of the gateway's common error table and are
// unverified for IMM; they make replayed or stale requests fail loudly here
// rather than only against the real service.

const (
	signatureAlgorithm = "ACS3-HMAC-SHA256"
	// emptyPayloadHash is hex(sha256("")), the hash every body-less call sends.
	emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	// dateWindow is how far x-acs-date may be from the server clock.
	dateWindow = 15 * time.Minute
	// maxNonces bounds the replay memory; see nonceCache.
	maxNonces = 1 << 18
)

// authorization is a parsed Authorization header.
type authorization struct {
	KeyID         string
	SignedHeaders []string
	Signature     string
}

// parseAuthorization reads "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex".
func parseAuthorization(h string) (authorization, *apiError) {
	var a authorization
	if h == "" {
		return a, &apiError{http.StatusBadRequest, "IncompleteSignature",
			"The request has no Authorization header; sign it with " + signatureAlgorithm + "."}
	}
	alg, rest, _ := strings.Cut(h, " ")
	if alg != signatureAlgorithm {
		return a, &apiError{http.StatusBadRequest, "IncompleteSignature",
			"The Authorization header uses algorithm " + quote(alg) + "; this server accepts only " + signatureAlgorithm + "."}
	}
	for _, part := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "Credential":
			a.KeyID = v
		case "SignedHeaders":
			if v != "" {
				a.SignedHeaders = strings.Split(v, ";")
			}
		case "Signature":
			a.Signature = strings.ToLower(v)
		}
	}
	if a.KeyID == "" || len(a.SignedHeaders) == 0 || a.Signature == "" {
		return a, &apiError{http.StatusBadRequest, "IncompleteSignature",
			"The Authorization header must carry Credential, SignedHeaders and Signature."}
	}
	return a, nil
}

func quote(s string) string { return `"` + s + `"` }

// percentEncode is RFC 3986 encoding as the V3 spec asks: url.QueryEscape,
// then "+" -> "%20", "*" -> "%2A", "%7E" -> "~".
func percentEncode(s string) string {
	return rfc3986.Replace(url.QueryEscape(s))
}

var rfc3986 = strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~")

// canonicalQuery sorts the decoded parameters by key (byte order) and emits
// key=enc(value) joined by "&". Keys are not encoded, as in the SDK.
func canonicalQuery(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		for _, v := range q[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(k)
			b.WriteByte('=')
			b.WriteString(percentEncode(v))
		}
	}
	return b.String()
}

// canonicalHeaders builds "name:value\n" lines for the signed headers, in
// the order given (the signer sorts them; we use its list as sent).
func canonicalHeaders(r *http.Request, signed []string) string {
	var b strings.Builder
	for _, name := range signed {
		var vals []string
		if name == "host" {
			vals = []string{r.Host}
		} else {
			vals = r.Header.Values(name)
		}
		trimmed := make([]string, len(vals))
		for i, v := range vals {
			trimmed[i] = strings.TrimSpace(v)
		}
		slices.Sort(trimmed)
		b.WriteString(name)
		b.WriteByte(':')
		b.WriteString(strings.Join(trimmed, ","))
		b.WriteByte('\n')
	}
	return b.String()
}

// canonicalRequest is step 8 of §4.3.
func canonicalRequest(r *http.Request, query url.Values, signed []string, payloadHash string) string {
	uri := r.URL.EscapedPath()
	if uri == "" {
		uri = "/"
	}
	uri = rfc3986.Replace(uri)
	return r.Method + "\n" + uri + "\n" + canonicalQuery(query) + "\n" +
		canonicalHeaders(r, signed) + "\n" + strings.Join(signed, ";") + "\n" + payloadHash
}

// stringToSign is step 9 of §4.3.
func stringToSign(canonical string) string {
	sum := sha256.Sum256([]byte(canonical))
	return signatureAlgorithm + "\n" + hex.EncodeToString(sum[:])
}

// signString is step 10: hex(HMAC-SHA256(secret, stringToSign)).
func signString(secret, sts string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(sts))
	return hex.EncodeToString(m.Sum(nil))
}

func payloadHash(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// verifier checks requests against a fixed set of access keys.
type verifier struct {
	secrets map[string]string // AccessKeyId -> AccessKeySecret
	now     func() time.Time
	nonces  *nonceCache
}

func newVerifier(secrets map[string]string, now func() time.Time) *verifier {
	return &verifier{secrets: secrets, now: now, nonces: newNonceCache(maxNonces)}
}

// verify checks r (whose body has been read into body) and returns nil when
// it is properly signed, fresh and not a replay.
func (v *verifier) verify(r *http.Request, query url.Values, body []byte) *apiError {
	auth, err := parseAuthorization(r.Header.Get("Authorization"))
	if err != nil {
		return err
	}
	secret, ok := v.secrets[auth.KeyID]
	if !ok {
		return &apiError{http.StatusNotFound, "InvalidAccessKeyId.NotFound", "Specified access key is not found."}
	}
	if err := checkSignedHeaderList(r, auth.SignedHeaders); err != nil {
		return err
	}
	claimed := r.Header.Get("x-acs-content-sha256")
	if claimed != payloadHash(body) {
		return &apiError{http.StatusBadRequest, "SignatureDoesNotMatch",
			"The x-acs-content-sha256 header does not match the SHA-256 of the request body."}
	}
	want := signString(secret, stringToSign(canonicalRequest(r, query, auth.SignedHeaders, claimed)))
	if !hmac.Equal([]byte(want), []byte(auth.Signature)) {
		return &apiError{http.StatusBadRequest, "SignatureDoesNotMatch",
			"The request signature we calculated does not match the signature you provided. Check your AccessKeySecret and signing method."}
	}
	now := v.now()
	date, perr := time.Parse("2006-01-02T15:04:05Z", r.Header.Get("x-acs-date"))
	if perr != nil {
		return &apiError{http.StatusBadRequest, "InvalidTimeStamp.Format",
			"Specified time stamp or date value is not well formatted: x-acs-date must look like 2006-01-02T15:04:05Z."}
	}
	if d := now.Sub(date); d > dateWindow || d < -dateWindow {
		return &apiError{http.StatusBadRequest, "InvalidTimeStamp.Expired",
			"Specified time stamp or date value is expired: x-acs-date is more than 15 minutes from the server clock (" +
				now.UTC().Format(time.RFC3339) + "); check your clock."}
	}
	nonce := r.Header.Get("x-acs-signature-nonce")
	if !v.nonces.add(nonce, now) {
		return &apiError{http.StatusBadRequest, "SignatureNonceUsed",
			"Specified signature nonce was used already; send a fresh x-acs-signature-nonce with every request."}
	}
	return nil
}

// checkSignedHeaderList insists that host, the date, the nonce, the payload
// hash and every other x-acs-* header are signed, so none of them can be
// changed by someone who does not hold the secret.
func checkSignedHeaderList(r *http.Request, signed []string) *apiError {
	set := make(map[string]bool, len(signed))
	for _, h := range signed {
		set[h] = true
	}
	missing := func(h string) *apiError {
		return &apiError{http.StatusBadRequest, "IncompleteSignature",
			"The header " + h + " must be present and listed in SignedHeaders."}
	}
	for _, h := range []string{"host", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"} {
		if !set[h] || (h != "host" && r.Header.Get(h) == "") {
			return missing(h)
		}
	}
	for name := range r.Header {
		if l := strings.ToLower(name); strings.HasPrefix(l, "x-acs-") && !set[l] {
			return missing(l)
		}
	}
	return nil
}

// nonceCache remembers nonces for twice the date window: a request is
// accepted only while its date is within the window of the server clock,
// so a nonce can be replayed successfully for at most that long after it
// was first seen. Entries leave in arrival order once expired; if more
// than max arrive within the window, the oldest are forgotten early (the
// bound keeps memory fixed under a flood, at the price of replay
// protection for those oldest nonces).
type nonceCache struct {
	mu    sync.Mutex
	max   int
	seen  map[string]time.Time // nonce -> expiry
	order []nonceEntry         // arrival order; head is order[head]
	head  int
}

type nonceEntry struct {
	nonce  string
	expiry time.Time
}

func newNonceCache(max int) *nonceCache {
	return &nonceCache{max: max, seen: map[string]time.Time{}}
}

// add records nonce at now and reports whether it was new.
func (c *nonceCache) add(nonce string, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.evict(now)
	if exp, ok := c.seen[nonce]; ok && now.Before(exp) {
		return false
	}
	exp := now.Add(2 * dateWindow)
	c.seen[nonce] = exp
	c.order = append(c.order, nonceEntry{nonce, exp})
	return true
}

func (c *nonceCache) evict(now time.Time) {
	for c.head < len(c.order) {
		e := c.order[c.head]
		if len(c.order)-c.head < c.max && now.Before(e.expiry) {
			break
		}
		if c.seen[e.nonce].Equal(e.expiry) {
			delete(c.seen, e.nonce)
		}
		c.order[c.head] = nonceEntry{}
		c.head++
	}
	// Compact once half the slice is dead so memory stays bounded.
	if c.head > 0 && c.head >= len(c.order)/2 {
		c.order = append(c.order[:0], c.order[c.head:]...)
		c.head = 0
	}
}

// size reports how many nonces are remembered (for tests).
func (c *nonceCache) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.seen)
}
