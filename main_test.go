package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runArgs(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestBadInvocationsExitTwoWithAMessage(t *testing.T) {
	dir := t.TempDir()
	notJSON := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(notJSON, []byte("this is not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--no-such-flag"}, "flag provided but not defined"},
		{[]string{}, "nothing to browse"},
		{[]string{"--project", "p"}, "--dataset is required"},
		{[]string{"--project", "bad name!", "--dataset", "d"}, "not a valid IMM name"},
		{[]string{"--project", "p", "--dataset", "d", "--endpoint", "ftp://x"}, "scheme"},
		{[]string{"--project", "p", "--dataset", "d", "--endpoint", "http://h/path"}, "want HOST"},
		{[]string{"--demo", "--region", "cn-hangzhou"}, "takes no --endpoint"},
		{[]string{"--demo", "--clusters", "0"}, "want 1 to 100000"},
		{[]string{"--demo", "--faults", "bogus"}, "--faults"},
		{[]string{"--demo", "--data", notJSON}, "--data"},
		{[]string{"--demo", "extra"}, "unexpected argument"},
		{[]string{"serve", "--addr"}, "flag needs an argument"},
		{[]string{"serve", "--data", filepath.Join(dir, "missing.json")}, "--data"},
	}
	for _, c := range cases {
		code, _, stderr := runArgs(t, c.args...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("immtui %v: exit %d, stderr %q; want exit 2 mentioning %q", c.args, code, stderr, c.want)
		}
	}
}

func TestBrowsingWithoutATerminalExitsTwo(t *testing.T) {
	code, _, stderr := runArgs(t, "--demo")
	if code != exitUsage || !strings.Contains(stderr, "needs a terminal") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestVersionAndHelp(t *testing.T) {
	if code, out, _ := runArgs(t, "--version"); code != 0 || !strings.HasPrefix(out, "immtui ") {
		t.Errorf("--version: exit %d, %q", code, out)
	}
	// Help goes to stdout, as GNU asks (`immtui --help | less`).
	if code, stdout, _ := runArgs(t, "--help"); code != 0 || !strings.Contains(stdout, "--demo") {
		t.Errorf("--help: exit %d, %q", code, stdout)
	}
	if code, stdout, _ := runArgs(t, "serve", "--help"); code != 0 || !strings.Contains(stdout, "emulator") {
		t.Errorf("serve --help: exit %d, %q", code, stdout)
	}
}
