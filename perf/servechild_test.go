package perf

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
)

// serveChildEnv makes the test binary an emulator process: it generates
// that many clusters, serves them on loopback, prints "URL PROJECT DATASET"
// and serves until its stdin closes. The memory figure needs the dataset
// out of the measured process.
const serveChildEnv = "IMMTUI_PERF_SERVE_CHILD"

func serveChild() int {
	n, err := strconv.Atoi(os.Getenv(serveChildEnv))
	if err != nil {
		fmt.Fprintln(os.Stderr, "serve child:", err)
		return 2
	}
	ds := dataset.Generate(dataset.Options{Seed: 1, Clusters: n})
	srv, err := emulator.Start("127.0.0.1:0", emulator.Config{Data: ds})
	if err != nil {
		fmt.Fprintln(os.Stderr, "serve child:", err)
		return 1
	}
	d := ds.Datasets[0]
	fmt.Printf("%s %s %s\n", srv.URL(), d.ProjectName, d.DatasetName)
	_, _ = io.Copy(io.Discard, os.Stdin)
	_ = srv.Close()
	return 0
}

// remoteEmulator is an emulator in a child process.
type remoteEmulator struct {
	url, project, dataset string
	cmd                   *exec.Cmd
	stdin                 io.WriteCloser
}

func startRemoteEmulator(tb testing.TB, clusters int) (*remoteEmulator, error) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), serveChildEnv+"="+strconv.Itoa(clusters))
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	r := &remoteEmulator{cmd: cmd, stdin: in}
	line, err := bufio.NewReader(out).ReadString('\n')
	f := strings.Fields(line)
	if err != nil || len(f) != 3 {
		r.close()
		return nil, fmt.Errorf("emulator child said %q: %v", line, err)
	}
	r.url, r.project, r.dataset = f[0], f[1], f[2]
	return r, nil
}

func (r *remoteEmulator) close() {
	_ = r.stdin.Close()
	_ = r.cmd.Wait()
}
