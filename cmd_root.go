package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/immtui/immtui/safetext"
)

// newRootCmd is `immtui` (browse) with its subcommands. Help goes to
// stdout (`immtui --help | less`), errors to stderr as one line.
func newRootCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	var f browseFlags
	root := &cobra.Command{
		Use:   "immtui",
		Short: "browse Alibaba Cloud IMM datasets in a terminal",
		Long: `immtui: browse Alibaba Cloud IMM datasets in a terminal

  immtui --demo [--seed N] [--clusters N] [--data FILE] [--faults SPEC]
  immtui --project P --dataset D [--region R | --endpoint URL] [--vpc] [--profile NAME]

Credentials come from the Alibaba Cloud default chain: environment
variables, the aliyun CLI's ~/.aliyun/config.json, ~/.alibabacloud/credentials,
the ECS RAM role. Settings can also come from the config file
($XDG_CONFIG_HOME/immtui/config.toml): see immtui info --config-example.`,
		Version:       version,
		Args:          noArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return asRunError(runBrowse(cmd, &f, stdin, stdout, stderr))
		},
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetVersionTemplate("immtui {{.Version}}\n")
	root.SetFlagErrorFunc(flagError)
	root.Flags().SortFlags = false
	f.register(root.Flags())
	root.AddCommand(newServeCmd(stdout), newInfoCmd(stdout, stderr), newVersionCmd(stdout))
	// cobra's own `completion bash|zsh|fish|powershell`; errors in it are
	// as short as everywhere else.
	root.SuggestionsMinimumDistance = 2
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		c.SilenceUsage = true
		c.Flags().SortFlags = false
		if c.Name() == "completion" {
			c.Args = func(_ *cobra.Command, args []string) error {
				shell := ""
				if len(args) > 0 {
					shell = fmt.Sprintf(" %q", safetext.Line(args[0]))
				}
				return usageError{fmt.Sprintf("unknown shell%s: use immtui completion bash, zsh, fish or powershell", shell)}
			}
			c.RunE = func(cmd *cobra.Command, args []string) error { return cmd.Args(cmd, args) }
		}
	}
	return root
}

func newVersionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "print the version",
		Args:  noArgs,
		Run:   func(*cobra.Command, []string) { fmt.Fprintln(stdout, "immtui", version) },
	}
}

// asRunError marks an error of a command's own (not of cobra's parsing).
func asRunError(err error) error {
	if err == nil {
		return nil
	}
	return runError{err}
}

// noArgs refuses positional arguments, suggesting a subcommand for a typo.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unexpected argument %q (see %s --help)", safetext.Line(args[0]), cmd.CommandPath())
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += "; did you mean " + strings.Join(s, " or ") + "?"
	}
	return usageError{msg}
}

// flagError puts pflag's errors in the words immtui has always used.
func flagError(cmd *cobra.Command, err error) error {
	var notExist *pflag.NotExistError
	var invalid *pflag.InvalidValueError
	switch {
	case errors.As(err, &notExist):
		name := notExist.GetSpecifiedName()
		if s := notExist.GetSpecifiedShortnames(); s != "" {
			name = "-" + name + " in -" + s
		} else {
			name = "--" + name
		}
		err = fmt.Errorf("flag provided but not defined: %s", name)
	case errors.As(err, &invalid):
		err = fmt.Errorf("invalid value %q for --%s: %v", invalid.GetValue(), invalid.GetFlag().Name, errors.Unwrap(invalid))
	}
	return usageError{fmt.Sprintf("%s (see %s --help)", safetext.Line(err.Error()), cmd.CommandPath())}
}
