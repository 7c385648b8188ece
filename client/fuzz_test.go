package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
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
// keys and values, values in interfaces) could act on a terminal.
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
				// Identifiers stay exact (they are request keys); the
				// ui escapes them where it draws them.
				if f := v.Type().Field(i); f.IsExported() && !(safetext.Identifier(f.Name) && f.Type.Kind() == reflect.String) {
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

// FuzzDecodeFile: any bytes decode into a File or fail; never a panic;
// after Walk no string can act on a terminal; what decoded re-encodes.
func FuzzDecodeFile(f *testing.F) {
	addSeeds(f, func(s string) string { return s })
	f.Fuzz(func(t *testing.T, b []byte) {
		var v imm.File
		if err := json.Unmarshal(b, &v); err != nil {
			return
		}
		safetext.Walk(&v)
		checkSafe(t, &v)
		if _, err := json.Marshal(v); err != nil {
			t.Fatalf("decoded imm.File does not encode: %v", err)
		}
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
		safetext.Walk(&v)
		checkSafe(t, &v)
		if _, err := json.Marshal(v); err != nil {
			t.Fatalf("decoded imm.FigureCluster does not encode: %v", err)
		}
	})
}

// FuzzBatchGetFileMetaReply sends any reply body through the whole client
// (HTTP, status, decode, match, Walk): the answer is a response or an
// error, never both and never neither, and neither carries unsafe text.
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
			checkSafe(t, res)
		}
	})
}
