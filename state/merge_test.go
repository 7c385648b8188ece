package state

import (
	"encoding/json"
	"testing"

	"github.com/immtui/immtui/imm"
)

func decodeFile(t *testing.T, s string) *imm.File {
	t.Helper()
	var f imm.File
	if err := json.Unmarshal([]byte(s), &f); err != nil {
		t.Fatal(err)
	}
	return &f
}

func TestMergeKeepsUnknownAndZeroKeysOfBothFetches(t *testing.T) {
	old := mergeFile(nil, decodeFile(t, `{"URI":"u","Figures":[{"FigureId":"f"}],"FigureCount":0,"NewThing":1}`),
		[]string{"Figures", "FigureCount", "NewThing"})
	fetched := decodeFile(t, `{"URI":"u","Labels":[{"LabelName":"cat"}],"Orientation":0,"Other":"x"}`)
	e := mergeFile(old, fetched, []string{"Labels", "Orientation", "Other"})

	b, err := json.Marshal(e.file)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]json.RawMessage
	_ = json.Unmarshal(b, &got)
	for _, k := range []string{"URI", "Figures", "FigureCount", "NewThing", "Labels", "Orientation", "Other"} {
		if _, ok := got[k]; !ok {
			t.Errorf("merged file lost %s: %s", k, b)
		}
	}
	if !e.has([]string{"Figures", "Labels", "NewThing", "Other", "URI"}) || e.has([]string{"EXIF"}) {
		t.Errorf("field set %v", e.fields)
	}
	if old.file.Labels != nil {
		t.Error("merge changed the older File")
	}
}

func TestMergeReplacesRefetchedFieldsThatCameBackEmpty(t *testing.T) {
	old := mergeFile(nil, decodeFile(t, `{"URI":"u","Labels":[{"LabelName":"cat"}],"X":1}`), []string{"Labels"})
	// Both carry extras, so this takes the JSON path.
	e := mergeFile(old, decodeFile(t, `{"URI":"u","Y":2}`), []string{"Labels"})
	if e.file.Labels != nil {
		t.Errorf("labels the server no longer returns survived: %+v", e.file.Labels)
	}
	e = mergeFile(mergeFile(nil, &imm.File{URI: "u", Labels: []imm.Label{{}}}, []string{"Labels"}),
		&imm.File{URI: "u"}, []string{"Labels"})
	if e.file.Labels != nil {
		t.Errorf("reflection path kept stale labels: %+v", e.file.Labels)
	}
}

func TestDropFieldsOfAFullEntryKeepsTheRest(t *testing.T) {
	full := mergeFile(nil, &imm.File{URI: "u", Filename: "f", Labels: []imm.Label{{}}}, nil)
	e := dropFields(full, []string{"Labels"})
	if e.has([]string{"Labels"}) || !e.has([]string{"Filename", "EXIF"}) || e.file.Labels != nil || e.file.Filename != "f" {
		t.Fatalf("after drop: %+v %+v", e.file, e.fields)
	}
	if full.file.Labels == nil {
		t.Error("drop changed the cached File")
	}
	if dropFields(full, nil) != nil {
		t.Error("dropping every field left an entry")
	}
}

func TestFieldGroupsAreCanonical(t *testing.T) {
	var e *fileEntry
	if g := e.missingGroup([]string{"b", "URI", "a", "b"}); g != "a,b" {
		t.Errorf("group %q", g)
	}
	if g := e.missingGroup(nil); g != allFields {
		t.Errorf("group of nil %q", g)
	}
	if !groupCovers("a,b,c", "a,c") || groupCovers("a,b", "a,c") || !groupCovers(allFields, "x") ||
		groupCovers("a", allFields) || !groupCovers(refreshPrefix+"a,b", "b") {
		t.Error("groupCovers is wrong")
	}
}
