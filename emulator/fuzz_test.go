package emulator

import (
	"net/url"
	"sync"
	"testing"

	"github.com/immtui/immtui/dataset"
)

var fuzzServer = sync.OnceValues(func() (*Server, error) {
	return New(Config{Data: dataset.Generate(dataset.Options{Seed: 3, Clusters: 6, Files: 40})})
})

// FuzzActionsAnswerOrRefuse feeds arbitrary query strings to every action:
// each must answer something encodable or an IMM error, never panic.
func FuzzActionsAnswerOrRefuse(f *testing.F) {
	p, d := "ProjectName="+dataset.DefaultProject, "&DatasetName="+dataset.DefaultDataset
	for _, seed := range []string{
		p + d,
		p + d + "&MaxResults=3&Sort=FaceCount&Order=desc&WithTotalCount=true",
		p + d + `&Query={"Field":"Figures.FigureClusterId","Operation":"eq","Value":"x"}&Sort=Size,URI&Order=desc`,
		p + d + `&Query={"Operation":"nested","Field":"Figures","SubQueries":[{"Operation":"and","SubQueries":[{"Field":"Figures.Age","Operation":"gt","Value":"3"}]}]}`,
		p + d + `&Aggregations=[{"Field":"Labels.LabelName","Operation":"group"}]`,
		p + d + `&URIs=["a","b"]&WithFields=["URI","Figures.X"]`,
		p + d + `&ObjectIds=[""]&NextToken=djEAY2x1c3RlcnMA`,
		p + d + `&CreateTimeRange={"Start":"2020-01-01T00:00:00Z"}&CustomLabels=k`,
		"MaxResults=200&Prefix=imm&Tag=[{\"Key\":\"a\"}]",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		s, err := fuzzServer()
		if err != nil {
			t.Fatal(err)
		}
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		for name, act := range s.actions {
			out, e := act(s, &params{v: q}, "rid")
			if e != nil {
				if e.Code == "" || e.Status < 400 {
					t.Fatalf("%s: bad error %+v", name, e)
				}
				continue
			}
			if _, err := encode(out); err != nil {
				t.Fatalf("%s: answer does not encode: %v", name, err)
			}
		}
	})
}
