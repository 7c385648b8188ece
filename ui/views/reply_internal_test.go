package views

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/immtui/immtui/imm"
)

func TestTakeReplyKeepsOnlyTheAnswerItWaitsFor(t *testing.T) {
	failure := errors.New("boom")
	for _, tc := range []struct {
		name        string
		pending     int64
		req         int64
		err         error
		want        bool
		wantPending int64
		wantErr     error
	}{
		{name: "the answer", pending: 7, req: 7, want: true},
		{name: "a superseded reply", pending: 7, req: 6, wantPending: 7},
		{name: "a late reply after the answer", pending: 0, req: 7},
		{name: "a failure", pending: 7, req: 7, err: failure, wantErr: failure},
		{name: "a cancellation", pending: 7, req: 7, err: fmt.Errorf("fetch: %w", context.Canceled)},
		{name: "a cancelled call", pending: 7, req: 7, err: &imm.Error{Kind: imm.KindCanceled}},
		{name: "a failure of a superseded request", pending: 7, req: 6, err: failure, wantPending: 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pending, failed := tc.pending, error(nil)
			got := takeReply(&pending, tc.req, tc.err, &failed)
			if got != tc.want || pending != tc.wantPending || failed != tc.wantErr {
				t.Errorf("takeReply(pending %d, req %d, %v) = %v, pending %d, failed %v; want %v, pending %d, failed %v",
					tc.pending, tc.req, tc.err, got, pending, failed, tc.want, tc.wantPending, tc.wantErr)
			}
		})
	}
}
