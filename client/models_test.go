package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/immtui/immtui/imm"
)

// sameJSON compares two JSON values decoded with UseNumber: numbers match
// only as the same decimal text (the models are float64 and int64, so a
// decode/encode round trip must not change one digit).
func sameJSON(path string, a, b any) error {
	switch av := a.(type) {
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: object became %T", path, b)
		}
		for k, x := range av {
			y, ok := bv[k]
			if !ok {
				return fmt.Errorf("%s.%s: lost", path, k)
			}
			if err := sameJSON(path+"."+k, x, y); err != nil {
				return err
			}
		}
		for k := range bv {
			if _, ok := av[k]; !ok {
				return fmt.Errorf("%s.%s: added", path, k)
			}
		}
	case []any:
		bv, ok := b.([]any)
		if !ok || len(bv) != len(av) {
			return fmt.Errorf("%s: array changed", path)
		}
		for i := range av {
			if err := sameJSON(fmt.Sprintf("%s[%d]", path, i), av[i], bv[i]); err != nil {
				return err
			}
		}
	default: // json.Number, string, bool, nil: compared as they are
		if a != b {
			return fmt.Errorf("%s: %#v became %#v", path, a, b)
		}
	}
	return nil
}

// decodeNumbers decodes JSON keeping numbers as their decimal text.
func decodeNumbers(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

func roundTrip(t *testing.T, file string, into any) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, into); err != nil {
		t.Fatalf("decode %s: %v", file, err)
	}
	out, err := json.Marshal(into)
	if err != nil {
		t.Fatalf("encode %s: %v", file, err)
	}
	want, err := decodeNumbers(raw)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeNumbers(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := sameJSON("", want, got); err != nil {
		t.Errorf("%s: round trip: %v", file, err)
	}
}

func TestSeedFixturesRoundTripWithoutLoss(t *testing.T) {
	var files struct {
		RequestId string
		Files     []imm.File
	}
	roundTrip(t, "batch-get-file-meta.response.json", &files)
	if len(files.Files) != 1 || files.Files[0].Figures[0].HeadPose == nil || files.Files[0].Labels[0].LabelName != "椅子" {
		t.Fatalf("file fixture decoded wrong: %+v", files.Files)
	}
	var clusters struct {
		RequestId      string
		FigureClusters []imm.FigureCluster
	}
	roundTrip(t, "batch-get-figure-cluster.response.json", &clusters)
	if c := clusters.FigureClusters[0]; c.Cover == nil || c.FaceCount != 3 || c.CustomLabels["Bucket"] != "examplebucket" {
		t.Fatalf("cluster fixture decoded wrong: %+v", c)
	}
}

func TestAllFixturesRoundTrip(t *testing.T) {
	for _, f := range []string{
		"query-figure-clusters.response.json", "query-figure-clusters.from-sdk-examples.json",
		"get-figure-cluster.response.json", "get-figure-cluster.from-sdk-examples.json",
		"simple-query.response.json", "simple-query.from-sdk-examples.json",
		"get-file-meta.response.json", "get-file-meta.from-sdk-examples.json",
	} {
		var body struct {
			FigureClusters []imm.FigureCluster     `json:",omitempty"`
			FigureCluster  *imm.FigureCluster      `json:",omitempty"`
			Files          []imm.File              `json:",omitempty"`
			Aggregations   []imm.AggregationResult `json:",omitempty"`
			NextToken      string                  `json:",omitempty"`
			TotalHits      *int64                  `json:",omitempty"`
			TotalCount     *int64                  `json:",omitempty"`
			RequestId      string
		}
		roundTrip(t, f, &body)
	}
}

func TestUnknownKeysAreKept(t *testing.T) {
	var f imm.File
	if err := json.Unmarshal([]byte(`{"URI":"oss://b/o","FutureField":{"a":1},"Orientation":0}`), &f); err != nil {
		t.Fatal(err)
	}
	u := f.Unknown(f)
	if string(u["FutureField"]) != `{"a":1}` || len(u) != 1 {
		t.Fatalf("unknown keys: %v", u)
	}
	out, _ := json.Marshal(f)
	var m map[string]any
	_ = json.Unmarshal(out, &m)
	if _, ok := m["Orientation"]; !ok || m["FutureField"] == nil {
		t.Fatalf("re-encoded lost keys: %s", out)
	}
}

func TestKeyScanSkipsNestedValuesAndEscapes(t *testing.T) {
	var f imm.File
	in := `{"URI":"oss://b/{o}\"]","We\u0069rd":[{"a":"}"},[1,2]],"Size":0,"N":-1.5e3,"T":true}`
	if err := json.Unmarshal([]byte(in), &f); err != nil {
		t.Fatal(err)
	}
	u := f.Unknown(f)
	if string(u["Weird"]) != `[{"a":"}"},[1,2]]` || string(u["N"]) != `-1.5e3` || string(u["T"]) != "true" || len(u) != 3 {
		t.Fatalf("unknown keys: %q", u)
	}
	if f.URI != `oss://b/{o}"]` {
		t.Fatalf("URI %q", f.URI)
	}
	out, _ := json.Marshal(f)
	var m map[string]any
	_ = json.Unmarshal(out, &m)
	if _, ok := m["Size"]; !ok {
		t.Fatalf("zero Size dropped: %s", out)
	}
}
