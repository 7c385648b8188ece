package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/alibabacloud-go/tea/tea"
	"github.com/aliyun/credentials-go/credentials"
	"github.com/immtui/immtui/imm"
)

func TestErrorCodesClassifyIntoKinds(t *testing.T) {
	cases := []struct {
		status int
		code   string
		want   imm.Kind
	}{
		{400, "Throttling.User", imm.KindThrottled},
		{400, "Throttling.Api", imm.KindThrottled},
		{400, "Throttling", imm.KindThrottled},
		{400, "SignatureDoesNotMatch", imm.KindAuth},
		{403, "SignatureDoesNotMatch", imm.KindAuth},
		{400, "IncompleteSignature", imm.KindAuth},
		{404, "InvalidAccessKeyId.NotFound", imm.KindAuth},
		{400, "InvalidAccessKeyId.Inactive", imm.KindAuth},
		{400, "InvalidTimeStamp.Expired", imm.KindAuth},
		{400, "InvalidTimeStamp.Format", imm.KindAuth},
		{400, "SignatureNonceUsed", imm.KindAuth},
		{403, "Forbidden.RAM", imm.KindForbidden},
		{403, "Forbidden", imm.KindForbidden},
		{403, "NoPermission", imm.KindForbidden},
		{404, "ResourceNotFound", imm.KindNotFound},
		{400, "ResourceNotFound", imm.KindNotFound},
		{404, "InvalidApi.NotFound", imm.KindNotFound},
		{400, "InvalidProject.NotFound", imm.KindNotFound},
		{400, "InvalidArgument", imm.KindInvalidArgument},
		{400, "InvalidMaxResults", imm.KindInvalidArgument},
		{400, "MissingProjectName", imm.KindInvalidArgument},
		{400, "InvalidJSON", imm.KindInvalidArgument},
		{400, "LimitExceededError", imm.KindInvalidArgument},
		{500, "InternalError", imm.KindServer},
		{503, "ServiceUnavailable", imm.KindServer},
		{502, "SomethingNew", imm.KindServer},
		{418, "SomethingNew", imm.KindUnknown},
	}
	for _, tc := range cases {
		t.Run(tc.code+"/"+http.StatusText(tc.status), func(t *testing.T) {
			f := newFakeIMM(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				writeIMMError(w, tc.status, tc.code, "msg for "+tc.code+"\x1b[2J", "RID-"+tc.code)
			})
			c := newTestClient(t, f, func(cfg *Config) { cfg.MaxAttempts = 1 })
			_, err := c.GetDataset(context.Background(), imm.GetDatasetRequest{ProjectName: "p", DatasetName: "d"})
			var e *imm.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %v is not *imm.Error", err, err)
			}
			if e.Kind != tc.want || e.Code != tc.code || e.StatusCode != tc.status || e.RequestId != "RID-"+tc.code || e.Action != "GetDataset" {
				t.Errorf("got kind=%v code=%q status=%d rid=%q action=%q", e.Kind, e.Code, e.StatusCode, e.RequestId, e.Action)
			}
			if strings.ContainsRune(e.Message, 0x1b) || !strings.HasPrefix(e.Message, "msg for "+tc.code) {
				t.Errorf("message %q not sanitised or lost", e.Message)
			}
			if s := e.Error(); !strings.Contains(s, tc.code) || !strings.Contains(s, "RID-"+tc.code) || strings.Contains(s, testSecret) {
				t.Errorf("Error() = %q", s)
			}
			if e.Hint() == "" {
				t.Error("no hint")
			}
		})
	}
}

func TestErrorStringHasTheAgreedShape(t *testing.T) {
	e := &imm.Error{Kind: imm.KindThrottled, Action: "QueryFigureClusters", Code: "Throttling.User",
		Message: "Request was denied due to user flow control.", StatusCode: 400, RequestId: "7F84", Attempts: 1}
	want := "QueryFigureClusters: Throttling.User: Request was denied due to user flow control. (HTTP 400, request 7F84)"
	if got := e.Error(); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if !e.Retryable() {
		t.Error("throttling must be retryable")
	}
}

func TestSecretNeverAppearsInErrors(t *testing.T) {
	f := newFakeIMM(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		// A server (or proxy) that echoes the secret back must not get it on screen.
		writeIMMError(w, 400, "SignatureDoesNotMatch", "expected signature with key "+testSecret, "RID")
	})
	c := newTestClient(t, f, func(cfg *Config) { cfg.MaxAttempts = 1 })
	_, err := c.ListProjects(context.Background(), imm.ListProjectsRequest{})
	if err == nil || strings.Contains(err.Error(), testSecret) {
		t.Fatalf("error %q holds the secret", err)
	}
	var e *imm.Error
	if !errors.As(err, &e) || e.Kind != imm.KindAuth || strings.Contains(e.Message, testSecret) {
		t.Fatalf("got %#v", err)
	}
}

// failingCredential stands for a provider that fails with a message
// quoting what it read, as credentials-go does with a broken config file.
type failingCredential struct{ credentials.Credential }

const providerLeak = "unmarshal failed: {\"access_key_secret\":\"LEAKED-SECRET-1234\""

func (failingCredential) GetCredential() (*credentials.CredentialModel, error) {
	return nil, errors.New(providerLeak)
}

func TestCredentialProviderFailureIsAnAuthErrorInOurOwnWords(t *testing.T) {
	f := newFakeIMM(t, okFiles)
	c := newTestClient(t, f, func(cfg *Config) {
		cfg.AccessKeyID, cfg.AccessKeySecret = "", ""
		cfg.Credential = failingCredential{}
	})
	_, err := c.GetFileMeta(context.Background(), imm.GetFileMetaRequest{URI: "u"})
	var e *imm.Error
	if !errors.As(err, &e) || e.Kind != imm.KindAuth || e.Retryable() {
		t.Fatalf("got %v, want a non-retryable auth error", err)
	}
	for inner := error(e); inner != nil; inner = errors.Unwrap(inner) {
		if strings.Contains(inner.Error(), "LEAKED-SECRET") {
			t.Fatalf("the provider's text reached the error chain: %q", inner.Error())
		}
	}
	if !strings.Contains(e.Message, "gave no credentials") {
		t.Errorf("message %q does not say what failed", e.Message)
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("%d requests sent without credentials", n)
	}
}

func TestSDKErrorDataYieldsRequestId(t *testing.T) {
	// Should DisableSDKError ever be unset, *tea.SDKError carries the body as
	// a JSON string in Data (docs/api.md §5.2).
	data := map[string]interface{}{"Code": "ResourceNotFound", "Message": "The specified resource dataset is not found.", "RequestId": "RID-1"}
	sdk := tea.NewSDKError(map[string]interface{}{"code": "ResourceNotFound", "statusCode": 404, "message": "code: 404, ... secret " + testSecret, "data": data})
	if !strings.Contains(tea.StringValue(sdk.Data), `"RequestId":"RID-1"`) {
		t.Fatalf("Data is %q", tea.StringValue(sdk.Data))
	}
	var c Client
	c.secret = testSecret
	e, _ := c.classify(context.Background(), "GetDataset", sdk, nil)
	if e.Kind != imm.KindNotFound || e.RequestId != "RID-1" || e.StatusCode != 404 || e.Message != "The specified resource dataset is not found." {
		t.Errorf("got %+v", e)
	}
	if strings.Contains(e.Error(), testSecret) {
		t.Error("secret leaked")
	}
}

func TestKindNamesAreReadable(t *testing.T) {
	for k := imm.KindUnknown; k <= imm.KindCanceled; k++ {
		if s := k.String(); s == "" || strings.HasPrefix(s, "Kind(") {
			t.Errorf("kind %d has no name", k)
		}
	}
	if imm.Kind(99).String() != "Kind(99)" {
		t.Error("out of range kind")
	}
}
