package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"unicode/utf8"
)

// The files the default credential chain reads (docs/api.md §6.2) are
// checked here, with our own parsers, so that a broken file is reported by
// name, line and column. credentials-go's own messages are never shown: on
// a JSON error it quotes the whole file, secrets included.

// CredentialFileError is a credentials file that cannot be parsed. Its
// message names the file, the line and column, and what to do; it never
// holds any of the file's contents.
type CredentialFileError struct {
	Path      string
	Line, Col int    // 1-based; 0 when unknown
	Problem   string // what is wrong there, in our words
	Fix       string // what to do

	err error // a file-system error (never one that quotes the contents)
}

func (e *CredentialFileError) Unwrap() error { return e.err }

func (e *CredentialFileError) Error() string {
	where := fmt.Sprintf("%q", e.Path)
	if e.Line > 0 {
		where += fmt.Sprintf(" line %d", e.Line)
		if e.Col > 0 {
			where += fmt.Sprintf(", column %d", e.Col)
		}
	}
	return fmt.Sprintf("credentials file %s: %s; %s", where, e.Problem, e.Fix)
}

// credFile is one file the default chain would read, and where its path
// came from.
type credFile struct {
	path   string
	envVar string // the variable that named it; "" for the default path
}

// chainFiles are the files the default chain reads before it finds keys,
// in its order: none when the environment already holds a key pair.
func chainFiles() (cli, ini *credFile) {
	if os.Getenv("ALIBABA_CLOUD_ACCESS_KEY_ID") != "" && os.Getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET") != "" {
		return nil, nil
	}
	if os.Getenv("ALIBABA_CLOUD_ROLE_ARN") != "" && os.Getenv("ALIBABA_CLOUD_OIDC_PROVIDER_ARN") != "" &&
		(os.Getenv("ALIBABA_CLOUD_OIDC_TOKEN_FILE") != "" || os.Getenv("ALIBABA_CLOUD_OIDC_TOKEN") != "") {
		return nil, nil
	}
	home := os.Getenv("HOME") // what credentials-go uses on Unix
	if h, err := os.UserHomeDir(); home == "" && err == nil {
		home = h
	}
	pick := func(env, rel string) *credFile {
		if p := os.Getenv(env); p != "" {
			return &credFile{path: p, envVar: env}
		}
		if home == "" {
			return nil
		}
		return &credFile{path: filepath.Join(home, rel)}
	}
	if !strings.EqualFold(os.Getenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED"), "true") {
		cli = pick("ALIBABA_CLOUD_CONFIG_FILE", filepath.Join(".aliyun", "config.json"))
	}
	ini = pick("ALIBABA_CLOUD_CREDENTIALS_FILE", filepath.Join(".alibabacloud", "credentials"))
	return cli, ini
}

// CheckCredentialFiles reports a credentials file the default chain would
// read that cannot be parsed (JSON ~/.aliyun/config.json, INI
// ~/.alibabacloud/credentials, or the files the environment names). A
// missing file is not an error here: the chain moves on to the next source.
// It touches no network and resolves no credentials.
func CheckCredentialFiles() error {
	cli, ini := chainFiles()
	if cli != nil {
		if _, err := loadCLIConfig(cli.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if ini != nil {
		if _, err := loadINI(ini.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// cliConfig mirrors the aliyun CLI's config.json with the field types
// credentials-go decodes it into, so that a value of the wrong type fails
// here as it would there.
type cliConfig struct {
	Current  string        `json:"current"`
	Profiles []*cliProfile `json:"profiles"`
}

type cliProfile struct {
	Name                   string `json:"name"`
	Mode                   string `json:"mode"`
	AccessKeyID            string `json:"access_key_id"`
	AccessKeySecret        string `json:"access_key_secret"`
	SecurityToken          string `json:"sts_token"`
	RegionID               string `json:"region_id"`
	RoleArn                string `json:"ram_role_arn"`
	RoleSessionName        string `json:"ram_session_name"`
	DurationSeconds        int    `json:"expired_seconds"`
	StsRegion              string `json:"sts_region"`
	EnableVpc              bool   `json:"enable_vpc"`
	SourceProfile          string `json:"source_profile"`
	RoleName               string `json:"ram_role_name"`
	OIDCTokenFile          string `json:"oidc_token_file"`
	OIDCToken              string `json:"oidc_token"`
	OIDCProviderARN        string `json:"oidc_provider_arn"`
	Policy                 string `json:"policy"`
	ExternalId             string `json:"external_id"`
	SignInUrl              string `json:"cloud_sso_sign_in_url"`
	AccountId              string `json:"cloud_sso_account_id"`
	AccessConfig           string `json:"cloud_sso_access_config"`
	AccessToken            string `json:"access_token"`
	AccessTokenExpire      int64  `json:"cloud_sso_access_token_expire"`
	OauthSiteType          string `json:"oauth_site_type"`
	OauthRefreshToken      string `json:"oauth_refresh_token"`
	OauthAccessToken       string `json:"oauth_access_token"`
	OauthAccessTokenExpire int64  `json:"oauth_access_token_expire"`
	StsExpire              int64  `json:"sts_expiration"`
	ProcessCommand         string `json:"process_command"`
}

const fixCLIConfig = "fix it (or run `aliyun configure` to rewrite it), or point ALIBABA_CLOUD_CONFIG_FILE elsewhere"

// loadCLIConfig reads and parses an aliyun CLI config file. Errors are
// *CredentialFileError, or a read error wrapping fs.ErrNotExist.
func loadCLIConfig(path string) (*cliConfig, error) {
	b, err := readCredFile(path)
	if err != nil {
		return nil, err
	}
	var c cliConfig
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, jsonFileError(path, b, err)
	}
	return &c, nil
}

// jsonFileError places a JSON error in the file. The decoder's own message
// is not used: it quotes the offending character, which may be a secret's.
func jsonFileError(path string, b []byte, err error) *CredentialFileError {
	e := &CredentialFileError{Path: path, Fix: fixCLIConfig}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn) && syn.Offset >= int64(len(b)):
		e.Line, e.Col = position(b, syn.Offset)
		e.Problem = "the JSON ends early (a quote, bracket or brace is not closed)"
	case errors.As(err, &syn):
		e.Line, e.Col = position(b, syn.Offset)
		e.Problem = "not valid JSON here (a missing comma, colon or quote?)"
	case errors.As(err, &typ) && typ.Field == "":
		e.Line, e.Col = position(b, typ.Offset)
		e.Problem = "the file is not a JSON object"
	case errors.As(err, &typ):
		e.Line, e.Col = position(b, typ.Offset)
		e.Problem = fmt.Sprintf("%q should be %s, not %s", typ.Field, jsonKindOf(typ.Type), typ.Value)
	default:
		e.Problem = "not valid JSON"
	}
	return e
}

// jsonKindOf names the JSON kind a Go type is decoded from.
func jsonKindOf(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "a number"
	case reflect.Slice:
		return "an array"
	}
	return "an object"
}

// position turns the decoder's offset (just past the offending byte) into
// a 1-based line and column, the column counted in characters.
func position(b []byte, off int64) (line, col int) {
	i := int(min(max(off-1, 0), int64(len(b))))
	before := b[:i]
	line = 1 + bytes.Count(before, []byte{'\n'})
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

// maxCredFile bounds what is read: real credentials files are a few KiB.
const maxCredFile = 1 << 20

// readCredFile reads a credentials file. The error names the file and the
// reason (no such file, permission denied), nothing of its contents.
func readCredFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, &CredentialFileError{Path: path, Problem: fsReason(err), Fix: "check the path and its permissions", err: err}
	}
	if st.IsDir() {
		return nil, &CredentialFileError{Path: path, Problem: "is a directory", Fix: "point at the file itself"}
	}
	if st.Size() > maxCredFile {
		return nil, &CredentialFileError{Path: path, Problem: "is larger than 1 MiB, so not a credentials file", Fix: "check the path"}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, &CredentialFileError{Path: path, Problem: fsReason(err), Fix: "check the path and its permissions", err: err}
	}
	return b, nil
}

// fsReason says why a file could not be read, without the path the
// *fs.PathError repeats.
func fsReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "does not exist"
	case errors.Is(err, fs.ErrPermission):
		return "cannot be read (permission denied)"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return "cannot be read (" + pe.Err.Error() + ")"
	}
	return "cannot be read"
}
