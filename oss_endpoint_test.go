package main

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"strings"
	"testing"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/config"
	"github.com/immtui/immtui/dataset"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/internal/teststack"
	"github.com/immtui/immtui/ossclient"
)

// An `immtui --endpoint` session against `immtui serve` reads the face
// pictures from the emulator's OSS when given the --oss-endpoint and
// --region the banner prints, with the account's own credential chain.
func TestOSSEndpointReadsPicturesFromAServedEmulator(t *testing.T) {
	credentialHome(t)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", emulator.DemoAccessKeyID)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", emulator.DemoAccessKeySecret)
	// The client has no key of its own: it reads the chain, as immtui does.
	stack := teststack.Start(t, teststack.Options{NoStore: true, Dataset: dataset.Options{Seed: 1, Clusters: 3},
		Client: func(c *client.Config) { c.AccessKeyID, c.AccessKeySecret = "", "" }})
	srv, api, ds := stack.Emulator, stack.Client, stack.Data

	var s config.Settings
	s.Region.Value = srv.OSSRegion()
	s.OSSEndpoint = config.Setting[string]{Value: strings.TrimPrefix(srv.OSSEndpoint(), "http://"), Source: config.FromFlag}
	if err := checkOSSEndpointSetting(s, false); err != nil {
		t.Fatalf("the banner's own --oss-endpoint is refused: %v", err)
	}
	cfg, ok := ossConfig(nil, api, s, 0)
	if !ok || cfg.Endpoint != srv.OSSEndpoint() || cfg.AccessKeyID != "" || cfg.Credential == nil {
		t.Fatalf("config %+v, ok %v: want the emulator's OSS as a URL, read with the credential chain", cfg, ok)
	}
	oc, err := ossclient.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var uri string
	for _, f := range ds.Files {
		if f.MediaType == "image" {
			uri = f.URI
			break
		}
	}
	obj, err := oc.Get(context.Background(), uri, "image/resize,w_64")
	if err != nil {
		t.Fatalf("reading %s through --oss-endpoint: %v", uri, err)
	}
	img, _, err := image.Decode(bytes.NewReader(obj.Body))
	if err != nil || img.Bounds().Dx() != 64 {
		t.Fatalf("picture: %v, err %v; want 64 pixels wide", img.Bounds(), err)
	}
}

func TestOSSEndpointSettingIsCheckedLikeTheEndpoint(t *testing.T) {
	with := func(ep, region string, vpc bool) config.Settings {
		var s config.Settings
		s.OSSEndpoint = config.Setting[string]{Value: ep, Source: config.FromFlag}
		s.Region.Value, s.VPC.Value = region, vpc
		return s
	}
	cases := []struct {
		s        config.Settings
		insecure bool
		want     string // "" accepts
	}{
		{with("", "", false), false, ""},
		{with("127.0.0.1:9000", "cn-hangzhou", false), false, ""},
		{with("https://oss-cn-hangzhou.aliyuncs.com", "cn-hangzhou", false), false, ""},
		{with("127.0.0.1:9000", "", false), false, "needs a region"},
		{with("http://oss.example.com", "cn-hangzhou", false), false, "insecure-http"},
		{with("http://oss.example.com", "cn-hangzhou", false), true, ""},
		{with("ftp://x", "cn-hangzhou", false), false, "scheme"},
		{with("https://oss-cn-hangzhou.aliyuncs.com", "cn-hangzhou", true), false, "--vpc"},
	}
	for _, c := range cases {
		err := checkOSSEndpointSetting(c.s, c.insecure)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q region %q: refused: %v", c.s.OSSEndpoint.Value, c.s.Region.Value, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%q region %q: error %v, want one mentioning %q", c.s.OSSEndpoint.Value, c.s.Region.Value, err, c.want)
		}
	}
}

func TestOSSConfigFollowsTheRegionAndVPC(t *testing.T) {
	credentialHome(t)
	api, err := client.New(client.Config{Endpoint: "127.0.0.1:1", AccessKeyID: "a", AccessKeySecret: "b"})
	if err != nil {
		t.Fatal(err)
	}
	defer api.Close()
	var s config.Settings
	if _, ok := ossConfig(nil, api, s, 0); ok {
		t.Fatal("no region: there is no OSS to read from, yet a config was made")
	}
	s.Region.Value, s.VPC.Value = "cn-shanghai", true
	cfg, ok := ossConfig(nil, api, s, 0)
	if !ok || cfg.Region != "cn-shanghai" || !cfg.Internal || cfg.Endpoint != "" {
		t.Fatalf("--vpc: %+v; want the region's internal OSS", cfg)
	}
	if got := ossEndpointURL("oss-cn-shanghai.aliyuncs.com"); got != "https://oss-cn-shanghai.aliyuncs.com" {
		t.Fatalf("a bare public host became %q", got)
	}
}

func TestServeBannerSaysHowToReadThePictures(t *testing.T) {
	ds := dataset.Generate(dataset.Options{Seed: 1, Clusters: 2})
	var b bytes.Buffer
	writeServeBanner(&b, "http://127.0.0.1:1", ds, "", nil, emulator.Faults{}, "ak", "sk", nil,
		serveOSS{endpoint: "http://127.0.0.1:2", region: "cn-hangzhou", buckets: []string{"demo"}})
	out := b.String()
	if !strings.Contains(out, "OSS (the files' pictures) on http://127.0.0.1:2, region cn-hangzhou, buckets demo") ||
		!strings.Contains(out, "--oss-endpoint http://127.0.0.1:2 --region cn-hangzhou") {
		t.Fatalf("banner:\n%s", out)
	}
}
