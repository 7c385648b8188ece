package imm

import (
	"fmt"
	"strings"
	"time"
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

	// Cause names the failure for its screen; CauseNone when it is none
	// of the ones a person is told about by name.
	Cause Cause

	// The fields below are set only with the Causes named; every one is
	// sanitised for the terminal and free of secrets.

	// Project and Dataset are the names the request gave (any Cause), so a
	// screen can say which one is missing and offer the picker.
	Project, Dataset string
	// NotFound is the resource IMM says is missing ("project", "dataset",
	// ...), from its message "The specified resource X is not found.".
	NotFound string
	// AuthAction and AuthResource are what a RAM policy must allow
	// (CauseDenied): "imm:BatchGetFileMeta" and
	// "acs:imm:cn-hangzhou:1234567890123456:project/NAME" (ResourceARN).
	AuthAction, AuthResource string
	// ClockSkew is IMM's clock minus this machine's, from the reply's Date
	// header (CauseClockSkew); positive when our clock is behind.
	ClockSkew time.Duration
	// Backoff is the total time spent waiting between the attempts
	// (any retried error, CauseThrottled in particular).
	Backoff time.Duration
	// Host is the endpoint's host name and Region the region it names
	// (the network Causes).
	Host, Region string
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
	if e.Backoff > 0 {
		extra = append(extra, "backed off "+e.Backoff.Round(time.Millisecond).String())
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
	if h := e.causeHint(); h != "" {
		return h
	}
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

// causeHint is the advice for a named Cause, "" for the others.
func (e *Error) causeHint() string {
	switch e.Cause {
	case CauseNoCredentials:
		return "Give immtui an AccessKey: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, run `aliyun configure`, or pass --profile NAME; or try immtui --demo, which needs no account."
	case CauseBadCredentials:
		return "Fix the credential source named above (or pass --profile NAME for another one); immtui --demo needs no account."
	case CauseUnknownKey:
		return "IMM does not know this AccessKey ID (or it is disabled): check the key in the RAM console and the profile in use (--profile), then try again."
	case CauseBadSecret:
		return "The AccessKey secret does not match its ID: copy the secret again (aliyun configure, or ALIBABA_CLOUD_ACCESS_KEY_SECRET) and try again."
	case CauseClockSkew:
		return "Requests are signed with the time, and " + describeSkew(e.ClockSkew) + ": set the clock right (e.g. enable NTP) and press r to retry."
	case CauseDenied:
		h := "The credentials work but a RAM policy does not allow this"
		if e.AuthAction != "" {
			h += ": allow " + e.AuthAction
			if e.AuthResource != "" {
				h += " on " + e.AuthResource
			}
		}
		return h + " for the RAM user or role (e.g. attach AliyunIMMReadOnlyAccess), or choose another project."
	case CauseProjectNotFound:
		return "There is no project " + quoted(e.Project) + "in this region: check its name and --region, or choose one from the project list."
	case CauseDatasetNotFound:
		return "Project " + quoted(e.Project) + "has no dataset " + quoted(e.Dataset) + "here: check its name, or choose one from the dataset list."
	case CauseThrottled:
		return "IMM is rate-limiting this account; immtui waited " + e.Backoff.Round(time.Millisecond).String() +
			fmt.Sprintf(" over %d attempts. Wait a few seconds and press r to retry.", e.Attempts)
	case CauseNoRegionEndpoint:
		return "There is no IMM endpoint " + e.Host + ": region " + quoted(e.Region) + "may not offer IMM. Pass --region with one that does: " +
			strings.Join(Regions, ", ") + "."
	case CauseDNS:
		return "The name " + quoted(e.Host) + "could not be resolved: check the network, the DNS settings and --endpoint/--region, then press r to retry."
	case CauseRefused:
		return "Nothing answers at " + quoted(e.Host) + "(connection refused): check --endpoint, or that `immtui serve` is running, then press r to retry."
	case CauseUnreachable:
		return "The network to " + quoted(e.Host) + "is unreachable: check the connection, VPN and proxy settings (and --vpc, which works only inside Alibaba Cloud), then press r to retry."
	case CauseTimeout:
		return "IMM did not answer in time: check the network and proxy, or raise the request timeout, then press r to retry."
	}
	return ""
}

// quoted is s in quotes and a trailing space, or nothing when s is empty,
// so a sentence reads well either way.
func quoted(s string) string {
	if s == "" {
		return ""
	}
	return `"` + s + `" `
}
