package state

import "context"

// StepWait is Step for a screen that steps from a tea.Cmd: when every
// pending id is being read by another Step (the clusters list and a
// cluster's header ask for the same one), it waits for those to end and
// steps again, instead of returning at once with nothing updated (a
// screen would ask again and again). It still returns after one step of
// its own, so a cancelled ctx ends it promptly.
func (q *Quality) StepWait(ctx context.Context, ids []string) (QualityProgress, error) {
	for {
		p, err := q.Step(ctx, ids)
		if err != nil || !p.More || len(p.Updated) > 0 {
			return p, err
		}
		if err := q.waitIdle(ctx, ids); err != nil {
			return p, err
		}
	}
}
