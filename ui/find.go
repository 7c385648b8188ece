package ui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/search"
	"github.com/immtui/immtui/ui/cmdline"
	"github.com/immtui/immtui/ui/views"
)

// The find prompt (`/`, or `:find` without a query) and `:find QUERY`.

// snapshotter is a view that knows the dataset's values (the overview).
type snapshotter interface {
	Snapshot() (search.Snapshot, bool)
}

// snapshot is the values completion offers: from an overview on the
// stack, or none (field names and the fixed types and statuses only).
func (m *Model) snapshot() search.Snapshot {
	for i := len(m.stack) - 1; i >= 0; i-- {
		if s, ok := m.stack[i].(snapshotter); ok {
			if snap, ok := s.Snapshot(); ok {
				return snap
			}
		}
	}
	return search.Snapshot{}
}

// openFind opens the find prompt on text, or on the query of the Files
// view shown, to refine it.
func (m *Model) openFind(text string) tea.Cmd {
	if f, ok := m.top().(*views.Files); ok && text == "" {
		text = f.Text()
	}
	m.help.ShowAll = false
	m.message = ""
	m.find.SetSnapshot(m.snapshot())
	m.find.Open(text)
	m.resize()
	return nil
}

// runFind is `:find QUERY`: its files, or the find prompt holding the
// query and its error.
func (m *Model) runFind(text string) tea.Cmd {
	if strings.TrimSpace(text) == "" {
		return m.openFind("")
	}
	q, err := search.Compile(text, search.Options{Location: m.opts.Location})
	if err != nil {
		m.help.ShowAll = false
		m.find.SetSnapshot(m.snapshot())
		m.find.Fail(text, err)
		m.resize()
		return nil
	}
	return m.push(views.NewFilesQuery(m.env, text, q))
}

// findKey gives a key to the open find prompt; a query that compiles
// opens its files.
func (m *Model) findKey(msg tea.KeyMsg) tea.Cmd {
	res, text, q := m.find.Key(msg)
	m.resize() // the error or the JSON may take lines
	if res == cmdline.Submitted {
		return m.push(views.NewFilesQuery(m.env, text, q))
	}
	return nil
}

// Languages is Options.Languages: preferred (the --lang flag or the
// config's language; "" for none) first, so the panes show it, then the
// locale variables' (LANGUAGE's list, then LC_ALL, LC_MESSAGES, LANG) for
// the lists' order, as language codes ("zh_CN.UTF-8" is "zh-CN", then
// "zh"), English last; C and POSIX name none.
func Languages(preferred string, getenv func(string) string) []string {
	var out []string
	var add func(v string)
	add = func(v string) {
		v, _, _ = strings.Cut(v, ".")
		v, _, _ = strings.Cut(v, "@")
		v = strings.ReplaceAll(v, "_", "-")
		if v == "" || v == "C" || v == "POSIX" {
			return
		}
		for _, have := range out {
			if strings.EqualFold(have, v) {
				return
			}
		}
		out = append(out, v)
		// "zh" too: IMM tags labels zh-Hans, which zh-CN does not match.
		if base, _, ok := strings.Cut(v, "-"); ok {
			add(base)
		}
	}
	add(preferred)
	for _, l := range strings.Split(getenv("LANGUAGE"), ":") {
		add(l)
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		add(getenv(k))
	}
	add("en")
	return out
}
