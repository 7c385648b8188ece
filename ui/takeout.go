package ui

import (
	"fmt"
	"os"
	"path/filepath"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/clipboard"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/views"
)

// copiedMsg and exportedMsg say how a copy or an export went; the status
// line shows it until the next key.
type copiedMsg struct {
	status string
	err    error
}

type exportedMsg struct {
	status string
	err    error
}

// copySelection copies the top view's selected ID or URI (y).
func (m *Model) copySelection() tea.Cmd {
	s, ok := m.top().(views.Selector)
	if !ok {
		m.setNotice("nothing to copy here: y copies a selected ID or URI", true)
		return nil
	}
	kind, text := s.Selection()
	if text == "" {
		m.setNotice("nothing selected to copy", true)
		return nil
	}
	return m.copyText(text, kind)
}

// copyJSON copies the JSON of what the top view shows (Y).
func (m *Model) copyJSON() tea.Cmd {
	s, ok := m.top().(views.Shower)
	if !ok {
		m.setNotice("nothing to copy here: Y copies the JSON of a cluster or a file", true)
		return nil
	}
	what, data, err := s.ShownJSON()
	switch {
	case err != nil:
		m.setNotice("not copied: "+err.Error(), true)
		return nil
	case len(data) == 0:
		m.setNotice("nothing selected to copy", true)
		return nil
	}
	return m.copyText(string(data), what)
}

// copyText builds the terminal's copy sequence now (no I/O) and writes it
// in a command: the terminal copies it to the clipboard.
func (m *Model) copyText(text, what string) tea.Cmd {
	size := format.Size(int64(len(text)))
	if len(text) > clipboard.MaxBytes {
		// Said here with the sizes, in the units of the Files list
		// (ui/format); clipboard.Copy would only refuse it.
		m.setNotice(fmt.Sprintf("not copied: the %s is %s, over the %s the terminal accepts; use e to export instead",
			what, size, format.Size(clipboard.MaxBytes)), true)
		return nil
	}
	seq, note, err := clipboard.Copy(m.opts.Clipboard, text)
	if err != nil {
		m.setNotice("not copied: "+err.Error(), true)
		return nil
	}
	status := "copied " + size + " " + what + note
	w := m.opts.Terminal
	if w == nil {
		m.setNotice("not copied: no terminal to write the copy to", true)
		return nil
	}
	return func() tea.Msg {
		// One Write: the renderer's frames are single writes too, so the
		// sequence reaches the terminal whole.
		if _, err := w.Write(seq); err != nil {
			return copiedMsg{err: fmt.Errorf("writing to the terminal: %w", err)}
		}
		return copiedMsg{status: status}
	}
}

// export writes what the top view shows to a file named after it in the
// export directory (e).
func (m *Model) export() tea.Cmd {
	x, ok := m.top().(views.Exporter)
	if !ok {
		m.setNotice("nothing to export here: e exports a list, a cluster or a file", true)
		return nil
	}
	name, data, err := x.Export()
	if err != nil {
		m.setNotice("not exported: "+err.Error(), true)
		return nil
	}
	dir := m.opts.ExportDir
	if dir == "" {
		dir = "."
	}
	path := filepath.Join(dir, name)
	return func() tea.Msg {
		if err := writeFileAtomic(path, data); err != nil {
			return exportedMsg{err: err}
		}
		return exportedMsg{status: "exported " + format.Size(int64(len(data))) + " to " + path}
	}
}

// writeFileAtomic writes data to path through a temporary file renamed
// over it, so a failed write never leaves half an export behind.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".immtui-export-*")
	if err != nil {
		return fmt.Errorf("not exported: cannot write in %s (choose another directory with --export-dir): %w", filepath.Dir(path), err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("not exported: writing %s failed (choose another directory with --export-dir): %w", path, werr)
	}
	return nil
}

// setNotice shows s on the status line until the next key. A failure
// (bad) is the message line instead, wrapped, so the reason and what to
// do are read whole.
func (m *Model) setNotice(s string, bad bool) {
	if bad {
		m.notice = ""
		m.setMessage(s)
		return
	}
	m.notice = s
}
