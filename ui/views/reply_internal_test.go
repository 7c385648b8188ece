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
		before      error // the failure kept from an earlier answer
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
		{name: "an answer after a failure", pending: 7, req: 7, before: failure, want: true},
		{name: "a cancellation after a failure", pending: 7, req: 7, before: failure, err: context.Canceled, wantErr: failure},
		{name: "a reply without an id while nothing is awaited", pending: 0, req: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pending, failed := tc.pending, tc.before
			got := takeReply(&pending, tc.req, tc.err, &failed)
			if got != tc.want || pending != tc.wantPending || failed != tc.wantErr {
				t.Errorf("takeReply(pending %d, req %d, %v) = %v, pending %d, failed %v; want %v, pending %d, failed %v",
					tc.pending, tc.req, tc.err, got, pending, failed, tc.want, tc.wantPending, tc.wantErr)
			}
		})
	}
}

// A view that acts on every answer (its header says loading, failed or
// the data) needs to tell a superseded reply from a failed answer.
func TestAnswersTellsASupersededReplyFromAFailedAnswer(t *testing.T) {
	failure := errors.New("boom")
	pending, failed := int64(7), error(nil)
	if answers(&pending, 6) || pending != 7 {
		t.Fatalf("a superseded reply answered: pending %d", pending)
	}
	if !answers(&pending, 7) || pending != 0 {
		t.Fatalf("the awaited reply did not answer: pending %d", pending)
	}
	if keepFailure(failure, &failed) || failed != failure {
		t.Fatalf("keepFailure(failure) kept %v", failed)
	}
	if answers(&pending, 7) {
		t.Fatal("a second reply with the same id answered again")
	}
}
