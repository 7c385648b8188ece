package config

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/immtui/immtui/review"
)

// Source is where a setting's value came from.
type Source int

const (
	FromDefault Source = iota
	FromFlag
	FromEnv
	FromProfile // the aliyun CLI's config.json
	FromFile    // immtui's config.toml
)

func (s Source) String() string {
	switch s {
	case FromFlag:
		return "flag"
	case FromEnv:
		return "environment"
	case FromProfile:
		return "aliyun CLI profile"
	case FromFile:
		return "config file"
	}
	return "default"
}

// Setting is one effective value and where it came from.
type Setting[T any] struct {
	Value  T
	Source Source
	Where  string // "--region", "ALIBABA_CLOUD_REGION_ID", "/home/u/.aliyun/config.json", "/x/config.toml:3"; "" for a default
}

// Origin says where the value came from, in words: "flag --region",
// "environment ALIBABA_CLOUD_REGION_ID", "config file /x/config.toml:3".
func (s Setting[T]) Origin() string {
	if s.Where == "" {
		return s.Source.String()
	}
	return s.Source.String() + " " + s.Where
}

// Defaults of the settings that have one.
const (
	DefaultTheme          = ThemeAuto
	DefaultClipboard      = ClipboardAuto
	DefaultLanguage       = "en"
	DefaultRequestTimeout = 15 * time.Second
	// ImagesAuto draws face crops the best way the terminal is known to
	// support (docs/images.md §1).
	ImagesAuto = "auto"
)

// Settings are the effective values immtui runs with.
type Settings struct {
	Profile        Setting[string] // "" = the aliyun CLI's current profile, or none
	Region         Setting[string] // "" = none found
	Endpoint       Setting[string] // "" = derived from Region (and VPC)
	OSSEndpoint    Setting[string] // where face pictures are read; "" = the region's OSS (internal with VPC)
	VPC            Setting[bool]
	Project        Setting[string]
	Dataset        Setting[string]
	Theme          Setting[string] // one of Themes
	Clipboard      Setting[string] // auto, osc52 or off
	RequestTimeout Setting[time.Duration]
	Keys           Setting[map[string][]string] // action -> keys; empty = the UI's defaults
	Thresholds     Setting[review.Thresholds]
	Language       Setting[string]
	Debug          Setting[bool]
	Images         Setting[string] // auto, halfblock, kitty or off (--images)

	ConfigFile string    // the config file read (it may not exist)
	Problems   []Problem // what was wrong in it; those values were ignored
}

// Flags are the command-line values; nil = not given.
type Flags struct {
	Profile, Region, Endpoint, Project, Dataset *string
	OSSEndpoint                                 *string
	Images                                      *string
	VPC, Debug                                  *bool
	Timeout                                     *time.Duration
}

// CLIProfile is a profile of the aliyun CLI's config.json.
type CLIProfile struct {
	Name   string
	Region string // its region_id, may be ""
	File   string // the config.json it is in
}

// Inputs are everything Resolve reads.
type Inputs struct {
	Flags  Flags
	Getenv func(string) string // nil: os.Getenv
	File   *File               // nil: no config file
	// CLIProfile finds a profile in the aliyun CLI's config ("" = its
	// "current" one); nil or false when there is none.
	CLIProfile func(name string) (CLIProfile, bool)
}

// Resolve picks every setting from its sources in order. The region comes
// from --region, then ALIBABA_CLOUD_REGION_ID, then the aliyun CLI
// profile's region_id, then the config file; other settings from the flag,
// then the environment where one applies, then the config file, then the
// default. The config file wins over NO_COLOR and LANG, which are not
// immtui's own and are set on most systems (no-color.org asks for that).
func Resolve(in Inputs) Settings {
	getenv := in.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	f := in.File
	if f == nil {
		f = &File{}
	}
	var s Settings
	s.ConfigFile = f.Path
	at := func(line int) string {
		if line > 0 {
			return fmt.Sprintf("%s:%d", f.Path, line)
		}
		return f.Path
	}
	flagStr := func(p *string, name string) (Setting[string], bool) {
		if p == nil {
			return Setting[string]{}, false
		}
		return Setting[string]{Value: *p, Source: FromFlag, Where: name}, true
	}
	envStr := func(name string) (Setting[string], bool) {
		v := strings.TrimSpace(getenv(name))
		return Setting[string]{Value: v, Source: FromEnv, Where: name}, v != ""
	}
	fileStr := func(o Opt[string]) (Setting[string], bool) {
		return Setting[string]{Value: o.V, Source: FromFile, Where: at(o.Line)}, o.Set
	}

	var cli CLIProfile
	var cliOK bool
	lookup := func(name string) {
		if in.CLIProfile != nil {
			cli, cliOK = in.CLIProfile(name)
		}
	}
	switch {
	case pick(&s.Profile, func() (Setting[string], bool) { return flagStr(in.Flags.Profile, "--profile") }):
	case pick(&s.Profile, func() (Setting[string], bool) { return envStr("ALIBABA_CLOUD_PROFILE") }):
	case pick(&s.Profile, func() (Setting[string], bool) { return fileStr(f.Profile) }):
	}
	lookup(s.Profile.Value)
	if s.Profile.Value == "" && cliOK {
		s.Profile = Setting[string]{Value: cli.Name, Source: FromProfile, Where: cli.File + ` ("current")`}
	}

	switch {
	case pick(&s.Region, func() (Setting[string], bool) { return flagStr(in.Flags.Region, "--region") }):
	case pick(&s.Region, func() (Setting[string], bool) { return envStr("ALIBABA_CLOUD_REGION_ID") }):
	case cliOK && cli.Region != "":
		s.Region = Setting[string]{Value: cli.Region, Source: FromProfile, Where: fmt.Sprintf("%s (profile %s)", cli.File, cli.Name)}
	case pick(&s.Region, func() (Setting[string], bool) { return fileStr(f.Region) }):
	}

	for _, x := range []struct {
		dst  *Setting[string]
		flag *string
		name string
		opt  Opt[string]
	}{
		{&s.Endpoint, in.Flags.Endpoint, "--endpoint", f.Endpoint},
		{&s.OSSEndpoint, in.Flags.OSSEndpoint, "--oss-endpoint", f.OSSEndpoint},
		{&s.Project, in.Flags.Project, "--project", f.Project},
		{&s.Dataset, in.Flags.Dataset, "--dataset", f.Dataset},
	} {
		if !pick(x.dst, func() (Setting[string], bool) { return flagStr(x.flag, x.name) }) {
			pick(x.dst, func() (Setting[string], bool) { return fileStr(x.opt) })
		}
	}

	s.VPC = boolSetting(in.Flags.VPC, "--vpc", f.VPC, at)
	s.Debug = boolSetting(in.Flags.Debug, "--debug", Opt[bool]{}, at)

	s.Theme = Setting[string]{Value: DefaultTheme}
	if f.Theme.Set {
		s.Theme, _ = fileStr(f.Theme)
	} else if getenv("NO_COLOR") != "" {
		s.Theme = Setting[string]{Value: ThemeNoColour, Source: FromEnv, Where: "NO_COLOR"}
	}

	s.Language = Setting[string]{Value: DefaultLanguage}
	if f.Language.Set {
		s.Language, _ = fileStr(f.Language)
	} else if lang, name := envLanguage(getenv); lang != "" {
		s.Language = Setting[string]{Value: lang, Source: FromEnv, Where: name}
	}

	s.Images = Setting[string]{Value: ImagesAuto}
	if !pick(&s.Images, func() (Setting[string], bool) { return flagStr(in.Flags.Images, "--images") }) {
		pick(&s.Images, func() (Setting[string], bool) { return fileStr(f.Images) })
	}

	s.Clipboard = Setting[string]{Value: DefaultClipboard}
	pick(&s.Clipboard, func() (Setting[string], bool) { return fileStr(f.Clipboard) })

	s.RequestTimeout = Setting[time.Duration]{Value: DefaultRequestTimeout}
	switch {
	case in.Flags.Timeout != nil:
		s.RequestTimeout = Setting[time.Duration]{Value: *in.Flags.Timeout, Source: FromFlag, Where: "--timeout"}
	case f.RequestTimeout.Set:
		s.RequestTimeout = Setting[time.Duration]{Value: f.RequestTimeout.V, Source: FromFile, Where: at(f.RequestTimeout.Line)}
	}

	s.Keys = Setting[map[string][]string]{Value: map[string][]string{}}
	if f.Keys.Set {
		s.Keys = Setting[map[string][]string]{Value: f.Keys.V, Source: FromFile, Where: at(f.Keys.Line)}
	}

	s.Thresholds = Setting[review.Thresholds]{Value: review.Default()}
	if f.LowClusterConfidence.Set {
		t := review.Default()
		t.LowClusterConfidence = f.LowClusterConfidence.V
		s.Thresholds = Setting[review.Thresholds]{Value: t, Source: FromFile, Where: at(f.LowClusterConfidence.Line)}
	}
	return s
}

// pick sets dst from get when get has a value, and reports whether it did.
func pick(dst *Setting[string], get func() (Setting[string], bool)) bool {
	v, ok := get()
	if ok {
		*dst = v
	}
	return ok
}

func boolSetting(flag *bool, name string, o Opt[bool], at func(int) string) Setting[bool] {
	switch {
	case flag != nil:
		return Setting[bool]{Value: *flag, Source: FromFlag, Where: name}
	case o.Set:
		return Setting[bool]{Value: o.V, Source: FromFile, Where: at(o.Line)}
	}
	return Setting[bool]{}
}

// envLanguage reads the POSIX locale variables: zh_CN.UTF-8 -> zh-CN.
func envLanguage(getenv func(string) string) (lang, name string) {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if i := strings.IndexAny(v, ".@"); i >= 0 {
			v = v[:i]
		}
		if v == "" || v == "C" || v == "POSIX" || !languageRE.MatchString(v) {
			continue
		}
		return strings.ReplaceAll(v, "_", "-"), name
	}
	return "", ""
}

// Row is one setting for display: its name, value and origin.
type Row struct{ Name, Value, Origin string }

// Rows lists the settings in a fixed order, for `immtui info`. Values hold
// no secret: no setting is one.
func (s Settings) Rows() []Row {
	orNone := func(v string) string {
		if v == "" {
			return "(none)"
		}
		return v
	}
	keys := "(the built-in keys)"
	if len(s.Keys.Value) > 0 {
		var parts []string
		for _, a := range sortedKeys(s.Keys.Value) {
			parts = append(parts, a+"="+strings.Join(s.Keys.Value[a], ","))
		}
		sort.Strings(parts)
		keys = strings.Join(parts, " ")
	}
	return []Row{
		{"profile", orNone(s.Profile.Value), s.Profile.Origin()},
		{"region", orNone(s.Region.Value), s.Region.Origin()},
		{"endpoint", orNone(s.Endpoint.Value), s.Endpoint.Origin()},
		{"oss endpoint", orNone(s.OSSEndpoint.Value), s.OSSEndpoint.Origin()},
		{"vpc", strconv.FormatBool(s.VPC.Value), s.VPC.Origin()},
		{"project", orNone(s.Project.Value), s.Project.Origin()},
		{"dataset", orNone(s.Dataset.Value), s.Dataset.Origin()},
		{"theme", s.Theme.Value, s.Theme.Origin()},
		{"clipboard", s.Clipboard.Value, s.Clipboard.Origin()},
		{"images", s.Images.Value, s.Images.Origin()},
		{"request_timeout", s.RequestTimeout.Value.String(), s.RequestTimeout.Origin()},
		{"keys", keys, s.Keys.Origin()},
		{"review.low_cluster_confidence", strconv.FormatFloat(s.Thresholds.Value.LowClusterConfidence, 'f', -1, 64), s.Thresholds.Origin()},
		{"language", s.Language.Value, s.Language.Origin()},
		{"debug", strconv.FormatBool(s.Debug.Value), s.Debug.Origin()},
	}
}
