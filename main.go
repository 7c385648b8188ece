// Command immtui browses Alibaba Cloud IMM datasets in a terminal.
//
//	immtui --demo                          the demo: embedded emulator + generated dataset
//	immtui --project P --dataset D ...     a real account (aliyun CLI credentials)
//	immtui serve [--addr A] ...            the emulator alone
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/mattn/go-isatty"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/theme"
)

var version = "dev"

// exitUsage is the exit code for bad flags or arguments.
const exitUsage = 2

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// usageError is a mistake in how immtui was called: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var err error
	if len(args) > 0 && args[0] == "serve" {
		err = runServe(args[1:], stdout, stderr)
	} else if len(args) > 0 && args[0] == "version" {
		fmt.Fprintln(stdout, "immtui", version)
	} else {
		err = runBrowse(args, stdin, stdout, stderr)
	}
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintln(stderr, "immtui:", err)
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return 1
}

// demoFlags are shared by --demo and serve: what dataset to serve and how.
type demoFlags struct {
	seed     int64
	clusters int
	data     string
	faults   string
	project  string
	dataset  string
}

func (d *demoFlags) register(fs *flag.FlagSet) {
	fs.Int64Var(&d.seed, "seed", 1, "seed of the generated dataset (same seed, same data)")
	fs.IntVar(&d.clusters, "clusters", 80, "number of clusters to generate (up to 100000)")
	fs.StringVar(&d.data, "data", "", "serve this dataset `FILE` (JSON of the API's models) instead of a generated one")
	fs.StringVar(&d.faults, "faults", "", "inject faults, e.g. \"latency=50ms,5xx=0.1,throttle=0.05,truncate=0.02,seed=7\"")
}

// load makes the dataset to serve: the --data file, or a generated one.
// Warnings are what the file holds that is kept as given but may surprise
// (see dataset.Check): they are for the user to read, not errors.
func (d *demoFlags) load() (*dataset.Dataset, []string, emulator.Faults, error) {
	// Names of the generated dataset are checked like real ones: they end
	// up in every request and on screen.
	for _, nv := range [][2]string{{"--project", d.project}, {"--dataset", d.dataset}} {
		if nv[1] != "" && !nameRE.MatchString(nv[1]) {
			return nil, nil, emulator.Faults{}, usageError{fmt.Sprintf("%s %q is not a valid IMM name: use letters, digits, '-' and '_' (at most 128)", nv[0], nv[1])}
		}
	}
	faults, err := emulator.ParseFaults(d.faults)
	if err != nil {
		return nil, nil, faults, usageError{fmt.Sprintf("--faults: %v", err)}
	}
	if d.clusters < 1 || d.clusters > 100000 {
		return nil, nil, faults, usageError{fmt.Sprintf("--clusters %d: want 1 to 100000", d.clusters)}
	}
	if d.data != "" {
		ds, warnings, err := dataset.LoadFile(d.data)
		if err != nil {
			return nil, nil, faults, usageError{fmt.Sprintf("--data %s: %v", d.data, err)}
		}
		return ds, warnings, faults, nil
	}
	return dataset.Generate(dataset.Options{Seed: d.seed, Clusters: d.clusters, Project: d.project, Dataset: d.dataset}), nil, faults, nil
}

// writeWarnings lists what loading the --data file warned about, one per
// line under a heading, escaped for the terminal (the file's names and
// URIs are untrusted text).
func writeWarnings(w io.Writer, heading, indent string, warnings []string) {
	if len(warnings) == 0 {
		return
	}
	fmt.Fprintf(w, "%s%s\n", indent, safetext.Line(heading))
	for _, x := range warnings {
		fmt.Fprintf(w, "%s  %s\n", indent, safetext.Line(x))
	}
}

func newFlagSet(name string, stderr io.Writer, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

const browseSynopsis = `immtui: browse Alibaba Cloud IMM datasets in a terminal

Usage:
  immtui --demo [--seed N] [--clusters N] [--data FILE] [--faults SPEC]
  immtui --project P --dataset D [--region R | --endpoint URL] [--profile NAME] [--insecure-http]
  immtui serve --help        the IMM emulator on its own
  immtui --version

Flags:
`

type browseFlags struct {
	demo bool
	demoFlags
	endpoint     string
	insecureHTTP bool
	region       string
	profile      string
	timeout      time.Duration
	version      bool
}

func runBrowse(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var f browseFlags
	fs := newFlagSet("immtui", stderr, browseSynopsis)
	fs.BoolVar(&f.demo, "demo", false, "browse a generated dataset served by an embedded emulator (no account needed)")
	f.demoFlags.register(fs)
	fs.StringVar(&f.project, "project", "", "IMM project `name`")
	fs.StringVar(&f.dataset, "dataset", "", "IMM dataset `name`")
	fs.StringVar(&f.endpoint, "endpoint", "", "IMM endpoint, `HOST:PORT or URL` (default imm.<region>.aliyuncs.com)")
	fs.BoolVar(&f.insecureHTTP, "insecure-http", false, "allow a plain http:// --endpoint that is not this machine (requests and replies unencrypted; the header warns)")
	fs.StringVar(&f.region, "region", "", "region, e.g. cn-hangzhou (default: the aliyun CLI profile's region)")
	fs.StringVar(&f.profile, "profile", "", "aliyun CLI credentials profile `name`")
	fs.DurationVar(&f.timeout, "timeout", 15*time.Second, "give up on a request after this long")
	fs.BoolVar(&f.version, "version", false, "print the version and exit")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if f.version {
		fmt.Fprintln(stdout, "immtui", version)
		return nil
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q (see immtui --help)", fs.Arg(0))}
	}
	if err := f.check(); err != nil {
		return err
	}
	if !f.demo {
		if f.profile != "" {
			os.Setenv("ALIBABA_CLOUD_PROFILE", f.profile)
		}
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
		var warnings []string
		var err error
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
	if f.demo {
		srv, err := emulator.Start("127.0.0.1:0", emulator.Config{Data: ds, Faults: faults})
		if err != nil {
			return fmt.Errorf("starting the demo emulator: %w", err)
		}
		defer srv.Close()
		project, dset := ds.Datasets[0].ProjectName, ds.Datasets[0].DatasetName
		f.project, f.dataset = project, dset
		cfg = client.Config{Endpoint: srv.URL(), AccessKeyID: emulator.DemoAccessKeyID, AccessKeySecret: emulator.DemoAccessKeySecret, RegionID: ui.DemoRegion}
	} else {
		if f.region == "" && f.endpoint == "" {
			if r, ok := client.CLIProfileRegion(); ok {
				f.region = r
			} else {
				return usageError{"no region: pass --region (e.g. cn-hangzhou) or --endpoint, or set a region with `aliyun configure`"}
			}
		}
		cfg = client.Config{Endpoint: f.endpoint, RegionID: f.region, AllowInsecureHTTP: f.insecureHTTP}
	}
	cfg.ReadTimeout = f.timeout
	cfg.UserAgent = "immtui/" + version
	api, err := client.New(cfg)
	if err != nil {
		return err
	}
	defer api.Close()
	store := state.New(api, f.project, f.dataset, state.Options{})
	defer store.Close()

	// Library width tables are set once here; the glyph choice travels in
	// the UI's styles, never in a global of ours.
	ascii := safetext.Init()
	region := cfg.RegionID
	if f.demo {
		region = ""
	}
	m := ui.New(ui.Options{Store: store, Endpoint: api.Endpoint(), Region: region, Demo: f.demo, ReadOnly: true,
		Styles: theme.NewWith(nil, format.Glyphs{ASCII: ascii})})
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithContext(ctx), tea.WithInput(stdin), tea.WithOutput(stdout))
	_, err = p.Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil
	}
	return err
}

// names IMM accepts for projects and datasets (1-128 of letters, digits,
// '-' and '_', not starting with '-' or '_'); checked early so a typo gets
// a clear message instead of a ResourceNotFound later.
var nameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$`)

func (f *browseFlags) check() error {
	if f.timeout <= 0 {
		return usageError{fmt.Sprintf("--timeout %v: want a positive duration such as 15s", f.timeout)}
	}
	if f.demo {
		if f.endpoint != "" || f.region != "" || f.profile != "" || f.insecureHTTP {
			return usageError{"--demo serves its own data: it takes no --endpoint, --region, --profile or --insecure-http"}
		}
		return nil
	}
	if f.project == "" && f.dataset == "" {
		return usageError{"nothing to browse: pass --project P --dataset D, or --demo for a demo with no account"}
	}
	for _, nv := range [][2]string{{"--project", f.project}, {"--dataset", f.dataset}} {
		if nv[1] == "" {
			return usageError{nv[0] + " is required (or use --demo)"}
		}
		if !nameRE.MatchString(nv[1]) {
			return usageError{fmt.Sprintf("%s %q is not a valid IMM name: use letters, digits, '-' and '_' (at most 128)", nv[0], nv[1])}
		}
	}
	if f.endpoint != "" {
		if err := checkEndpoint(f.endpoint); err != nil {
			return usageError{fmt.Sprintf("--endpoint %q: %v", f.endpoint, err)}
		}
		if err := client.CheckEndpoint(f.endpoint, f.insecureHTTP); err != nil {
			return usageError{"--endpoint: " + err.Error()}
		}
	} else if f.insecureHTTP {
		return usageError{"--insecure-http goes with a plain http:// --endpoint"}
	}
	if f.data != "" || f.faults != "" {
		return usageError{"--data and --faults go with --demo or serve"}
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
