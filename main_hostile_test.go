package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadInputExitsTwoWithAClearSafeMessage: every kind of bad flag value
// and bad --data file gets exit code 2 and a message that says what is
// wrong, and the message never carries the user's escape bytes raw.
func TestBadInputExitsTwoWithAClearSafeMessage(t *testing.T) {
	dir := t.TempDir()
	file := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--project", "", "--dataset", "d"}, "--project is required"},
		{[]string{"--project", "p", "--dataset", ""}, "--dataset is required"},
		{[]string{"--project", "-p", "--dataset", "d"}, "not a valid IMM name"},
		{[]string{"--project", "p", "--dataset", strings.Repeat("d", 129)}, "not a valid IMM name"},
		{[]string{"--project", "p\x1b[2J", "--dataset", "d"}, `\x1b[2J`},
		{[]string{"--project", "p", "--dataset", "数据"}, "not a valid IMM name"},
		{[]string{"--project", "p", "--dataset", "d", "--endpoint", "not a url"}, "--endpoint"},
		{[]string{"--project", "p", "--dataset", "d", "--endpoint", "http://"}, "want HOST"},
		{[]string{"--project", "p", "--dataset", "d", "--endpoint", "https://h/?a=1"}, "want HOST"},
		{[]string{"--project", "p", "--dataset", "d", "--endpoint", "oss://bucket"}, "scheme"},
		{[]string{"--project", "p", "--dataset", "d", "--timeout", "-1s"}, "--timeout"},
		{[]string{"--project", "p", "--dataset", "d", "--timeout", "soon"}, "invalid value"},
		{[]string{"--project", "p", "--dataset", "d", "--data", "x.json"}, "go with --demo"},
		{[]string{"--demo", "--project", "bad name"}, "not a valid IMM name"},
		{[]string{"serve", "--dataset", "\x1b]52;c;aGk=\x07"}, "not a valid IMM name"},
		{[]string{"--demo", "--clusters", "100001"}, "want 1 to 100000"},
		{[]string{"--demo", "--data", file("empty.json", "")}, "empty"},
		{[]string{"--demo", "--data", file("array.json", "[]")}, "does not start with a JSON object"},
		{[]string{"--demo", "--data", file("shape.json", `{"Files":{}}`)}, "wrong shape"},
		{[]string{"--demo", "--data", file("key.json", `{"Clusters":[]}`)}, "unknown top-level key"},
		{[]string{"--demo", "--data", file("cut.json", `{"Projects":[{"ProjectName":"p"}],"Datasets":[`)}, "truncated"},
		{[]string{"--demo", "--data", file("nodata.json", `{}`)}, "inconsistent"},
		{[]string{"--demo", "--data", file("twice.json", `{"Projects":[{"ProjectName":"p"}],"Datasets":[{"ProjectName":"p","DatasetName":"d"}],`+
			`"Files":[{"URI":"oss://b/\u001b[2J"},{"URI":"oss://b/\u001b[2J"}]}`)}, "Files[1].URI"},
		{[]string{"--demo", "--data", dir}, "--data"},
		{[]string{"serve", "--data", file("bad2.json", "{")}, "--data"},
		{[]string{"serve", "--faults", "latency=-1s"}, "--faults"},
		{[]string{"serve", "--access-key-id", ""}, "must not be empty"},
	}
	for _, c := range cases {
		code, _, stderr := runArgs(t, c.args...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("immtui %q: exit %d, stderr %q; want exit 2 mentioning %q", c.args, code, stderr, c.want)
		}
		if strings.ContainsAny(stderr, "\x1b\x07") {
			t.Errorf("immtui %q: raw control bytes in the message %q", c.args, stderr)
		}
	}
}

// TestHostileDataFileIsAcceptedByTheDemo: the hostile dataset gets as far
// as the terminal check (all its contents are valid data).
func TestHostileDataFileIsAcceptedByTheDemo(t *testing.T) {
	code, _, stderr := runArgs(t, "--demo", "--data", hostileFile)
	if code != exitUsage || !strings.Contains(stderr, "needs a terminal") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

// TestDataWarningsArePrintedEscaped: what --data keeps but warns about is
// on stderr before the terminal is needed, and a hostile URI in a warning
// reaches it escaped.
func TestDataWarningsArePrintedEscaped(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cover.json")
	if err := os.WriteFile(p, []byte(`{"Datasets":[{"ProjectName":"p","DatasetName":"d"}],`+
		`"FigureClusters":[{"ObjectId":"c","Cover":{"URI":"oss://b/\u001b[2J"}}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runArgs(t, "--demo", "--data", p)
	if code != exitUsage || !strings.Contains(stderr, "needs a terminal") {
		t.Fatalf("a file with warnings is refused: exit %d, %q", code, stderr)
	}
	if !strings.Contains(stderr, "with warnings:\n  FigureClusters[0].Cover.URI") || strings.ContainsAny(stderr, "\x1b\x07") {
		t.Fatalf("stderr %q", stderr)
	}
}
