package ui_test

import (
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/client/clienttest"
	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/internal/teststack"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/views"
)

// realSession is the browser on the real client and store against an
// emulator serving the two-project demo: on the picker, or on a dataset
// when project and dataset are given.
func realSession(t *testing.T, emu emulator.Config, cc client.Config, project, dset string) (*ui.Model, *uitest.ModelUpdater, *teststack.Stack) {
	t.Helper()
	if emu.Data == nil {
		emu.Data = dataset.GenerateMulti(dataset.Options{Seed: 3, Clusters: 12})
	}
	s := teststack.Start(t, teststack.Options{Emulator: emu, NoStore: true, Client: func(c *client.Config) {
		if cc.Endpoint == "" {
			cc.Endpoint = c.Endpoint
		}
		*c = cc
	}})
	api := s.Client
	o := ui.Options{Endpoint: api.Endpoint(), Styles: asciiStyles(), NewPanes: uitest.StubPanes, ReadOnly: true,
		Catalog: state.NewCatalog(api),
		Open:    func(p, d string) views.Data { return state.New(api, p, d, state.Options{}) }}
	var first *state.Store
	if project != "" {
		first = o.Open(project, dset).(*state.Store)
		o.Store = first
	}
	m := ui.NewModel(o)
	u := &uitest.ModelUpdater{M: m}
	t.Cleanup(func() {
		m.Update(uitest.Key("ctrl+c"))
		m.CloseData()
		if first != nil {
			first.Close()
		}
	})
	u.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	uitest.Run(u, m.Init())
	return m, u, s
}

func demoKey() client.Config {
	return client.Config{AccessKeyID: emulator.DemoAccessKeyID, AccessKeySecret: emulator.DemoAccessKeySecret, RegionID: "cn-hangzhou"}
}

// Each failure the emulator can produce reaches its screen, with the
// request id, and never a secret.
func TestFailuresFromTheEmulatorShowTheirScreens(t *testing.T) {
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + closed.Addr().String()
	closed.Close()
	limited := client.Config{AccessKeyID: emulator.DemoLimitedAccessKeyID, AccessKeySecret: emulator.DemoLimitedAccessKeySecret, RegionID: "cn-hangzhou"}
	wrong := demoKey()
	wrong.AccessKeySecret = "not-the-secret-xyz"
	unknown := client.Config{AccessKeyID: "LTAI-nobody", AccessKeySecret: "nobody-secret-xyz"}
	slow := demoKey()
	slow.ReadTimeout, slow.MaxAttempts = 100*time.Millisecond, 1
	refusedCfg := demoKey()
	refusedCfg.Endpoint, refusedCfg.MaxAttempts = refused, 1
	cases := []struct {
		name             string
		emu              emulator.Config
		cc               client.Config
		project, dataset string
		want             []string
		secret           string
	}{
		{"wrong secret", emulator.Config{}, wrong, "", "", []string{"Wrong AccessKey secret", "SignatureDoesNotMatch"}, wrong.AccessKeySecret},
		{"unknown key", emulator.Config{}, unknown, "", "", []string{"IMM does not know this AccessKey ID"}, unknown.AccessKeySecret},
		{"clock skew", emulator.Config{Now: func() time.Time { return time.Now().Add(3 * time.Hour) }}, demoKey(), "", "",
			// The Date header has whole seconds: 3h, or a second less.
			[]string{"This computer's clock is off by ", "behind IMM's"}, emulator.DemoAccessKeySecret},
		{"denied", emulator.Config{Accounts: emulator.DemoAccounts(dataset.DefaultProject)}, limited, dataset.DemoArchiveProject, dataset.DemoArchiveDataset,
			[]string{"Not allowed: imm:QueryFigureClusters on acs:imm:cn-hangzhou:" + emulator.DemoAccountID + ":project/" + dataset.DemoArchiveProject, "P: choose another project"},
			emulator.DemoLimitedAccessKeySecret},
		{"project not found", emulator.Config{}, demoKey(), "no-such-project", "photos", []string{`No project "no-such-project"`, "P: choose another project"}, emulator.DemoAccessKeySecret},
		{"dataset not found", emulator.Config{}, demoKey(), dataset.DefaultProject, "no-such-dataset",
			[]string{`No dataset "no-such-dataset" in project "` + dataset.DefaultProject + `"`}, emulator.DemoAccessKeySecret},
		{"throttled", emulator.Config{Faults: emulator.Faults{Throttle: 1}}, demoKey(), "", "", []string{"IMM is rate-limiting this account (backed off", "over 3 attempts"}, emulator.DemoAccessKeySecret},
		{"timeout", emulator.Config{Faults: emulator.Faults{Latency: 2 * time.Second}}, slow, "", "", []string{"IMM did not answer in time", "r: try again"}, emulator.DemoAccessKeySecret},
		{"refused", emulator.Config{}, refusedCfg, "", "", []string{"Nothing answers at", "r: try again"}, emulator.DemoAccessKeySecret},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, _, _ := realSession(t, c.emu, c.cc, c.project, c.dataset)
			out := m.View()
			uitest.CheckFrame(t, out, 120, 40)
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("screen lacks %q:\n%s", w, out)
				}
			}
			if c.name == "clock skew" && !strings.Contains(out, "off by 3h") && !strings.Contains(out, "off by 2h59m59s") {
				t.Errorf("the skew is not 3h:\n%s", out)
			}
			if c.name != "timeout" && c.name != "refused" && !strings.Contains(out, "Request ID: ") {
				t.Errorf("no request id:\n%s", out)
			}
			if strings.Contains(out, c.secret) {
				t.Fatalf("the secret is on screen:\n%s", out)
			}
		})
	}
}

func TestNoCredentialsSaysWhereItLookedAndOffersTheDemo(t *testing.T) {
	clienttest.IsolatedHome(t)
	m, _, _ := realSession(t, emulator.Config{}, client.Config{RegionID: "cn-hangzhou"}, "", "")
	out := m.View()
	for _, w := range []string{"No credentials found", ".aliyun/config.json", "--demo"} {
		if !strings.Contains(out, w) {
			t.Errorf("screen lacks %q:\n%s", w, out)
		}
	}
}

// A new user with nothing but an aliyun CLI profile, pointed at an
// emulator: the picker opens, Enter twice shows the clusters.
func TestANewUserWithOnlyACLIProfileReachesTheClusters(t *testing.T) {
	home := clienttest.IsolatedHome(t)
	cfg := `{"current":"default","profiles":[{"name":"default","mode":"AK","access_key_id":"` + emulator.DemoAccessKeyID +
		`","access_key_secret":"` + emulator.DemoAccessKeySecret + `","region_id":"cn-hangzhou"}]}`
	clienttest.WriteFile(t, filepath.Join(home, ".aliyun", "config.json"), cfg)
	m, u, _ := realSession(t, emulator.Config{}, client.Config{RegionID: "cn-hangzhou"}, "", "")
	if out := m.View(); !strings.Contains(out, dataset.DemoArchiveProject) || !strings.Contains(out, dataset.DefaultProject) {
		t.Fatalf("the picker:\n%s", out)
	}
	keys(u, "down") // immtui-archive sorts first
	keys(u, "enter")
	if out := m.View(); !strings.Contains(out, dataset.DefaultDataset) || !strings.Contains(out, dataset.DemoTravelDataset) {
		t.Fatalf("the datasets:\n%s", out)
	}
	keys(u, "enter")
	c, ok := m.Top().(*views.Clusters)
	if !ok || len(c.Rows()) < 12 || !strings.Contains(m.View(), "Clusters 12 total") {
		t.Fatalf("after enter twice: %T\n%s", m.Top(), m.View())
	}
	if strings.Contains(m.View(), emulator.DemoAccessKeySecret) {
		t.Fatal("secret on screen")
	}
}

// Hundreds of projects: two ListProjects calls page them all, the
// statistics are asked for the rows on screen only, and typing filters.
func TestThreeHundredProjectsPageAndFilter(t *testing.T) {
	d := dataset.GenerateMulti(dataset.Options{Seed: 3, Clusters: 12})
	for i := range 298 {
		d.Projects = append(d.Projects, imm.Project{ProjectName: fmt.Sprintf("team-%03d", i), CreateTime: "2024-01-02T03:04:05Z"})
	}
	m, u, s := realSession(t, emulator.Config{Data: d}, demoKey(), "", "")
	count := func(action string) int { return len(s.Calls(action)) }
	if p, ok := m.Top().(*views.Projects); !ok || p.Rows() != 300 || count("ListProjects") != 2 {
		t.Fatalf("rows %d, ListProjects calls %d", m.Top().(*views.Projects).Rows(), count("ListProjects"))
	}
	if n := count("GetProject"); n == 0 || n > 40 {
		t.Fatalf("GetProject for %d rows; want those on screen (at most 40)", n)
	}
	keys(u, "/", "t", "e", "a", "m", "-", "2", "9")
	out := m.View()
	if !strings.Contains(out, "8 of 300") || !strings.Contains(out, "team-297") || strings.Contains(out, "team-001") {
		t.Fatalf("filtered:\n%s", out)
	}
}
