package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
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
		{[]string{"--dataset", "d"}, "a dataset belongs to a project"},
		{[]string{"--project", "bad name!", "--dataset", "d"}, "not a valid IMM name"},
		{[]string{"--project", "p", "--dataset", "d", "--endpoint", "ftp://x"}, "scheme"},
		{[]string{"--project", "p", "--dataset", "d", "--endpoint", "http://h/path"}, "want HOST"},
		{[]string{"--demo", "--region", "cn-hangzhou"}, "takes no --endpoint"},
		{[]string{"--demo", "--oss-endpoint", "127.0.0.1:1"}, "takes no --endpoint, --oss-endpoint"},
		{[]string{"--project", "p", "--dataset", "d", "--endpoint", "127.0.0.1:1", "--oss-endpoint", "127.0.0.1:2"}, "needs a region"},
		{[]string{"--demo", "--clusters", "0"}, "want 1 to 100000"},
		{[]string{"--demo", "--faults", "bogus"}, "--faults"},
		{[]string{"--demo", "--data", notJSON}, "--data"},
		{[]string{"--demo", "extra"}, "unexpected argument"},
		{[]string{"--demo", "--lang", "not a tag"}, "--lang"},
		{[]string{"--demo", "--export-dir", filepath.Join(dir, "missing")}, "--export-dir"},
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

// TestPublishedAnswersStartTheDemoWithWarnings: IMM's published answers
// as a --data file are served, not refused; the warnings are on stderr.
func TestPublishedAnswersStartTheDemoWithWarnings(t *testing.T) {
	code, _, stderr := runArgs(t, "--demo", "--data", filepath.Join("testdata", "published", "dataset.json"))
	if code != exitUsage || !strings.Contains(stderr, "needs a terminal") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, w := range []string{"--data testdata/published/dataset.json: loaded; kept as given, with warnings:",
		`  Files[0] names dataset "test-project"/"test-dataset"`, `  Files[0].Figures[0].FigureClusterId "Cluster-dbe72fec`} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
}

func TestServeBannerListsTheDataWarnings(t *testing.T) {
	path := filepath.Join("testdata", "published", "dataset.json")
	ds, warnings, err := dataset.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	writeServeBanner(&b, "http://127.0.0.1:1", ds, path, warnings, emulator.Faults{}, "ak", "sk", nil, serveOSS{})
	out := b.String()
	want := "  1 clusters, 1 files\n  --data " + path + ": kept as given, with warnings:\n    Files[0] names dataset"
	if !strings.Contains(out, want) || !strings.Contains(out, "    Files[0].Figures[0].FigureClusterId") {
		t.Fatalf("banner:\n%s", out)
	}
	b.Reset()
	writeServeBanner(&b, "http://127.0.0.1:1", ds, "", nil, emulator.Faults{}, "ak", "sk", nil, serveOSS{})
	if strings.Contains(b.String(), "warning") {
		t.Fatalf("a banner without warnings mentions them:\n%s", b.String())
	}
}
