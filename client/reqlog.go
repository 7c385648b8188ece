package client

import (
	"context"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/safetext"
)

// maxLoggedValue bounds each parameter in the request log: URI lists and
// queries can be long, and the log is for reading.
const maxLoggedValue = 200

// logCall writes one record for an API call to Config.RequestLog: what was
// asked, what came back and how long it took. Nothing in it is secret:
// the signature and keys travel in headers, which are not logged;
// parameters whose names suggest a secret are replaced; every value has
// the AccessKey secret scrubbed and is escaped for a terminal (the log may
// be read with cat).
func (c *Client) logCall(action string, q query, start time.Time, attempts int, at *attempt, err *imm.Error) {
	if c.log == nil {
		return
	}
	attrs := []slog.Attr{
		slog.String("action", action),
		slog.Any("params", slog.GroupValue(c.loggedParams(q)...)),
		slog.Duration("duration", time.Since(start)),
		slog.Int("retries", attempts-1),
	}
	if at != nil {
		attrs = append(attrs, slog.Int("status", at.status), slog.String("request_id", safetext.Line(at.requestID)))
		if at.body != nil {
			attrs = append(attrs, slog.Int64("bytes", at.body.read()))
		}
	}
	level := slog.LevelInfo
	if err != nil {
		level = slog.LevelWarn
		attrs = append(attrs, slog.String("kind", err.Kind.String()), slog.String("error", c.scrub(err.Error())))
	}
	c.log.LogAttrs(context.Background(), level, "imm call", attrs...)
}

// secretParam reports parameter names that may carry a secret. IMM's read
// actions have none; this guards whatever is added later.
func secretParam(name string) bool {
	n := strings.ToLower(name)
	for _, s := range []string{"secret", "password", "signature", "securitytoken", "accesskey", "authorization", "credential"} {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}

func (c *Client) loggedParams(q query) []slog.Attr {
	names := make([]string, 0, len(q))
	for k := range q {
		names = append(names, k)
	}
	sort.Strings(names)
	attrs := make([]slog.Attr, 0, len(names))
	for _, k := range names {
		v := ""
		if q[k] != nil {
			v = *q[k]
		}
		if secretParam(k) {
			v = "[redacted]"
		}
		v = safetext.Line(c.scrub(v))
		if r := []rune(v); len(r) > maxLoggedValue {
			v = string(r[:maxLoggedValue]) + "..."
		}
		attrs = append(attrs, slog.String(k, v))
	}
	return attrs
}
