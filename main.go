// Command immtui browses Alibaba Cloud IMM datasets in a terminal.
//
//	immtui --demo                          the demo: embedded emulator + generated dataset
//	immtui --project P --dataset D ...     a real account (aliyun CLI credentials)
//	immtui serve [--addr A] ...            the emulator alone
//	immtui info                            paths, settings and where they came from
//
// This file is the wiring; each command is in its cmd_*.go file.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
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

// runError is a failure of a command that was called right: exit code 1.
// Every other error comes from cobra parsing the command line: exit 2.
type runError struct{ err error }

func (e runError) Error() string { return e.err.Error() }
func (e runError) Unwrap() error { return e.err }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd(stdin, stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	fmt.Fprintln(stderr, "immtui:", err)
	var re runError
	if errors.As(err, &re) {
		var ue usageError
		if errors.As(re.err, &ue) {
			return exitUsage
		}
		return 1
	}
	return exitUsage
}
