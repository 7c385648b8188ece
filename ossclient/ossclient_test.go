package ossclient_test

import (
	"bytes"
	"context"
	"errors"
	"image/jpeg"
	"net/http"
	"strings"
	"sync"
	"testing"

	"go.uber.org/goleak"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/facecrop"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/ossclient"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// recorder keeps the requests the SDK sends.
type recorder struct {
	mu   sync.Mutex
	reqs []*http.Request
	next http.RoundTripper
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.reqs = append(r.reqs, req.Clone(context.Background()))
	r.mu.Unlock()
	return r.next.RoundTrip(req)
}

type fixture struct {
	srv  *emulator.Running
	data *dataset.Dataset
	rec  *recorder
}

func start(t *testing.T) *fixture {
	t.Helper()
	d := dataset.Generate(dataset.Options{Seed: 3, Clusters: 4, Files: 60})
	srv, err := emulator.Start("127.0.0.1:0", emulator.Config{Data: d})
	if err != nil {
		t.Fatal(err)
	}
	tr := &http.Transport{}
	t.Cleanup(func() {
		srv.Close()
		tr.CloseIdleConnections()
	})
	return &fixture{srv: srv, data: d, rec: &recorder{next: tr}}
}

func (f *fixture) client(t *testing.T, secret string, max int64) *ossclient.Client {
	t.Helper()
	c, err := ossclient.New(ossclient.Config{
		Endpoint: f.srv.OSSEndpoint(), Region: f.srv.OSSRegion(),
		AccessKeyID: emulator.DemoAccessKeyID, AccessKeySecret: secret, MaxBodyBytes: max,
		HTTPClient: &http.Client{Transport: f.rec},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// photoWithFace is a photo of the dataset with a face in it.
func (f *fixture) photoWithFace(t *testing.T) (*imm.File, *imm.Figure) {
	for i := range f.data.Files {
		file := &f.data.Files[i]
		if file.ImageWidth > 0 && len(file.Figures) > 0 && strings.Contains(file.URI, " ") {
			return file, &file.Figures[0]
		}
	}
	t.Fatal("no photo with a face and a space in its name")
	return nil, nil
}

func TestFaceCropRequestIsSignedAndProcessed(t *testing.T) {
	f := start(t)
	c := f.client(t, emulator.DemoAccessKeySecret, 0)
	file, fig := f.photoWithFace(t)
	crop, err := facecrop.FaceCrop(fig.Boundary, file.ImageWidth, file.ImageHeight, file.Orientation, facecrop.DefaultMargin)
	if err != nil {
		t.Fatal(err)
	}
	process := crop.Process(64)
	obj, err := c.Get(context.Background(), file.URI, process)
	if err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(bytes.NewReader(obj.Body))
	if err != nil {
		t.Fatal(err)
	}
	if w := img.Bounds().Dx(); w != min(64, crop.Stored.Dx()) {
		t.Errorf("crop is %d wide, want %d", w, min(64, crop.Stored.Dx()))
	}
	if obj.ETag != file.ETag {
		t.Errorf("ETag %q, want the file's %q", obj.ETag, file.ETag)
	}
	bucket, key, _ := ossclient.SplitURI(file.URI)
	req := f.rec.reqs[len(f.rec.reqs)-1]
	if req.URL.Path != "/"+bucket+"/"+key {
		t.Errorf("path %q, want /%s/%s", req.URL.Path, bucket, key)
	}
	if got := req.URL.Query().Get("x-oss-process"); got != process {
		t.Errorf("x-oss-process %q, want %q", got, process)
	}
	if a := req.Header.Get("Authorization"); !strings.HasPrefix(a, "OSS4-HMAC-SHA256 Credential="+emulator.DemoAccessKeyID+"/") {
		t.Errorf("Authorization %q is not V4", a)
	}
	if f.srv.OSSObjectsServed() != 1 {
		t.Errorf("served %d", f.srv.OSSObjectsServed())
	}
}

func TestWrongSecretIsRefused(t *testing.T) {
	f := start(t)
	file, _ := f.photoWithFace(t)
	_, err := f.client(t, "not-the-secret", 0).Get(context.Background(), file.URI, "")
	var se *ossclient.ServiceError
	if !errors.As(err, &se) || se.Code != "SignatureDoesNotMatch" {
		t.Fatalf("err %v, want SignatureDoesNotMatch", err)
	}
	if strings.Contains(err.Error(), "not-the-secret") {
		t.Error("the secret is in the message")
	}
}

func TestWithoutGetObjectPermission(t *testing.T) {
	f := start(t)
	f.srv.DenyOSSGetObject(true)
	file, _ := f.photoWithFace(t)
	_, err := f.client(t, emulator.DemoAccessKeySecret, 0).Get(context.Background(), file.URI, "image/resize,w_10")
	var pe *ossclient.PermissionError
	if !errors.As(err, &pe) || pe.Permission != "oss:GetObject" || !strings.Contains(err.Error(), "oss:GetObject") {
		t.Fatalf("err %v, want a PermissionError naming oss:GetObject", err)
	}
}

func TestCancelledContextStopsTheRead(t *testing.T) {
	f := start(t)
	file, _ := f.photoWithFace(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := f.client(t, emulator.DemoAccessKeySecret, 0).Get(ctx, file.URI, "")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if f.srv.OSSObjectsServed() != 0 {
		t.Error("a cancelled read was served")
	}
}

func TestBodyIsBounded(t *testing.T) {
	f := start(t)
	file, _ := f.photoWithFace(t)
	_, err := f.client(t, emulator.DemoAccessKeySecret, 1000).Get(context.Background(), file.URI, "image/resize,w_300")
	var tl *ossclient.TooLargeError
	if !errors.As(err, &tl) || tl.Limit != 1000 {
		t.Fatalf("err %v, want TooLargeError", err)
	}
}

func TestMissingObjectAndVideos(t *testing.T) {
	f := start(t)
	c := f.client(t, emulator.DemoAccessKeySecret, 0)
	bucket := f.srv.OSSBuckets()[0]
	_, err := c.Get(context.Background(), "oss://"+bucket+"/no/such.jpg", "")
	var nf *ossclient.NotFoundError
	if !errors.As(err, &nf) || nf.Code != "NoSuchKey" {
		t.Fatalf("err %v, want NoSuchKey", err)
	}
	for i := range f.data.Files {
		v := &f.data.Files[i]
		if v.VideoWidth == 0 || v.ImageWidth > 0 {
			continue
		}
		obj, err := c.Get(context.Background(), v.URI, facecrop.SnapshotProcess(0, 320))
		if err != nil {
			t.Fatal(err)
		}
		if img, err := jpeg.Decode(bytes.NewReader(obj.Body)); err != nil || img.Bounds().Dx() != 320 {
			t.Fatalf("snapshot %v %v", img.Bounds(), err)
		}
		_, err = c.Get(context.Background(), v.URI, "")
		var se *ossclient.ServiceError
		if !errors.As(err, &se) || se.Code != "NotImplemented" {
			t.Fatalf("raw video: %v", err)
		}
		return
	}
	t.Fatal("no video in the dataset")
}
