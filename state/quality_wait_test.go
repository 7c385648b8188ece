package state

import (
	"context"
	"sync"
	"testing"
)

// Two screens stepping the same cluster: a StepWait never returns "more
// to do" with nothing done (which would have its screen ask again at once,
// in a loop), and both see the strip complete.
func TestStepWaitNeverReturnsEmptyProgressWhileAnotherStepReads(t *testing.T) {
	d := startDemo(t)
	ids := []string{d.data.FigureClusters[0].ObjectId, d.data.FigureClusters[1].ObjectId}
	var wg sync.WaitGroup
	errs := make(chan string, 2)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for steps := 0; steps < 100; steps++ {
				p, err := d.q.StepWait(context.Background(), ids)
				if err != nil {
					errs <- err.Error()
					return
				}
				if !p.More {
					return
				}
				if len(p.Updated) == 0 {
					errs <- "StepWait returned More with nothing updated"
					return
				}
			}
			errs <- "not complete after 100 steps"
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if done, _ := d.q.Computed(ids); done != 2 {
		t.Errorf("computed %d of 2", done)
	}
}
