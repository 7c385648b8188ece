package client

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/safetext"
)

// Hostile JSON for the seed corpora: every sequence issue #4 names, in
// known fields, map keys and values, unknown keys, raw (not \u-escaped)
// C1, bidi and invalid bytes, as a careless or hostile producer sends.
var hostileJSON = []string{
	`{"URI":"oss://b/\u001b[2J.jpg","Filename":"\u001b]52;c;ZXZpbA==\u0007x","OCRTexts":"a\nb\u001bP1$r\u001b\\","CustomLabels":{"k\u001b[31m":"v\u001b]8;;http://e\u001b\\","n":1,"nested":{"\u001b_apc":["\u009b"]}}}`,
	"{\"Filename\":\"raw c1 \xc2\x9b31m and bidi \xe2\x80\xae and bad \xff\xfe\",\"Labels\":[{\"LabelName\":\"\xe2\x80\x8bzw\"}]}",
	`{"X-Unknown \u001b[31m":"\u001b[2J","Figures":[{"FigureClusterId":"Cluster-\u202eevil","Gender":"\u0000\u0001\u007f","HeadPose":{"Pitch":1e400}}]}`,
	`{"Labels":[{"LabelName":"مرحبا","Clips":[{"TimeRange":[1,2,"x"]}]}],"Insights":{"Image":{"Caption":"\u2066iso\u2069\r\n"}}}`,
	`{"ObjectId":"Cluster-\u001b[31m","Name":"\u001b]8;;x\u0007n","Cover":{"URI":"oss://\u001b[H","Figures":null},"CustomLabels":{"\u202e":"\u200b"}}`,
	`null`, `[]`, `{"URI":1}`, `{"CustomLabels":[]}`, `{"Figures":[null,{}]}`, `{"Size":"12"}`, `{"URI":"a","URI":"\u001b"}`,
}

func addSeeds(f *testing.F, wrap func(string) string) {
	for _, s := range hostileJSON {
		f.Add([]byte(wrap(s)))
	}
	for _, name := range []string{"batch-get-file-meta.response.json", "batch-get-figure-cluster.response.json", "error.response.json"} {
		if b, err := os.ReadFile("testdata/" + name); err == nil {
			f.Add(b)
		}
	}
}

// checkSafe fails t if any string reachable from v (fields, slices, map
// keys and values, values in interfaces) could act on a terminal. Errors
// are display text and must pass it; models need not (they are exact, and
// the ui escapes them where it draws them).
func checkSafe(t *testing.T, v any) {
	t.Helper()
	var walk func(reflect.Value, string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if f := v.Type().Field(i); f.IsExported() {
					walk(v.Field(i), path+"."+f.Name)
				}
			}
		case reflect.Slice, reflect.Array:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), path+"[]")
			}
		case reflect.Map:
			it := v.MapRange()
			for it.Next() {
				walk(it.Key(), path+"{key}")
				walk(it.Value(), path+"{}")
			}
		case reflect.String:
			s := v.String()
			if !utf8.ValidString(s) {
				t.Fatalf("%s: invalid UTF-8 %q", path, s)
			}
			for _, r := range s {
				if (r < 0x20 && r != '\n') || r == 0x7f || safetext.Dangerous(r) {
					t.Fatalf("%s: %U survived in %q", path, r, s)
				}
			}
		}
	}
	walk(reflect.ValueOf(v), "")
}

// checkExact fails t unless v encodes, and the encoding decodes to a model
// that encodes to the same JSON value: nothing is rewritten or lost on the
// way (kept raw keys included, which is why JSON and not structs is
// compared; as values, since a kept key may spell U+FFFD either way).
func checkExact[T any](t *testing.T, v *T) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("decoded %T does not encode: %v", v, err)
	}
	var again T
	if err := json.Unmarshal(b, &again); err != nil {
		t.Fatalf("re-encoded %T does not decode: %v", v, err)
	}
	b2, err := json.Marshal(&again)
	if err != nil {
		t.Fatalf("%T does not encode a second time: %v", v, err)
	}
	first, err1 := jsonValue(b)
	second, err2 := jsonValue(b2)
	if err1 != nil || err2 != nil || !reflect.DeepEqual(first, second) {
		t.Fatalf("%T changed across decode and encode (%v, %v):\n%s\n%s", v, err1, err2, b, b2)
	}
}

// jsonValue decodes b keeping numbers as written (1e400 is a number a
// float64 cannot hold, and kept raw keys may hold one).
func jsonValue(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	err := d.Decode(&v)
	return v, err
}

// FuzzDecodeFile: any bytes decode into a File or fail; never a panic;
// what decoded re-encodes to the same File.
func FuzzDecodeFile(f *testing.F) {
	addSeeds(f, func(s string) string { return s })
	f.Fuzz(func(t *testing.T, b []byte) {
		var v imm.File
		if err := json.Unmarshal(b, &v); err != nil {
			return
		}
		checkExact(t, &v)
	})
}

// FuzzDecodeFigureCluster is FuzzDecodeFile for clusters (and their Cover).
func FuzzDecodeFigureCluster(f *testing.F) {
	addSeeds(f, func(s string) string { return s })
	f.Fuzz(func(t *testing.T, b []byte) {
		var v imm.FigureCluster
		if err := json.Unmarshal(b, &v); err != nil {
			return
		}
		checkExact(t, &v)
	})
}

// FuzzBatchGetFileMetaReply sends any reply body through the whole client
// (HTTP, status, decode, match): the answer is a response or an error,
// never both and never neither; an error carries no unsafe text and a
// response holds the files exactly as the body has them.
func FuzzBatchGetFileMetaReply(f *testing.F) {
	addSeeds(f, func(s string) string { return `{"RequestId":"r\u001b[1m","Files":[` + s + `]}` })
	f.Add([]byte(`{"RequestId":"x","Code":"Throttling.User\u001b[2J","Message":"slow \u001b]52;c;aGk=\u0007"}`))
	f.Add([]byte(``))
	var mu sync.Mutex
	var reply []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		b := reply
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(b)
	}))
	f.Cleanup(srv.Close)
	c, err := New(Config{Endpoint: srv.URL, AccessKeyID: testAK, AccessKeySecret: testSecret, MaxAttempts: 1})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(c.Close)
	f.Fuzz(func(t *testing.T, b []byte) {
		mu.Lock()
		reply = b
		mu.Unlock()
		res, err := c.BatchGetFileMeta(context.Background(), imm.BatchGetFileMetaRequest{ProjectName: "p", DatasetName: "d",
			URIs: []string{"oss://b/\x1b[2J.jpg", "oss://b/a.jpg", "a"}})
		switch {
		case res == nil && err == nil:
			t.Fatal("(nil, nil)")
		case res != nil && err != nil:
			t.Fatalf("both a response and an error: %v", err)
		case err != nil:
			msg := err.Error()
			if safetext.Line(msg) != msg && !strings.Contains(msg, "\n") {
				t.Fatalf("error message is not safe: %q", msg)
			}
			if e, ok := err.(*imm.Error); ok {
				checkSafe(t, e)
			}
		default:
			var direct struct{ Files []imm.File }
			if err := json.Unmarshal(b, &direct); err != nil {
				t.Fatalf("the client answered a body that does not decode: %v", err)
			}
			for i := range res.Files {
				if !slices.ContainsFunc(direct.Files, func(f imm.File) bool { return reflect.DeepEqual(f, res.Files[i]) }) {
					t.Fatalf("file %q is not as sent:\n%+v", res.Files[i].URI, res.Files[i])
				}
			}
		}
	})
}
