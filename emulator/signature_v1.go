package emulator

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
)

// The V1 (RPC) signature, as the aliyun CLI and the SDKs with
// SignatureAlgorithm "v2" send it (docs/api.md §4.1): every parameter
// of the query and of a form body except Signature, sorted by name, as
// enc(name)=enc(value) joined by "&"; StringToSign = METHOD + "&" +
// enc("/") + "&" + enc(canonical); Signature = base64(HMAC-SHA1(secret +
// "&", StringToSign)). Headers are not signed in V1, so none is read: the
// action and version are the Action and Version parameters, and any
// x-acs-* headers the client adds are ignored.

// v1Required are the signature parameters, in the order they are asked for.
var v1Required = []string{"AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"}

// verifyV1 checks a request carrying a Signature parameter; form holds the
// form body's parameters (nil when the body is not a form).
func (v *verifier) verifyV1(r *http.Request, query, form url.Values) (signedRequest, *apiError) {
	var none signedRequest
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		return none, &apiError{http.StatusMethodNotAllowed, "UnsupportedHTTPMethod",
			"IMM actions are sent as POST / or GET /, not " + r.Method + "."}
	}
	params, err := joinV1Params(query, form)
	if err != nil {
		return none, err
	}
	get := params.Get
	for _, name := range v1Required {
		if get(name) == "" {
			return none, &apiError{http.StatusBadRequest, "MissingParameter",
				"The input parameter " + quote(name) + " that is mandatory for processing this request is not supplied."}
		}
	}
	if m := get("SignatureMethod"); m != "HMAC-SHA1" {
		return none, &apiError{http.StatusBadRequest, "IncompleteSignature",
			"SignatureMethod " + quote(m) + " is not supported; sign with HMAC-SHA1."}
	}
	if sv := get("SignatureVersion"); sv != "1.0" {
		return none, &apiError{http.StatusBadRequest, "IncompleteSignature",
			"SignatureVersion " + quote(sv) + " is not supported; send 1.0."}
	}
	// The CLI sends SignatureType empty (and signs it); the SDKs send
	// BEARERTOKEN for bearer credentials, which the emulator does not have.
	if st := get("SignatureType"); st != "" {
		return none, &apiError{http.StatusBadRequest, "IncompleteSignature",
			"SignatureType " + quote(st) + " is not supported; sign with an AccessKey and leave SignatureType empty."}
	}
	if f := get("Format"); f != "" && !strings.EqualFold(f, "JSON") {
		return none, &apiError{http.StatusBadRequest, "InvalidParameter",
			"Specified parameter Format is not valid: this server answers only JSON, not " + quote(f) + "."}
	}
	secret, ok := v.secrets[get("AccessKeyId")]
	if !ok {
		return none, errNotFoundKey
	}
	want := signV1(secret, r.Method, params)
	if !hmac.Equal([]byte(want), []byte(get("Signature"))) {
		return none, &apiError{http.StatusBadRequest, "SignatureDoesNotMatch",
			"The request signature we calculated does not match the signature you provided. Check your AccessKeySecret and signing method."}
	}
	date, err := v.checkDate("Timestamp", get("Timestamp"))
	if err != nil {
		return none, err
	}
	if err := v.nonces.admit("SignatureNonce", get("SignatureNonce"), date, v.now()); err != nil {
		return none, err
	}
	return signedRequest{
		keyID:  get("AccessKeyId"),
		action: get("Action"), actionFrom: "the Action parameter",
		version: get("Version"), versionFrom: "Version",
		params: params,
	}, nil
}

// joinV1Params puts the query and form parameters together. A name given
// twice, anywhere, is refused: the signature covers the parameters as a
// set, so with duplicates a man in the middle could move a value between
// query and body, or reorder it, and change which one the action reads.
func joinV1Params(query, form url.Values) (url.Values, *apiError) {
	out := make(url.Values, len(query)+len(form))
	for _, src := range []url.Values{query, form} {
		for k, vs := range src {
			if _, dup := out[k]; dup || len(vs) > 1 {
				return nil, &apiError{http.StatusBadRequest, "InvalidParameter",
					"The parameter " + quote(k) + " is given more than once; send each parameter once, in the query or in the form body."}
			}
			out[k] = vs
		}
	}
	return out, nil
}

// signV1 is base64(HMAC-SHA1(secret + "&", StringToSign)) over every
// parameter but Signature.
func signV1(secret, method string, params url.Values) string {
	signed := make(url.Values, len(params))
	for k, vs := range params {
		if k != "Signature" {
			signed[k] = vs
		}
	}
	sts := method + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery(signed))
	m := hmac.New(sha1.New, []byte(secret+"&"))
	m.Write([]byte(sts))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}
