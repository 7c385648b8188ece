package main

import (
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// The layering promised in docs/architecture.md, checked on the real
// import graph (transitively, test files excluded):
//   - imm/ (the models) depends on the standard library only;
//   - state/ never reaches Bubble Tea;
//   - nothing under ui/ reaches net/http, the OpenAPI runtime or client/.
const module = "github.com/immtui/immtui"

type listedPackage struct {
	ImportPath string
	Standard   bool
	Deps       []string
}

// goList returns the packages matching patterns, each with its transitive
// dependencies.
func goList(t *testing.T, patterns ...string) []listedPackage {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatalf("the go tool is needed to read the import graph: %v", err)
	}
	out, err := exec.Command("go", append([]string{"list", "-json=ImportPath,Standard,Deps"}, patterns...)...).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list %v: %v\n%s", patterns, err, ee.Stderr)
		}
		t.Fatal(err)
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) == 0 {
		t.Fatalf("go list %v found no packages", patterns)
	}
	return pkgs
}

// standardSet is every standard-library package in the build.
func standardSet(t *testing.T) map[string]bool {
	std := map[string]bool{}
	for _, p := range goList(t, "std") {
		std[p.ImportPath] = true
	}
	return std
}

func TestModelsDependOnTheStandardLibraryOnly(t *testing.T) {
	std := standardSet(t)
	for _, p := range goList(t, "./imm/...") {
		for _, d := range p.Deps {
			if !std[d] {
				t.Errorf("%s depends on %s: the models package may use the standard library only", p.ImportPath, d)
			}
		}
	}
}

func TestStateDoesNotReachBubbleTea(t *testing.T) {
	for _, p := range goList(t, "./state/...") {
		for _, d := range p.Deps {
			if d == "github.com/charmbracelet/bubbletea" || strings.HasPrefix(d, "github.com/charmbracelet/bubbles") || d == "github.com/charmbracelet/lipgloss" {
				t.Errorf("%s depends on %s: state/ is pure Go, the UI lives in ui/", p.ImportPath, d)
			}
		}
	}
}

func TestUIDoesNotReachTheNetwork(t *testing.T) {
	forbidden := []string{"net/http", module + "/client", module + "/emulator", "github.com/alibabacloud-go/", "github.com/aliyun/"}
	for _, p := range goList(t, "./ui/...") {
		for _, d := range p.Deps {
			for _, f := range forbidden {
				if d == f || (strings.HasSuffix(f, "/") && strings.HasPrefix(d, f)) || strings.HasPrefix(d, f+"/") {
					t.Errorf("%s depends on %s: ui/ takes types from imm/ and data through state/", p.ImportPath, d)
				}
			}
		}
	}
}
