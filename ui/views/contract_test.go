package views_test

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/immtui/immtui/ui/component"
	"github.com/immtui/immtui/ui/internal/uitest"
	"github.com/immtui/immtui/ui/panes"
	"github.com/immtui/immtui/ui/views"
)

// part is one screen or sub-model built on the fakes, its first loads run.
type part struct {
	name  string
	build func(t *testing.T) component.Model
}

// contractParts builds every screen and every part a screen is made of.
func contractParts() []part {
	data := func() (*views.Env, string) {
		f := uitest.NewFake(10)
		f.AddCluster(0)
		f.AddCluster(1)
		id := f.Rows[0].ID
		f.AddMembers(id, 12)
		f.AddExplore(30)
		f.AddProblems(8)
		env := newEnv(f)
		env.Catalog = uitest.NewFakeCatalog(5)
		return env, id
	}
	view := func(build func(env *views.Env, id string) views.View) func(t *testing.T) component.Model {
		return func(t *testing.T) component.Model {
			env, id := data()
			v := build(env, id)
			t.Cleanup(v.Close)
			v.SetSize(100, 30)
			uitest.Run(v, v.Init())
			return v
		}
	}
	clusterIn := func(t *testing.T, keys ...string) (*views.Cluster, *views.Env) {
		env, id := data()
		v := views.NewCluster(env, id, nil)
		t.Cleanup(v.Close)
		v.SetSize(100, 30)
		uitest.Run(v, v.Init())
		for _, k := range keys {
			uitest.Run(v, v.Update(uitest.Key(k)))
		}
		return v, env
	}
	cluster := func(t *testing.T, keys ...string) *views.Cluster {
		v, _ := clusterIn(t, keys...)
		return v
	}
	grid := func(t *testing.T) *views.Grid {
		c, env := clusterIn(t)
		g := views.NewGrid(env, c)
		t.Cleanup(g.Close)
		g.SetSize(100, 30)
		uitest.Run(stack{c, g}, g.Init())
		return g
	}
	return []part{
		{"Clusters", view(func(env *views.Env, _ string) views.View { return views.NewClusters(env) })},
		{"Cluster", func(t *testing.T) component.Model { return cluster(t) }},
		{"Cluster on its members", func(t *testing.T) component.Model { return cluster(t, "m") }},
		{"Cluster on its JSON", func(t *testing.T) component.Model { return cluster(t, "0") }},
		{"File", view(func(env *views.Env, _ string) views.View {
			return views.NewFile(env, env.Data.(*uitest.Fake).Rows[0].CoverURI)
		})},
		{"Grid", func(t *testing.T) component.Model { return grid(t) }},
		{"Files", view(func(env *views.Env, _ string) views.View { return views.NewFiles(env, "") })},
		{"Problems", view(func(env *views.Env, _ string) views.View { return views.NewProblems(env) })},
		{"Overview", view(func(env *views.Env, _ string) views.View { return views.NewOverview(env) })},
		{"Labels", view(func(env *views.Env, _ string) views.View { return views.NewLabels(env) })},
		{"Places", view(func(env *views.Env, _ string) views.View { return views.NewPlaces(env) })},
		{"Compare", view(func(env *views.Env, id string) views.View {
			return views.NewCompare(env, id, env.Data.(*uitest.Fake).Rows[1].ID)
		})},
		{"Projects", view(func(env *views.Env, _ string) views.View { return views.NewProjects(env, nil) })},
		{"Datasets", view(func(env *views.Env, _ string) views.View { return views.NewDatasets(env, "p-000", "") })},
		{"FilePanes", func(t *testing.T) component.Model {
			env, _ := data()
			ctx, cancel := context.WithCancel(context.Background())
			t.Cleanup(cancel)
			fp := views.NewFilePanes(env, ctx, panes.Context{Styles: env.Styles})
			fp.SetURI(env.Data.(*uitest.Fake).Rows[0].CoverURI)
			fp.SetSize(100, 30)
			uitest.Run(fp, fp.Ensure())
			return fp
		}},
		{"Members", func(t *testing.T) component.Model {
			env, id := data()
			ctx, cancel := context.WithCancel(context.Background())
			t.Cleanup(cancel)
			m := views.NewMembers(env, ctx, id, 0)
			m.SetSize(100, 30)
			uitest.Run(m, m.Show())
			return m
		}},
		{"ClusterRaw", func(t *testing.T) component.Model {
			f := uitest.NewFake(10)
			p := panes.NewClusterRaw(panes.Context{Styles: asciiStyles()})
			p.SetCluster(f.AddCluster(0))
			return p
		}},
		{"face grid", func(t *testing.T) component.Model { return grid(t).Images() }},
		{"table", func(t *testing.T) component.Model {
			v := view(func(env *views.Env, _ string) views.View { return views.NewClusters(env) })(t)
			return v.(*views.Clusters).FilterTable()
		}},
	}
}

// TestEveryPartKeepsTheComponentContract checks what ui/component
// promises of every screen and part: View after SetSize(w, h) is at most
// h lines, none wider than w cells (and not blank: the parts are built
// with data), and ShortHelp names a key.
func TestEveryPartKeepsTheComponentContract(t *testing.T) {
	for _, p := range contractParts() {
		t.Run(p.name, func(t *testing.T) {
			m := p.build(t)
			for _, sz := range [][2]int{{80, 24}, {40, 10}} {
				m.SetSize(sz[0], sz[1])
				frame := m.View()
				uitest.CheckFrame(t, frame, sz[0], sz[1])
				if strings.TrimSpace(ansi.Strip(frame)) == "" {
					t.Fatalf("%dx%d: View drew nothing", sz[0], sz[1])
				}
				if len(m.ShortHelp()) == 0 {
					t.Fatalf("%dx%d: ShortHelp is empty", sz[0], sz[1])
				}
			}
		})
	}
}
