package main

import (
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/config"
	"github.com/immtui/immtui/safetext"
)

func newInfoCmd(stdout, stderr io.Writer) *cobra.Command {
	var a accountFlags
	var example bool
	cmd := &cobra.Command{
		Use:   "info",
		Short: "print immtui's paths, the settings in effect and where each came from",
		Long: `immtui info: where immtui keeps its files, the settings it would use and
where each came from (flag, environment, aliyun CLI profile, config file,
default), and the credential source it would use. It takes the same flags
as immtui, to show what they change. It prints no key, secret or token,
and makes no request.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if example {
				_, err := io.WriteString(stdout, config.Example)
				return asRunError(err)
			}
			e, err := loadEnv(cmd.Flags(), &a, nil)
			if err != nil {
				return asRunError(err)
			}
			return asRunError(printInfo(stdout, e))
		},
	}
	a.register(cmd.Flags())
	cmd.Flags().BoolVar(&example, "config-example", false, "print a commented example config file and exit")
	return cmd
}

func printInfo(w io.Writer, e *env) error {
	s := e.settings
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	p := func(format string, args ...any) { fmt.Fprintf(tw, format, args...) }

	p("immtui %s\n\nFiles:\n", version)
	p("  config file\t%s\t%s\n", s.ConfigFile, exists(s.ConfigFile, "(not found: the defaults are used)"))
	p("  state\t%s\t%s\n", e.paths.RecentFile, "(the last project and dataset)")
	p("  cache\t%s\n", e.paths.CacheDir)
	p("  log\t%s\t%s\n", e.paths.LogFile, "(written with --debug)")

	p("\nSettings:\n")
	for _, r := range s.Rows() {
		p("  %s\t%s\t%s\n", r.Name, safetext.Line(r.Value), safetext.Line(r.Origin))
	}
	if ep := e.endpoint(); ep != "" {
		p("  (endpoint used)\t%s\n", safetext.Line(ep))
	}

	e.useProfile()
	src := client.PredictCredentialSource()
	p("\nCredentials (default chain; no request made):\n")
	p("  provider\t%s\n", safetext.Line(src.Description()))
	if src.Profile != "" {
		p("  profile\t%s\n", safetext.Line(src.Profile))
	}
	if src.Mode != "" {
		p("  mode\t%s\n", safetext.Line(src.Mode))
	}
	if src.File != "" {
		p("  file\t%s\n", src.File)
	}
	if src.Provider == "ecs_ram_role" {
		p("  \t(the metadata service is asked only when nothing before it has keys, for at most %s)\n", client.ECSMetadataTimeout)
	}
	if last, ok := e.remembered(); ok {
		p("\nLast browsed with this profile and region:\n  %s / %s\t(%s)\n", safetext.Line(last.Project), safetext.Line(last.Dataset), last.UsedAt.Local().Format("2006-01-02 15:04"))
	}
	if len(s.Problems) > 0 {
		p("\nConfig file problems (those values are ignored):\n")
		for _, pr := range s.Problems {
			p("  %s\n", pr)
		}
	}
	if err := client.CheckCredentialFiles(); err != nil {
		p("\nCredentials file problem:\n  %s\n", err)
	}
	return tw.Flush()
}

func exists(path, missing string) string {
	if _, err := os.Stat(path); err != nil {
		return missing
	}
	return ""
}
