package client

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/immtui/immtui/imm"
)

// pageOf builds a QueryFigureClusters reply of n copies of the published
// cluster (with its whole cover File).
func pageOf(t testing.TB, n int) []byte {
	raw, err := os.ReadFile("testdata/batch-get-figure-cluster.response.json")
	if err != nil {
		t.Fatal(err)
	}
	var one struct{ FigureClusters []json.RawMessage }
	if err := json.Unmarshal(raw, &one); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.WriteString(`{"RequestId":"R","NextToken":"t2","TotalCount":7,"FigureClusters":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(one.FigureClusters[0])
	}
	b.WriteString("]}")
	return b.Bytes()
}

func TestCoverURIOnlyKeepsEveryClusterFieldButTheCoverBody(t *testing.T) {
	body := pageOf(t, 3)
	var full, slim imm.QueryFigureClustersResponse
	if err := decodeTo(&full)(body); err != nil {
		t.Fatal(err)
	}
	if err := decodeSlimPage(&slim)(body); err != nil {
		t.Fatal(err)
	}
	if slim.NextToken != "t2" || slim.TotalCount != 7 || slim.RequestId != "R" || len(slim.FigureClusters) != 3 {
		t.Fatalf("page fields: %+v", slim)
	}
	for i := range full.FigureClusters {
		f, s := full.FigureClusters[i], slim.FigureClusters[i]
		if s.Cover == nil || s.Cover.URI != f.Cover.URI || s.Cover.Figures != nil {
			t.Fatalf("cover not cut to its URI: %+v", s.Cover)
		}
		f.Cover, s.Cover = nil, nil
		fj, _ := json.Marshal(f)
		sj, _ := json.Marshal(s)
		if !bytes.Equal(fj, sj) {
			t.Fatalf("cluster differs:\nfull %s\nslim %s", fj, sj)
		}
	}
}

func TestCoverURIOnlyToleratesAMissingOrNullCover(t *testing.T) {
	var out imm.QueryFigureClustersResponse
	body := []byte(`{"FigureClusters":[{"ObjectId":"a","Cover":null},{"ObjectId":"b"},{"ObjectId":"c","Cover":{"URI":"oss://b/c"}}]}`)
	if err := decodeSlimPage(&out)(body); err != nil {
		t.Fatal(err)
	}
	got := []*imm.File{out.FigureClusters[0].Cover, out.FigureClusters[1].Cover}
	if !reflect.DeepEqual(got, []*imm.File{nil, nil}) || out.FigureClusters[2].Cover.URI != "oss://b/c" {
		t.Fatalf("covers: %+v %+v", got, out.FigureClusters[2].Cover)
	}
	if err := decodeSlimPage(&out)([]byte(`{"FigureClusters":[{"Cover":{"URI":1}}]}`)); err == nil {
		t.Fatal("a cover URI of the wrong type was accepted")
	}
}

// BenchmarkDecodeClusterPage100 compares a page of 100 clusters decoded
// whole and with CoverURIOnly.
func BenchmarkDecodeClusterPage100(b *testing.B) {
	body := pageOf(b, 100)
	for _, c := range []struct {
		name   string
		decode func(*imm.QueryFigureClustersResponse) func([]byte) error
	}{{"full", decodeTo[imm.QueryFigureClustersResponse]}, {"coverURIOnly", decodeSlimPage}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				var out imm.QueryFigureClustersResponse
				if err := c.decode(&out)(body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
