package state

import "fmt"

// NotFoundError says the API answered a batch call without the file or
// cluster asked for: it was deleted, never indexed, or belongs elsewhere.
type NotFoundError struct {
	Kind    string // "file" or "figure cluster"
	ID      string // the URI or cluster ID asked for
	Project string
	Dataset string
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("%s %q is not in dataset %q of project %q: it may have been deleted or not indexed yet; reload to check again",
		e.Kind, e.ID, e.Dataset, e.Project)
}

func (s *Store) fileNotFound(uri string) error {
	return &NotFoundError{Kind: "file", ID: uri, Project: s.project, Dataset: s.dataset}
}

func (s *Store) clusterNotFound(id string) error {
	return &NotFoundError{Kind: "figure cluster", ID: id, Project: s.project, Dataset: s.dataset}
}
