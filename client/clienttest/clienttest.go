// Package clienttest holds what tests of the credential chain share: a
// fresh HOME with none of the chain's environment set, and credential
// files written into it.
package clienttest

import (
	"os"
	"path/filepath"
	"testing"
)

// chainVariables are the environment variables credentials-go's default
// chain and the client read.
var chainVariables = []string{
	"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN",
	"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
	"ALIBABA_CLOUD_CONFIG_FILE", "ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "ALIBABA_CLOUD_PROFILE",
	"ALIBABA_CLOUD_CREDENTIALS_FILE", "ALIBABA_CLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_ECS_METADATA",
}

// IsolatedHome points HOME at a fresh directory and clears every variable
// the default chain reads. The ECS metadata probe is switched off, so no
// test waits on 100.100.100.200.
func IsolatedHome(t testing.TB) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, v := range chainVariables {
		t.Setenv(v, "")
	}
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	return home
}

// WriteFile writes content to path (its directories made, readable by its
// owner only) and returns path.
func WriteFile(t testing.TB, path, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
