package imm

import (
	"fmt"
	"strings"
)

// Kind is what went wrong, in the terms the user acts on.
type Kind int

const (
	KindUnknown         Kind = iota
	KindThrottled            // Throttling*: too many requests; wait
	KindAuth                 // bad or missing credentials, clock skew
	KindForbidden            // credentials fine, RAM policy says no
	KindNotFound             // project, dataset, cluster or API not found
	KindInvalidArgument      // the request itself is wrong
	KindServer               // IMM failed (5xx) or sent a broken reply
	KindNetwork              // no answer: dial, timeout, reset, truncated body
	KindCanceled             // the caller's context ended
)

var kindNames = [...]string{"unknown", "throttled", "auth", "forbidden", "not found", "invalid argument", "server", "network", "canceled"}

func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

// Error is every error a Client method returns.
type Error struct {
	Kind       Kind
	Action     string
	Code       string // IMM code, e.g. "Throttling.User"
	Message    string // IMM message (sanitised with safetext.Line), never the formatted SDK string with secrets
	StatusCode int
	RequestId  string
	Attempts   int
	Err        error // underlying (network) error, for errors.Is(ctx errors)

	Permanent bool // a Kind that is usually transient but is not this time (e.g. body over the cap)
}

// Error reads "Action: Code: Message (HTTP 400, request ID, 3 attempts)".
// It is built only from sanitised fields, never from Err, so nothing the
// runtime or the network layer formats (URLs, secrets) leaks into it.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Action != "" {
		b.WriteString(e.Action)
		b.WriteString(": ")
	}
	if e.Code != "" {
		b.WriteString(e.Code)
	} else {
		b.WriteString(e.Kind.String())
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	var extra []string
	if e.StatusCode != 0 {
		extra = append(extra, fmt.Sprintf("HTTP %d", e.StatusCode))
	}
	if e.RequestId != "" {
		extra = append(extra, "request "+e.RequestId)
	}
	if e.Attempts > 1 {
		extra = append(extra, fmt.Sprintf("%d attempts", e.Attempts))
	}
	if len(extra) > 0 {
		b.WriteString(" (")
		b.WriteString(strings.Join(extra, ", "))
		b.WriteString(")")
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Retryable says whether trying again later may succeed.
func (e *Error) Retryable() bool {
	if e.Permanent {
		return false
	}
	switch e.Kind {
	case KindThrottled, KindServer, KindNetwork:
		return true
	}
	return false
}

// Hint tells the user what to do about the error.
func (e *Error) Hint() string {
	switch e.Kind {
	case KindThrottled:
		return "IMM is rate-limiting this account; wait a few seconds and press r to retry."
	case KindAuth:
		return "Check the credentials: ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET, ~/.aliyun/config.json or --profile, and that the system clock is correct."
	case KindForbidden:
		return "The credentials work but lack permission: grant the RAM user or role access to IMM (e.g. AliyunIMMReadOnlyAccess) for this project."
	case KindNotFound:
		return "Check the project and dataset names and the region: they must exist in the region the endpoint points to."
	case KindInvalidArgument:
		return "IMM rejected the request; check the names, filters and sort options given."
	case KindServer:
		if e.Permanent {
			return "The reply was too large; ask for fewer results or fields."
		}
		return "IMM had a problem answering; wait a moment and press r to retry."
	case KindNetwork:
		return "Could not reach IMM; check the network, proxy settings and endpoint, then press r to retry."
	case KindCanceled:
		return "The request was cancelled."
	}
	return "Press r to retry; if it persists, report the request ID."
}
