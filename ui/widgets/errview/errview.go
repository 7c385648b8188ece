// Package errview words errors for the screen: what happened (IMM's code
// and message), which request it was (the request id support asks for) and
// what to do about it.
package errview

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/safetext"
)

// Quiet reports errors the user caused by moving on (a cancelled request);
// they are not shown.
func Quiet(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return true
	}
	var ce *imm.Error
	return errors.As(err, &ce) && ce.Kind == imm.KindCanceled
}

// Summary is the error on one line for the status bar, the parts that
// identify it first so a narrow screen cuts the message, not the id:
// "Code (HTTP 503), request RID: message".
func Summary(err error) string {
	if err == nil {
		return ""
	}
	var ce *imm.Error
	if !errors.As(err, &ce) {
		return safetext.Line(err.Error())
	}
	var b strings.Builder
	if ce.Code == "" && ce.Cause != imm.CauseNone {
		b.WriteString(Explain(err).Title) // "Nothing answers at ...", not "network"
	} else {
		b.WriteString(code(ce))
	}
	if ce.RequestId != "" {
		b.WriteString(", request ")
		b.WriteString(ce.RequestId)
	}
	if ce.Message != "" {
		b.WriteString(": ")
		b.WriteString(ce.Message)
	}
	return safetext.Line(b.String())
}

// Lines is the error in full for a view's body: its screen (Explain),
// one item per line, unwrapped (the caller wraps to its width).
func Lines(err error) []string {
	if err == nil {
		return nil
	}
	return Explain(err).Lines()
}

func code(ce *imm.Error) string {
	if ce.Code != "" {
		if ce.StatusCode != 0 {
			return ce.Code + " (HTTP " + strconv.Itoa(ce.StatusCode) + ")"
		}
		return ce.Code
	}
	return ce.Kind.String()
}
