package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/immtui/immtui/imm"
)

// An IMM error sent with HTTP 200 is an error with its code, message and
// request id, classified by code, not an empty page.
func TestIMMErrorBodyWithStatus200IsAnError(t *testing.T) {
	calls := map[string]func(*Client) error{
		"QueryFigureClusters": func(c *Client) error {
			_, err := c.QueryFigureClusters(context.Background(), imm.QueryFigureClustersRequest{ProjectName: "p", DatasetName: "d"})
			return err
		},
		"QueryFigureClusters/CoverURIOnly": func(c *Client) error {
			_, err := c.QueryFigureClusters(context.Background(), imm.QueryFigureClustersRequest{ProjectName: "p", DatasetName: "d", CoverURIOnly: true})
			return err
		},
		"BatchGetFileMeta": func(c *Client) error {
			_, err := c.BatchGetFileMeta(context.Background(), imm.BatchGetFileMetaRequest{ProjectName: "p", DatasetName: "d", URIs: []string{"oss://b/a"}})
			return err
		},
		"SimpleQuery": func(c *Client) error {
			_, err := c.SimpleQuery(context.Background(), imm.SimpleQueryRequest{ProjectName: "p", DatasetName: "d"})
			return err
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			f := newFakeIMM(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				writeJSON(w, 200, map[string]string{"Code": "Forbidden.RAM", "Message": "User not authorized\x1b[2J", "RequestId": "RID-200"})
			})
			c := newTestClient(t, f)
			err := call(c)
			var e *imm.Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v; want an *imm.Error", err)
			}
			if e.Kind != imm.KindForbidden || e.Code != "Forbidden.RAM" || e.RequestId != "RID-200" ||
				!strings.HasPrefix(e.Message, "User not authorized") || strings.ContainsRune(e.Message, 0x1b) {
				t.Errorf("got %#v", e)
			}
			if n := len(f.requests()); n != 1 {
				t.Errorf("%d requests; a permission error is not retried", n)
			}
		})
	}
}

func TestThrottlingIn200IsRetriedLikeAny(t *testing.T) {
	f := newFakeIMM(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			writeJSON(w, 200, map[string]string{"Code": "Throttling.User", "Message": "slow down", "RequestId": "RID-1"})
			return
		}
		okFiles(w, r, n)
	})
	c := newTestClient(t, f)
	res, err := c.SimpleQuery(context.Background(), imm.SimpleQueryRequest{ProjectName: "p", DatasetName: "d"})
	if err != nil || len(res.Files) != 1 || len(f.requests()) != 2 {
		t.Fatalf("got %v, %v after %d requests; want the second attempt's files", res, err, len(f.requests()))
	}
}

// A success that happens to hold a "Code" key (a label, an unknown field)
// is still a success.
func TestSuccessMentioningCodeIsNotAnError(t *testing.T) {
	f := newFakeIMM(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, 200, map[string]any{"Code": "OK", "RequestId": "RID", "FigureClusters": []any{}, "Note": map[string]string{"Code": "x"}})
	})
	c := newTestClient(t, f)
	res, err := c.QueryFigureClusters(context.Background(), imm.QueryFigureClustersRequest{ProjectName: "p", DatasetName: "d"})
	if err != nil || res.RequestId != "RID" {
		t.Fatalf("got %v, %v", res, err)
	}
}
