package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/immtui/immtui/safetext"
)

// Problem is something wrong in the config file: its value is ignored and
// the default (or the next source) is used instead.
type Problem struct {
	File string
	Line int    // 1-based; 0 when unknown
	Key  string // "review.low_cluster_confidence"; "" for the whole file
	Msg  string
}

func (p Problem) String() string {
	where := p.File
	if p.Line > 0 {
		where += fmt.Sprintf(":%d", p.Line)
	}
	if p.Key != "" {
		return fmt.Sprintf("%s: %s: %s", where, safetext.Line(p.Key), p.Msg)
	}
	return where + ": " + p.Msg
}

// Opt is one value of the config file: Set when the file gives a valid one.
type Opt[T any] struct {
	V    T
	Set  bool
	Line int
}

// File is what a config file says; only valid values are Set.
type File struct {
	Path  string
	Found bool

	Profile, Region, Endpoint, Project, Dataset Opt[string]
	OSSEndpoint                                 Opt[string]
	VPC                                         Opt[bool]
	Theme, Clipboard, Language                  Opt[string]
	Images                                      Opt[string]
	RequestTimeout                              Opt[time.Duration]
	Keys                                        Opt[map[string][]string]
	LowClusterConfidence                        Opt[float64]
}

// ReadFile reads a config file. A missing file is no error unless the user
// named it (explicit: --config); every other problem is returned as a
// Problem and the file's other values are kept.
func ReadFile(path string, explicit bool) (*File, []Problem, error) {
	f := &File{Path: path}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && !explicit {
		return f, nil, nil
	}
	if err != nil {
		if explicit {
			return f, nil, fmt.Errorf("--config %s: %v", path, fsReason(err))
		}
		return f, []Problem{{File: path, Msg: fsReason(err) + ": using the defaults"}}, nil
	}
	f.Found = true
	probs := f.parse(string(b))
	return f, probs, nil
}

// Parse reads a config document; path names it in problems.
func Parse(path, doc string) (*File, []Problem) {
	f := &File{Path: path, Found: true}
	return f, f.parse(doc)
}

func fsReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// topKeys are the settings of the top level; tables are handled apart.
var topKeys = map[string]bool{
	"profile": true, "region": true, "endpoint": true, "oss_endpoint": true, "vpc": true, "project": true, "dataset": true,
	"theme": true, "clipboard": true, "request_timeout": true, "language": true,
	"keys": true, "review": true, "images": true,
}

func (f *File) parse(doc string) []Problem {
	var raw map[string]any
	if _, err := toml.Decode(doc, &raw); err != nil {
		p := Problem{File: f.Path, Msg: "not valid TOML: using the defaults for everything"}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			p.Line = pe.Position.Line
			p.Msg = safetext.Line(pe.Message) + ": the file is not valid TOML, so the defaults are used for everything"
		}
		return []Problem{p}
	}
	lines := keyLines(doc)
	var probs []Problem
	bad := func(key, format string, args ...any) {
		probs = append(probs, Problem{File: f.Path, Line: lines[key], Key: key, Msg: fmt.Sprintf(format, args...)})
	}
	for _, k := range sortedKeys(raw) {
		if !topKeys[k] {
			bad(k, "unknown setting (ignored); see `immtui info --config-example`")
		}
	}
	str := func(key string, dst *Opt[string], check func(string) string) {
		v, ok := raw[key]
		if !ok {
			return
		}
		s, isStr := v.(string)
		if !isStr {
			bad(key, "want a string, got %s (ignored)", tomlType(v))
			return
		}
		if msg := check(s); msg != "" {
			bad(key, "%s (ignored)", msg)
			return
		}
		*dst = Opt[string]{V: s, Set: true, Line: lines[key]}
	}
	str("profile", &f.Profile, checkProfile)
	str("region", &f.Region, CheckRegion)
	str("endpoint", &f.Endpoint, func(s string) string {
		if strings.TrimSpace(s) == "" || strings.ContainsAny(s, " \t") {
			return fmt.Sprintf("%q is not HOST[:PORT] or a URL", safetext.Line(s))
		}
		return ""
	})
	str("oss_endpoint", &f.OSSEndpoint, func(s string) string {
		if strings.TrimSpace(s) == "" || strings.ContainsAny(s, " \t") {
			return fmt.Sprintf("%q is not HOST[:PORT] or a URL", safetext.Line(s))
		}
		return ""
	})
	str("project", &f.Project, checkName)
	str("dataset", &f.Dataset, checkName)
	str("theme", &f.Theme, func(s string) string {
		if _, ok := ParseTheme(s); !ok {
			return fmt.Sprintf("%q: want one of %s", safetext.Line(s), strings.Join(Themes, ", "))
		}
		return ""
	})
	if f.Theme.Set {
		f.Theme.V, _ = ParseTheme(f.Theme.V)
	}
	str("clipboard", &f.Clipboard, func(s string) string {
		switch s {
		case ClipboardAuto, ClipboardOSC52, ClipboardOff:
			return ""
		}
		return fmt.Sprintf("%q: want auto, osc52 or off", safetext.Line(s))
	})
	str("images", &f.Images, func(s string) string {
		switch s {
		case ImagesAuto, "halfblock", "kitty", "off":
			return ""
		}
		return fmt.Sprintf("%q: want auto, halfblock, kitty or off", safetext.Line(s))
	})
	str("language", &f.Language, func(s string) string {
		if !languageRE.MatchString(s) {
			return fmt.Sprintf("%q is not a language tag such as en or zh-CN", safetext.Line(s))
		}
		return ""
	})
	if v, ok := raw["vpc"]; ok {
		if b, isBool := v.(bool); isBool {
			f.VPC = Opt[bool]{V: b, Set: true, Line: lines["vpc"]}
		} else {
			bad("vpc", "want true or false, got %s (ignored)", tomlType(v))
		}
	}
	var timeout Opt[string]
	str("request_timeout", &timeout, func(s string) string {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return fmt.Sprintf("%q: want a positive duration such as \"15s\"", safetext.Line(s))
		}
		return ""
	})
	if timeout.Set {
		d, _ := time.ParseDuration(timeout.V)
		f.RequestTimeout = Opt[time.Duration]{V: d, Set: true, Line: timeout.Line}
	}
	f.parseKeys(raw["keys"], lines, bad)
	f.parseReview(raw["review"], lines, bad)
	sort.SliceStable(probs, func(i, j int) bool { return probs[i].Line < probs[j].Line })
	return probs
}

func (f *File) parseKeys(v any, lines map[string]int, bad func(string, string, ...any)) {
	if v == nil {
		return
	}
	table, ok := v.(map[string]any)
	if !ok {
		bad("keys", "want a table of action = [\"key\", ...], got %s (ignored)", tomlType(v))
		return
	}
	keys := map[string][]string{}
	for _, action := range sortedKeys(table) {
		key := "keys." + action
		if !actionRE.MatchString(action) {
			bad(key, "an action name is lower-case letters, digits, '_', '-' and '.' (ignored)")
			continue
		}
		list, ok := table[action].([]any)
		if !ok || len(list) == 0 {
			bad(key, "want a list of keys such as [\"q\", \"ctrl+c\"], got %s (ignored)", tomlType(table[action]))
			continue
		}
		var names []string
		for _, k := range list {
			s, isStr := k.(string)
			if !isStr || !keyRE.MatchString(s) {
				names = nil
				bad(key, "each key is a name such as \"q\", \"enter\" or \"ctrl+c\" (ignored)")
				break
			}
			names = append(names, s)
		}
		if names != nil {
			keys[action] = names
		}
	}
	if len(keys) > 0 {
		f.Keys = Opt[map[string][]string]{V: keys, Set: true, Line: lines["keys"]}
	}
}

func (f *File) parseReview(v any, lines map[string]int, bad func(string, string, ...any)) {
	if v == nil {
		return
	}
	table, ok := v.(map[string]any)
	if !ok {
		bad("review", "want a table such as [review], got %s (ignored)", tomlType(v))
		return
	}
	for _, k := range sortedKeys(table) {
		key := "review." + k
		if k != "low_cluster_confidence" {
			bad(key, "unknown setting (ignored); see `immtui info --config-example`")
			continue
		}
		var x float64
		switch n := table[k].(type) {
		case float64:
			x = n
		case int64:
			x = float64(n)
		default:
			bad(key, "want a number from 0 to 1, got %s (ignored)", tomlType(n))
			continue
		}
		if x < 0 || x > 1 {
			bad(key, "%v: want a number from 0 to 1 (ignored)", x)
			continue
		}
		f.LowClusterConfidence = Opt[float64]{V: x, Set: true, Line: lines[key]}
	}
}

var (
	languageRE = regexp.MustCompile(`^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$`)
	actionRE   = regexp.MustCompile(`^[a-z][a-z0-9_.-]{0,63}$`)
	keyRE      = regexp.MustCompile(`^[\x21-\x7e]{1,32}$|^ $`)
	regionRE   = regexp.MustCompile(`^[a-z]{2,}(-[a-z0-9]+){1,4}$`)
	nameRE     = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$`)
	profileRE  = regexp.MustCompile(`^[\pL\pN_.@-]{1,64}$`)
)

// CheckRegion says what is wrong with a region ID, or "".
func CheckRegion(s string) string {
	if !regionRE.MatchString(s) {
		return fmt.Sprintf("%q is not a region ID such as cn-hangzhou", safetext.Line(s))
	}
	return ""
}

func checkName(s string) string {
	if !nameRE.MatchString(s) {
		return fmt.Sprintf("%q is not a valid IMM name: use letters, digits, '-' and '_' (at most 128)", safetext.Line(s))
	}
	return ""
}

func checkProfile(s string) string {
	if !profileRE.MatchString(s) {
		return fmt.Sprintf("%q is not a profile name (letters, digits, '_', '.', '@' and '-')", safetext.Line(s))
	}
	return ""
}

func tomlType(v any) string {
	switch v.(type) {
	case nil:
		return "nothing"
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	case time.Time:
		return "a date"
	}
	return fmt.Sprintf("%T", v)
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
