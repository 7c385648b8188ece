package main

// The published sample answers, loaded with the --data loader, served by
// the emulator and read back by the real client, must come out as the JSON
// IMM published: every key, every value, numbers as the same decimal text.
// testdata/published/dataset.json is the dataset file the test builds; run
//
//	go test -run TestPublishedDatasetFileIsCurrent -update-published .
//
// after changing how it is built.

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/internal/teststack"
)

var updatePublished = flag.Bool("update-published", false, "rewrite testdata/published/dataset.json from the published answers")

const publishedDir = "testdata/published"

// published reads one published answer and returns its items (the value
// of key) as raw JSON objects.
func published(t *testing.T, file, key string) []json.RawMessage {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(publishedDir, file))
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]json.RawMessage
	if err := json.Unmarshal(b, &body); err != nil {
		t.Fatal(err)
	}
	var items []json.RawMessage
	if err := json.Unmarshal(body[key], &items); err != nil || len(items) == 0 {
		t.Fatalf("%s: no %s (%v)", file, key, err)
	}
	return items
}

// publishedDatasetFile puts the published answers' clusters and files,
// unchanged, into a dataset file with the given datasets.
func publishedDatasetFile(t *testing.T, datasets ...[2]string) []byte {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("{\n\"Datasets\": [")
	for i, d := range datasets {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `{"ProjectName": %q, "DatasetName": %q}`, d[0], d[1])
	}
	b.WriteString("],\n\"FigureClusters\": ")
	writeItems(&b, published(t, "batch-get-figure-cluster.response.json", "FigureClusters"))
	b.WriteString(",\n\"Files\": ")
	writeItems(&b, published(t, "batch-get-file-meta.response.json", "Files"))
	b.WriteString("\n}\n")
	return b.Bytes()
}

func writeItems(b *bytes.Buffer, items []json.RawMessage) {
	b.WriteString("[\n  ")
	for i, it := range items {
		if i > 0 {
			b.WriteString(",\n  ")
		}
		// Indent changes only whitespace: keys, order and number text stay.
		if err := json.Indent(b, it, "  ", "  "); err != nil {
			panic(err) // it came from json.Unmarshal: valid JSON
		}
	}
	b.WriteString("\n]")
}

// The sample cluster is in immtest/dataset001; the sample file (also its
// cover) names test-project/test-dataset.
var (
	clusterDataset = [2]string{"immtest", "dataset001"}
	fileDataset    = [2]string{"test-project", "test-dataset"}
)

func TestPublishedDatasetFileIsCurrent(t *testing.T) {
	want := publishedDatasetFile(t, clusterDataset)
	path := filepath.Join(publishedDir, "dataset.json")
	if *updatePublished {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is not what the published answers make: run go test -run %s -update-published .", path, t.Name())
	}
}

func TestPublishedAnswersRoundTripExactly(t *testing.T) {
	wantCluster := published(t, "batch-get-figure-cluster.response.json", "FigureClusters")[0]
	wantFile := published(t, "batch-get-file-meta.response.json", "Files")[0]
	cases := []struct {
		name         string
		datasets     [][2]string
		files        [2]string // where the file is asked for
		wantWarnings []string
	}{
		{
			// All in one dataset: the file keeps its names, the cover is it.
			name: "one dataset", datasets: [][2]string{clusterDataset}, files: clusterDataset,
			wantWarnings: []string{`Files[0] names dataset "test-project"/"test-dataset"`, `Files[0].Figures[0].FigureClusterId`},
		},
		{
			// Each in its own: the cover is not a file of the cluster's dataset.
			name: "two datasets", datasets: [][2]string{clusterDataset, fileDataset}, files: fileDataset,
			wantWarnings: []string{`Files[0].Figures[0].FigureClusterId`, `FigureClusters[0].Cover.URI`},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, warnings, err := dataset.Load(bytes.NewReader(publishedDatasetFile(t, c.datasets...)))
			if err != nil {
				t.Fatalf("the loader refuses IMM's own answers: %v", err)
			}
			if len(warnings) != len(c.wantWarnings) {
				t.Errorf("warnings %q, want %d", warnings, len(c.wantWarnings))
			}
			for i, w := range c.wantWarnings {
				if i < len(warnings) && !strings.HasPrefix(warnings[i], w) {
					t.Errorf("warning %d is %q, want it to start %q", i, warnings[i], w)
				}
			}
			cl := teststack.Start(t, teststack.Options{Emulator: emulator.Config{Data: d}, NoStore: true}).Client
			ctx := context.Background()

			var pf struct{ URI string }
			_ = json.Unmarshal(wantFile, &pf)
			files, err := cl.BatchGetFileMeta(ctx, imm.BatchGetFileMetaRequest{ProjectName: c.files[0], DatasetName: c.files[1], URIs: []string{pf.URI}})
			if err != nil {
				t.Fatal(err)
			}
			if len(files.Files) != 1 {
				t.Fatalf("%d files answered", len(files.Files))
			}
			sameAsPublished(t, "Files[0]", wantFile, files.Files[0])

			var pc struct{ ObjectId string }
			_ = json.Unmarshal(wantCluster, &pc)
			clusters, err := cl.BatchGetFigureCluster(ctx, imm.BatchGetFigureClusterRequest{ProjectName: clusterDataset[0], DatasetName: clusterDataset[1], ObjectIds: []string{pc.ObjectId}})
			if err != nil {
				t.Fatal(err)
			}
			if len(clusters.FigureClusters) != 1 {
				t.Fatalf("%d clusters answered", len(clusters.FigureClusters))
			}
			sameAsPublished(t, "FigureClusters[0]", wantCluster, clusters.FigureClusters[0])
		})
	}
}

// sameAsPublished encodes got as the Raw pane does (the model's own
// MarshalJSON, through encoding/json) and fails with the path of every
// difference from want.
func sameAsPublished(t *testing.T, path string, want json.RawMessage, got any) {
	t.Helper()
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range jsonDiff(path, decodeExact(t, want), decodeExact(t, b)) {
		t.Error(d)
	}
}

// decodeExact decodes JSON keeping numbers as their decimal text.
func decodeExact(t *testing.T, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// jsonDiff lists where a and b differ: keys lost or added, values changed.
// Numbers are compared as their decimal text: 26 and 26.0 differ.
func jsonDiff(path string, a, b any) []string {
	switch av := a.(type) {
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: object became %T %v", path, b, b)}
		}
		var out []string
		for _, k := range sortedKeys(av) {
			y, ok := bv[k]
			if !ok {
				out = append(out, fmt.Sprintf("%s.%s: lost", path, k))
				continue
			}
			out = append(out, jsonDiff(path+"."+k, av[k], y)...)
		}
		for _, k := range sortedKeys(bv) {
			if _, ok := av[k]; !ok {
				out = append(out, fmt.Sprintf("%s.%s: added (%v)", path, k, bv[k]))
			}
		}
		return out
	case []any:
		bv, ok := b.([]any)
		if !ok || len(bv) != len(av) {
			return []string{fmt.Sprintf("%s: array of %d became %v", path, len(av), b)}
		}
		var out []string
		for i := range av {
			out = append(out, jsonDiff(fmt.Sprintf("%s[%d]", path, i), av[i], bv[i])...)
		}
		return out
	}
	if a != b {
		return []string{fmt.Sprintf("%s: %#v became %#v", path, a, b)}
	}
	return nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
