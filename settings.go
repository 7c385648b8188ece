package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/pflag"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/config"
	"github.com/immtui/immtui/recent"
)

// accountFlags choose the account, region and what to browse; `immtui`
// and `immtui info` share them.
type accountFlags struct {
	project, dataset string
	endpoint         string
	ossEndpoint      string
	vpc              bool
	insecureHTTP     bool
	region           string
	profile          string
	timeout          time.Duration
	config           string
	debug            bool
}

func (a *accountFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&a.project, "project", "", "IMM project `name`")
	fs.StringVar(&a.dataset, "dataset", "", "IMM dataset `name`")
	fs.StringVar(&a.region, "region", "", "region, e.g. cn-hangzhou (default: ALIBABA_CLOUD_REGION_ID, the aliyun CLI profile's region, the config file)")
	fs.StringVar(&a.endpoint, "endpoint", "", "IMM endpoint, `HOST:PORT or URL` (default https://imm.REGION.aliyuncs.com)")
	fs.StringVar(&a.ossEndpoint, "oss-endpoint", "", "read face pictures from this OSS `URL` (default: the region's OSS; the one `immtui serve` prints for an emulator)")
	fs.BoolVar(&a.vpc, "vpc", false, "use the region's VPC endpoint imm-vpc.REGION.aliyuncs.com (from inside Alibaba Cloud)")
	fs.BoolVar(&a.insecureHTTP, "insecure-http", false, "allow a plain http:// --endpoint that is not this machine (requests and replies unencrypted; the header warns)")
	fs.StringVar(&a.profile, "profile", "", "aliyun CLI credentials profile `name` (default: ALIBABA_CLOUD_PROFILE, the config file, the CLI's current one)")
	fs.DurationVar(&a.timeout, "timeout", config.DefaultRequestTimeout, "give up on a request after this long")
	fs.StringVar(&a.config, "config", "", "read this config `FILE` (default $XDG_CONFIG_HOME/immtui/config.toml)")
	fs.BoolVar(&a.debug, "debug", false, "log every request (no secrets) to immtui.log in the XDG state directory (see immtui info)")
}

// given returns the value of a flag set on the command line, else nil.
func given[T any](fs *pflag.FlagSet, name string, v *T) *T {
	if fs.Changed(name) {
		return v
	}
	return nil
}

// env is what a command resolved before doing anything: its files and its
// settings, and what was wrong in the config file.
type env struct {
	paths    config.Paths
	settings config.Settings
}

// loadEnv reads the config file and resolves the settings. Problems in the
// file are printed on warn (the program goes on with the defaults); a
// --config file that cannot be read is a usage error.
func loadEnv(fs *pflag.FlagSet, a *accountFlags, warn io.Writer) (*env, error) {
	e := &env{paths: config.DefaultPaths()}
	path, explicit := e.paths.ConfigFile, false
	if a.config != "" {
		path, explicit = a.config, true
	}
	file, problems, err := config.ReadFile(path, explicit)
	if err != nil {
		return nil, usageError{err.Error()}
	}
	var images *string // --images is the browser's alone: looked up, not in accountFlags
	if fl := fs.Lookup("images"); fl != nil && fl.Changed {
		v := fl.Value.String()
		images = &v
	}
	e.settings = config.Resolve(config.Inputs{
		Flags: config.Flags{
			Profile:     given(fs, "profile", &a.profile),
			Region:      given(fs, "region", &a.region),
			Endpoint:    given(fs, "endpoint", &a.endpoint),
			OSSEndpoint: given(fs, "oss-endpoint", &a.ossEndpoint),
			Project:     given(fs, "project", &a.project),
			Dataset:     given(fs, "dataset", &a.dataset),
			VPC:         given(fs, "vpc", &a.vpc),
			Debug:       given(fs, "debug", &a.debug),
			Timeout:     given(fs, "timeout", &a.timeout),
			Images:      images,
		},
		File:       file,
		CLIProfile: cliProfile,
	})
	e.settings.Problems = problems
	if warn != nil {
		for _, p := range problems {
			fmt.Fprintln(warn, "immtui: warning: config file", p)
		}
	}
	return e, nil
}

func cliProfile(name string) (config.CLIProfile, bool) {
	p, region, file, ok := client.CLIProfileNamed(name)
	return config.CLIProfile{Name: p, Region: region, File: file}, ok
}

// useProfile hands the chosen profile to credentials-go, which reads it
// from ALIBABA_CLOUD_PROFILE (its own "current" is the default anyway).
func (e *env) useProfile() {
	if p := e.settings.Profile; p.Source == config.FromFlag || p.Source == config.FromFile {
		os.Setenv("ALIBABA_CLOUD_PROFILE", p.Value)
	}
}

// endpoint is where a real start sends requests: --endpoint (or the config
// file's), else the region's public or VPC endpoint. "" when there is no
// region either.
func (e *env) endpoint() string {
	s := e.settings
	switch {
	case s.Endpoint.Value != "":
		return s.Endpoint.Value
	case s.Region.Value == "":
		return ""
	case s.VPC.Value:
		return "https://imm-vpc." + s.Region.Value + ".aliyuncs.com"
	}
	return "https://imm." + s.Region.Value + ".aliyuncs.com"
}

// recentKey is the region a remembered project belongs to: the region ID,
// or the endpoint when one was given (an emulator has no region).
func (e *env) recentKey() (profile, region string) {
	region = e.settings.Region.Value
	if e.settings.Endpoint.Value != "" {
		region = e.settings.Endpoint.Value
	}
	return e.settings.Profile.Value, region
}

// remembered is the last project and dataset with this profile and region.
func (e *env) remembered() (recent.Entry, bool) {
	l, err := recent.Load(e.paths.RecentFile)
	if err != nil {
		return recent.Entry{}, false
	}
	return l.Get(e.recentKey())
}
