package errview

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/immtui/immtui/imm"
)

var throttled = &imm.Error{Kind: imm.KindThrottled, Code: "Throttling.User", StatusCode: 400,
	Message: "Request was denied due to user flow control.", RequestId: "RID-1"}

func TestSummaryPutsCodeAndRequestIDBeforeTheMessage(t *testing.T) {
	got := Summary(fmt.Errorf("page: %w", throttled))
	want := "Throttling.User (HTTP 400), request RID-1: Request was denied due to user flow control."
	if got != want {
		t.Fatalf("Summary = %q, want %q", got, want)
	}
}

func TestLinesSayWhatHappenedWhichRequestAndWhatToDo(t *testing.T) {
	got := strings.Join(Lines(throttled), "\n")
	for _, want := range []string{"Throttling.User", "user flow control", "Request ID: RID-1", "press r to retry"} {
		if !strings.Contains(got, want) {
			t.Fatalf("Lines lack %q:\n%s", want, got)
		}
	}
}

func TestPlainErrorsAreSanitised(t *testing.T) {
	if got := Summary(errors.New("bad\x1b[2Jthing")); strings.Contains(got, "\x1b") {
		t.Fatalf("escape survived: %q", got)
	}
}

func TestCancellationIsQuiet(t *testing.T) {
	if !Quiet(context.Canceled) || !Quiet(&imm.Error{Kind: imm.KindCanceled}) || Quiet(throttled) {
		t.Fatal("Quiet misclassifies")
	}
}
