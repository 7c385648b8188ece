package client

import (
	"errors"
	"net"
	"net/http"
	"strings"
	"syscall"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/safetext"
)

// explain names the failure (imm.Error.Cause) and fills the fields its
// screen shows: which project or dataset, the RAM action and resource, the
// clock skew, the host and region. It runs after classify has set Kind,
// Code and Message; data is the IMM error body, nil when there was none.
// Every string set here is sanitised and scrubbed of the secret.
func (c *Client) explain(e *imm.Error, action string, err error, at *attempt, data map[string]interface{}) {
	clean := func(s string) string { return c.scrub(clip(safetext.Line(s), 256)) }
	if at != nil {
		e.Project, e.Dataset = clean(at.project), clean(at.dataset)
	}
	var ce *credentialError
	switch {
	case e.Kind == imm.KindCanceled:
		return
	case errors.As(err, &ce):
		e.Cause = imm.CauseBadCredentials
		if strings.HasPrefix(ce.msg, noCredentialsPrefix) {
			e.Cause = imm.CauseNoCredentials
		}
	case e.Code == "InvalidCredentials":
		// The runtime's own, when it was given no credential at all.
		e.Cause = imm.CauseNoCredentials
	case strings.HasPrefix(e.Code, "InvalidAccessKeyId"):
		e.Cause = imm.CauseUnknownKey
	case e.Code == "SignatureDoesNotMatch":
		e.Cause = imm.CauseBadSecret
	case e.Code == "InvalidTimeStamp.Expired":
		e.Cause = imm.CauseClockSkew
		if at != nil {
			if t, perr := http.ParseTime(at.date); perr == nil && !at.received.IsZero() {
				e.ClockSkew = t.Sub(at.received)
			}
		}
	case e.Kind == imm.KindForbidden:
		e.Cause = imm.CauseDenied
		detail, _ := data["AccessDeniedDetail"].(map[string]interface{})
		e.AuthAction = clean(firstString(detail, "AuthAction"))
		if e.AuthAction == "" && action != "" {
			e.AuthAction = "imm:" + action
		}
		project := ""
		if at != nil && action != "ListProjects" {
			project = at.project
		}
		e.AuthResource = clean(imm.ResourceARN(c.region(), firstString(detail, "AuthPrincipalOwnerId"), project))
	case e.Code == "ResourceNotFound":
		e.NotFound = clean(missingResource(e.Message, action))
		switch e.NotFound {
		case "project":
			e.Cause = imm.CauseProjectNotFound
		case "dataset":
			e.Cause = imm.CauseDatasetNotFound
		}
	case e.Kind == imm.KindThrottled:
		e.Cause = imm.CauseThrottled
	case e.Kind == imm.KindNetwork && e.Code == "":
		c.explainNetwork(e, err)
	}
}

// missingResource reads X from IMM's "The specified resource X is not
// found." (docs/api.md §5.1); for the actions whose only resource is
// the project, that is what is missing whatever the message says.
func missingResource(msg, action string) string {
	const head, tail = "The specified resource ", " is not found"
	if i := strings.Index(msg, head); i >= 0 {
		rest := msg[i+len(head):]
		if j := strings.Index(rest, tail); j > 0 {
			return rest[:j]
		}
	}
	switch action {
	case "GetProject", "ListDatasets":
		return "project"
	}
	return ""
}

// explainNetwork tells the network failures apart, each with its own
// message: the endpoint's name does not resolve (and then, for an IMM
// region host, whether the region has IMM at all), nothing listens, no
// route, or no answer in time.
func (c *Client) explainNetwork(e *imm.Error, err error) {
	e.Host = safetext.Line(c.host())
	var dns *net.DNSError
	var ne net.Error
	switch {
	case errors.As(err, &dns):
		e.Cause = imm.CauseDNS
		if name := safetext.Line(dns.Name); name != "" {
			e.Host = name
		}
		if dns.IsNotFound {
			e.Message = "the host name " + e.Host + " does not exist (DNS: no such host)"
			if r := regionOfHost(e.Host); r != "" && !imm.HasRegion(r) {
				e.Cause, e.Region = imm.CauseNoRegionEndpoint, r
				e.Message = "the host name " + e.Host + " does not exist: region " + r + " has no IMM endpoint"
				e.Permanent = true // asking again resolves the same nothing
			}
		} else {
			e.Message = "DNS lookup of " + e.Host + " failed: " + safetext.Line(dns.Err)
		}
	case errors.As(err, &ne) && ne.Timeout():
		e.Cause = imm.CauseTimeout
		e.Message = "no answer from " + e.Host + " in time (timed out)"
	case errors.Is(err, syscall.ECONNREFUSED):
		e.Cause = imm.CauseRefused
		e.Message = "connection refused by " + e.Host + ": nothing listens there"
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		e.Cause = imm.CauseUnreachable
		e.Message = "network unreachable: no route to " + e.Host
	}
}

// host is the endpoint's host name, without the port.
func (c *Client) host() string {
	h := c.ep.host
	if name, _, err := net.SplitHostPort(h); err == nil {
		return name
	}
	return h
}

// region is the region the client talks to: the configured one, else the
// one its endpoint names; "" when neither says.
func (c *Client) region() string {
	if c.cfg.RegionID != "" {
		return c.cfg.RegionID
	}
	return regionOfHost(c.host())
}

// regionOfHost reads REGION from imm.REGION.aliyuncs.com or
// imm-vpc.REGION.aliyuncs.com (docs/api.md §6.3); "" for other hosts.
func regionOfHost(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	rest, ok := strings.CutSuffix(host, ".aliyuncs.com")
	if !ok {
		return ""
	}
	for _, prefix := range []string{"imm.", "imm-vpc."} {
		if r, ok := strings.CutPrefix(rest, prefix); ok && r != "" && !strings.Contains(r, ".") {
			return r
		}
	}
	return ""
}

// clip cuts s to n bytes on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}
