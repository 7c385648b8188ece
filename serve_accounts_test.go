package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAccountsFlagCollectsFilesAndInlineAccounts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "accounts.json")
	if err := os.WriteFile(path, []byte(`[{"AccessKeyId":"LTAI-a","AccessKeySecret":"secret-a-1f","Projects":["p1"]}]`), 0o600); err != nil {
		t.Fatal(err)
	}
	var accounts accountsFlag
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Var(&accounts, "accounts", accountsUsage)
	if err := fs.Parse([]string{"--accounts", path, "--accounts", "LTAI-b:secret-b-2e:77:*"}); err != nil {
		t.Fatal(err)
	}
	if len(accounts.list) != 2 || accounts.list[0].AccessKeyId != "LTAI-a" || accounts.list[1].AccountId != "77" {
		t.Fatalf("got %+v", accounts.list)
	}
	if s := accounts.String(); s != "LTAI-a,LTAI-b" {
		t.Errorf("String() = %q", s)
	}
	lines := describeAccounts(accounts.list)
	want := []string{"LTAI-a (account 1234567890123456): projects p1", "LTAI-b (account 77): all projects"}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("describeAccounts = %q, want %q", lines, want)
	}
	for _, l := range lines {
		if strings.Contains(l, "secret-") {
			t.Errorf("%q shows a secret", l)
		}
	}
}

func TestAccountsFlagRefusesBadValuesWithoutTheSecret(t *testing.T) {
	var accounts accountsFlag
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Var(&accounts, "accounts", accountsUsage)
	if err := fs.Parse([]string{"--accounts", "LTAI-c:secret-c-3d:1:p1,,p2", "--accounts", "LTAI-d:secret-d-4c"}); err != nil {
		t.Fatal(err) // the flag package would quote the value, secret and all
	}
	err := accounts.Err()
	if err == nil || strings.Contains(err.Error(), "secret-c-3d") || !strings.Contains(err.Error(), "project name in Projects is empty") {
		t.Fatalf("got %v", err)
	}
	if accounts.Type() == "" {
		t.Error("no Type for pflag")
	}
}
