package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/ui/theme"
)

// The config file's settings reach the UI and the client: the request
// timeout, the review threshold, the key bindings (unknown actions
// warned about, by file and line) and the credentials named in the header.
func TestConfigSettingsReachTheClientAndTheUI(t *testing.T) {
	home := credentialHome(t)
	writeUnder(t, filepath.Join(home, ".aliyun", "config.json"),
		`{"current":"default","profiles":[{"name":"default","mode":"AK","access_key_id":"`+emulator.DemoAccessKeyID+
			`","access_key_secret":"`+emulator.DemoAccessKeySecret+`","region_id":"cn-hangzhou"}]}`)
	cfg := xdgConfig(t, "request_timeout = \"42s\"\n[keys]\nquit = [\"x\"]\nzoom = [\"z\"]\n[review]\nlow_cluster_confidence = 0.55\n")
	var a accountFlags
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	a.register(fs)
	e, err := loadEnv(fs, &a, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cc := accountClientConfig(e, false); cc.ReadTimeout != 42*time.Second || cc.RegionID != "cn-hangzhou" {
		t.Fatalf("client config %+v", cc)
	}
	api, err := client.New(accountClientConfig(e, false))
	if err != nil {
		t.Fatal(err)
	}
	defer api.Close()
	o := browseOptions(e, api, "cn-hangzhou", false, theme.New(nil))
	if o.Review.LowClusterConfidence != 0.55 || o.Styles.Bindings["quit"][0] != "x" {
		t.Fatalf("review %+v, bindings %v", o.Review, o.Styles.Bindings)
	}
	if o.Credentials != "profile default (cli_profile)" {
		t.Fatalf("header credentials %q", o.Credentials)
	}
	w := keyWarnings(e.settings)
	if len(w) != 1 || !strings.Contains(w[0], cfg+":2: keys.zoom: unknown action") {
		t.Fatalf("warnings %q", w)
	}
	if o.Catalog == nil || o.Open == nil {
		t.Fatal("no picker wired")
	}
}

func TestTheHeaderNamesTheCredentialSourceNeverAKey(t *testing.T) {
	for _, c := range []struct {
		demo bool
		src  client.CredentialSource
		want string
	}{
		{true, client.CredentialSource{}, "demo key"},
		{false, client.CredentialSource{Provider: "env"}, "credentials env"},
		{false, client.CredentialSource{Provider: "profile", Profile: "work"}, "profile work (profile)"},
		{false, client.CredentialSource{}, "no credentials"},
	} {
		if got := credentialHeader(c.demo, c.src); got != c.want {
			t.Errorf("%+v: %q, want %q", c, got, c.want)
		}
	}
}
