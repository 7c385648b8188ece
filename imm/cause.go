package imm

import (
	"fmt"
	"strings"
	"time"
)

// Cause is the failure a person meets, finer than Kind: each has its own
// screen and its own advice (Hint). Kind still decides retrying.
type Cause int

const (
	CauseNone             Cause = iota
	CauseNoCredentials          // the credential chain found nothing anywhere
	CauseBadCredentials         // a credential source is present but broken (file, profile, role)
	CauseUnknownKey             // InvalidAccessKeyId.*: the AccessKey ID is not known (or disabled)
	CauseBadSecret              // SignatureDoesNotMatch: the AccessKey secret is wrong
	CauseClockSkew              // InvalidTimeStamp.Expired: this machine's clock is off
	CauseDenied                 // Forbidden.RAM, Forbidden, NoPermission: a policy says no
	CauseProjectNotFound        // ResourceNotFound for the project
	CauseDatasetNotFound        // ResourceNotFound for the dataset
	CauseThrottled              // Throttling*: retried with backoff, still refused
	CauseDNS                    // the endpoint's host name does not resolve, or DNS failed
	CauseNoRegionEndpoint       // imm.REGION.aliyuncs.com does not exist: the region may not offer IMM
	CauseRefused                // nothing listens at the endpoint (connection refused)
	CauseUnreachable            // no route to the endpoint's network or host
	CauseTimeout                // no answer in time
)

var causeNames = [...]string{"none", "no credentials", "bad credentials", "unknown access key", "wrong secret",
	"clock skew", "denied", "project not found", "dataset not found", "throttled", "DNS failure",
	"no IMM endpoint in region", "connection refused", "network unreachable", "timeout"}

func (c Cause) String() string {
	if c < 0 || int(c) >= len(causeNames) {
		return fmt.Sprintf("Cause(%d)", int(c))
	}
	return causeNames[c]
}

// Regions are the regions with an IMM endpoint in the SDK's endpoint map
// (docs/api.md §6.3), for the advice when a region has none.
var Regions = []string{
	"cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "cn-qingdao", "cn-zhangjiakou",
	"cn-wulanchabu", "cn-chengdu", "cn-guangzhou", "cn-hongkong", "cn-north-2-gov-1", "cn-beijing-gov-1",
	"ap-southeast-1", "ap-southeast-2", "ap-southeast-5", "ap-south-1", "eu-central-1", "eu-west-1",
	"us-east-1", "us-west-1",
}

// HasRegion reports whether region is one of Regions.
func HasRegion(region string) bool {
	for _, r := range Regions {
		if r == region {
			return true
		}
	}
	return false
}

// ResourceARN is the RAM resource of an IMM project, as a policy names it:
// acs:imm:REGION:ACCOUNT:project/NAME. An unknown part is "*", which a
// policy may use as it is.
func ResourceARN(region, account, project string) string {
	star := func(s string) string {
		if s == "" {
			return "*"
		}
		return s
	}
	return "acs:imm:" + star(region) + ":" + star(account) + ":project/" + star(project)
}

// describeSkew says how far this machine's clock is from IMM's, in words:
// skew is the server's time minus ours.
func describeSkew(skew time.Duration) string {
	d := skew.Round(time.Second)
	switch {
	case d > 0:
		return "this computer's clock is " + roughDuration(d) + " behind IMM's"
	case d < 0:
		return "this computer's clock is " + roughDuration(-d) + " ahead of IMM's"
	}
	return "this computer's clock differs from IMM's"
}

// roughDuration prints d to the second, without the zero units Go's
// Duration.String keeps ("1h0m0s" -> "1h").
func roughDuration(d time.Duration) string {
	s := d.Round(time.Second).String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
