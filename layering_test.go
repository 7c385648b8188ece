package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

// The layering promised in docs/architecture.md "Packages and layering",
// checked on the real import graph (transitively, test files excluded:
// tests may reach anything). Each rule below is one row or one promise of
// that section; a failure names the rule and the document.
const module = "github.com/immtui/immtui"

// Package sets the rules share. A name is a path inside the module ("." is
// the command itself); "x/..." is x and everything under it. A name with a
// dot in its first element ("github.com/...") or a standard-library path
// is taken as it is.
var (
	modelPackages = []string{"imm", "assets", "sizedlru"}
	purePackages  = []string{"review", "search", "safetext", "facecrop", "facepic", "termimage", "clipboard", "ui/format", "ui/keymap"}
	// theNetwork is what lets a package dial: net itself (net/url and
	// net/netip do not import it) and everything built on it.
	theNetwork = []string{"net", "net/http"}
	processes  = []string{"os/exec"}
	// bubbleTea is the runtime and its styles; every bubbles component
	// but key (plain bindings, which ui/keymap rewrites) imports one.
	bubbleTea = []string{"github.com/charmbracelet/bubbletea", "github.com/charmbracelet/lipgloss"}
	// theSDKs are the OpenAPI runtime, the credential chain and the OSS
	// SDK: only client/ and ossclient/ speak to Alibaba Cloud.
	theSDKs = []string{"github.com/alibabacloud-go/...", "github.com/aliyun/..."}
	// ioPackages are the leaves only the command wires together.
	ioPackages = []string{"client", "ossclient", "config", "recent", "emulator", "dataset"}
)

type layeringRule struct {
	name     string
	packages []string // the packages the rule is about
	except   []string // packages of packages the rule leaves out
	// mayNotReach are packages none of them may depend on, directly or not.
	mayNotReach []string
	// mayNotImport are packages none of them may import directly: every
	// package reaches os through fmt, so only a direct import of os says
	// that a package opens files.
	mayNotImport []string
	// moduleOnly, when not nil, are the only module packages they may reach.
	moduleOnly []string
	stdOnly    bool // they reach the standard library only
}

func concat(sets ...[]string) []string { return slices.Concat(sets...) }

var layeringRules = []layeringRule{
	{name: "the models depend on the standard library only",
		packages: modelPackages, stdOnly: true},
	{name: "pure packages reach no network, no process and no Bubble Tea",
		packages: purePackages, mayNotReach: concat(theNetwork, processes, bubbleTea)},
	// safetext.Init reads one environment variable (RUNEWIDTH_EASTASIAN).
	{name: "pure packages open no files",
		packages: purePackages, except: []string{"safetext"}, mayNotImport: []string{"os", "syscall"}},
	{name: "pure packages build only on the models and each other",
		packages: purePackages, moduleOnly: concat(modelPackages, purePackages)},
	{name: "state/ reaches neither Bubble Tea nor the network nor an I/O package nor ui/",
		packages: []string{"state/..."}, mayNotReach: concat(bubbleTea, []string{"net/http", "imagecache", "ui/..."}, ioPackages)},
	{name: "imagecache/ takes its reads through a Fetcher: no network, no OSS client, no UI",
		packages: []string{"imagecache/..."}, mayNotReach: concat(bubbleTea, []string{"net/http", "state", "ui/..."}, ioPackages)},
	{name: "ui/ reaches neither the network nor the SDKs nor an I/O package",
		packages: []string{"ui/..."}, mayNotReach: concat([]string{"net/http"}, theSDKs, ioPackages)},
	{name: "ui/component, the contract, depends on nothing of the module",
		packages: []string{"ui/component"}, moduleOnly: []string{}},
	{name: "the parts screens are built from never reach the panes, the screens or the root",
		packages:    []string{"ui/widgets/...", "ui/theme", "ui/cmdline", "ui/format", "ui/keymap", "ui/component"},
		mayNotReach: []string{"ui", "ui/views", "ui/panes"}},
	{name: "the panes never reach the screens or the root",
		packages: []string{"ui/panes/..."}, mayNotReach: []string{"ui", "ui/views"}},
	{name: "the screens never reach the root",
		packages: []string{"ui/views/..."}, mayNotReach: []string{"ui"}},
	{name: "client/ reaches neither state/ nor ui/ nor Bubble Tea nor the other I/O packages",
		packages: []string{"client/..."}, mayNotReach: concat(bubbleTea, []string{"state", "imagecache", "ui/...", "ossclient", "emulator", "dataset"})},
	{name: "ossclient/ reaches neither client/ nor state/ nor imagecache/ nor ui/",
		packages: []string{"ossclient/..."}, mayNotReach: concat(bubbleTea, []string{"client", "state", "imagecache", "ui/...", "emulator", "dataset"})},
	{name: "config/ and recent/ read files, never the network, and know nothing of state/ or ui/",
		packages: []string{"config/...", "recent/..."}, mayNotReach: concat(theNetwork, bubbleTea, []string{"client", "ossclient", "state", "imagecache", "ui/..."})},
	{name: "the emulator's verifiers are written independently of the SDKs' signers; it serves, never browses",
		packages: []string{"emulator/..."}, mayNotReach: concat(bubbleTea, theSDKs, []string{"client", "ossclient", "state", "imagecache", "ui/..."})},
	{name: "dataset/ builds and reads data: no network, no client, no UI",
		packages: []string{"dataset/..."}, mayNotReach: concat(theNetwork, bubbleTea, theSDKs, []string{"client", "ossclient", "state", "imagecache", "ui/..."})},
	{name: "only the command wires the I/O packages (the emulator serves a dataset)",
		packages: []string{"..."}, except: concat([]string{".", "perf/...", "internal/teststack"}, ioPackages), mayNotReach: ioPackages},
	{name: "test support is imported by tests only",
		packages: []string{"..."}, mayNotReach: []string{"client/clienttest", "ui/internal/uitest", "internal/teststack"}},
	{name: "internal/teststack starts the stack below the UI: never ui/ nor Bubble Tea",
		packages: []string{"internal/teststack"}, mayNotReach: concat(bubbleTea, []string{"ui/...", "ossclient", "imagecache"})},
	{name: "client/clienttest builds on the standard library only",
		packages: []string{"client/clienttest"}, stdOnly: true},
	{name: "only the command and the emulator read datasets",
		packages: []string{"client", "ossclient", "config", "recent"}, mayNotReach: []string{"dataset"}},
}

type listedPackage struct {
	ImportPath string
	Standard   bool
	Deps       []string
	Imports    []string
}

// importGraph lists every package of the module and each package they
// depend on, in one call to the go tool shared by the tests.
var importGraph = sync.OnceValues(func() (map[string]listedPackage, error) {
	if _, err := exec.LookPath("go"); err != nil {
		return nil, fmt.Errorf("the go tool is needed to read the import graph: %w", err)
	}
	out, err := exec.Command("go", "list", "-deps", "-json=ImportPath,Standard,Deps,Imports", "./...").Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("go list: %w\n%s", err, ee.Stderr)
		}
		return nil, err
	}
	graph := map[string]listedPackage{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, err
		}
		graph[p.ImportPath] = p
	}
	return graph, nil
})

func mustImportGraph(t *testing.T) map[string]listedPackage {
	t.Helper()
	graph, err := importGraph()
	if err != nil {
		t.Fatal(err)
	}
	return graph
}

// fullPath turns a rule's name into an import path pattern.
func fullPath(name string) string {
	first, _, _ := strings.Cut(name, "/")
	switch {
	case name == ".":
		return module
	case name == "...":
		return module + "/..."
	case strings.Contains(first, "."), isStandard(first):
		return name
	}
	return module + "/" + name
}

// isStandard tells the standard-library names the rules use from module
// paths.
func isStandard(first string) bool {
	switch first {
	case "net", "os", "syscall":
		return true
	}
	return false
}

// matches says whether an import path is one the names stand for.
func matches(path string, names []string) bool {
	for _, n := range names {
		p := fullPath(n)
		if base, ok := strings.CutSuffix(p, "/..."); ok {
			if path == base || strings.HasPrefix(path, base+"/") {
				return true
			}
		} else if path == p {
			return true
		}
	}
	return false
}

func inModule(path string) bool { return path == module || strings.HasPrefix(path, module+"/") }

func TestLayering(t *testing.T) {
	graph := mustImportGraph(t)
	var ours []string
	for path := range graph {
		if inModule(path) {
			ours = append(ours, path)
		}
	}
	slices.Sort(ours)
	for _, r := range layeringRules {
		t.Run(r.name, func(t *testing.T) {
			checked := 0
			for _, path := range ours {
				if !matches(path, r.packages) || matches(path, r.except) {
					continue
				}
				checked++
				p := graph[path]
				for _, d := range p.Deps {
					dep, known := graph[d]
					switch {
					case r.stdOnly && known && !dep.Standard:
						t.Errorf("%s depends on %s: it may use the standard library only (docs/architecture.md \"Packages and layering\")", path, d)
					case matches(d, r.mayNotReach):
						t.Errorf("%s depends on %s: %s (docs/architecture.md \"Packages and layering\")", path, d, r.name)
					case r.moduleOnly != nil && inModule(d) && !matches(d, r.moduleOnly):
						t.Errorf("%s depends on %s: %s (docs/architecture.md \"Packages and layering\")", path, d, r.name)
					}
				}
				for _, d := range p.Imports {
					if matches(d, r.mayNotImport) {
						t.Errorf("%s imports %s: %s (docs/architecture.md \"Packages and layering\")", path, d, r.name)
					}
				}
			}
			// A rule about no package (one renamed or removed) checks nothing.
			if checked == 0 {
				t.Errorf("no package of the module matches %v: update the rule and docs/architecture.md", r.packages)
			}
		})
	}
}

// The table of docs/architecture.md "Packages and layering" names every
// package of the module (a row may name a folder: `ui/widgets/...`).
func TestArchitectureTableNamesEveryPackage(t *testing.T) {
	doc, err := os.ReadFile("docs/architecture.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(doc)
	if i := strings.Index(section, "## Packages and layering"); i >= 0 {
		section = section[i:]
	} else {
		t.Fatal(`docs/architecture.md has no "Packages and layering" section`)
	}
	if i := strings.Index(section[1:], "\n## "); i >= 0 {
		section = section[:i+1]
	}
	var named []string
	cell := regexp.MustCompile("`([a-z./]+)`")
	for line := range strings.SplitSeq(section, "\n") {
		first, _, ok := strings.Cut(strings.TrimPrefix(line, "| "), " | ")
		if !ok || !strings.HasPrefix(line, "| ") {
			continue
		}
		for _, m := range cell.FindAllStringSubmatch(first, -1) {
			named = append(named, strings.TrimSuffix(m[1], "/"))
		}
	}
	graph := mustImportGraph(t)
	for path, p := range graph {
		if !inModule(path) || p.Standard {
			continue
		}
		rel := "."
		if path != module {
			rel = strings.TrimPrefix(path, module+"/")
		}
		if !matches(path, named) && !slices.Contains(named, rel) {
			t.Errorf("%s is in no row of docs/architecture.md's package table: add it with what it may and must not depend on", rel)
		}
	}
}
