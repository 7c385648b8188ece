package emulator

import (
	"context"
	"image"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/credentials"
	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss/signer"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/imm"
)

var ossTestNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func ossTestServer() *ossServer {
	d := &dataset.Dataset{Files: []imm.File{
		{URI: "oss://pics/a b/照片.jpg", ImageWidth: 400, ImageHeight: 300, Orientation: 1, ETag: `"E1"`,
			Figures: []imm.Figure{{FigureId: "f", Boundary: &imm.Boundary{Left: 100, Top: 50, Width: 80, Height: 100}}}},
		{URI: "oss://pics/turned.jpg", ImageWidth: 300, ImageHeight: 400, Orientation: 6},
		{URI: "oss://docs/x.pdf", MediaType: "document"},
	}}
	return newOSSServer(d, map[string]string{"AK": "SECRET"}, func() time.Time { return ossTestNow })
}

// signed is a request signed by the OSS SDK's own V4 signer.
func signed(t *testing.T, method, host, path, query, bucket, key, secret string, at time.Time, additional ...string) *http.Request {
	t.Helper()
	r := httptest.NewRequest(method, "http://"+host+path+query, nil)
	r.Header.Set("Content-Type", "image/jpeg") // a default-signed header, to exercise it
	sc := &signer.SigningContext{
		Product: ptr("oss"), Region: ptr("cn-shanghai"), Bucket: &bucket, Key: &key, Request: r,
		Credentials: &credentials.Credentials{AccessKeyID: "AK", AccessKeySecret: secret}, Time: at, AdditionalHeaders: additional,
	}
	if err := (&signer.SignerV4{}).Sign(context.Background(), sc); err != nil {
		t.Fatal(err)
	}
	return r
}

func ptr(s string) *string { return &s }

func serveOSS(o *ossServer, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	o.ServeHTTP(w, r)
	return w
}

func TestOSSAcceptsTheSDKsV4Signature(t *testing.T) {
	o := ossTestServer()
	for _, tc := range []struct{ name, host, path string }{
		{"path style", "127.0.0.1:9", "/pics/a%20b/%E7%85%A7%E7%89%87.jpg"},
		{"virtual hosted", "pics.oss.local:9", "/a%20b/%E7%85%A7%E7%89%87.jpg"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := signed(t, "GET", tc.host, tc.path, "?x-oss-process=image%2Fcrop%2Cx_100%2Cy_50%2Cw_80%2Ch_100", "pics", "a b/照片.jpg", "SECRET", ossTestNow)
			w := serveOSS(o, r)
			if w.Code != 200 || w.Header().Get("ETag") != `"E1"` || w.Header().Get("Content-Type") != "image/jpeg" {
				t.Fatalf("%d %s", w.Code, w.Body.String())
			}
		})
	}
	r := signed(t, "GET", "127.0.0.1:9", "/pics/turned.jpg", "", "pics", "turned.jpg", "SECRET", ossTestNow, "host")
	if w := serveOSS(o, r); w.Code != 200 {
		t.Errorf("with AdditionalHeaders=host: %d %s", w.Code, w.Body.String())
	}
}

func TestOSSRefusals(t *testing.T) {
	o := ossTestServer()
	good := func() *http.Request {
		return signed(t, "GET", "127.0.0.1:9", "/pics/turned.jpg", "", "pics", "turned.jpg", "SECRET", ossTestNow)
	}
	for _, tc := range []struct {
		name   string
		req    func() *http.Request
		status int
		code   string
	}{
		{"wrong secret", func() *http.Request {
			return signed(t, "GET", "127.0.0.1:9", "/pics/turned.jpg", "", "pics", "turned.jpg", "WRONG", ossTestNow)
		}, 403, "SignatureDoesNotMatch"},
		{"tampered process", func() *http.Request {
			r := good()
			r.URL.RawQuery = "x-oss-process=image/resize,w_10"
			return r
		}, 403, "SignatureDoesNotMatch"},
		{"unsigned", func() *http.Request { return httptest.NewRequest("GET", "http://127.0.0.1:9/pics/turned.jpg", nil) }, 403, "AccessDenied"},
		{"V1", func() *http.Request {
			r := httptest.NewRequest("GET", "http://127.0.0.1:9/pics/turned.jpg", nil)
			r.Header.Set("Authorization", "OSS AK:c2lnbmF0dXJl")
			return r
		}, 403, "AccessDenied"},
		{"old", func() *http.Request {
			return signed(t, "GET", "127.0.0.1:9", "/pics/turned.jpg", "", "pics", "turned.jpg", "SECRET", ossTestNow.Add(-time.Hour))
		}, 403, "RequestTimeTooSkewed"},
		{"no such key", func() *http.Request {
			return signed(t, "GET", "127.0.0.1:9", "/pics/nope.jpg", "", "pics", "nope.jpg", "SECRET", ossTestNow)
		}, 404, "NoSuchKey"},
		{"no such bucket", func() *http.Request {
			return signed(t, "GET", "127.0.0.1:9", "/other/x.jpg", "", "other", "x.jpg", "SECRET", ossTestNow)
		}, 404, "NoSuchBucket"},
		{"a document", func() *http.Request {
			return signed(t, "GET", "127.0.0.1:9", "/docs/x.pdf", "", "docs", "x.pdf", "SECRET", ossTestNow)
		}, 501, "NotImplemented"},
		{"PUT", func() *http.Request {
			return signed(t, "PUT", "127.0.0.1:9", "/pics/turned.jpg", "", "pics", "turned.jpg", "SECRET", ossTestNow)
		}, 405, "MethodNotAllowed"},
		{"unknown process", func() *http.Request {
			return signed(t, "GET", "127.0.0.1:9", "/pics/turned.jpg", "?x-oss-process=image%2Fblur%2Cr_3", "pics", "turned.jpg", "SECRET", ossTestNow)
		}, 400, "InvalidArgument"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := serveOSS(o, tc.req())
			if w.Code != tc.status || !strings.Contains(w.Body.String(), "<Code>"+tc.code+"</Code>") {
				t.Errorf("%d %s, want %d %s", w.Code, w.Body.String(), tc.status, tc.code)
			}
			if strings.Contains(w.Body.String(), "SECRET") {
				t.Error("the secret is in the answer")
			}
		})
	}
	o.deny.Store(true)
	if w := serveOSS(o, good()); w.Code != 403 || !strings.Contains(w.Body.String(), "oss:GetObject") {
		t.Errorf("denied: %d %s", w.Code, w.Body.String())
	}
}

func TestParseProcess(t *testing.T) {
	photo := &imm.File{ImageWidth: 400, ImageHeight: 300, Orientation: 1}
	turned := &imm.File{ImageWidth: 300, ImageHeight: 400, Orientation: 6} // stored 400x300
	video := &imm.File{VideoWidth: 1920, VideoHeight: 1080}
	for _, tc := range []struct {
		name       string
		f          *imm.File
		process    string
		region     image.Rectangle
		outW, outH int
		orient     int64
	}{
		{"whole", photo, "", image.Rect(0, 0, 400, 300), 400, 300, 1},
		{"crop and resize", photo, "image/auto-orient,0/crop,x_100,y_50,w_200,h_100/resize,w_50", image.Rect(100, 50, 300, 150), 50, 25, 1},
		{"crop past the edge is cut", photo, "image/crop,x_300,y_200,w_500,h_500", image.Rect(300, 200, 400, 300), 100, 100, 1},
		{"resize never enlarges", photo, "image/resize,w_1000", image.Rect(0, 0, 400, 300), 400, 300, 1},
		{"stored crop of a turned photo", turned, "image/auto-orient,0/crop,x_0,y_0,w_100,h_50", image.Rect(0, 0, 100, 50), 100, 50, 1},
		{"displayed crop after auto-orient", turned, "image/auto-orient,1/crop,x_0,y_0,w_100,h_50", image.Rect(0, 200, 50, 300), 50, 100, 6},
		{"snapshot", video, "video/snapshot,t_1000,f_jpg,w_640,h_0", image.Rect(0, 0, 1920, 1080), 640, 360, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			op, err := parseProcess(tc.process, tc.f)
			if err != nil {
				t.Fatal(err.message)
			}
			if op.region != tc.region || op.outW != tc.outW || op.outH != tc.outH || op.orient != tc.orient {
				t.Errorf("got %v %dx%d o=%d, want %v %dx%d o=%d", op.region, op.outW, op.outH, op.orient, tc.region, tc.outW, tc.outH, tc.orient)
			}
		})
	}
	for _, bad := range []string{"image/crop,x_500,y_0,w_10,h_10", "image/crop,x_-1", "image/resize,w_10/crop,x_0,y_0,w_5,h_5", "image/resize,w_99999999", "image/rotate,90", "style/x", "video/snapshot,t_0"} {
		if _, err := parseProcess(bad, photo); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if _, err := parseProcess("", video); err == nil {
		t.Error("a raw video was served")
	}
}
