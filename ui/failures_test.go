package ui_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
)

// failures are the errors users meet, as the client reports them
// (docs/emulator.md §5), with fixed request ids for the goldens; the
// emulator produces each in failures_emulator_test.go.
var failures = []struct {
	name string
	err  *imm.Error
	// onDataset: met on a dataset's first screen, not in the picker.
	onDataset bool
}{
	{"no-credentials", &imm.Error{Kind: imm.KindAuth, Cause: imm.CauseNoCredentials, Code: "InvalidCredentials", Action: "ListProjects",
		Message: `no credentials found; looked in: the environment (ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set); the aliyun CLI config "/home/u/.aliyun/config.json" (absent); the credentials file "/home/u/.alibabacloud/credentials" (absent); not the ECS metadata service (ALIBABA_CLOUD_ECS_METADATA_DISABLED=true)`}, false},
	{"unknown-key", &imm.Error{Kind: imm.KindAuth, Cause: imm.CauseUnknownKey, Code: "InvalidAccessKeyId.NotFound", StatusCode: 404, Action: "ListProjects",
		Message: "Specified access key is not found.", RequestId: "5E1F0C2A-0001-4000-8000-000000000001"}, false},
	{"wrong-secret", &imm.Error{Kind: imm.KindAuth, Cause: imm.CauseBadSecret, Code: "SignatureDoesNotMatch", StatusCode: 400, Action: "ListProjects",
		Message: "The request signature does not conform to Aliyun standards.", RequestId: "5E1F0C2A-0002-4000-8000-000000000002"}, false},
	{"clock-skew", &imm.Error{Kind: imm.KindAuth, Cause: imm.CauseClockSkew, Code: "InvalidTimeStamp.Expired", StatusCode: 400, Action: "ListProjects",
		Message: "Specified time stamp or date value is expired.", RequestId: "5E1F0C2A-0003-4000-8000-000000000003", ClockSkew: 2*time.Hour + 5*time.Minute}, false},
	{"denied", &imm.Error{Kind: imm.KindForbidden, Cause: imm.CauseDenied, Code: "Forbidden.RAM", StatusCode: 403, Action: "QueryFigureClusters",
		Message:    "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
		RequestId:  "5E1F0C2A-0004-4000-8000-000000000004",
		AuthAction: "imm:QueryFigureClusters", AuthResource: "acs:imm:cn-hangzhou:1234567890123456:project/immtui-archive"}, true},
	{"no-permission", &imm.Error{Kind: imm.KindForbidden, Cause: imm.CauseDenied, Code: "NoPermission", StatusCode: 403, Action: "BatchGetFileMeta",
		Message: "You are not authorized to do this action.", RequestId: "5E1F0C2A-0005-4000-8000-000000000005",
		AuthAction: "imm:BatchGetFileMeta", AuthResource: "acs:imm:cn-hangzhou:1234567890123456:project/family"}, true},
	{"project-not-found", &imm.Error{Kind: imm.KindNotFound, Cause: imm.CauseProjectNotFound, Code: "ResourceNotFound", StatusCode: 404, Action: "QueryFigureClusters",
		Message: "The specified resource project is not found.", RequestId: "5E1F0C2A-0006-4000-8000-000000000006", Project: "famliy", Dataset: "photos", NotFound: "project"}, true},
	{"dataset-not-found", &imm.Error{Kind: imm.KindNotFound, Cause: imm.CauseDatasetNotFound, Code: "ResourceNotFound", StatusCode: 404, Action: "QueryFigureClusters",
		Message: "The specified resource dataset is not found.", RequestId: "5E1F0C2A-0007-4000-8000-000000000007", Project: "family", Dataset: "phtos", NotFound: "dataset"}, true},
	{"throttled", &imm.Error{Kind: imm.KindThrottled, Cause: imm.CauseThrottled, Code: "Throttling.User", StatusCode: 400, Action: "ListProjects",
		Message: "Request was denied due to user flow control.", RequestId: "5E1F0C2A-0008-4000-8000-000000000008", Attempts: 3, Backoff: 1234 * time.Millisecond}, false},
	{"refused", &imm.Error{Kind: imm.KindNetwork, Cause: imm.CauseRefused, Action: "ListProjects", Host: "127.0.0.1:9", Attempts: 3}, false},
	{"dns", &imm.Error{Kind: imm.KindNetwork, Cause: imm.CauseDNS, Action: "ListProjects", Host: "imm.cn-hangzhou.aliyuncs.com", Region: "cn-hangzhou", Attempts: 3}, false},
	{"unreachable", &imm.Error{Kind: imm.KindNetwork, Cause: imm.CauseUnreachable, Action: "ListProjects", Host: "imm-vpc.cn-hangzhou.aliyuncs.com", Attempts: 3}, false},
	{"timeout", &imm.Error{Kind: imm.KindNetwork, Cause: imm.CauseTimeout, Action: "ListProjects", Host: "imm.cn-hangzhou.aliyuncs.com", Attempts: 3}, false},
	{"no-region-endpoint", &imm.Error{Kind: imm.KindNetwork, Cause: imm.CauseNoRegionEndpoint, Action: "ListProjects", Permanent: true,
		Host: "imm.mars-north-1.aliyuncs.com", Region: "mars-north-1"}, false},
}

// failureFrame is the browser meeting err: in the picker, or on the first
// screen of a dataset given on the command line.
func failureFrame(t *testing.T, err *imm.Error, onDataset bool, w, h int) string {
	cat := uitest.NewFakeCatalog(3)
	var edit []func(*ui.Options)
	if onDataset {
		f := uitest.NewFake(10)
		f.PageErr = err
		edit = append(edit, func(o *ui.Options) { o.Store = f })
	} else {
		cat.Err = err
	}
	s := startPicker(t, cat, nil, w, h, edit...)
	if _, _, ok := s.m.Browsed(); ok {
		t.Error("a dataset that failed would be remembered")
	}
	out := s.m.View()
	uitest.CheckFrame(t, out, w, h)
	return out
}

func TestGoldenFailureScreens(t *testing.T) {
	for _, f := range failures {
		for _, sz := range goldenSizes {
			t.Run(fmt.Sprintf("%s-%dx%d", f.name, sz[0], sz[1]), func(t *testing.T) {
				golden.RequireEqual(t, []byte(failureFrame(t, f.err, f.onDataset, sz[0], sz[1])))
			})
		}
	}
}
