package main

import (
	"context"
	"fmt"
	"io"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/safetext"
)

// demoFlags are shared by --demo and serve: what dataset to serve and how.
type demoFlags struct {
	seed     int64
	clusters int
	data     string
	faults   string
	project  string
	dataset  string
}

func (d *demoFlags) register(fs *pflag.FlagSet) {
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
	// Two projects and three datasets (docs/emulator.md §4), the first
	// exactly the single-dataset demo, so the pickers have a choice.
	return dataset.GenerateMulti(dataset.Options{Seed: d.seed, Clusters: d.clusters, Project: d.project, Dataset: d.dataset}), nil, faults, nil
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

type serveFlags struct {
	demoFlags
	addr, ak, sk string
	accounts     accountsFlag
}

func newServeCmd(stdout io.Writer) *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "run the IMM emulator on its own",
		Long: `immtui serve: run the IMM emulator on its own

It speaks IMM's HTTP API (2020-09-30, V3 and V1 signatures) over a generated or
loaded dataset, for offline development and for testing other IMM clients.

  immtui serve [--addr 127.0.0.1:8080] [--seed N] [--clusters N] [--data FILE] [--faults SPEC] [--accounts FILE]`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error { return asRunError(runServe(&f, stdout)) },
	}
	fs := cmd.Flags()
	fs.StringVar(&f.addr, "addr", "127.0.0.1:0", "listen `address` (port 0 picks a free port)")
	fs.StringVar(&f.ak, "access-key-id", emulator.DemoAccessKeyID, "AccessKeyId clients must sign with")
	fs.StringVar(&f.sk, "access-key-secret", emulator.DemoAccessKeySecret, "AccessKeySecret clients must sign with")
	fs.StringVar(&f.project, "project", "", "project name of the generated dataset (default immtui-demo)")
	fs.StringVar(&f.dataset, "dataset", "", "dataset name of the generated dataset (default family-photos)")
	fs.Var(&f.accounts, "accounts", accountsUsage)
	f.demoFlags.register(fs)
	return cmd
}

func runServe(f *serveFlags, stdout io.Writer) error {
	if f.ak == "" || f.sk == "" {
		return usageError{"--access-key-id and --access-key-secret must not be empty"}
	}
	// The flag keeps its problems for here: a flag parser quotes the
	// rejected value in its error, and an inline account holds a secret.
	if err := f.accounts.Err(); err != nil {
		return usageError{err.Error()}
	}
	ds, warnings, faults, err := f.load()
	if err != nil {
		return err
	}
	cfg := emulator.Config{AccessKeyID: f.ak, AccessKeySecret: f.sk, Data: ds, Faults: faults}
	if len(f.accounts.list) > 0 {
		cfg.AccessKeyID, cfg.AccessKeySecret, cfg.Accounts = "", "", f.accounts.list
	}
	srv, err := emulator.Start(f.addr, cfg)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", f.addr, err)
	}
	defer srv.Close()
	oss := serveOSS{endpoint: srv.OSSEndpoint(), region: srv.OSSRegion(), buckets: srv.OSSBuckets()}
	writeServeBanner(stdout, srv.URL(), ds, f.data, warnings, faults, f.ak, f.sk, f.accounts.list, oss)

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	fmt.Fprintln(stdout, "stopping")
	return nil
}

// writeServeBanner says what is served where, what loading the --data file
// warned about, and how to browse it.
// With accounts, their IDs and projects are listed instead of the demo key,
// and the hint leaves the secret out (it is the user's, in their file).
func writeServeBanner(w io.Writer, url string, ds *dataset.Dataset, dataFile string, warnings []string, faults emulator.Faults, ak, sk string, accounts []emulator.Account, oss serveOSS) {
	fmt.Fprintf(w, "IMM emulator listening on %s\n", url)
	for _, dset := range ds.Datasets {
		fmt.Fprintf(w, "  project %s, dataset %s\n", safetext.Line(dset.ProjectName), safetext.Line(dset.DatasetName))
	}
	fmt.Fprintf(w, "  %d clusters, %d files\n", len(ds.FigureClusters), len(ds.Files))
	writeWarnings(w, "--data "+dataFile+": kept as given, with warnings:", "  ", warnings)
	if len(accounts) > 0 {
		fmt.Fprintln(w, "  accounts:")
		for _, l := range describeAccounts(accounts) {
			fmt.Fprintln(w, "    "+safetext.Line(l))
		}
		ak, sk = safetext.Line(accounts[0].AccessKeyId), "<its secret>"
	} else {
		fmt.Fprintf(w, "  access key id %s (secret: %s)\n", ak, sk)
	}
	if faults != (emulator.Faults{}) {
		fmt.Fprintf(w, "  faults: %s\n", faults)
	}
	pictures := ""
	if oss.endpoint != "" {
		fmt.Fprintf(w, "  OSS (the files' pictures) on %s, region %s, buckets %s\n",
			oss.endpoint, oss.region, safetext.Line(strings.Join(oss.buckets, ", ")))
		pictures = fmt.Sprintf(" \\\n    --oss-endpoint %s --region %s", oss.endpoint, oss.region)
	}
	first := ds.Datasets[0]
	fmt.Fprintf(w, "\nBrowse it from another terminal:\n  ALIBABA_CLOUD_ACCESS_KEY_ID=%s ALIBABA_CLOUD_ACCESS_KEY_SECRET=%s \\\n    immtui --endpoint %s --project %s --dataset %s%s\n\nCtrl+C stops it.\n",
		ak, sk, url, safetext.Line(first.ProjectName), safetext.Line(first.DatasetName), pictures)
}

// serveOSS is the emulator's OSS endpoint for the banner ("" endpoint:
// none).
type serveOSS struct {
	endpoint, region string
	buckets          []string
}
