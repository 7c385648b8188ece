package main

import (
	"context"
	"fmt"
	"io"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
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

func (d *demoFlags) load() (*dataset.Dataset, emulator.Faults, error) {
	// Names of the generated dataset are checked like real ones: they end
	// up in every request and on screen.
	for _, nv := range [][2]string{{"--project", d.project}, {"--dataset", d.dataset}} {
		if nv[1] != "" && !nameRE.MatchString(nv[1]) {
			return nil, emulator.Faults{}, usageError{fmt.Sprintf("%s %q is not a valid IMM name: use letters, digits, '-' and '_' (at most 128)", nv[0], nv[1])}
		}
	}
	faults, err := emulator.ParseFaults(d.faults)
	if err != nil {
		return nil, faults, usageError{fmt.Sprintf("--faults: %v", err)}
	}
	if d.clusters < 1 || d.clusters > 100000 {
		return nil, faults, usageError{fmt.Sprintf("--clusters %d: want 1 to 100000", d.clusters)}
	}
	if d.data != "" {
		ds, err := dataset.LoadFile(d.data)
		if err != nil {
			return nil, faults, usageError{fmt.Sprintf("--data %s: %v", d.data, err)}
		}
		return ds, faults, nil
	}
	return dataset.Generate(dataset.Options{Seed: d.seed, Clusters: d.clusters, Project: d.project, Dataset: d.dataset}), faults, nil
}

type serveFlags struct {
	demoFlags
	addr, ak, sk string
}

func newServeCmd(stdout io.Writer) *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "run the IMM emulator on its own",
		Long: `immtui serve: run the IMM emulator on its own

It speaks IMM's HTTP API (2020-09-30, V3 signatures) over a generated or
loaded dataset, for offline development and for testing other IMM clients.

  immtui serve [--addr 127.0.0.1:8080] [--seed N] [--clusters N] [--data FILE] [--faults SPEC]`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error { return asRunError(runServe(&f, stdout)) },
	}
	fs := cmd.Flags()
	fs.StringVar(&f.addr, "addr", "127.0.0.1:0", "listen `address` (port 0 picks a free port)")
	fs.StringVar(&f.ak, "access-key-id", emulator.DemoAccessKeyID, "AccessKeyId clients must sign with")
	fs.StringVar(&f.sk, "access-key-secret", emulator.DemoAccessKeySecret, "AccessKeySecret clients must sign with")
	fs.StringVar(&f.project, "project", "", "project name of the generated dataset (default immtui-demo)")
	fs.StringVar(&f.dataset, "dataset", "", "dataset name of the generated dataset (default family-photos)")
	f.demoFlags.register(fs)
	return cmd
}

func runServe(f *serveFlags, stdout io.Writer) error {
	if f.ak == "" || f.sk == "" {
		return usageError{"--access-key-id and --access-key-secret must not be empty"}
	}
	ds, faults, err := f.load()
	if err != nil {
		return err
	}
	srv, err := emulator.Start(f.addr, emulator.Config{AccessKeyID: f.ak, AccessKeySecret: f.sk, Data: ds, Faults: faults})
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", f.addr, err)
	}
	defer srv.Close()

	fmt.Fprintf(stdout, "IMM emulator listening on %s\n", srv.URL())
	for _, dset := range ds.Datasets {
		fmt.Fprintf(stdout, "  project %s, dataset %s\n", dset.ProjectName, dset.DatasetName)
	}
	fmt.Fprintf(stdout, "  %d clusters, %d files\n", len(ds.FigureClusters), len(ds.Files))
	fmt.Fprintf(stdout, "  access key id %s (secret: %s)\n", f.ak, f.sk)
	if faults != (emulator.Faults{}) {
		fmt.Fprintf(stdout, "  faults: %s\n", faults)
	}
	first := ds.Datasets[0]
	fmt.Fprintf(stdout, "\nBrowse it from another terminal:\n  ALIBABA_CLOUD_ACCESS_KEY_ID=%s ALIBABA_CLOUD_ACCESS_KEY_SECRET=%s \\\n    immtui --endpoint %s --project %s --dataset %s\n\nCtrl+C stops it.\n",
		f.ak, f.sk, srv.URL(), first.ProjectName, first.DatasetName)

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	fmt.Fprintln(stdout, "stopping")
	return nil
}
