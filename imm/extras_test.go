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
	if string(out) != `{"Bitrate":5,"Index":0}` {
		t.Fatalf("re-encoded %s", out)
	}
}
