package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
)

// DemoAccountID is the Alibaba Cloud account (UID) that owns the demo
// pair, and every account that names none: it appears in RAM resource
// names (acs:imm:REGION:ACCOUNT:project/NAME).
const DemoAccountID = "1234567890123456"

// Account is one key pair the emulator accepts and what it may read: a
// RAM user whose policy allows the IMM actions on some projects
// (docs/emulator.md §1).
//
// In an accounts file (JSON, an array of these) Projects is either an
// array of project names or the string "*" (all projects, also the
// default when it is left out).
type Account struct {
	AccessKeyId     string
	AccessKeySecret string
	AccountId       string   // default DemoAccountID
	UserName        string   // shown as AccessDeniedDetail.AuthPrincipalDisplayName; default the AccessKeyId
	Projects        Projects // the projects the policy covers
	// DenyActions are actions the policy does not allow at all, written
	// as a policy writes them ("imm:ListProjects"), e.g. an account that
	// may open its projects but not list them.
	DenyActions []string `json:",omitempty"`
	// DenyCode is the code its refusals carry: "Forbidden.RAM" (default,
	// what RAM answers) or "NoPermission" (what some back ends answer for
	// a role session that lacks the permission).
	DenyCode string `json:",omitempty"`
}

// Projects is the project list of an Account: All, or the names listed.
// The zero Projects (left out of a file, or of a Config) is all projects;
// an empty, non-nil Names is none.
type Projects struct {
	All   bool
	Names []string
}

// AllProjects is the Projects of an account limited to nothing.
var AllProjects = Projects{All: true}

// UnmarshalJSON reads "*" or an array of names; null means all.
func (p *Projects) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*p = AllProjects
		return nil
	}
	var s string
	if json.Unmarshal(b, &s) == nil {
		if s != "*" {
			return fmt.Errorf(`Projects must be "*" or an array of project names, not %q`, s)
		}
		*p = AllProjects
		return nil
	}
	var names []string
	if err := json.Unmarshal(b, &names); err != nil {
		return errors.New(`Projects must be "*" or an array of project names`)
	}
	*p = Projects{Names: names}
	for _, n := range names {
		if n == "*" {
			*p = AllProjects
		}
	}
	return nil
}

// MarshalJSON writes "*" or the array of names.
func (p Projects) MarshalJSON() ([]byte, error) {
	if p.IsAll() {
		return []byte(`"*"`), nil
	}
	return json.Marshal(p.Names)
}

// IsAll reports whether p is every project.
func (p Projects) IsAll() bool { return p.All || p.Names == nil }

func (p Projects) allows(project string) bool {
	if p.IsAll() {
		return true
	}
	for _, n := range p.Names {
		if n == project {
			return true
		}
	}
	return false
}

// ParseAccounts reads the value of one `serve --accounts` flag: the path
// of an accounts file (a JSON array of Account), or one account inline as
// ID:SECRET[:ACCOUNT[:PROJECTS]], PROJECTS being "*" or names joined by
// ",". The flag may be repeated; New refuses an AccessKeyId given twice.
// Errors never quote a secret.
func ParseAccounts(spec string) ([]Account, error) {
	if spec == "" {
		return nil, errors.New("empty accounts value: give a file or ID:SECRET[:ACCOUNT[:PROJECTS]]")
	}
	if strings.Count(spec, ":") >= 1 && !fileExists(spec) {
		return parseInlineAccount(spec)
	}
	b, err := os.ReadFile(spec)
	if err != nil {
		return nil, fmt.Errorf("accounts file %q: %w", spec, errors.Unwrap(err))
	}
	var list []Account
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&list); err != nil {
		// The decoder's own text may quote a value, a secret perhaps:
		// only the offset and the kind of problem are kept.
		return nil, fmt.Errorf("accounts file %q is not a JSON array of accounts (%s)", spec, describeJSONError(err))
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("accounts file %q lists no accounts", spec)
	}
	for i := range list {
		if err := list[i].check(); err != nil {
			return nil, fmt.Errorf("accounts file %q, account %d: %v", spec, i+1, err)
		}
	}
	return list, nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func describeJSONError(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("syntax error at byte %d", se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("field %s has the wrong type, at byte %d", te.Field, te.Offset)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return "unknown field " + strings.TrimPrefix(err.Error(), "json: unknown field ")
	case strings.Contains(err.Error(), "Projects must be"):
		return `Projects must be "*" or an array of project names`
	}
	return "not valid JSON"
}

func parseInlineAccount(spec string) ([]Account, error) {
	parts := strings.SplitN(spec, ":", 4)
	a := Account{AccessKeyId: parts[0], AccessKeySecret: parts[1], Projects: AllProjects}
	if len(parts) > 2 {
		a.AccountId = parts[2]
	}
	if len(parts) > 3 && parts[3] != "*" {
		a.Projects = Projects{Names: strings.Split(parts[3], ",")}
	}
	if err := a.check(); err != nil {
		return nil, fmt.Errorf("account %q: %v", a.AccessKeyId, err)
	}
	return []Account{a}, nil
}

// check says what is wrong with one account, without quoting its secret.
func (a *Account) check() error {
	switch {
	case a.AccessKeyId == "" || a.AccessKeySecret == "":
		return errors.New("AccessKeyId and AccessKeySecret are both required")
	case strings.ContainsAny(a.AccessKeyId, ":, \t\n"):
		return errors.New("AccessKeyId must not hold spaces, commas or colons")
	case a.DenyCode != "" && a.DenyCode != codeForbiddenRAM && a.DenyCode != codeNoPermission:
		return fmt.Errorf("DenyCode must be %s or %s", codeForbiddenRAM, codeNoPermission)
	}
	for _, n := range a.Projects.Names {
		if n == "" {
			return errors.New("a project name in Projects is empty")
		}
	}
	for _, act := range a.DenyActions {
		if !strings.HasPrefix(act, "imm:") || len(act) == len("imm:") {
			return fmt.Errorf("DenyActions entry %q is not imm:ACTION", act)
		}
	}
	return nil
}

// accountSet is the accounts a server accepts, by AccessKeyId.
type accountSet map[string]*Account

// newAccountSet merges cfg's accounts: Accounts, else the one pair of
// AccessKeyID/AccessKeySecret (default the demo pair) with all projects.
func newAccountSet(cfg Config) (accountSet, error) {
	list := cfg.Accounts
	if len(list) == 0 {
		id, secret := cfg.AccessKeyID, cfg.AccessKeySecret
		if id == "" {
			id, secret = DemoAccessKeyID, DemoAccessKeySecret
		}
		list = []Account{{AccessKeyId: id, AccessKeySecret: secret, Projects: AllProjects}}
	} else if cfg.AccessKeyID != "" {
		return nil, errors.New("emulator: give Accounts or AccessKeyID/AccessKeySecret, not both")
	}
	set := make(accountSet, len(list))
	for i := range list {
		a := list[i] // a copy: the caller's slice stays theirs
		if err := a.check(); err != nil {
			return nil, fmt.Errorf("emulator: Accounts[%d]: %v", i, err)
		}
		if set[a.AccessKeyId] != nil {
			return nil, fmt.Errorf("emulator: Accounts[%d]: AccessKeyId %q is listed twice", i, a.AccessKeyId)
		}
		if a.AccountId == "" {
			a.AccountId = DemoAccountID
		}
		if a.UserName == "" {
			a.UserName = a.AccessKeyId
		}
		if a.DenyCode == "" {
			a.DenyCode = codeForbiddenRAM
		}
		set[a.AccessKeyId] = &a
	}
	return set, nil
}

func (s accountSet) secrets() map[string]string {
	out := make(map[string]string, len(s))
	for id, a := range s {
		out[id] = a.AccessKeySecret
	}
	return out
}

const (
	codeForbiddenRAM = "Forbidden.RAM"
	codeNoPermission = "NoPermission"
	// ramMessage is RAM's own sentence for a refusal (docs/api.md §5.1).
	ramMessage = "User not authorized to operate on the specified resource, or this API doesn't support RAM."
)

// accessDeniedDetail is the AccessDeniedDetail object Alibaba Cloud's
// gateway adds to a RAM refusal. It names the action, not the resource:
// a client builds the resource name from the action's ProjectName, its
// region and AuthPrincipalOwnerId.
type accessDeniedDetail struct {
	AuthAction               string
	AuthPrincipalDisplayName string
	AuthPrincipalOwnerId     string
	AuthPrincipalType        string
	NoPermissionType         string
	PolicyType               string
}

// authorize is what RAM would answer for account a calling action with
// these parameters: nil when allowed (the choices: docs/emulator.md §2). Every action but ListProjects is
// on a project (its ProjectName); an action without one is left to the
// action's own check ("ProjectName is required"). The check comes before
// the action looks anything up, as RAM's does: a project outside the
// policy is refused whether it exists or not.
func (a *Account) authorize(action string, project string) *deniedError {
	denied := func() *deniedError {
		return &deniedError{
			apiError: apiError{http.StatusForbidden, a.DenyCode, ramMessage},
			detail: accessDeniedDetail{
				AuthAction: "imm:" + action, AuthPrincipalDisplayName: a.UserName, AuthPrincipalOwnerId: a.AccountId,
				AuthPrincipalType: "SubUser", NoPermissionType: "ImplicitDeny", PolicyType: "AccountLevelIdentityBasedPolicy",
			},
		}
	}
	for _, d := range a.DenyActions {
		if d == "imm:"+action || d == "imm:*" {
			return denied()
		}
	}
	if action == "ListProjects" || project == "" {
		return nil
	}
	if !a.Projects.allows(project) {
		return denied()
	}
	return nil
}

// deniedError is a RAM refusal: an apiError with its AccessDeniedDetail.
type deniedError struct {
	apiError
	detail accessDeniedDetail
}

// The second demo account: it may open only the default demo project, so
// a Forbidden.RAM answer can be tried with no account (public on purpose,
// like the demo pair).
const (
	DemoLimitedAccessKeyID     = "LTAI-immtui-limited"
	DemoLimitedAccessKeySecret = "immtui-limited-secret"
)

// DemoAccounts are the accounts of the multi-project demo: the demo pair,
// which may read every project, and the limited pair, which may read only
// project (the default demo project, dataset.DefaultProject).
func DemoAccounts(project string) []Account {
	return []Account{
		{AccessKeyId: DemoAccessKeyID, AccessKeySecret: DemoAccessKeySecret, AccountId: DemoAccountID, UserName: "immtui-demo", Projects: AllProjects},
		{AccessKeyId: DemoLimitedAccessKeyID, AccessKeySecret: DemoLimitedAccessKeySecret, AccountId: DemoAccountID, UserName: "immtui-limited",
			Projects: Projects{Names: []string{project}}},
	}
}
