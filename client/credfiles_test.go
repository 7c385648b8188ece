package client

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/immtui/immtui/client/clienttest"
	"github.com/immtui/immtui/imm"
)

// marker stands for a real secret in a credentials file: it must never
// reach an error, whatever is wrong with the file.
const marker = "MARKER-SECRET-5e1f0c"

// isolatedHome and writeFile are the shared ones (client/clienttest).
var (
	isolatedHome = clienttest.IsolatedHome
	writeFile    = clienttest.WriteFile
)

// defaultChainError makes one call through the default chain and returns
// the error it ends with; no request may leave.
func defaultChainError(t *testing.T) *imm.Error {
	t.Helper()
	f := newFakeIMM(t, okFiles)
	c := newTestClient(t, f, func(cfg *Config) { cfg.AccessKeyID, cfg.AccessKeySecret = "", "" })
	_, err := c.GetFileMeta(context.Background(), imm.GetFileMetaRequest{URI: "u"})
	var e *imm.Error
	if !errors.As(err, &e) || e.Kind != imm.KindAuth {
		t.Fatalf("got %v; want an auth error", err)
	}
	if n := len(f.requests()); n != 0 {
		t.Fatalf("%d requests sent without credentials", n)
	}
	return e
}

// noMarker fails if the marker is anywhere in err's chain.
func noMarker(t *testing.T, err error) {
	t.Helper()
	for e := err; e != nil; e = errors.Unwrap(e) {
		if strings.Contains(e.Error(), marker) {
			t.Fatalf("the secret is in the error: %q", e.Error())
		}
	}
}

func TestMalformedCLIConfigIsNamedByLineWithoutItsContents(t *testing.T) {
	home := isolatedHome(t)
	path := writeFile(t, filepath.Join(home, ".aliyun", "config.json"), `{
  "current": "default",
  "profiles": [{"name": "default", "mode": "AK", "access_key_id": "LTAI", "access_key_secret": "`+marker+`"
    "region_id": "cn-hangzhou"}]
}`)
	want := `"` + path + `" line 4, column 5`
	fe := CheckCredentialFiles()
	if fe == nil || !strings.Contains(fe.Error(), want) || !strings.Contains(fe.Error(), "aliyun configure") {
		t.Fatalf("CheckCredentialFiles: %v; want %s and what to do", fe, want)
	}
	noMarker(t, fe)
	e := defaultChainError(t)
	noMarker(t, e)
	if !strings.Contains(e.Message, want) {
		t.Errorf("message %q does not name %s", e.Message, want)
	}
}

func TestCLIConfigValueOfTheWrongTypeIsNamedByField(t *testing.T) {
	home := isolatedHome(t)
	writeFile(t, filepath.Join(home, ".aliyun", "config.json"),
		`{"current":"default","profiles":[{"name":"default","mode":"AK",`+"\n"+`"expired_seconds":"`+marker+`"}]}`)
	err := CheckCredentialFiles()
	noMarker(t, err)
	if err == nil || !strings.Contains(err.Error(), `line 2`) || !strings.Contains(err.Error(), `"profiles.expired_seconds" should be a number, not string`) {
		t.Fatalf("got %v", err)
	}
}

func TestTruncatedCLIConfigSaysItEndsEarly(t *testing.T) {
	home := isolatedHome(t)
	writeFile(t, filepath.Join(home, ".aliyun", "config.json"), `{"profiles":[{"access_key_secret":"`+marker)
	err := CheckCredentialFiles()
	noMarker(t, err)
	if err == nil || !strings.Contains(err.Error(), "ends early") || !strings.Contains(err.Error(), "line 1") {
		t.Fatalf("got %v", err)
	}
}

func TestMalformedINICredentialsAreNamedByLine(t *testing.T) {
	home := isolatedHome(t)
	path := writeFile(t, filepath.Join(home, ".alibabacloud", "credentials"),
		"# keys\n[default]\ntype = access_key\naccess_key_id = LTAI\naccess_key_secret "+marker+"\n")
	err := CheckCredentialFiles()
	noMarker(t, err)
	if err == nil || !strings.Contains(err.Error(), `"`+path+`" line 5`) || !strings.Contains(err.Error(), "no '='") {
		t.Fatalf("CheckCredentialFiles: %v", err)
	}
	e := defaultChainError(t)
	noMarker(t, e)
	if !strings.Contains(e.Message, path+`" line 5`) {
		t.Errorf("message %q", e.Message)
	}
}

func TestUnclosedINISectionIsNamedByLine(t *testing.T) {
	home := isolatedHome(t)
	t.Setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", writeFile(t, filepath.Join(home, "creds.ini"), "[default]\naccess_key_secret = x\n["+marker+"\n"))
	err := CheckCredentialFiles()
	noMarker(t, err)
	if err == nil || !strings.Contains(err.Error(), "line 3") || !strings.Contains(err.Error(), "no closing ']'") {
		t.Fatalf("got %v", err)
	}
}

func TestEnvironmentKeysSkipTheFiles(t *testing.T) {
	home := isolatedHome(t)
	writeFile(t, filepath.Join(home, ".aliyun", "config.json"), "{broken")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "id")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", marker)
	if err := CheckCredentialFiles(); err != nil {
		t.Fatalf("the chain would not read the file, yet: %v", err)
	}
}

func TestChainFailuresAreExplainedInOurWords(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, home string)
		want  []string
	}{
		{"nothing configured", func(*testing.T, string) {}, []string{"no credentials found", "ALIBABA_CLOUD_ACCESS_KEY_ID", "aliyun configure"}},
		{"half an env pair", func(t *testing.T, _ string) { t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI") },
			[]string{"ALIBABA_CLOUD_ACCESS_KEY_SECRET is empty", "set both"}},
		{"half an env pair, secret only", func(t *testing.T, _ string) { t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", marker) },
			[]string{"ALIBABA_CLOUD_ACCESS_KEY_ID is empty"}},
		{"config file named but missing", func(t *testing.T, home string) {
			t.Setenv("ALIBABA_CLOUD_CONFIG_FILE", filepath.Join(home, "nope.json"))
		}, []string{"nope.json", "does not exist", "ALIBABA_CLOUD_CONFIG_FILE"}},
		{"no such profile", func(t *testing.T, home string) {
			writeFile(t, filepath.Join(home, ".aliyun", "config.json"), `{"current":"a","profiles":[{"name":"a","mode":"AK","access_key_id":"x","access_key_secret":"`+marker+`"}]}`)
			t.Setenv("ALIBABA_CLOUD_PROFILE", "work")
		}, []string{`no profile named "work"`, "--profile"}},
		{"profile without keys", func(t *testing.T, home string) {
			writeFile(t, filepath.Join(home, ".aliyun", "config.json"), `{"current":"a","profiles":[{"name":"a","mode":"AK"}]}`)
		}, []string{`profile "a" has no access_key_id or access_key_secret`, "aliyun configure --profile a"}},
		{"ini section missing", func(t *testing.T, home string) {
			writeFile(t, filepath.Join(home, ".alibabacloud", "credentials"), "[other]\ntype = access_key\naccess_key_secret = "+marker+"\n")
		}, []string{"has no [default] section"}},
		{"ini key missing", func(t *testing.T, home string) {
			writeFile(t, filepath.Join(home, ".alibabacloud", "credentials"), "[default]\ntype = access_key\naccess_key_secret = "+marker+"\n")
		}, []string{"has no access_key_id"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			home := isolatedHome(t)
			tc.setup(t, home)
			e := defaultChainError(t)
			noMarker(t, e)
			for _, w := range tc.want {
				if !strings.Contains(e.Message, w) {
					t.Errorf("message %q lacks %q", e.Message, w)
				}
			}
		})
	}
}
