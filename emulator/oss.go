package emulator

import (
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/facepic"
	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/review"
	"github.com/immtui/immtui/sizedlru"
)

// The OSS side of the emulator (docs/emulator-oss.md): GetObject of the
// dataset's files, signed with V4, with the image-processing subset the
// face crops use. The pictures are drawn by facepic when first asked for
// and kept, encoded, in a bounded cache; nothing is drawn at start.
const (
	ossCacheBytes  = 64 << 20 // encoded pictures kept
	ossMaxRenders  = 2        // pictures drawn at once (CPU-bound)
	ossJPEGQuality = 85
	ossRegion      = "cn-hangzhou" // what `serve` suggests; any region signs
)

// ossServer answers OSS requests for one dataset.
type ossServer struct {
	data    *dataset.Dataset
	secrets map[string]string
	now     func() time.Time
	hostID  string

	indexOnce sync.Once
	objects   map[string]*imm.File // "bucket/key" -> file
	buckets   []string             // in first-seen order

	seed    facepic.SeedFunc
	cache   *sizedlru.Cache[string, []byte]
	renders chan struct{}
	deny    atomic.Bool
	served  atomic.Int64 // GetObject answers with a body, for tests
}

func newOSSServer(d *dataset.Dataset, secrets map[string]string, now func() time.Time) *ossServer {
	return &ossServer{
		data: d, secrets: secrets, now: now, hostID: "oss.emulator.local",
		seed:    facepic.ByCluster(review.Default().LowClusterConfidence),
		cache:   sizedlru.New[string, []byte](ossCacheBytes, func(b []byte) int64 { return int64(len(b)) }),
		renders: make(chan struct{}, ossMaxRenders),
	}
}

// index maps objects to files on first use, so start-up pays nothing.
func (o *ossServer) index() {
	o.indexOnce.Do(func() {
		o.objects = make(map[string]*imm.File, len(o.data.Files))
		seen := map[string]bool{}
		for i := range o.data.Files {
			f := &o.data.Files[i]
			uri := f.URI
			if uri == "" {
				uri = f.OSSURI
			}
			rest, ok := strings.CutPrefix(uri, "oss://")
			bucket, key, _ := strings.Cut(rest, "/")
			if !ok || bucket == "" || key == "" {
				continue
			}
			o.objects[bucket+"/"+key] = f
			if !seen[bucket] {
				seen[bucket] = true
				o.buckets = append(o.buckets, bucket)
			}
		}
	})
}

// route finds the bucket and key: virtual-hosted ("bucket.host/key") when
// the Host starts with a bucket of the dataset, else path style
// ("/bucket/key"), which the SDK uses for an IP endpoint.
func (o *ossServer) route(r *http.Request) (bucket, key string) {
	host := r.Host
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	path := strings.TrimPrefix(r.URL.Path, "/")
	if b, _, ok := strings.Cut(host, "."); ok {
		for _, known := range o.buckets {
			if b == known {
				return b, path
			}
		}
	}
	bucket, key, _ = strings.Cut(path, "/")
	return bucket, key
}

func (o *ossServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	o.index()
	rid := strings.ToUpper(strings.ReplaceAll(newRequestID(), "-", ""))[:24]
	w.Header().Set("x-oss-request-id", rid)
	w.Header().Set("Server", "AliyunOSS")
	bucket, key := o.route(r)
	if e := o.serve(w, r, bucket, key); e != nil {
		o.writeError(w, r, rid, bucket, key, e)
	}
}

func (o *ossServer) serve(w http.ResponseWriter, r *http.Request, bucket, key string) *ossError {
	if len(r.URL.RawQuery) > 4096 {
		return ossErr(http.StatusBadRequest, "InvalidArgument", "The query string is longer than 4096 bytes.")
	}
	if err := verifyOSS(r, bucket, key, o.secrets, o.now()); err != nil {
		return err
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return ossErr(http.StatusMethodNotAllowed, "MethodNotAllowed", "The emulator serves GetObject (GET) only.")
	}
	if !o.known(bucket) {
		return ossErr(http.StatusNotFound, "NoSuchBucket", "The specified bucket does not exist.")
	}
	if o.deny.Load() {
		return ossErr(http.StatusForbidden, "AccessDenied", "You have no right to access this object because of bucket acl. (The RAM policy lacks oss:GetObject.)")
	}
	f := o.objects[bucket+"/"+key]
	if f == nil || key == "" {
		return ossErr(http.StatusNotFound, "NoSuchKey", "The specified key does not exist.")
	}
	body, e := o.object(r, bucket+"/"+key, f, r.URL.Query().Get("x-oss-process"))
	if e != nil {
		return e
	}
	h := w.Header()
	h.Set("Content-Type", "image/jpeg")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if f.ETag != "" {
		h.Set("ETag", f.ETag)
	}
	if t, err := time.Parse(time.RFC3339Nano, f.FileModifiedTime); err == nil {
		h.Set("Last-Modified", t.UTC().Format(http.TimeFormat))
	}
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodGet {
		o.served.Add(1)
		_, _ = w.Write(body)
	}
	return nil
}

func (o *ossServer) known(bucket string) bool {
	for _, b := range o.buckets {
		if b == bucket {
			return true
		}
	}
	return false
}

// object returns the encoded picture for process, from the cache or drawn
// now (a few at a time; a client that leaves while waiting frees its turn).
func (o *ossServer) object(r *http.Request, name string, f *imm.File, process string) ([]byte, *ossError) {
	ck := name + "?" + process
	if b, ok := o.cache.Get(ck); ok {
		return b, nil
	}
	op, e := parseProcess(process, f)
	if e != nil {
		return nil, e
	}
	pic := facepic.New(f, o.seed)
	if pic == nil {
		return nil, ossErr(http.StatusNotImplemented, "NotImplemented", "The emulator has pictures of images and videos only; this object is "+quote(clip(f.MediaType, 32))+".")
	}
	select {
	case o.renders <- struct{}{}:
	case <-r.Context().Done():
		return nil, ossErr(499, "RequestCanceled", "The client left before the picture was drawn.")
	}
	body, e := op.run(pic)
	<-o.renders
	if e != nil {
		return nil, e
	}
	o.cache.Put(ck, body)
	return body, nil
}

// ossError is an OSS error answer.
type ossError struct {
	status        int
	code, message string
}

func ossErr(status int, code, msg string) *ossError { return &ossError{status, code, msg} }

func (o *ossServer) writeError(w http.ResponseWriter, r *http.Request, rid, bucket, key string, e *ossError) {
	type body struct {
		XMLName   xml.Name `xml:"Error"`
		Code      string   `xml:"Code"`
		Message   string   `xml:"Message"`
		RequestId string   `xml:"RequestId"`
		HostId    string   `xml:"HostId"`
		Bucket    string   `xml:"BucketName,omitempty"`
		Key       string   `xml:"Key,omitempty"`
	}
	out, _ := xml.Marshal(body{Code: e.code, Message: e.message, RequestId: rid, HostId: o.hostID, Bucket: clip(bucket, 64), Key: clip(key, 256)})
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(e.status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(append([]byte(xml.Header), out...))
	}
}
