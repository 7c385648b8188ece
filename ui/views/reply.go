package views

import "github.com/immtui/immtui/ui/widgets/errview"

// The one reply rule of the screens: a reply is kept only if it carries
// the id of the request still awaited (docs/architecture.md, request ids);
// the answer clears that id; its failure is kept unless it is quiet (a
// cancellation: the user left, nothing to say); its success clears the
// failure kept before.

// takeReply reports whether a reply is the answer *pending waits for and
// succeeded: answers, then keepFailure.
func takeReply(pending *int64, req int64, err error, failed *error) bool {
	return answers(pending, req) && keepFailure(err, failed)
}

// answers reports whether req is the request *pending waits for, and then
// clears *pending. A reply with another id (a superseded request) is not.
// For a view that does something with every answer, failed or not,
// before keepFailure.
func answers(pending *int64, req int64) bool {
	if req == 0 || req != *pending {
		return false
	}
	*pending = 0
	return true
}

// keepFailure reports whether an answer succeeded. A failure is kept in
// *failed unless it is quiet; a success clears *failed.
func keepFailure(err error, failed *error) bool {
	if err != nil {
		if !errview.Quiet(err) {
			*failed = err
		}
		return false
	}
	*failed = nil
	return true
}
