package emulator_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/imm"
)

// Each failure a person meets, produced by the emulator over real HTTP
// and classified by the real client: the Cause, the fields its screen
// shows, a hint that says what to do, and no secret anywhere.

func TestUnknownAccessKey(t *testing.T) {
	r := startMany(t, nil)
	c := clientAs(t, r, "LTAI-nobody", fullSecret, nil)
	_, err := c.ListProjects(context.Background(), imm.ListProjectsRequest{})
	e := clientError(t, r, err, imm.KindAuth, "InvalidAccessKeyId.NotFound")
	if e.Cause != imm.CauseUnknownKey || e.Attempts != 1 || !strings.Contains(e.Hint(), "AccessKey ID") {
		t.Errorf("cause %v attempts %d hint %q", e.Cause, e.Attempts, e.Hint())
	}
	noSecrets(t, e)
}

func TestWrongSecret(t *testing.T) {
	r := startMany(t, nil)
	const wrong = "not-the-secret-1b2c"
	c := clientAs(t, r, fullKey, wrong, nil)
	_, err := c.GetDataset(context.Background(), imm.GetDatasetRequest{ProjectName: manyProject(1), DatasetName: "photos"})
	e := clientError(t, r, err, imm.KindAuth, "SignatureDoesNotMatch")
	if e.Cause != imm.CauseBadSecret || !strings.Contains(e.Hint(), "secret does not match") {
		t.Errorf("cause %v hint %q", e.Cause, e.Hint())
	}
	noSecrets(t, e, wrong)
}

func TestClockSkewIsMeasuredFromTheServersDate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		shift time.Duration // the server's clock minus ours
		word  string
	}{
		{"our clock ahead", -40 * time.Minute, "ahead of IMM's"},
		{"our clock behind", 2 * time.Hour, "behind IMM's"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := startMany(t, func(cfg *emulator.Config) { cfg.Now = shifted(tc.shift) })
			c := clientAs(t, r, fullKey, fullSecret, nil)
			_, err := c.ListProjects(context.Background(), imm.ListProjectsRequest{})
			e := clientError(t, r, err, imm.KindAuth, "InvalidTimeStamp.Expired")
			if e.Cause != imm.CauseClockSkew || e.Attempts != 1 {
				t.Errorf("cause %v attempts %d", e.Cause, e.Attempts)
			}
			// The Date header has whole seconds: compare to the minute.
			if got := e.ClockSkew.Round(time.Minute); got != tc.shift {
				t.Errorf("ClockSkew %v, want about %v", e.ClockSkew, tc.shift)
			}
			if h := e.Hint(); !strings.Contains(h, tc.word) || !strings.Contains(h, "clock") {
				t.Errorf("hint %q does not say the clock is %s", h, tc.word)
			}
			noSecrets(t, e)
		})
	}
}

func TestMissingProjectAndDatasetSayWhich(t *testing.T) {
	r := startMany(t, nil)
	c := clientAs(t, r, fullKey, fullSecret, nil)
	ctx := context.Background()

	_, err := c.QueryFigureClusters(ctx, imm.QueryFigureClustersRequest{ProjectName: manyProject(1), DatasetName: "gone"})
	e := clientError(t, r, err, imm.KindNotFound, "ResourceNotFound")
	if e.Cause != imm.CauseDatasetNotFound || e.NotFound != "dataset" || e.Project != manyProject(1) || e.Dataset != "gone" {
		t.Errorf("cause %v notfound %q project %q dataset %q", e.Cause, e.NotFound, e.Project, e.Dataset)
	}
	if h := e.Hint(); !strings.Contains(h, `"gone"`) || !strings.Contains(h, "dataset list") {
		t.Errorf("hint %q", h)
	}

	_, err = c.ListDatasets(ctx, imm.ListDatasetsRequest{ProjectName: "proj-nope"})
	e = clientError(t, r, err, imm.KindNotFound, "ResourceNotFound")
	if e.Cause != imm.CauseProjectNotFound || e.NotFound != "project" || e.Project != "proj-nope" || !strings.Contains(e.Hint(), "project list") {
		t.Errorf("cause %v notfound %q project %q hint %q", e.Cause, e.NotFound, e.Project, e.Hint())
	}
	noSecrets(t, e)
}

func TestThrottlingSaysHowLongItBackedOff(t *testing.T) {
	r := startMany(t, func(cfg *emulator.Config) { cfg.Faults = emulator.Faults{Throttle: 1} })
	c := clientAs(t, r, fullKey, fullSecret, func(cfg *client.Config) {
		cfg.MaxAttempts = 3
		cfg.Rand = rand.New(rand.NewPCG(1, 2)) // the waits are drawn from it: fixed
	})
	_, err := c.ListProjects(context.Background(), imm.ListProjectsRequest{})
	e := clientError(t, r, err, imm.KindThrottled, "Throttling.User")
	if e.Cause != imm.CauseThrottled || e.Attempts != 3 || e.Backoff <= 0 {
		t.Fatalf("cause %v attempts %d backoff %v", e.Cause, e.Attempts, e.Backoff)
	}
	if n := len(r.Calls()); n != 3 {
		t.Errorf("%d calls, want 3", n)
	}
	waited := e.Backoff.Round(time.Millisecond).String()
	if !strings.Contains(e.Error(), "backed off "+waited) || !strings.Contains(e.Hint(), "waited "+waited) {
		t.Errorf("error %q / hint %q do not say it waited %s", e.Error(), e.Hint(), waited)
	}
	noSecrets(t, e)
}

func TestConnectionRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	c, err := client.New(client.Config{Endpoint: "http://" + addr, AccessKeyID: fullKey, AccessKeySecret: fullSecret, MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = c.ListProjects(context.Background(), imm.ListProjectsRequest{})
	var e *imm.Error
	if !errors.As(err, &e) || e.Kind != imm.KindNetwork || e.Cause != imm.CauseRefused || e.Host != "127.0.0.1" {
		t.Fatalf("got %#v", err)
	}
	if !strings.Contains(e.Message, "connection refused") || !strings.Contains(e.Hint(), "immtui serve") || !e.Retryable() {
		t.Errorf("message %q hint %q", e.Message, e.Hint())
	}
	noSecrets(t, e)
}

func TestTimeout(t *testing.T) {
	r := startMany(t, func(cfg *emulator.Config) { cfg.Faults = emulator.Faults{Latency: time.Minute} })
	c := clientAs(t, r, fullKey, fullSecret, func(cfg *client.Config) {
		cfg.MaxAttempts = 1
		cfg.ReadTimeout = 50 * time.Millisecond
	})
	_, err := c.ListProjects(context.Background(), imm.ListProjectsRequest{})
	var e *imm.Error
	if !errors.As(err, &e) || e.Kind != imm.KindNetwork || e.Cause != imm.CauseTimeout {
		t.Fatalf("got %#v", err)
	}
	if !strings.Contains(e.Message, "timed out") || !strings.Contains(e.Hint(), "in time") {
		t.Errorf("message %q hint %q", e.Message, e.Hint())
	}
	noSecrets(t, e)
}

func TestEveryReplyHasTheEmulatorClocksDate(t *testing.T) {
	shift := 3 * time.Hour
	r := startMany(t, func(cfg *emulator.Config) { cfg.Now = shifted(shift) })
	raw := newRaw(t, r)
	raw.keyID, raw.secret, raw.now = fullKey, fullSecret, time.Now().Add(shift)
	for _, action := range []string{"ListProjects", "NoSuchAction"} {
		res := raw.call(action, nil)
		d, err := time.Parse(http.TimeFormat, res.Header.Get("Date"))
		if err != nil {
			t.Fatalf("%s: Date %q: %v", action, res.Header.Get("Date"), err)
		}
		if got := time.Until(d).Round(time.Hour); got != shift {
			t.Errorf("%s: Date is %v from now, want %v", action, got, shift)
		}
	}
}

func TestRAMRefusalBodyCarriesAccessDeniedDetail(t *testing.T) {
	r := startMany(t, nil)
	raw := newRaw(t, r)
	raw.keyID, raw.secret = limitedKey, limitedSecret
	res := raw.call("GetProject", map[string]any{"ProjectName": manyProject(2)})
	detail, _ := res.Body["AccessDeniedDetail"].(map[string]any)
	if res.Status != http.StatusForbidden || res.Body["Code"] != "Forbidden.RAM" ||
		res.Body["Message"] != "User not authorized to operate on the specified resource, or this API doesn't support RAM." {
		t.Fatalf("got %d %s", res.Status, res.Raw)
	}
	if detail["AuthAction"] != "imm:GetProject" || detail["AuthPrincipalOwnerId"] != limitedAccount || detail["NoPermissionType"] != "ImplicitDeny" {
		t.Errorf("AccessDeniedDetail %v", detail)
	}
	if strings.Contains(string(res.Raw), limitedSecret) {
		t.Error("the refusal quotes the secret")
	}
}
