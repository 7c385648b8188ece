package main

import (
	"errors"
	"strings"

	"github.com/immtui/immtui/emulator"
)

// `immtui serve --accounts` (repeatable): each value is an accounts file
// (a JSON array of emulator.Account) or one account inline,
// ID:SECRET[:ACCOUNT[:PROJECTS]]. The flag is wired where serve's flags
// are declared: fs.Var(&accounts, "accounts", accountsUsage); after
// parsing, accounts.Err() is a usage error (exit 2) when not nil, and
// emulator.Config{Accounts: accounts.list} (leaving AccessKeyID empty).

const accountsUsage = "serve these accounts: an accounts `FILE` (JSON: [{\"AccessKeyId\",\"AccessKeySecret\",\"AccountId\",\"Projects\":[\"p1\"] or \"*\"}]) " +
	"or ID:SECRET[:ACCOUNT[:PROJECTS]] with PROJECTS \"*\" or p1,p2; repeatable"

// accountsFlag collects the values of --accounts. It is a flag.Value and
// a pflag.Value (Type), so it serves either flag package. Set never
// fails: both packages quote the value in their error, and an inline
// value holds a secret; the first problem waits in Err, in our words.
type accountsFlag struct {
	list []emulator.Account
	err  error
}

// parseAccounts reads one --accounts value.
func parseAccounts(spec string) ([]emulator.Account, error) { return emulator.ParseAccounts(spec) }

func (f *accountsFlag) Set(v string) error {
	list, err := parseAccounts(v)
	if err != nil {
		if f.err == nil {
			f.err = errors.New("--accounts: " + err.Error())
		}
		return nil
	}
	f.list = append(f.list, list...)
	return nil
}

// Err is the first --accounts value that could not be read, or nil.
func (f *accountsFlag) Err() error { return f.err }

// String names the accounts by AccessKeyId only: flag packages print it
// in help and errors, where a secret must never appear.
func (f *accountsFlag) String() string {
	if f == nil {
		return ""
	}
	ids := make([]string, len(f.list))
	for i, a := range f.list {
		ids[i] = a.AccessKeyId
	}
	return strings.Join(ids, ",")
}

func (f *accountsFlag) Type() string { return "accounts" }

// describeAccounts is serve's start-up listing of the accounts, one line
// each, without secrets: "ID (account N): project a, b" or "all projects".
func describeAccounts(list []emulator.Account) []string {
	out := make([]string, len(list))
	for i, a := range list {
		account := a.AccountId
		if account == "" {
			account = emulator.DemoAccountID
		}
		scope := "all projects"
		if !a.Projects.IsAll() {
			scope = "projects " + strings.Join(a.Projects.Names, ", ")
			if len(a.Projects.Names) == 0 {
				scope = "no projects"
			}
		}
		out[i] = a.AccessKeyId + " (account " + account + "): " + scope
	}
	return out
}
