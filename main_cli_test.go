package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/config"
	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/internal/teststack"
)

// TestMain points the XDG directories at a temporary one, so that no test
// reads or writes the config, state or log of whoever runs them; tests that
// write there get their own (credentialHome).
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "immtui-xdg-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"} {
		os.Setenv(v, dir+"/"+v)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// xdgConfig writes the config file where DefaultPaths looks for it.
func xdgConfig(t *testing.T, content string) string {
	t.Helper()
	return writeUnder(t, config.DefaultPaths().ConfigFile, content)
}

func TestInfoShowsWhereSettingsCameFromAndNoSecret(t *testing.T) {
	home := credentialHome(t)
	cli := writeUnder(t, filepath.Join(home, ".aliyun", "config.json"),
		`{"current":"home","profiles":[{"name":"home","mode":"AK","access_key_id":"LTAI-home","access_key_secret":"`+marker+`","region_id":"cn-hangzhou"},`+
			`{"name":"work","mode":"StsToken","access_key_id":"LTAI-work","access_key_secret":"`+marker+`","sts_token":"`+marker+`","region_id":"cn-beijing"}]}`)
	cfg := xdgConfig(t, "profile = \"work\"\ntheme = \"light\"\ncolour = \"red\"\n[review]\nlow_cluster_confidence = 0.5\n")
	code, stdout, stderr := runArgs(t, "info", "--timeout", "30s")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{
		cfg, config.DefaultPaths().LogFile, config.DefaultPaths().RecentFile, config.DefaultPaths().CacheDir,
		"profile", "work", "config file " + cfg + ":1",
		"cn-beijing", "aliyun CLI profile " + cli + " (profile work)",
		"light", "0.5", "config file " + cfg + ":5",
		"30s", "flag --timeout",
		"aliyun CLI profile", "StsToken",
		cfg + ":3: colour: unknown setting",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("info lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout+stderr, marker) || strings.Contains(stdout, "LTAI-work") {
		t.Fatalf("info shows a secret or a key:\n%s", stdout)
	}

	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-env")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", marker)
	t.Setenv("ALIBABA_CLOUD_SECURITY_TOKEN", marker)
	_, stdout, _ = runArgs(t, "info")
	if !strings.Contains(stdout, "environment variables") || strings.Contains(stdout, marker) || strings.Contains(stdout, "LTAI-env") {
		t.Fatalf("info with keys in the environment:\n%s", stdout)
	}
}

// Region: --region, then ALIBABA_CLOUD_REGION_ID, then the aliyun CLI
// profile's region_id, then the config file.
func TestRegionSourcesInOrder(t *testing.T) {
	home := credentialHome(t)
	xdgConfig(t, "region = \"eu-central-1\"\n")
	region := func(args ...string) string {
		t.Helper()
		_, stdout, stderr := runArgs(t, append([]string{"info"}, args...)...)
		for _, line := range strings.Split(stdout, "\n") {
			if f := strings.Fields(line); len(f) >= 3 && f[0] == "region" {
				return f[1] + " " + f[2]
			}
		}
		t.Fatalf("no region in %q %q", stdout, stderr)
		return ""
	}
	if got := region(); got != "eu-central-1 config" {
		t.Errorf("config file only: %q", got)
	}
	writeUnder(t, filepath.Join(home, ".aliyun", "config.json"), `{"current":"default","profiles":[{"name":"default","mode":"AK","region_id":"cn-beijing"}]}`)
	if got := region(); got != "cn-beijing aliyun" {
		t.Errorf("with a CLI profile: %q", got)
	}
	t.Setenv("ALIBABA_CLOUD_REGION_ID", "cn-shanghai")
	if got := region(); got != "cn-shanghai environment" {
		t.Errorf("with the environment: %q", got)
	}
	if got := region("--region", "cn-shenzhen"); got != "cn-shenzhen flag" {
		t.Errorf("with the flag: %q", got)
	}
	if _, stdout, _ := runArgs(t, "info", "--region", "cn-shenzhen", "--vpc"); !strings.Contains(stdout, "https://imm-vpc.cn-shenzhen.aliyuncs.com") {
		t.Errorf("--vpc endpoint not shown:\n%s", stdout)
	}
}

func TestConfigProblemsAreWarnedAndTheStartGoesOn(t *testing.T) {
	credentialHome(t)
	cfg := xdgConfig(t, "project = \"p\"\ndataset = \"d\"\nregion = \"cn-hangzhou\"\ntheme = \"purple\"\n")
	code, _, stderr := runArgs(t)
	if code != exitUsage || !strings.Contains(stderr, "needs a terminal") || !strings.Contains(stderr, "warning: config file "+cfg+":4: theme") {
		t.Fatalf("exit %d, stderr %q; want the warning, then as far as the terminal check", code, stderr)
	}
	cfg = xdgConfig(t, "region = [\n")
	if code, _, stderr := runArgs(t, "--project", "p", "--dataset", "d"); !strings.Contains(stderr, cfg+":") || !strings.Contains(stderr, "not valid TOML") || !strings.Contains(stderr, "no region") {
		t.Fatalf("broken file: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := runArgs(t, "--config", filepath.Join(t.TempDir(), "none.toml"), "--demo"); code != exitUsage || !strings.Contains(stderr, "--config") {
		t.Fatalf("missing --config: exit %d, stderr %q", code, stderr)
	}
}

// Without --project and --dataset a real start opens the picker (it gets
// as far as wanting a terminal), where the remembered dataset is offered.
func TestNoProjectOrDatasetOpensThePicker(t *testing.T) {
	credentialHome(t)
	for _, args := range [][]string{{"--region", "cn-hangzhou"}, {"--region", "cn-hangzhou", "--project", "p"}} {
		code, _, stderr := runArgs(t, args...)
		if code != exitUsage || !strings.Contains(stderr, "needs a terminal") {
			t.Fatalf("immtui %v: exit %d, stderr %q", args, code, stderr)
		}
	}
}

func TestCommandLineErrorsExitTwo(t *testing.T) {
	credentialHome(t)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"sevre"}, "did you mean serve"},
		{[]string{"completion", "tcsh"}, "unknown shell"},
		{[]string{"info", "--bogus"}, "flag provided but not defined: --bogus"},
		{[]string{"version", "extra"}, "unexpected argument"},
		{[]string{"--project", "p", "--dataset", "d", "--region", "cn-hangzhou", "--vpc", "--endpoint", "https://x.example"}, "--vpc"},
		{[]string{"--project", "p", "--dataset", "d", "--region", "cn hangzhou"}, "not a region ID"},
		{[]string{"--demo", "--vpc"}, "--demo serves its own data"},
	}
	for _, c := range cases {
		code, stdout, stderr := runArgs(t, c.args...)
		if code != exitUsage || !strings.Contains(stderr, c.want) || strings.Count(stderr, "\n") != 1 || stdout != "" {
			t.Errorf("immtui %q: exit %d, stdout %q, stderr %q; want exit 2 and one line mentioning %q", c.args, code, stdout, stderr, c.want)
		}
	}
	if code, stdout, _ := runArgs(t, "version"); code != 0 || stdout != "immtui "+version+"\n" {
		t.Errorf("version: %d %q", code, stdout)
	}
	if code, stdout, _ := runArgs(t, "info", "--config-example"); code != 0 || stdout != config.Example {
		t.Errorf("--config-example: exit %d, %d bytes", code, len(stdout))
	}
}

func TestBashCompletionCompletesTheSubcommands(t *testing.T) {
	credentialHome(t)
	code, script, _ := runArgs(t, "completion", "bash")
	if code != 0 || !strings.Contains(script, "__start_immtui") || !strings.Contains(script, "complete -o default -F __start_immtui immtui") {
		t.Fatalf("exit %d, script %.200q", code, script)
	}
	// The script asks the program itself; this is what it gets back.
	_, out, _ := runArgs(t, "__complete", "")
	for _, sub := range []string{"serve", "info", "version", "completion"} {
		if !strings.Contains(out, sub) {
			t.Errorf("completion of \"\" lacks %s: %q", sub, out)
		}
	}
	if _, out, _ := runArgs(t, "__complete", "--reg"); !strings.Contains(out, "--region") {
		t.Errorf("completion of --reg: %q", out)
	}
}

// The --debug log goes to the state directory, readable by its owner only,
// with the calls and without the secret.
func TestDebugLogIsWrittenWithoutSecrets(t *testing.T) {
	credentialHome(t)
	path := config.DefaultPaths().LogFile
	log, closeLog, err := openRequestLog(path)
	if err != nil {
		t.Fatal(err)
	}
	api := teststack.Start(t, teststack.Options{NoStore: true, Dataset: dataset.Options{Seed: 1, Clusters: 3},
		Emulator: emulator.Config{AccessKeyID: "LTAI-test", AccessKeySecret: marker},
		Client:   func(c *client.Config) { c.RequestLog = log }}).Client
	if _, err := api.ListProjects(context.Background(), imm.ListProjectsRequest{}); err != nil {
		t.Fatal(err)
	}
	api.Close()
	closeLog()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "action=ListProjects") || !strings.Contains(string(b), "status=200") || strings.Contains(string(b), marker) {
		t.Fatalf("log:\n%s", b)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("log mode %v", fi.Mode())
	}
	if _, stdout, _ := runArgs(t, "info"); !strings.Contains(stdout, path) {
		t.Fatalf("info does not say where the log is:\n%s", stdout)
	}
}
