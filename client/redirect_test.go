package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/immtui/immtui/imm"
)

// A redirect to another host is not followed: the other host gets nothing
// (not the signed request), and the error names it and says what to do.
func TestRedirectToAnotherHostIsNotFollowed(t *testing.T) {
	other := newFakeIMM(t, okFiles)
	otherHost := other.srv.Listener.Addr().String()
	for _, status := range []int{301, 302, 307, 308} {
		f := newFakeIMM(t, func(w http.ResponseWriter, r *http.Request, _ int) {
			http.Redirect(w, r, other.srv.URL+"/?stolen=1", status)
		})
		c := newTestClient(t, f, func(cfg *Config) { cfg.MaxAttempts = 3 })
		res, err := c.BatchGetFileMeta(context.Background(), imm.BatchGetFileMetaRequest{ProjectName: "p", DatasetName: "d", URIs: []string{"oss://b/a"}})
		var e *imm.Error
		if res != nil || !errors.As(err, &e) {
			t.Fatalf("%d: got %v, %v; want an error", status, res, err)
		}
		if !strings.Contains(e.Message, "redirected") || !strings.Contains(e.Message, otherHost) ||
			!strings.Contains(e.Message, "does not follow redirects") || !strings.Contains(e.Message, "--endpoint") {
			t.Errorf("%d: message %q should name %s and say what to do", status, e.Message, otherHost)
		}
		if e.Retryable() || len(f.requests()) != 1 {
			t.Errorf("%d: retryable %v after %d requests; a redirect is not worth repeating", status, e.Retryable(), len(f.requests()))
		}
	}
	if n := len(other.requests()); n != 0 {
		t.Fatalf("the redirect target got %d requests", n)
	}
}

func TestRedirectWithinTheSameHostIsNotFollowedEither(t *testing.T) {
	f := newFakeIMM(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.Path == "/" {
			http.Redirect(w, r, "/elsewhere", http.StatusFound)
			return
		}
		okFiles(w, r, n)
	})
	c := newTestClient(t, f)
	_, err := c.GetFileMeta(context.Background(), imm.GetFileMetaRequest{URI: "u"})
	if err == nil || !strings.Contains(err.Error(), "another path") {
		t.Fatalf("got %v; want a redirect error", err)
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("%d requests; the redirect was followed", n)
	}
}
