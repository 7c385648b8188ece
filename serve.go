package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"syscall"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/safetext"
)

const serveSynopsis = `immtui serve: run the IMM emulator on its own

It speaks IMM's HTTP API (2020-09-30, V3 signatures) over a generated or
loaded dataset, for offline development and for testing other IMM clients.

Usage:
  immtui serve [--addr 127.0.0.1:8080] [--seed N] [--clusters N] [--data FILE] [--faults SPEC]

Flags:
`

func runServe(args []string, stdout, stderr io.Writer) error {
	var d demoFlags
	var addr, ak, sk string
	fs := newFlagSet("immtui serve", stderr, serveSynopsis)
	fs.StringVar(&addr, "addr", "127.0.0.1:0", "listen `address` (port 0 picks a free port)")
	fs.StringVar(&ak, "access-key-id", emulator.DemoAccessKeyID, "AccessKeyId clients must sign with")
	fs.StringVar(&sk, "access-key-secret", emulator.DemoAccessKeySecret, "AccessKeySecret clients must sign with")
	fs.StringVar(&d.project, "project", "", "project name of the generated dataset (default immtui-demo)")
	fs.StringVar(&d.dataset, "dataset", "", "dataset name of the generated dataset (default family-photos)")
	d.register(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q (see immtui serve --help)", fs.Arg(0))}
	}
	if ak == "" || sk == "" {
		return usageError{"--access-key-id and --access-key-secret must not be empty"}
	}
	ds, warnings, faults, err := d.load()
	if err != nil {
		return err
	}
	srv, err := emulator.Start(addr, emulator.Config{AccessKeyID: ak, AccessKeySecret: sk, Data: ds, Faults: faults})
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", addr, err)
	}
	defer srv.Close()

	writeServeBanner(stdout, srv.URL(), ds, d.data, warnings, faults, ak, sk)

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	fmt.Fprintln(stdout, "stopping")
	return nil
}

// writeServeBanner says what is served where, what loading the --data file
// warned about, and how to browse it.
func writeServeBanner(w io.Writer, url string, ds *dataset.Dataset, dataFile string, warnings []string, faults emulator.Faults, ak, sk string) {
	fmt.Fprintf(w, "IMM emulator listening on %s\n", url)
	for _, dset := range ds.Datasets {
		fmt.Fprintf(w, "  project %s, dataset %s\n", safetext.Line(dset.ProjectName), safetext.Line(dset.DatasetName))
	}
	fmt.Fprintf(w, "  %d clusters, %d files\n", len(ds.FigureClusters), len(ds.Files))
	writeWarnings(w, "--data "+dataFile+": kept as given, with warnings:", "  ", warnings)
	fmt.Fprintf(w, "  access key id %s (secret: %s)\n", ak, sk)
	if faults != (emulator.Faults{}) {
		fmt.Fprintf(w, "  faults: %s\n", faults)
	}
	first := ds.Datasets[0]
	fmt.Fprintf(w, "\nBrowse it from another terminal:\n  ALIBABA_CLOUD_ACCESS_KEY_ID=%s ALIBABA_CLOUD_ACCESS_KEY_SECRET=%s \\\n    immtui --endpoint %s --project %s --dataset %s\n\nCtrl+C stops it.\n",
		ak, sk, url, safetext.Line(first.ProjectName), safetext.Line(first.DatasetName))
}
