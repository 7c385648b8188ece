package emulator_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/imm"
)

// TestGeneratedDataSendsTheZerosIMMSends: the generated demo, as the
// emulator answers it on the wire, carries the zero values IMM sends
// (the first stream's Index 0, StartTime 0, a boundary at the edge) and
// leaves out what IMM leaves out.
func TestGeneratedDataSendsTheZerosIMMSends(t *testing.T) {
	data := dataset.Generate(dataset.Options{Seed: 5, Clusters: 30}) // a seed with faces at the edge
	r := startTest(t, emulator.Config{Data: data})
	c := newRaw(t, r)
	gen := map[string]*imm.File{}
	var video, music, image, edge string
	edgeFace := -1
	for i := range data.Files {
		f := &data.Files[i]
		gen[f.URI] = f
		switch {
		case video == "" && len(f.VideoStreams) > 0 && len(f.Subtitles) > 0:
			video = f.URI
		case music == "" && len(f.AudioCovers) > 0:
			music = f.URI
		case image == "" && f.MediaType == "image" && f.ObjectStatus == "Indexed" && hasIndependentFace(f):
			image = f.URI
		}
		for j, fg := range f.Figures {
			if edge == "" && (fg.Boundary.Left == 0 || fg.Boundary.Top == 0) {
				edge, edgeFace = f.URI, j
			}
		}
	}
	if video == "" || music == "" || image == "" || edge == "" {
		t.Fatalf("seed lacks a kind of file: video %q music %q image %q face at the edge %q", video, music, image, edge)
	}
	uris := []string{video, music, image, edge}
	files := map[string]map[string]any{}
	for _, f := range decodeNumbers(t, c.call("BatchGetFileMeta", ds(map[string]any{
		"ProjectName": dataset.DefaultProject, "DatasetName": dataset.DefaultDataset, "URIs": uris})).Raw)["Files"].([]any) {
		m := f.(map[string]any)
		files[m["URI"].(string)] = m
	}

	v := files[video]
	for _, p := range []string{"StartTime", "Orientation", "VideoStreams[0].Index", "VideoStreams[0].StartTime",
		"AudioStreams[0].StartTime", "Subtitles[0].StartTime", "SceneElements[0].VideoStreamIndex",
		"SceneElements[0].Labels[0].LabelAlias"} {
		wantAt(t, v, p, zeroText(p))
	}
	wantAt(t, v, "AudioStreams[0].Index", "1")
	a := files[music]
	for _, p := range []string{"StartTime", "ProgramCount", "AudioStreams[0].Index", "AudioStreams[0].StartTime",
		"AudioCovers[0].CroppingSuggestions[0].Boundary.Left", "AudioCovers[0].CroppingSuggestions[0].Boundary.Top",
		"AudioCovers[0].CroppingSuggestions[0].Boundary.Polygon[0].X", "AudioCovers[0].CroppingSuggestions[0].Boundary.Polygon[0].Y"} {
		wantAt(t, a, p, "0")
	}
	b := gen[edge].Figures[edgeFace].Boundary
	at := fmt.Sprintf("Figures[%d].Boundary.", edgeFace)
	wantAt(t, files[edge], at+"Left", fmt.Sprint(b.Left))
	wantAt(t, files[edge], at+"Top", fmt.Sprint(b.Top))
	wantAt(t, files[edge], at+"Polygon[0].X", fmt.Sprint(b.Left))
	wantAt(t, files[edge], at+"Polygon[0].Y", fmt.Sprint(b.Top))
	// What IMM leaves out stays out: an image has no streams or times, an
	// independent face no cluster confidence, a top label no parent.
	im := files[image]
	for _, k := range []string{"StartTime", "Duration", "ProgramCount", "StreamCount", "VideoStreams", "Bitrate", "VideoWidth"} {
		if _, ok := im[k]; ok {
			t.Errorf("image %s: %s is sent (%v); IMM leaves it out", image, k, im[k])
		}
	}
	for i, fg := range gen[image].Figures {
		face := im["Figures"].([]any)[i].(map[string]any)
		if _, ok := face["FigureClusterConfidence"]; ok && fg.FigureClusterConfidence == 0 {
			t.Errorf("image %s: Figures[%d] (%s) sends FigureClusterConfidence", image, i, fg.FigureClusterId)
		}
	}
	top := im["Labels"].([]any)[0].(map[string]any)
	if _, ok := top["ParentLabelName"]; ok {
		t.Errorf("a top-level label sends ParentLabelName: %v", top)
	}
	wantAt(t, top, "LabelAlias", "")
	// Every boundary carries all four sides, and every vertex both
	// coordinates, whatever their value.
	for uri, f := range files {
		everyBoundaryComplete(t, uri, f)
	}

	var never, edited string
	for _, fc := range data.FigureClusters {
		if fc.MetaLockVersion == 0 && never == "" {
			never = fc.ObjectId
		}
		if fc.MetaLockVersion > 0 && edited == "" {
			edited = fc.ObjectId
		}
	}
	got := map[string]map[string]any{}
	for _, fc := range decodeNumbers(t, c.call("BatchGetFigureCluster", map[string]any{
		"ProjectName": dataset.DefaultProject, "DatasetName": dataset.DefaultDataset, "ObjectIds": []string{never, edited}}).Raw)["FigureClusters"].([]any) {
		m := fc.(map[string]any)
		got[m["ObjectId"].(string)] = m
	}
	wantAt(t, got[never], "MetaLockVersion", "0")
	if _, ok := got[edited]["MetaLockVersion"].(json.Number); !ok {
		t.Errorf("edited cluster: MetaLockVersion %v", got[edited]["MetaLockVersion"])
	}
}

func hasIndependentFace(f *imm.File) bool {
	for _, fg := range f.Figures {
		if fg.FigureClusterId == imm.ClusterIndependent {
			return true
		}
	}
	return false
}

// zeroText is the zero a path's last key is sent with.
func zeroText(path string) string {
	if strings.HasSuffix(path, "LabelAlias") {
		return ""
	}
	return "0"
}

func decodeNumbers(t *testing.T, b []byte) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

// wantAt checks the value at a path like "A[0].B" is present and prints
// as want (numbers as their decimal text).
func wantAt(t *testing.T, v any, path, want string) {
	t.Helper()
	cur := v
	for _, part := range strings.Split(path, ".") {
		name, idx, _ := strings.Cut(part, "[")
		m, ok := cur.(map[string]any)
		if !ok {
			t.Errorf("%s: not an object above %s", path, name)
			return
		}
		if cur, ok = m[name]; !ok {
			t.Errorf("%s: key %s is absent", path, name)
			return
		}
		if idx != "" {
			arr, ok := cur.([]any)
			n := 0
			for _, ch := range strings.TrimSuffix(idx, "]") {
				n = n*10 + int(ch-'0')
			}
			if !ok || n >= len(arr) {
				t.Errorf("%s: no element %d", path, n)
				return
			}
			cur = arr[n]
		}
	}
	var got string
	switch x := cur.(type) {
	case json.Number:
		got = x.String()
	case string:
		got = x
	default:
		t.Errorf("%s: %T %v", path, cur, cur)
		return
	}
	if got != want {
		t.Errorf("%s = %q, want %q", path, got, want)
	}
}

// everyBoundaryComplete checks each "Boundary" object under v.
func everyBoundaryComplete(t *testing.T, where string, v any) {
	t.Helper()
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			if b, ok := c.(map[string]any); ok && k == "Boundary" {
				for _, side := range []string{"Left", "Top", "Width", "Height"} {
					if _, ok := b[side]; !ok {
						t.Errorf("%s: a Boundary lacks %s: %v", where, side, b)
					}
				}
				for _, p := range b["Polygon"].([]any) {
					pt := p.(map[string]any)
					if _, ok := pt["X"]; !ok {
						t.Errorf("%s: a vertex lacks X: %v", where, pt)
					}
					if _, ok := pt["Y"]; !ok {
						t.Errorf("%s: a vertex lacks Y: %v", where, pt)
					}
				}
			}
			everyBoundaryComplete(t, where, c)
		}
	case []any:
		for _, c := range x {
			everyBoundaryComplete(t, where, c)
		}
	}
}
