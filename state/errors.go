package state

import (
	"fmt"

	"github.com/immtui/immtui/safetext"
)

// NotFoundError says the API answered a batch call without the file or
// cluster asked for: it was deleted, never indexed, or belongs elsewhere.
type NotFoundError struct {
	Kind    string // "file" or "figure cluster"
	ID      string // the URI or cluster ID asked for
	Project string
	Dataset string
}

func (e *NotFoundError) Error() string {
	// IDs come from decoded answers and are already shown escaped
	// (`\x1b`); %q would escape the backslash again and the message would
	// name an ID that matches nothing on screen. Line keeps it safe and
	// unchanged.
	return fmt.Sprintf("%s \"%s\" is not in dataset %q of project %q: it may have been deleted or not indexed yet; reload to check again",
		e.Kind, safetext.Line(e.ID), e.Dataset, e.Project)
}

func (s *Store) fileNotFound(uri string) error {
	return &NotFoundError{Kind: "file", ID: uri, Project: s.project, Dataset: s.dataset}
}

func (s *Store) clusterNotFound(id string) error {
	return &NotFoundError{Kind: "figure cluster", ID: id, Project: s.project, Dataset: s.dataset}
}
