package views

import "github.com/immtui/immtui/ui/widgets/errview"

// takeReply reports whether a reply is the answer *pending waits for and
// succeeded. A reply with another id (a superseded request) is dropped;
// the answer clears *pending, and its failure is kept in *failed unless it
// is quiet (a cancellation: the user left, nothing to say).
func takeReply(pending *int64, req int64, err error, failed *error) bool {
	if req != *pending {
		return false
	}
	*pending = 0
	if err != nil {
		if !errview.Quiet(err) {
			*failed = err
		}
		return false
	}
	return true
}
