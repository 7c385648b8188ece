package client

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/alibabacloud-go/tea/tea"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/safetext"
)

// apiError is what the runtime's ClientError, ServerError and
// ThrottlingError share (DisableSDKError keeps these raw types, so the
// Data map and RetryAfter survive; docs/api.md §5.2).
type apiError interface {
	GetStatusCode() *int
	GetCode() *string
	GetData() map[string]interface{}
	GetRequestId() *string
	GetRetryAfter() *int64
}

// credentialError marks a failure of the credential provider (no keys in the
// environment, unreadable profile, IMDS unreachable). It holds only our own
// message: the provider's error is dropped, as it may quote a secret.
type credentialError struct{ msg string }

func (e *credentialError) Error() string { return "credentials: " + e.msg }

// replyError is a 2xx reply the client could not use.
type replyError struct {
	msg       string
	transient bool // worth retrying: a cut or garbled body, an empty body
	err       error
}

func (e *replyError) Error() string { return e.msg }
func (e *replyError) Unwrap() error { return e.err }

// classify turns whatever one attempt returned into an *Error.
// retryAfter is the server's hint (zero when none).
func (c *Client) classify(ctx context.Context, action string, err error, at *attempt) (out *imm.Error, retryAfter time.Duration) {
	out = &imm.Error{Action: action, Err: err}
	if at != nil {
		out.StatusCode = at.status
		out.RequestId = safetext.Line(at.requestID)
	}
	var data map[string]interface{} // an IMM error body, when there is one
	defer func() {
		c.explain(out, action, err, at, data)
		out.Message = c.scrub(out.Message)
		out.Code = c.scrub(out.Code)
	}()

	if ctxErr := ctx.Err(); ctxErr != nil {
		out.Kind, out.Err, out.StatusCode = imm.KindCanceled, ctxErr, 0
		out.Message = ctxErr.Error()
		return out, 0
	}

	var ae apiError
	var sdk *tea.SDKError
	var ce *credentialError
	var re *replyError
	var tooBig *errBodyTooLarge
	var redirect *redirectError
	var in200 *errorIn200
	switch {
	case errors.As(err, &ce):
		out.Kind = imm.KindAuth
		out.Code = "InvalidCredentials"
		out.Message = safetext.Line(ce.msg)
	case errors.As(err, &ae):
		data = ae.GetData()
		out.Code = safetext.Line(firstString(data, "Code", "code"))
		if out.Code == "" {
			out.Code = safetext.Line(cleanSDKString(tea.StringValue(ae.GetCode())))
		}
		out.Message = safetext.Line(firstString(data, "Message", "message"))
		if rid := firstString(data, "RequestId", "requestId"); rid != "" {
			out.RequestId = safetext.Line(rid)
		}
		if s := ae.GetStatusCode(); s != nil && *s != 0 {
			out.StatusCode = *s
		}
		if out.Code == "InvalidCredentials" && out.Message == "" {
			// Raised by the runtime itself when it has no credential at all.
			out.Message = "no credentials configured"
		}
		out.Kind = kindForCode(out.Code, out.StatusCode)
		if ra := ae.GetRetryAfter(); ra != nil && *ra > 0 {
			retryAfter = time.Duration(*ra) * time.Millisecond
		}
	case errors.As(err, &sdk):
		// Only seen if DisableSDKError is ever unset: Data is the error body
		// as a JSON string.
		_ = json.Unmarshal([]byte(tea.StringValue(sdk.Data)), &data)
		out.Code = safetext.Line(tea.StringValue(sdk.Code))
		out.Message = safetext.Line(firstString(data, "Message", "message"))
		if rid := firstString(data, "RequestId", "requestId"); rid != "" {
			out.RequestId = safetext.Line(rid)
		}
		if s := tea.IntValue(sdk.StatusCode); s != 0 {
			out.StatusCode = s
		}
		out.Kind = kindForCode(out.Code, out.StatusCode)
	case errors.As(err, &in200):
		// Classified by its code like any other IMM error; the status
		// (200) says nothing.
		out.Code = safetext.Line(in200.code)
		out.Message = safetext.Line(in200.message)
		if in200.requestID != "" {
			out.RequestId = safetext.Line(in200.requestID)
		}
		out.Kind = kindForCode(out.Code, 0)
	case errors.As(err, &redirect):
		// Not retried: the endpoint is wrong, and asking again would get
		// the same redirect.
		out.Kind, out.Permanent = imm.KindNetwork, true
		out.Code = "Redirected"
		out.Message = redirect.Error()
	case errors.As(err, &tooBig):
		out.Kind, out.Permanent = imm.KindServer, true
		out.Message = tooBig.Error()
	case errors.As(err, &re):
		out.Kind, out.Permanent = imm.KindServer, !re.transient
		out.Message = safetext.Line(re.msg)
		if re.err != nil && isNetwork(re.err) {
			out.Kind, out.Permanent = imm.KindNetwork, false
		}
	case isNetwork(err):
		out.Kind = imm.KindNetwork
		out.Message = safetext.Line(networkMessage(err)) // explain may say it better
	case isJSONError(err):
		// The runtime could not parse an error body (an HTML 502 from a
		// proxy, a body cut short). Our transport saw the status.
		out.Message = "reply is not IMM JSON: " + safetext.Line(err.Error())
		switch {
		case out.StatusCode >= 500 || out.StatusCode == 0:
			out.Kind = imm.KindServer
		default:
			out.Kind = kindForCode("", out.StatusCode)
		}
	default:
		out.Kind = imm.KindUnknown
		out.Message = safetext.Line(err.Error())
	}
	if retryAfter == 0 && at != nil && at.retryAfter != "" {
		if ms, perr := strconv.ParseInt(at.retryAfter, 10, 64); perr == nil && ms > 0 {
			retryAfter = time.Duration(ms) * time.Millisecond // unit as the runtime reads it (dara/retry.go)
		}
	}
	return out, retryAfter
}

// kindForCode maps an IMM / POP gateway code to a Kind (docs/api.md §5.1);
// the status decides only when the code says nothing. The order matters:
// InvalidAccessKeyId.NotFound is an auth problem, not a missing resource.
func kindForCode(code string, status int) imm.Kind {
	switch {
	case strings.Contains(code, "Throttling"):
		return imm.KindThrottled
	case code == "SignatureDoesNotMatch", code == "IncompleteSignature",
		strings.HasPrefix(code, "InvalidAccessKeyId"), code == "InvalidCredentials",
		strings.HasPrefix(code, "InvalidSecurityToken"),
		strings.HasPrefix(code, "InvalidTimeStamp"), code == "SignatureNonceUsed":
		return imm.KindAuth
	case strings.HasPrefix(code, "Forbidden"), code == "NoPermission":
		return imm.KindForbidden
	case code == "ResourceNotFound", strings.HasSuffix(code, ".NotFound"), strings.HasSuffix(code, "NotFound"):
		return imm.KindNotFound
	case code == "InvalidArgument", code == "InvalidJSON", code == "LimitExceededError",
		strings.HasPrefix(code, "Invalid"), strings.HasPrefix(code, "Missing"):
		return imm.KindInvalidArgument
	case code == "ServiceUnavailable", code == "InternalError", strings.HasPrefix(code, "InternalError"):
		return imm.KindServer
	}
	switch {
	case status >= 500:
		return imm.KindServer
	case status == 429:
		return imm.KindThrottled
	case status == 401:
		return imm.KindAuth
	case status == 403:
		return imm.KindForbidden
	case status == 404:
		return imm.KindNotFound
	}
	return imm.KindUnknown
}

func firstString(m map[string]interface{}, keys ...string) string {
	for _, k := range keys {
		switch v := m[k].(type) {
		case string:
			if v != "" {
				return v
			}
		case json.Number:
			return v.String()
		}
	}
	return ""
}

// cleanSDKString drops what dara.ToString makes of a missing value.
func cleanSDKString(s string) string {
	if s == "<nil>" {
		return ""
	}
	return s
}

// isNetwork recognises failures to get a whole reply: dial and TLS errors,
// timeouts, resets, and bodies cut short.
func isNetwork(err error) bool {
	var ne net.Error
	var op *net.OpError
	return errors.As(err, &ne) || errors.As(err, &op) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.EPIPE)
}

func isJSONError(err error) bool {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	return errors.As(err, &se) || errors.As(err, &te)
}

// networkMessage keeps what a person can act on and drops the request URL
// that *url.Error puts in front.
func networkMessage(err error) string {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "timed out waiting for IMM"
	}
	msg := err.Error()
	if i := strings.LastIndex(msg, "\": "); i >= 0 && strings.Contains(msg[:i], "://") {
		msg = msg[i+3:]
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "connection closed before the reply was complete (" + msg + ")"
	}
	return msg
}

// scrub removes the AccessKey secret from text that reaches the user.
func (c *Client) scrub(s string) string {
	if c == nil || len(c.secret) < 4 || !strings.Contains(s, c.secret) {
		return s
	}
	return strings.ReplaceAll(s, c.secret, "****")
}
