package state

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/review"
)

// stallingAPI answers every SimpleQuery page empty with a new NextToken,
// as a hostile server does.
type stallingAPI struct {
	*fakeAPI
	mu    sync.Mutex
	pages int
}

func (a *stallingAPI) SimpleQuery(ctx context.Context, r imm.SimpleQueryRequest) (*imm.SimpleQueryResponse, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.pages++
	return &imm.SimpleQueryResponse{RequestId: "rid", NextToken: fmt.Sprint("t", a.pages), TotalHits: 500}, nil
}

// A cluster whose pages make no progress stops after MaxEmptyPages: Step
// says so once, then has nothing more to do (the strip stays partial), so
// a screen stepping until More is false ends.
func TestStepStopsAClusterWhosePagesMakeNoProgress(t *testing.T) {
	api := &stallingAPI{fakeAPI: newFakeAPI()}
	id := api.addClusters(1)[0]
	s := New(api, "p", "d", Options{})
	defer s.Close()
	q := NewQuality(s, review.Default())
	var stalled error
	for range 10 {
		p, err := q.StepWait(context.Background(), []string{id})
		if err != nil {
			stalled = err
		}
		if !p.More {
			break
		}
	}
	if !IsPagingStalled(stalled) {
		t.Fatalf("error %v, want a stalled paging", stalled)
	}
	if api.pages != MaxEmptyPages {
		t.Errorf("%d pages asked for, want %d", api.pages, MaxEmptyPages)
	}
	if p, _ := q.Step(context.Background(), []string{id}); p.More || api.pages != MaxEmptyPages {
		t.Errorf("a later Step: more %v, %d pages", p.More, api.pages)
	}
	if st, _ := q.Strip(id); st.Complete {
		t.Error("a stalled strip says it is complete")
	}
}
