package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/clipboard"
	"github.com/immtui/immtui/config"
	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/recent"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/views"
)

type browseFlags struct {
	demo      bool
	lang      string
	exportDir string
	images    string
	demoFlags
	accountFlags
}

func (f *browseFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&f.demo, "demo", false, "browse a generated dataset served by an embedded emulator (no account needed)")
	fs.StringVar(&f.lang, "lang", "", "show labels, addresses and OCR in this `language` first, e.g. zh-Hans or en (default: the config file, else LANG)")
	fs.StringVar(&f.exportDir, "export-dir", "", "`directory` e writes exports to (default: the current directory)")
	fs.StringVar(&f.images, "images", "auto", "face pictures: auto, halfblock, kitty or off (docs/images.md)")
	f.demoFlags.register(fs)
	f.accountFlags.register(fs)
}

func runBrowse(cmd *cobra.Command, f *browseFlags, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := cmd.Flags()
	if err := f.checkFlags(fs); err != nil {
		return err
	}
	e, err := loadEnv(fs, &f.accountFlags, stderr)
	if err != nil {
		return err
	}
	s := e.settings
	imgMode, err := imagesMode(s.Images.Value, s.Images.Origin())
	if err != nil {
		return err
	}
	if s.RequestTimeout.Value <= 0 {
		return usageError{fmt.Sprintf("--timeout %v: want a positive duration such as 15s", s.RequestTimeout.Value)}
	}
	if !f.demo {
		if err := f.checkAccount(e); err != nil {
			return err
		}
		e.useProfile()
		// A broken credentials file is reported here, by file and line:
		// the provider's own message would quote it, secrets and all.
		if err := client.CheckCredentialFiles(); err != nil {
			return usageError{err.Error()}
		}
		if err := checkSDKDebug(os.Getenv("DEBUG")); err != nil {
			return err
		}
	}
	// Flags and data files are checked before the terminal, so mistakes
	// are reported the same way in scripts.
	var ds *dataset.Dataset
	var faults emulator.Faults
	if f.demo {
		f.demoFlags.project, f.demoFlags.dataset = f.accountFlags.project, f.accountFlags.dataset
		var warnings []string
		if ds, warnings, faults, err = f.load(); err != nil {
			return err
		}
		writeWarnings(stderr, "immtui: --data "+f.data+": loaded; kept as given, with warnings:", "", warnings)
	}
	if !isTerminal(stdin) || !isTerminal(stdout) {
		return usageError{"immtui needs a terminal: run it in an interactive shell (stdin and stdout must be a TTY)"}
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()

	var cfg client.Config
	var demoSrv *emulator.Running
	project, dset := s.Project.Value, s.Dataset.Value
	if f.demo {
		// The demo signs with its own keys; nothing may wait on the ECS
		// metadata service, whatever is set up on this machine.
		os.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
		srv, err := emulator.Start("127.0.0.1:0", emulator.Config{Data: ds, Faults: faults})
		if err != nil {
			return fmt.Errorf("starting the demo emulator: %w", err)
		}
		defer srv.Close()
		// The demo opens on its first dataset; :projects shows the others.
		demoSrv = srv
		project, dset = ds.Datasets[0].ProjectName, ds.Datasets[0].DatasetName
		cfg = client.Config{Endpoint: srv.URL(), AccessKeyID: emulator.DemoAccessKeyID, AccessKeySecret: emulator.DemoAccessKeySecret, RegionID: ui.DemoRegion}
	} else {
		cfg = accountClientConfig(e, f.insecureHTTP)
	}
	cfg.ReadTimeout = s.RequestTimeout.Value
	cfg.UserAgent = "immtui/" + version
	if s.Debug.Value {
		log, closeLog, err := openRequestLog(e.paths.LogFile)
		if err != nil {
			return err
		}
		defer closeLog()
		cfg.RequestLog = log
		log.Info("start", "version", version, "endpoint", cfg.Endpoint, "region", cfg.RegionID, "profile", s.Profile.Value,
			"credentials", credentialLine(f.demo))
	}
	api, err := client.New(cfg)
	if err != nil {
		return err
	}
	defer api.Close()
	ossCfg, haveOSS := ossConfig(demoSrv, api, s, s.RequestTimeout.Value)
	images, err := newImages(imgMode, ossCfg, haveOSS)
	if err != nil {
		return err
	}

	// Library width tables are set once here; the glyph choice travels in
	// the UI's styles, never in a global of ours.
	ascii := safetext.Init()
	opts := browseOptions(e, api, cfg.RegionID, f.demo, theme.ForSetting(s.Theme.Value, nil, format.Glyphs{ASCII: ascii}))
	for _, w := range keyWarnings(s) {
		fmt.Fprintln(stderr, "immtui: warning: config file", w)
	}
	lang := s.Language.Value
	if f.lang != "" {
		lang = f.lang
	}
	opts.StartOn = ui.StartOverview
	opts.Images = images
	// y and Y write OSC 52 to the terminal the program draws on.
	opts.Clipboard, opts.Terminal = clipboard.FromEnv(os.LookupEnv, s.Clipboard.Value), stdout
	opts.ExportDir, opts.Languages = f.exportDir, ui.Languages(lang, os.Getenv)
	if !f.demo {
		if last, ok := e.remembered(); ok {
			opts.Recent = &views.Recent{Project: last.Project, Dataset: last.Dataset}
		}
	}
	var initial *state.Store
	if project != "" && dset != "" {
		initial = opts.Open(project, dset).(*state.Store)
		opts.Store = initial
		defer initial.Close()
	} else if project != "" {
		opts.StartProject = project
	}
	m := ui.NewModel(opts)
	defer m.CloseData()
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithContext(ctx), tea.WithInput(stdin), tea.WithOutput(stdout))
	_, err = p.Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		err = nil
	}
	if p, d, ok := m.Browsed(); err == nil && !f.demo && ok {
		profile, regionKey := e.recentKey()
		if rerr := recent.Remember(e.paths.RecentFile, profile, regionKey, p, d); rerr != nil {
			fmt.Fprintln(stderr, "immtui: warning: could not remember the project and dataset:", rerr)
		}
	}
	return err
}

// credentialLine names the credential source for the log and the header.
func credentialLine(demo bool) string {
	if demo {
		return "the demo's own keys"
	}
	return client.PredictCredentialSource().String()
}

// openRequestLog opens (appends to) the --debug log, readable by its owner
// only: it names projects, datasets and files.
func openRequestLog(path string) (*slog.Logger, func(), error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, nil, fmt.Errorf("--debug: cannot create the log directory: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("--debug: cannot open the log: %w", err)
	}
	return slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug})), func() { f.Close() }, nil
}

// names IMM accepts for projects and datasets (1-128 of letters, digits,
// '-' and '_', not starting with '-' or '_'); checked early so a typo gets
// a clear message instead of a ResourceNotFound later.
var nameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$`)

// langRE is a BCP 47 tag as the config file accepts one (zh-Hans, en_US).
var langRE = regexp.MustCompile(`^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$`)

// checkFlags checks what the command line alone can get wrong.
func (f *browseFlags) checkFlags(fs *pflag.FlagSet) error {
	if f.timeout <= 0 {
		return usageError{fmt.Sprintf("--timeout %v: want a positive duration such as 15s", f.timeout)}
	}
	if f.lang != "" && !langRE.MatchString(f.lang) {
		return usageError{fmt.Sprintf("--lang %q: want a language tag such as zh-Hans, zh-CN or en", safetext.Line(f.lang))}
	}
	if f.exportDir != "" {
		if st, err := os.Stat(f.exportDir); err != nil || !st.IsDir() {
			return usageError{fmt.Sprintf("--export-dir %q: not a directory; create it or pass another", safetext.Line(f.exportDir))}
		}
	}
	if f.demo {
		for _, name := range []string{"endpoint", "oss-endpoint", "region", "profile", "insecure-http", "vpc"} {
			if fs.Changed(name) {
				return usageError{"--demo serves its own data: it takes no --endpoint, --oss-endpoint, --region, --profile, --vpc or --insecure-http"}
			}
		}
		return nil
	}
	return nil
}

// checkAccount checks the settings of a real start, wherever they came
// from; a value's origin is named when it is not a flag.
func (f *browseFlags) checkAccount(e *env) error {
	s := e.settings
	for _, v := range []struct {
		flag string
		s    config.Setting[string]
	}{{"--project", s.Project}, {"--dataset", s.Dataset}} {
		if v.s.Value == "" && v.s.Source != config.FromDefault {
			return usageError{v.flag + " is required when given (an empty name); leave it out to choose from a list"}
		}
	}
	// Without a project the browser opens on the projects picker, without
	// a dataset on the project's datasets; a dataset alone names nothing.
	if s.Project.Value == "" && s.Dataset.Value != "" {
		return usageError{"a dataset belongs to a project: pass --project P with --dataset " + safetext.Line(s.Dataset.Value) + ", or neither to choose from a list"}
	}
	for _, v := range []struct {
		flag string
		s    config.Setting[string]
	}{{"--project", s.Project}, {"--dataset", s.Dataset}} {
		name := v.flag
		if v.s.Source == config.FromFile {
			name = strings.TrimPrefix(v.flag, "--") + " (" + v.s.Origin() + ")"
		}
		if v.s.Value == "" {
			continue
		}
		if !nameRE.MatchString(v.s.Value) {
			return usageError{fmt.Sprintf("%s %q is not a valid IMM name: use letters, digits, '-' and '_' (at most 128)", name, safetext.Line(v.s.Value))}
		}
	}
	if f.data != "" || f.faults != "" {
		return usageError{"--data and --faults go with --demo or serve"}
	}
	if err := checkEndpointSetting(s, f.insecureHTTP); err != nil {
		return err
	}
	return checkOSSEndpointSetting(s, f.insecureHTTP)
}

// checkEndpointSetting checks the endpoint, or the region it is derived
// from, before anything is sent.
func checkEndpointSetting(s config.Settings, insecureHTTP bool) error {
	ep := s.Endpoint
	if ep.Value == "" {
		switch {
		case insecureHTTP:
			return usageError{"--insecure-http goes with a plain http:// --endpoint"}
		case s.Region.Value == "":
			return usageError{"no region: pass --region (e.g. cn-hangzhou) or --endpoint, set ALIBABA_CLOUD_REGION_ID, or set a region with `aliyun configure`"}
		}
		if msg := config.CheckRegion(s.Region.Value); msg != "" {
			return usageError{fmt.Sprintf("region from %s: %s", s.Region.Origin(), msg)}
		}
		return nil
	}
	name := "--endpoint"
	if ep.Source != config.FromFlag {
		name = "endpoint (" + ep.Origin() + ")"
	}
	if s.VPC.Value {
		return usageError{"--vpc picks the region's VPC endpoint: it does not go with " + name}
	}
	if err := checkEndpoint(ep.Value); err != nil {
		return usageError{fmt.Sprintf("%s %q: %v", name, safetext.Line(ep.Value), err)}
	}
	if err := client.CheckEndpoint(ep.Value, insecureHTTP); err != nil {
		return usageError{name + ": " + err.Error()}
	}
	return nil
}

// checkEndpoint accepts host, host:port, or an http(s) URL.
func checkEndpoint(e string) error {
	raw := e
	if !strings.Contains(e, "://") {
		raw = "https://" + e
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		return errors.New("want HOST, HOST:PORT or an http(s) URL such as https://imm.cn-hangzhou.aliyuncs.com")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("scheme %q: want http or https", u.Scheme)
	}
	return nil
}

// checkSDKDebug refuses the DEBUG values at which the Alibaba Cloud
// libraries print every request and reply to stdout: signed headers, the
// security token, and STS replies with the AccessKey secret in them.
func checkSDKDebug(debug string) error {
	for _, part := range strings.Split(debug, ",") {
		switch strings.TrimSpace(part) {
		case "tea", "dara", "credential":
			return usageError{fmt.Sprintf("DEBUG=%q makes the Alibaba Cloud SDK print requests, tokens and secrets to the terminal: unset DEBUG (or drop %q from it)",
				safetext.Line(debug), strings.TrimSpace(part))}
		}
	}
	return nil
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}
