package views

import tea "github.com/charmbracelet/bubbletea"

// SetSize lays out the header, the tab bar and the panes.
func (v *Cluster) SetSize(w, h int) {
	v.width, v.height = w, h
	v.sizeParts()
}

// sizeParts gives every part the height the header leaves.
func (v *Cluster) sizeParts() {
	headerH, paneH := v.layout()
	v.laidHeaderH = headerH
	v.files.SetSize(v.width, paneH+1) // its tab bar and the pane
	v.raw.SetSize(v.width, paneH)
	v.members.SetSize(v.width, paneH+1) // its title line stands where the tabs do
}

// relayout follows the header: its height depends on what has arrived
// (the cluster, the strip, the cover picture) and on `i`, not only on the
// view's size, so after each Update the parts are sized again when it
// moved, and the shown pane asked for the pictures it now shows.
func (v *Cluster) relayout() tea.Cmd {
	if v.width <= 0 || v.height <= 0 {
		return nil
	}
	if headerH, _ := v.layout(); headerH == v.laidHeaderH {
		return nil
	}
	v.sizeParts()
	return v.files.Load()
}

// FullHeader reports whether the header is the full box (else the compact
// summary): what `i` chose, or by default whether the view is tall enough.
func (v *Cluster) FullHeader() bool {
	switch v.headerMode {
	case headerFull:
		return true
	case headerCompact:
		return false
	}
	return v.height >= FullHeaderMinHeight
}

// toggleHeader flips between the full box and the compact summary; the
// choice holds for this view through resizes.
func (v *Cluster) toggleHeader() {
	if v.FullHeader() {
		v.headerMode = headerCompact
	} else {
		v.headerMode = headerFull
	}
}

// layout splits the height: the header, one line of tabs, the pane.
func (v *Cluster) layout() (headerH, paneH int) {
	lines := v.headerLines()
	headerH = len(lines)
	if headerH+2 > v.height {
		headerH = max(v.height-2, 0)
	}
	return headerH, max(v.height-headerH-1, 0)
}
