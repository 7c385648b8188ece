package emulator

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Request authentication. Two signatures are accepted, told apart by what
// the request carries:
//   - an Authorization header: V3, ACS3-HMAC-SHA256 (docs/api.md §4.3),
//     what darabonba-openapi sends by default; POST only;
//   - a Signature parameter: V1, HMAC-SHA1 over the sorted parameters
//     (docs/api.md §4.1), what the aliyun CLI and the SDKs with
//     SignatureAlgorithm "v2" send; POST or GET (signature_v1.go).
//
// Both verifiers are written from the published steps, not by calling the
// SDK's signer, so a bug in one cannot hide a bug in the other. Whatever
// the version, the action only ever sees parameters the signature covers.
//
// The freshness rules (a date within 15 minutes, a nonce used once) come
// from a community copy of the gateway's common error table and are
// unverified for IMM; they make replayed or stale requests fail loudly here
// rather than only against the real service.

const (
	signatureAlgorithm = "ACS3-HMAC-SHA256"
	// emptyPayloadHash is hex(sha256("")), the hash every body-less call sends.
	emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	// dateWindow is how far a signed date may be from the server clock.
	dateWindow = 15 * time.Minute
	// dateLayout is the one date form both versions use: ISO 8601, UTC,
	// second precision.
	dateLayout = "2006-01-02T15:04:05Z"
)

// signedRequest is what a verified request asks for.
type signedRequest struct {
	keyID           string // the AccessKeyId that signed it
	action, version string
	// actionFrom and versionFrom name where they were read, for messages.
	actionFrom, versionFrom string
	// params are the action's parameters: only ones the signature covers.
	params url.Values
}

// verifier checks requests against a fixed set of access keys.
type verifier struct {
	secrets map[string]string // AccessKeyId -> AccessKeySecret
	now     func() time.Time
	nonces  *nonceStore
}

func newVerifier(secrets map[string]string, now func() time.Time) *verifier {
	return &verifier{secrets: secrets, now: now, nonces: newNonceStore(maxNonces)}
}

// verify checks r (whose body has been read into body) and returns what it
// asks for when it is properly signed, fresh and not a replay.
func (v *verifier) verify(r *http.Request, body []byte) (signedRequest, *apiError) {
	query, err := parseParams("query string", r.URL.RawQuery)
	if err != nil {
		return signedRequest{}, err
	}
	_, hasAuth := r.Header["Authorization"]
	if hasAuth && query.Has("Signature") {
		return signedRequest{}, errTwoSignatures
	}
	if hasAuth {
		return v.verifyV3(r, query, body)
	}
	var form url.Values
	if isFormBody(r) {
		if form, err = parseParams("form body", string(body)); err != nil {
			return signedRequest{}, err
		}
	}
	if query.Has("Signature") || form.Has("Signature") {
		return v.verifyV1(r, query, form)
	}
	for _, name := range v1Required {
		if query.Has(name) || form.Has(name) {
			return signedRequest{}, &apiError{http.StatusBadRequest, "IncompleteSignature",
				"The request carries V1 signature parameters (" + name + ") but no Signature parameter; sign it with HMAC-SHA1."}
		}
	}
	return signedRequest{}, &apiError{http.StatusBadRequest, "IncompleteSignature",
		"The request is not signed: it carries neither an Authorization header (" + signatureAlgorithm +
			") nor a Signature parameter (HMAC-SHA1); sign it with your AccessKey."}
}

var errTwoSignatures = &apiError{http.StatusBadRequest, "IncompleteSignature",
	"The request carries both an Authorization header (" + signatureAlgorithm +
		") and a Signature parameter (HMAC-SHA1); sign it one way only."}

// parseParams decodes a query or form string strictly: url.Values as
// r.URL.Query() gives them would silently drop a malformed pair, which
// then neither counts for the signature nor reaches the action, but says
// the request is not what its sender meant.
func parseParams(where, s string) (url.Values, *apiError) {
	v, err := url.ParseQuery(s)
	if err != nil {
		return nil, &apiError{http.StatusBadRequest, "InvalidParameter",
			"The " + where + " is not well-formed (" + err.Error() + "); percent-encode every parameter name and value."}
	}
	return v, nil
}

// isFormBody reports whether r's body is declared as form parameters: a
// POST with one Content-Type, application/x-www-form-urlencoded.
func isFormBody(r *http.Request) bool {
	ct := r.Header.Values("Content-Type")
	if r.Method != http.MethodPost || len(ct) != 1 {
		return false
	}
	mt, _, err := mime.ParseMediaType(ct[0])
	return err == nil && mt == "application/x-www-form-urlencoded"
}

func quote(s string) string { return `"` + s + `"` }

// percentEncode is RFC 3986 encoding as both versions ask: url.QueryEscape,
// then "+" -> "%20", "*" -> "%2A", "%7E" -> "~".
func percentEncode(s string) string {
	return rfc3986.Replace(url.QueryEscape(s))
}

var rfc3986 = strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~")

// canonicalQuery sorts the decoded parameters by name (byte order) and
// emits enc(name)=enc(value) joined by "&". Names are encoded exactly like
// values: the SDK writes its plain ASCII names unencoded, which is the
// same string, but a name left raw could hold "&" or "=" and sign like two
// parameters, letting a man in the middle merge or split them.
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
			b.WriteString(percentEncode(k))
			b.WriteByte('=')
			b.WriteString(percentEncode(v))
		}
	}
	return b.String()
}

// headerValue returns a signed header's value as it is signed: HTTP's
// optional white space (space and tab) trimmed from both ends, nothing
// else. A value that still begins or ends with other white space, holds a
// control character or is not UTF-8 is refused rather than normalised: the
// signature, the nonce store and the action must all see one and the same
// string, and a Unicode-aware trim in one place but not another is how a
// padded nonce gets replayed.
func headerValue(name, v string) (string, *apiError) {
	v = strings.Trim(v, " \t")
	bad := func(why string) (string, *apiError) {
		return "", &apiError{http.StatusBadRequest, "InvalidParameter",
			"The header " + name + " is not valid: it " + why + "; send plain printable text."}
	}
	if !utf8.ValidString(v) {
		return bad("is not UTF-8")
	}
	for _, c := range v {
		if c != '\t' && unicode.IsControl(c) {
			return bad("holds a control character")
		}
	}
	if first, _ := utf8.DecodeRuneInString(v); unicode.IsSpace(first) {
		return bad("begins with white space")
	}
	if last, _ := utf8.DecodeLastRuneInString(v); unicode.IsSpace(last) {
		return bad("ends with white space")
	}
	return v, nil
}

// authorization is a parsed Authorization header.
type authorization struct {
	KeyID         string
	SignedHeaders []string
	Signature     string
}

// parseAuthorization reads "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex".
func parseAuthorization(r *http.Request) (authorization, *apiError) {
	var a authorization
	vals := r.Header.Values("Authorization")
	if len(vals) != 1 || vals[0] == "" {
		return a, &apiError{http.StatusBadRequest, "IncompleteSignature",
			"The request must carry exactly one non-empty Authorization header; sign it with " + signatureAlgorithm + "."}
	}
	h, err := headerValue("authorization", vals[0])
	if err != nil {
		return a, err
	}
	alg, rest, _ := strings.Cut(h, " ")
	if alg != signatureAlgorithm {
		return a, &apiError{http.StatusBadRequest, "IncompleteSignature",
			"The Authorization header uses algorithm " + quote(alg) + "; this server accepts only " + signatureAlgorithm + "."}
	}
	for _, part := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.Trim(part, " "), "=")
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

// signedHeaderValues reads every signed header once, through headerValue:
// name -> the values sorted and joined by ",", as canonicalHeaders signs
// them. Everything the verifier later reads from a header (date, nonce,
// payload hash, action, version) comes from this map.
func signedHeaderValues(r *http.Request, signed []string) (map[string]string, *apiError) {
	out := make(map[string]string, len(signed))
	for _, name := range signed {
		var vals []string
		if name == "host" {
			vals = []string{r.Host}
		} else {
			vals = r.Header.Values(name)
		}
		clean := make([]string, len(vals))
		for i, v := range vals {
			c, err := headerValue(name, v)
			if err != nil {
				return nil, err
			}
			clean[i] = c
		}
		slices.Sort(clean)
		out[name] = strings.Join(clean, ",")
	}
	return out, nil
}

// canonicalHeaders builds "name:value\n" lines for the signed headers, in
// the order given (the signer sorts them; we use its list as sent).
func canonicalHeaders(signed []string, values map[string]string) string {
	var b strings.Builder
	for _, name := range signed {
		b.WriteString(name)
		b.WriteByte(':')
		b.WriteString(values[name])
		b.WriteByte('\n')
	}
	return b.String()
}

// canonicalRequest is step 8 of docs/api.md §4.3.
func canonicalRequest(r *http.Request, query url.Values, signed []string, values map[string]string, payloadHash string) string {
	uri := r.URL.EscapedPath()
	if uri == "" {
		uri = "/"
	}
	uri = rfc3986.Replace(uri)
	return r.Method + "\n" + uri + "\n" + canonicalQuery(query) + "\n" +
		canonicalHeaders(signed, values) + "\n" + strings.Join(signed, ";") + "\n" + payloadHash
}

// stringToSign is step 9 of docs/api.md §4.3.
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

var errNotFoundKey = &apiError{http.StatusNotFound, "InvalidAccessKeyId.NotFound", "Specified access key is not found."}

// verifyV3 checks an ACS3-HMAC-SHA256 request.
func (v *verifier) verifyV3(r *http.Request, query url.Values, body []byte) (signedRequest, *apiError) {
	var none signedRequest
	if r.Method != http.MethodPost {
		return none, &apiError{http.StatusMethodNotAllowed, "UnsupportedHTTPMethod",
			"IMM actions signed with " + signatureAlgorithm + " are sent as POST /, not " + r.Method + "."}
	}
	auth, err := parseAuthorization(r)
	if err != nil {
		return none, err
	}
	secret, ok := v.secrets[auth.KeyID]
	if !ok {
		return none, errNotFoundKey
	}
	values, err := signedHeaderValues(r, auth.SignedHeaders)
	if err != nil {
		return none, err
	}
	if err := checkSignedHeaderList(r, auth.SignedHeaders, values, body); err != nil {
		return none, err
	}
	claimed := values["x-acs-content-sha256"]
	if claimed != payloadHash(body) {
		return none, &apiError{http.StatusBadRequest, "SignatureDoesNotMatch",
			"The x-acs-content-sha256 header does not match the SHA-256 of the request body."}
	}
	want := signString(secret, stringToSign(canonicalRequest(r, query, auth.SignedHeaders, values, claimed)))
	if !hmac.Equal([]byte(want), []byte(auth.Signature)) {
		return none, &apiError{http.StatusBadRequest, "SignatureDoesNotMatch",
			"The request signature we calculated does not match the signature you provided. Check your AccessKeySecret and signing method."}
	}
	date, err := v.checkDate("x-acs-date", values["x-acs-date"])
	if err != nil {
		return none, err
	}
	if err := v.nonces.admit("x-acs-signature-nonce", values["x-acs-signature-nonce"], date, v.now()); err != nil {
		return none, err
	}
	params := query
	// The body is covered by the signed payload hash, but its reading as
	// parameters is decided by Content-Type, which checkSignedHeaderList
	// has made sure is signed whenever a form body is non-empty.
	if isFormBody(r) && len(body) > 0 {
		form, err := parseParams("form body", string(body))
		if err != nil {
			return none, err
		}
		params = mergeParams(query, form)
	}
	return signedRequest{
		keyID:  auth.KeyID,
		action: values["x-acs-action"], actionFrom: "the x-acs-action header",
		version: values["x-acs-version"], versionFrom: "x-acs-version",
		params: params,
	}, nil
}

// mergeParams returns query and form together, query values first.
func mergeParams(query, form url.Values) url.Values {
	out := make(url.Values, len(query)+len(form))
	for k, vs := range query {
		out[k] = append([]string(nil), vs...)
	}
	for k, vs := range form {
		out[k] = append(out[k], vs...)
	}
	return out
}

// checkDate parses a signed date and checks it is within the window.
func (v *verifier) checkDate(name, s string) (time.Time, *apiError) {
	date, perr := time.Parse(dateLayout, s)
	if perr != nil {
		return date, &apiError{http.StatusBadRequest, "InvalidTimeStamp.Format",
			"Specified time stamp or date value is not well formatted: " + name + " must look like 2006-01-02T15:04:05Z (UTC)."}
	}
	now := v.now()
	if d := now.Sub(date); d > dateWindow || d < -dateWindow {
		return date, &apiError{http.StatusBadRequest, "InvalidTimeStamp.Expired",
			"Specified time stamp or date value is expired: " + name + " is more than 15 minutes from the server clock (" +
				now.UTC().Format(time.RFC3339) + "); check your clock."}
	}
	return date, nil
}

// checkSignedHeaderList insists that host, the date, the nonce, the payload
// hash and every other x-acs-* header are signed, so none of them can be
// changed by someone who does not hold the secret; and that content-type
// is signed when a non-empty body is to be read as form parameters, so a
// Content-Type added on the way cannot turn a signed body into parameters.
func checkSignedHeaderList(r *http.Request, signed []string, values map[string]string, body []byte) *apiError {
	set := make(map[string]bool, len(signed))
	for _, h := range signed {
		set[h] = true
	}
	missing := func(h string) *apiError {
		return &apiError{http.StatusBadRequest, "IncompleteSignature",
			"The header " + h + " must be present and listed in SignedHeaders."}
	}
	for _, h := range []string{"host", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"} {
		if !set[h] || values[h] == "" {
			return missing(h)
		}
	}
	for name := range r.Header {
		if l := strings.ToLower(name); strings.HasPrefix(l, "x-acs-") && !set[l] {
			return missing(l)
		}
	}
	if isFormBody(r) && len(body) > 0 && !set["content-type"] {
		return &apiError{http.StatusBadRequest, "IncompleteSignature",
			"The request body is sent as form parameters, so content-type must be listed in SignedHeaders."}
	}
	return nil
}
