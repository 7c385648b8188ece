package emulator

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
)

// params reads an action's parameters from the URL query, where the SDK
// puts them: scalars as strings, arrays and objects as JSON strings under
// the parameter's own name (docs/api.md §1.0). The first problem found is
// kept in err, so a handler reads every parameter and checks once.
type params struct {
	v   url.Values
	err *apiError
	// ctx carries the request's deadline (Limits.RequestTimeout) to the
	// loops that scan data; nil in tests that build params by hand.
	ctx context.Context
}

// deadline is the check for a scanning loop of this request.
func (p *params) deadline() *deadlineCheck { return &deadlineCheck{ctx: p.ctx} }

func (p *params) fail(e *apiError) {
	if p.err == nil {
		p.err = e
	}
}

func (p *params) str(name string) string { return p.v.Get(name) }

// required returns a parameter that must be present and non-empty.
func (p *params) required(name string) string {
	s := p.v.Get(name)
	if s == "" {
		p.fail(errMissing(name))
	}
	return s
}

// maxResults reads MaxResults in 0..limit; 0 or absent means def.
func (p *params) maxResults(limit, def int) int {
	s := p.v.Get("MaxResults")
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		p.fail(errInvalid("MaxResults", "it must be an integer"))
		return def
	}
	if n < 0 || n > limit {
		p.fail(errInvalid("MaxResults", "it must be between 0 and "+strconv.Itoa(limit)))
		return def
	}
	if n == 0 {
		return def
	}
	return n
}

// boolean reads "true"/"false"; absent or empty is false.
func (p *params) boolean(name string) bool {
	s := p.v.Get(name)
	if s == "" {
		return false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		p.fail(errInvalid(name, "it must be true or false"))
	}
	return b
}

// stringList reads a JSON array of strings. Absent or empty means nil.
func (p *params) stringList(name string) []string {
	s := p.v.Get(name)
	if s == "" {
		return nil
	}
	var out []string
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		p.fail(errInvalidJSON(name, true))
		return nil
	}
	return out
}

// object decodes a JSON object or array parameter into dst and reports
// whether it was present.
func (p *params) object(name string, dst any, array bool) bool {
	s := p.v.Get(name)
	if s == "" {
		return false
	}
	if err := json.Unmarshal([]byte(s), dst); err != nil {
		p.fail(errInvalidJSON(name, array))
		return false
	}
	return true
}

// order reads one asc/desc word; empty gives def.
func parseOrder(name, s string, def bool) (desc bool, e *apiError) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return def, nil
	case "asc":
		return false, nil
	case "desc":
		return true, nil
	}
	return false, errInvalid(name, "it must be asc or desc, not "+quote(s))
}

// requestedDataset is the dataset a request names, once its parameters are
// read: a parameter's error comes first (a malformed request is refused
// before anything is looked up), then the dataset's.
func (s *Server) requestedDataset(p *params, project, dataset string) (*datasetEntry, *apiError) {
	if p.err != nil {
		return nil, p.err
	}
	return s.data.dataset(project, dataset)
}
