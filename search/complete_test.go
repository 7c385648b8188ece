package search

import (
	"reflect"
	"testing"
)

var snap = Snapshot{
	Labels: []Value{{"狗", 40}, {"动物", 90}, {"Dog", 12}},
	Cities: []Value{{"杭州", 30}, {"New York", 5}, {"Hangzhou", 30}},
	Types:  []Value{{"image", 100}, {"video", 9}},
}

func inserts(c Completion) []string {
	var out []string
	for _, x := range c.Candidates {
		out = append(out, x.Insert)
	}
	return out
}

func TestCompletionOffersFieldNames(t *testing.T) {
	c := Complete("type:video la", len("type:video la"), snap)
	if c.Start != 11 || c.End != 13 || !reflect.DeepEqual(inserts(c), []string{"label:"}) {
		t.Errorf("got %+v", c)
	}
	c = Complete("", 0, snap)
	if len(c.Candidates) != len(Fields) {
		t.Errorf("empty text offers %d fields", len(c.Candidates))
	}
	// After a - the name replaces the word but keeps the -.
	c = Complete("-st", 3, snap)
	if c.Start != 1 || !reflect.DeepEqual(inserts(c), []string{"status:"}) {
		t.Errorf("got %+v", c)
	}
}

func TestCompletionOffersValuesFromTheSnapshot(t *testing.T) {
	c := Complete("label:", 6, snap)
	if !reflect.DeepEqual(inserts(c), []string{"label=狗", "label=动物", "label=Dog"}) {
		t.Errorf("got %v", inserts(c))
	}
	c = Complete("city:new type:video", 8, snap)
	if c.Start != 0 || c.End != 8 || !reflect.DeepEqual(inserts(c), []string{`city="New York"`}) {
		t.Errorf("got %+v", c)
	}
	if c.Candidates[0].Count != 5 || c.Candidates[0].Display != "New York" {
		t.Errorf("candidate %+v", c.Candidates[0])
	}
	c = Complete(`(city:"new y`, len(`(city:"new y`), snap)
	if c.Start != 1 || !reflect.DeepEqual(inserts(c), []string{`city="New York"`}) {
		t.Errorf("inside quotes: %+v", c)
	}
	// Types add the known ones the snapshot lacks.
	c = Complete("type:", 5, snap)
	if !reflect.DeepEqual(inserts(c), []string{"type=image", "type=video", "type=audio", "type=document", "type=other"}) {
		t.Errorf("types %v", inserts(c))
	}
	if c := Complete("size:", 5, snap); len(c.Candidates) != 0 {
		t.Errorf("size offers %v", inserts(c))
	}
	if c := Complete("nope:", 5, snap); len(c.Candidates) != 0 {
		t.Errorf("an unknown field offers %v", inserts(c))
	}
}

func TestEveryCompletedValueCompiles(t *testing.T) {
	for _, text := range []string{"label:", "city:", "type:", "status:"} {
		for _, cand := range Complete(text, len(text), snap).Candidates {
			if _, err := Compile(cand.Insert, Options{}); err != nil {
				t.Errorf("%s: %v", cand.Insert, err)
			}
		}
	}
}
