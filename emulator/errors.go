package emulator

import (
	"fmt"
	"net/http"
	"strings"
)

// apiError is an IMM error answer: an HTTP status and the Code and Message
// of the JSON body (docs/api.md §5.1). Every failure the emulator reports,
// from signature checks to validation, is one of these, so a client never
// sees a body it cannot decode.
type apiError struct {
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

// errorBody is the wire shape of an error; the field order is IMM's.
type errorBody struct {
	RequestId string
	HostId    string
	Code      string
	Message   string
	Recommend string
}

func recommendURL(code string) string {
	return "https://next.api.aliyun.com/troubleshoot?q=" + code + "&product=imm"
}

// Validation errors. IMM's own sample error is InvalidArgument with
// "The parameter ProjectName is required but not provided.", so missing and
// malformed parameters use that code; a client classifies on Code.

func errMissing(name string) *apiError {
	return &apiError{http.StatusBadRequest, "InvalidArgument",
		fmt.Sprintf("The parameter %s is required but not provided.", name)}
}

func errInvalid(name, why string) *apiError {
	return &apiError{http.StatusBadRequest, "InvalidArgument",
		fmt.Sprintf("The parameter %s is not valid: %s.", name, why)}
}

func errInvalidJSON(name string, array bool) *apiError {
	kind := "Object"
	if array {
		kind = "Array"
	}
	return &apiError{http.StatusBadRequest, "InvalidJSON", fmt.Sprintf("%s parsing error, %s", kind, name)}
}

func errTooMany(name string, got, limit int) *apiError {
	return &apiError{http.StatusBadRequest, "InvalidArgument",
		fmt.Sprintf("The parameter %s holds %d items; at most %d are allowed.", name, got, limit)}
}

// errNotFound is ResourceNotFound. The docs table says 400 but the SDK's
// own example error is a 404 (docs/api.md §5.1); we answer 404.
func errNotFound(kind string) *apiError {
	return &apiError{http.StatusNotFound, "ResourceNotFound",
		fmt.Sprintf("The specified resource %s is not found.", kind)}
}

func errUnknownAction(action string) *apiError {
	return &apiError{http.StatusNotFound, "InvalidApi.NotFound",
		fmt.Sprintf("Specified api %q is not found; check the x-acs-action header.", clip(action, maxLoggedAction))}
}

// clip cuts what a client sent to n bytes (marked with "..."), so an error
// answer does not echo a megabyte header back.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "..."
}

func errInternal(why string) *apiError {
	return &apiError{http.StatusInternalServerError, "InternalError",
		"The request processing has failed due to some unknown error, exception or failure: " + why}
}

// Fault answers (faults.go).
var (
	errThrottled = &apiError{http.StatusBadRequest, "Throttling.User",
		"Request was denied due to user flow control."}
	errFaultInternal = &apiError{http.StatusInternalServerError, "InternalError",
		"The request processing has failed due to some unknown error, exception or failure (injected fault)."}
	errFaultUnavailable = &apiError{http.StatusServiceUnavailable, "ServiceUnavailable",
		"The request has failed due to a temporary failure of the server (injected fault)."}
)
