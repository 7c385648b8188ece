package views

import (
	tea "github.com/charmbracelet/bubbletea"
)

// ShowingRaw reports whether the cluster's JSON is shown (in place of the
// cover's tabs or the members).
func (v *Cluster) ShowingRaw() bool { return v.showRaw }

// toggleRaw shows the cluster's JSON, or leaves it for the cover's tabs.
// The members stop paging while it is shown.
func (v *Cluster) toggleRaw() tea.Cmd {
	if v.showRaw {
		return v.setMembers(false)
	}
	if v.showMembers {
		v.members.Hide()
		v.showMembers = false
	}
	v.showRaw = true
	v.raw.SetCluster(v.cluster)
	return nil
}

// rawTitle stands where the tabs do: what is shown and how to leave it.
func (v *Cluster) rawTitle() string {
	st := v.env.Styles
	title := st.Title.Render("Cluster JSON") + " " +
		st.Muted.Render("as sent, unknown keys included  (c: cover file, m: members)")
	return v.env.Styles.Truncate(title, v.width)
}

// rawBody is the cluster's JSON in h lines, or while the cluster loads
// what stands in its place.
func (v *Cluster) rawBody(h int) string {
	switch {
	case v.cluster != nil:
		return clip(v.env.Styles, v.raw.View(), v.width, h)
	case v.cErr != nil:
		return fitLines([]string{"The cluster could not be loaded (see above; r retries)."}, v.width, h)
	}
	return fitLines([]string{v.spin.frame() + " Loading the cluster..."}, v.width, h)
}
