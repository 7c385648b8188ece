package views

import (
	"context"
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui/widgets/errview"
)

// qualityMsg is the reply to one quality step (state.Quality.StepWait).
type qualityMsg struct {
	req int64
	p   state.QualityProgress
	err error
}

// qualityStep returns a command that steps the strips of ids once.
func qualityStep(q *state.Quality, ctx context.Context, req int64, ids []string) tea.Cmd {
	return func() tea.Msg {
		p, err := q.StepWait(ctx, ids)
		return qualityMsg{req: req, p: p, err: err}
	}
}

// startStrip computes the cluster's strip for the header, page by page,
// through the shared strip cache (the clusters list may have done it
// already; then no call is made).
func (v *Cluster) startStrip() tea.Cmd {
	if v.env.Quality == nil {
		return nil
	}
	v.sReq = v.env.NextID()
	v.rev++
	return qualityStep(v.env.Quality, v.ctx, v.sReq, []string{v.id})
}

// onQuality takes a step's reply: the header shows the partial strip and
// the next step is asked for until the strip is complete.
func (v *Cluster) onQuality(msg qualityMsg) tea.Cmd {
	if !answers(&v.sReq, msg.req) {
		return nil
	}
	v.rev++ // the header's strip line changes, failed or not
	if !keepFailure(msg.err, &v.sErr) {
		return nil
	}
	if msg.p.More {
		return v.startStrip()
	}
	return nil
}

// Strip is what the header shows of the cluster's quality: the strip
// cache's (every page), else the members' (the pages loaded); ok is false
// before either has seen a face.
func (v *Cluster) Strip() (review.Strip, bool) {
	if v.env.Quality != nil {
		if s, ok := v.env.Quality.Strip(v.id); ok {
			return s, true
		}
	}
	if s := v.members.Strip(); s.Examined > 0 {
		return s, true
	}
	return review.Strip{}, false
}

// stripHeader is the header's quality fields, or one field that says why
// there are none yet.
func (v *Cluster) stripHeader() []field {
	s, ok := v.Strip()
	switch {
	case ok:
		return stripFields(v.env.Styles.Glyphs, s)
	case v.sErr != nil:
		return []field{{key: "Review", val: "could not read the faces: " + errview.Summary(v.sErr) + " (r retries)", wide: true}}
	case v.sReq != 0:
		return []field{{key: "Review", val: "reading the faces" + v.env.Styles.Glyphs.Ellipsis(), wide: true}}
	}
	return []field{{key: "Review", val: "m lists the faces with their flags", wide: true}}
}

// seenAges names the strip's ages for the cluster header, where IMM's
// own ages (immAges) stand too: these are the ages of the faces examined.
func seenAges(f []field) []field {
	out := slices.Clone(f)
	for i := range out {
		if out[i].key == "Ages" {
			out[i].key = "Seen ages"
		}
	}
	return out
}

// pseudoFields is the header of an unclustered pseudo-cluster: IMM has no
// cluster to fetch for it.
func pseudoFields(id string) []field {
	return []field{
		{key: "Name", val: "(" + state.UnclusteredLabels[id] + ")"},
		{key: "ID", val: id},
	}
}
