package config

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestExampleIsValidCommentedAndUncommented(t *testing.T) {
	if _, probs := Parse("example", Example); len(probs) != 0 {
		t.Fatalf("the example has problems: %v", probs)
	}
	// Every commented-out setting must be a real one with a valid value.
	setting := regexp.MustCompile(`(?m)^# ([a-z_]+ = .*)$`)
	doc := setting.ReplaceAllString(Example, "$1")
	f, probs := Parse("example", doc)
	if len(probs) != 0 {
		t.Fatalf("the uncommented example has problems: %v", probs)
	}
	if !f.Region.Set || !f.Theme.Set || !f.LowClusterConfidence.Set || len(f.Keys.V) == 0 || !f.RequestTimeout.Set {
		t.Fatalf("uncommented example sets too little: %+v", f)
	}
}

func TestProblemsNameFileLineAndKeyAndKeepGoodValues(t *testing.T) {
	doc := `region = "cn-shanghai"
colour = "red"
theme = "purple"
request_timeout = "soon"
clipboard = "osc52"

[keys]
quit = ["q", "ctrl+c"]
help = "?"

[review]
low_cluster_confidence = 1.5
high = 2
`
	f, probs := Parse("/cfg/config.toml", doc)
	want := []struct {
		line int
		key  string
		msg  string
	}{
		{2, "colour", "unknown setting"},
		{3, "theme", "purple"},
		{4, "request_timeout", "positive duration"},
		{9, "keys.help", "list of keys"},
		{12, "review.low_cluster_confidence", "0 to 1"},
		{13, "review.high", "unknown setting"},
	}
	if len(probs) != len(want) {
		t.Fatalf("got %d problems, want %d: %v", len(probs), len(want), probs)
	}
	for i, w := range want {
		p := probs[i]
		if p.Line != w.line || p.Key != w.key || !strings.Contains(p.Msg, w.msg) {
			t.Errorf("problem %d = %+v; want line %d key %s mentioning %q", i, p, w.line, w.key, w.msg)
		}
		if s := p.String(); !strings.HasPrefix(s, "/cfg/config.toml:") || !strings.Contains(s, w.key) {
			t.Errorf("problem %d reads %q; want file:line and key", i, s)
		}
	}
	if f.Region.V != "cn-shanghai" || f.Region.Line != 1 || f.Clipboard.V != "osc52" || f.Theme.Set || f.RequestTimeout.Set {
		t.Errorf("good values lost or bad ones kept: %+v", f)
	}
	if got := f.Keys.V["quit"]; len(got) != 2 || f.Keys.V["help"] != nil {
		t.Errorf("keys = %v", f.Keys.V)
	}
	s := Resolve(Inputs{File: f, Getenv: noEnv})
	if s.Theme.Value != ThemeAuto || s.Theme.Source != FromDefault || s.Thresholds.Value.LowClusterConfidence != 0.7 || s.RequestTimeout.Value != DefaultRequestTimeout {
		t.Errorf("bad values did not fall back to the defaults: %+v", s)
	}
}

func TestSyntaxErrorIsReportedWithItsLine(t *testing.T) {
	f, probs := Parse("c.toml", "region = \"cn-hangzhou\"\n\ntheme = \n")
	if len(probs) != 1 || probs[0].Line != 3 || !strings.Contains(probs[0].Msg, "not valid TOML") {
		t.Fatalf("problems %v", probs)
	}
	if f.Region.Set {
		t.Fatal("a file that does not parse must give no values")
	}
}

func TestReadFileMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none.toml")
	if f, probs, err := ReadFile(path, false); err != nil || len(probs) != 0 || f.Found {
		t.Fatalf("default path missing: %v %v %+v", err, probs, f)
	}
	if _, _, err := ReadFile(path, true); err == nil || !strings.Contains(err.Error(), "--config") || !strings.Contains(err.Error(), "no such file") {
		t.Fatalf("--config missing: %v", err)
	}
}

func noEnv(string) string { return "" }

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func ptr[T any](v T) *T { return &v }

func TestRegionOrder(t *testing.T) {
	f, _ := Parse("/c.toml", `region = "eu-central-1"`)
	cli := func(name string) (CLIProfile, bool) {
		return CLIProfile{Name: "work", Region: "cn-beijing", File: "/h/.aliyun/config.json"}, true
	}
	cases := []struct {
		name  string
		in    Inputs
		want  string
		src   Source
		where string
	}{
		{"flag", Inputs{Flags: Flags{Region: ptr("cn-shenzhen")}, Getenv: env(map[string]string{"ALIBABA_CLOUD_REGION_ID": "cn-shanghai"}), CLIProfile: cli, File: f}, "cn-shenzhen", FromFlag, "--region"},
		{"environment", Inputs{Getenv: env(map[string]string{"ALIBABA_CLOUD_REGION_ID": "cn-shanghai"}), CLIProfile: cli, File: f}, "cn-shanghai", FromEnv, "ALIBABA_CLOUD_REGION_ID"},
		{"profile", Inputs{Getenv: noEnv, CLIProfile: cli, File: f}, "cn-beijing", FromProfile, "/h/.aliyun/config.json (profile work)"},
		{"config file", Inputs{Getenv: noEnv, File: f}, "eu-central-1", FromFile, "/c.toml:1"},
		{"none", Inputs{Getenv: noEnv}, "", FromDefault, ""},
	}
	for _, c := range cases {
		s := Resolve(c.in)
		if s.Region.Value != c.want || s.Region.Source != c.src || s.Region.Where != c.where {
			t.Errorf("%s: region %+v; want %s from %v %q", c.name, s.Region, c.want, c.src, c.where)
		}
	}
}

func TestProfilePrecedenceAndItsRegion(t *testing.T) {
	regions := map[string]string{"work": "cn-beijing", "home": "cn-hangzhou"}
	var asked []string
	cli := func(name string) (CLIProfile, bool) {
		asked = append(asked, name)
		if name == "" {
			name = "home" // the CLI's "current"
		}
		r, ok := regions[name]
		return CLIProfile{Name: name, Region: r, File: "/h/config.json"}, ok
	}
	f, _ := Parse("/c.toml", `profile = "work"`)
	s := Resolve(Inputs{Getenv: noEnv, CLIProfile: cli, File: f})
	if s.Profile.Value != "work" || s.Profile.Source != FromFile || s.Region.Value != "cn-beijing" {
		t.Errorf("config profile: %+v region %+v", s.Profile, s.Region)
	}
	s = Resolve(Inputs{Getenv: env(map[string]string{"ALIBABA_CLOUD_PROFILE": "home"}), CLIProfile: cli, File: f})
	if s.Profile.Value != "home" || s.Profile.Source != FromEnv || s.Region.Value != "cn-hangzhou" {
		t.Errorf("env profile: %+v region %+v", s.Profile, s.Region)
	}
	s = Resolve(Inputs{Flags: Flags{Profile: ptr("work")}, Getenv: env(map[string]string{"ALIBABA_CLOUD_PROFILE": "home"}), CLIProfile: cli})
	if s.Profile.Value != "work" || s.Profile.Source != FromFlag || s.Region.Value != "cn-beijing" {
		t.Errorf("flag profile: %+v region %+v", s.Profile, s.Region)
	}
	s = Resolve(Inputs{Getenv: noEnv, CLIProfile: cli})
	if s.Profile.Value != "home" || s.Profile.Source != FromProfile || !strings.Contains(s.Profile.Origin(), "current") {
		t.Errorf("CLI current: %+v", s.Profile)
	}
}

func TestFlagBeatsFileBeatsDefault(t *testing.T) {
	f, _ := Parse("/c.toml", "request_timeout = \"40s\"\nproject = \"p1\"\ndataset = \"d1\"\nvpc = true\ntheme = \"light\"\nlanguage = \"fr\"\n")
	s := Resolve(Inputs{Getenv: env(map[string]string{"NO_COLOR": "1", "LANG": "zh_CN.UTF-8"}), File: f,
		Flags: Flags{Timeout: ptr(5 * time.Second), Project: ptr("p2")}})
	if s.RequestTimeout.Value != 5*time.Second || s.RequestTimeout.Source != FromFlag {
		t.Errorf("timeout %+v", s.RequestTimeout)
	}
	if s.Project.Value != "p2" || s.Dataset.Value != "d1" || s.Dataset.Where != "/c.toml:3" || !s.VPC.Value {
		t.Errorf("project %+v dataset %+v vpc %+v", s.Project, s.Dataset, s.VPC)
	}
	if s.Theme.Value != ThemeLight || s.Language.Value != "fr" {
		t.Errorf("the config file must win over NO_COLOR and LANG: %+v %+v", s.Theme, s.Language)
	}
	s = Resolve(Inputs{Getenv: env(map[string]string{"NO_COLOR": "1", "LANG": "zh_CN.UTF-8"})})
	if s.Theme.Value != ThemeNoColour || s.Theme.Where != "NO_COLOR" || s.Language.Value != "zh-CN" || s.Language.Where != "LANG" {
		t.Errorf("environment: %+v %+v", s.Theme, s.Language)
	}
	s = Resolve(Inputs{Getenv: noEnv})
	if s.RequestTimeout.Value != DefaultRequestTimeout || s.Theme.Value != ThemeAuto || s.Language.Value != "en" || s.Clipboard.Value != "auto" || s.Theme.Origin() != "default" {
		t.Errorf("defaults: %+v", s)
	}
}

func TestDefaultPathsFollowXDG(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "c"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(dir, "s"))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "k"))
	p := DefaultPaths()
	if p.ConfigFile != filepath.Join(dir, "c", "immtui", "config.toml") || p.LogFile != filepath.Join(dir, "s", "immtui", "immtui.log") ||
		p.CacheDir != filepath.Join(dir, "k", "immtui") || p.RecentFile != filepath.Join(dir, "s", "immtui", "recent.json") {
		t.Fatalf("paths %+v", p)
	}
	if _, err := os.Stat(filepath.Join(dir, "c")); err == nil {
		t.Fatal("DefaultPaths created a directory")
	}
}

func TestOSSEndpointComesFromTheFlagElseTheFile(t *testing.T) {
	f, probs := Parse("/c.toml", "oss_endpoint = \"127.0.0.1:9000\"\n")
	if len(probs) != 0 || f.OSSEndpoint.V != "127.0.0.1:9000" {
		t.Fatalf("file: %+v, problems %v", f.OSSEndpoint, probs)
	}
	s := Resolve(Inputs{File: f, Getenv: noEnv})
	if s.OSSEndpoint.Value != "127.0.0.1:9000" || s.OSSEndpoint.Origin() != "config file /c.toml:1" {
		t.Fatalf("from the file: %+v (%s)", s.OSSEndpoint, s.OSSEndpoint.Origin())
	}
	flag := "https://oss-cn-hangzhou.aliyuncs.com"
	s = Resolve(Inputs{File: f, Getenv: noEnv, Flags: Flags{OSSEndpoint: &flag}})
	if s.OSSEndpoint.Value != flag || s.OSSEndpoint.Source != FromFlag {
		t.Fatalf("the flag should win: %+v", s.OSSEndpoint)
	}
	if _, probs := Parse("/c.toml", "oss_endpoint = \"a b\"\n"); len(probs) != 1 || probs[0].Key != "oss_endpoint" {
		t.Fatalf("a bad oss_endpoint: %v", probs)
	}
}
