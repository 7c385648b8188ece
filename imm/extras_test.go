package imm

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestKeepZeroWritesTheFieldsZeroAndOnlyThose(t *testing.T) {
	vs := VideoStream{CodecName: "h264"}
	vs.KeepZero("Index", "StartTime", "Language")
	out, err := json.Marshal(vs)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Index": "0", "StartTime": "0", "Language": `""`, "CodecName": `"h264"`}
	if len(got) != len(want) {
		t.Fatalf("encoded %s, want exactly the keys %v", out, want)
	}
	for k, v := range want {
		if string(got[k]) != v {
			t.Errorf("%s: got %s, want %s (in %s)", k, got[k], v, out)
		}
	}
	if !vs.KeptZero("Index") || vs.KeptZero("Width") {
		t.Errorf("KeptZero: Index %v, Width %v", vs.KeptZero("Index"), vs.KeptZero("Width"))
	}
}

func TestKeepZeroYieldsToAValueSetLater(t *testing.T) {
	var b Boundary
	b.KeepZero("Left")
	b.Left = 12
	out, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != `{"Left":12}` {
		t.Fatalf("got %s", out)
	}
}

func TestKeepZeroOfAnUnknownNameFailsEncoding(t *testing.T) {
	var p PointInt64
	p.KeepZero("Z")
	if _, err := json.Marshal(p); err == nil || !strings.Contains(err.Error(), `KeepZero("Z")`) {
		t.Fatalf("got %v", err)
	}
}

func TestDecodedZerosAreKeptZeroAndAbsentOnesAreNot(t *testing.T) {
	var s AudioStream
	if err := json.Unmarshal([]byte(`{"Index":0,"Bitrate":5}`), &s); err != nil {
		t.Fatal(err)
	}
	if !s.KeptZero("Index") || s.KeptZero("StartTime") || s.KeptZero("Bitrate") {
		t.Fatalf("Index %v StartTime %v Bitrate %v", s.KeptZero("Index"), s.KeptZero("StartTime"), s.KeptZero("Bitrate"))
	}
	out, _ := json.Marshal(s)
	if string(out) != `{"Index":0,"Bitrate":5}` {
		t.Fatalf("re-encoded %s", out)
	}
}

// A kept zero sits in its field's place and unknown keys follow, so a file
// reads the same in Raw whether or not it holds a zero or a new key.
func TestEncodingKeepsTheModelsKeyOrder(t *testing.T) {
	var f File
	in := `{"Zeta":1,"Orientation":0,"URI":"oss://b/o","Alpha":{"x":[1]},"Size":5}`
	if err := json.Unmarshal([]byte(in), &f); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"URI":"oss://b/o","Size":5,"Orientation":0,"Alpha":{"x":[1]},"Zeta":1}`; string(out) != want {
		t.Fatalf("encoded %s\nwant    %s", out, want)
	}
}

// IMM's keys are exact: "URi" is not URI, though encoding/json would fill
// URI from it. It is kept as the unknown key it is, and URI holds what the
// key URI said, whatever the order.
func TestAKeyDifferingOnlyInCaseIsAnotherKey(t *testing.T) {
	for _, doc := range []string{`{"URi":"0","URI":""}`, `{"URI":"","URi":"0"}`, `{"URi":"0"}`, `{"uri":"x","URI":"oss://b/a"}`} {
		var f File
		if err := json.Unmarshal([]byte(doc), &f); err != nil {
			t.Fatal(err)
		}
		want := ""
		if strings.Contains(doc, `"URI":"oss://b/a"`) {
			want = "oss://b/a"
		}
		if f.URI != want {
			t.Errorf("%s: URI = %q, want %q", doc, f.URI, want)
		}
		b, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		var again File
		if err := json.Unmarshal(b, &again); err != nil || again.URI != f.URI {
			t.Errorf("%s: re-encoded %s decodes URI %q, err %v", doc, b, again.URI, err)
		}
		if !strings.Contains(string(b), `"URi":"0"`) && strings.Contains(doc, `"URi"`) {
			t.Errorf("%s: the other key was lost: %s", doc, b)
		}
	}
}
