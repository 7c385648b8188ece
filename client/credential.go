package client

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"

	"github.com/aliyun/credentials-go/credentials"

	"github.com/immtui/immtui/safetext"
)

// lockedCredential is the one credential all worker slots share. It
// serialises the provider (the default chain remembers its last provider in
// an unguarded field) and turns provider failures into a credentialError
// of our own words: credentials-go's messages may quote a whole config
// file, secrets included, so none of them is ever passed on.
type lockedCredential struct {
	mu      sync.Mutex
	inner   credentials.Credential
	explain func() string // what went wrong, safe to show
}

var _ credentials.Credential = (*lockedCredential)(nil)

func (l *lockedCredential) GetCredential() (*credentials.CredentialModel, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	m, err := l.inner.GetCredential()
	if err != nil {
		return nil, &credentialError{msg: l.explain()}
	}
	return m, nil
}

// The methods below are deprecated in credentials-go and unused by the
// runtime's V3 path; they are here to satisfy the interface.

func (l *lockedCredential) GetAccessKeyId() (*string, error) {
	m, err := l.GetCredential()
	if err != nil {
		return nil, err
	}
	return m.AccessKeyId, nil
}

func (l *lockedCredential) GetAccessKeySecret() (*string, error) {
	m, err := l.GetCredential()
	if err != nil {
		return nil, err
	}
	return m.AccessKeySecret, nil
}

func (l *lockedCredential) GetSecurityToken() (*string, error) {
	m, err := l.GetCredential()
	if err != nil {
		return nil, err
	}
	return m.SecurityToken, nil
}

func (l *lockedCredential) GetBearerToken() *string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.inner.GetBearerToken()
}

func (l *lockedCredential) GetType() *string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.inner.GetType()
}

// explainCustom is the message for a credential the caller supplied: its
// error text is the provider's and is not shown.
func explainCustom() string {
	return "the credential provider gave no credentials: check how this program was given its keys"
}

// noCredentialsPrefix starts the message when no source of the default
// chain had any; classify tells that case (imm.CauseNoCredentials) from a
// source that is present but broken by it.
const noCredentialsPrefix = "no credentials found"

// noCredentials lists the places the default chain looked, in its order
// (docs/api.md §6.2), and what to do.
func noCredentials() string {
	places := []string{"the environment (ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set)"}
	cli, iniFile := chainFiles()
	if cli != nil {
		places = append(places, fmt.Sprintf("the aliyun CLI config %q (absent)", cli.path))
	} else if strings.EqualFold(os.Getenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED"), "true") {
		places = append(places, "not the aliyun CLI config (ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true)")
	}
	if iniFile != nil {
		places = append(places, fmt.Sprintf("the credentials file %q (absent)", iniFile.path))
	}
	if strings.EqualFold(os.Getenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED"), "true") {
		places = append(places, "not the ECS RAM role (ALIBABA_CLOUD_ECS_METADATA_DISABLED=true)")
	} else {
		places = append(places, "the ECS RAM role of this machine (the metadata service gave none)")
	}
	return noCredentialsPrefix + "; looked in " + strings.Join(places, ", ") +
		": set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, run `aliyun configure`, or pass --profile NAME; immtui --demo needs no account"
}

// explainChain says why the default chain found no credentials, looking
// at its sources in its order (docs/api.md §6.2) with our own parsers:
// the first source that is present but wrong is named, with the file, line
// and what to do. It reads files only; it never makes a request.
func explainChain() string {
	id, secret := os.Getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"), os.Getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
	switch {
	case id != "" && secret == "":
		return "ALIBABA_CLOUD_ACCESS_KEY_ID is set but ALIBABA_CLOUD_ACCESS_KEY_SECRET is empty: set both, or unset both to use the aliyun CLI profile"
	case id == "" && secret != "":
		return "ALIBABA_CLOUD_ACCESS_KEY_SECRET is set but ALIBABA_CLOUD_ACCESS_KEY_ID is empty: set both, or unset both to use the aliyun CLI profile"
	}
	cli, iniFile := chainFiles()
	profile := os.Getenv("ALIBABA_CLOUD_PROFILE")
	if cli != nil {
		if msg := explainCLIProfile(cli, profile); msg != "" {
			return msg
		}
	}
	if iniFile != nil {
		f, err := loadINI(iniFile.path)
		switch {
		case errors.Is(err, fs.ErrNotExist) && iniFile.envVar == "":
			// the usual case: no such file, nothing wrong with it
		case err != nil:
			return fromEnv(err.Error(), iniFile.envVar)
		default:
			name := profile
			if name == "" {
				name = "default"
			}
			if fe := iniSectionProblem(f, iniFile.path, name); fe != nil {
				return fromEnv(fe.Error(), iniFile.envVar)
			}
			return fmt.Sprintf("credentials file %q section [%s] gave no credentials (a role that could not be assumed?): check the section and the network",
				iniFile.path, quoteName(name))
		}
	}
	if role := os.Getenv("ALIBABA_CLOUD_ECS_METADATA"); role != "" {
		return fmt.Sprintf("the ECS RAM role %q gave no credentials: the metadata service (100.100.100.200) did not answer or the role is not attached to this instance", quoteName(role))
	}
	return noCredentials()
}

// explainCLIProfile checks the aliyun CLI config file and the profile the
// chain would use in it; "" when the file is absent at its default path.
func explainCLIProfile(cli *credFile, profile string) string {
	conf, err := loadCLIConfig(cli.path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && cli.envVar == "":
		return ""
	case err != nil:
		return fromEnv(err.Error(), cli.envVar)
	}
	name := profile
	if name == "" {
		name = conf.Current
	}
	var p *cliProfile
	for _, q := range conf.Profiles {
		if q != nil && q.Name == name {
			p = q
			break
		}
	}
	switch {
	case len(conf.Profiles) == 0:
		return fmt.Sprintf("credentials file %q has no profiles: run `aliyun configure` to add one", cli.path)
	case p == nil && profile != "":
		return fmt.Sprintf("credentials file %q has no profile named %q: pass --profile with one of its profiles (see `aliyun configure list`)", cli.path, quoteName(name))
	case p == nil:
		return fmt.Sprintf("credentials file %q: its \"current\" profile %q does not exist: run `aliyun configure` or pass --profile NAME", cli.path, quoteName(name))
	case (p.Mode == "AK" || p.Mode == "StsToken" || p.Mode == "RamRoleArn") && (p.AccessKeyID == "" || p.AccessKeySecret == ""):
		return fmt.Sprintf("credentials file %q: profile %q has no access_key_id or access_key_secret: run `aliyun configure --profile %s`", cli.path, quoteName(name), quoteName(name))
	case p.Mode == "StsToken" && p.SecurityToken == "":
		return fmt.Sprintf("credentials file %q: profile %q (mode StsToken) has no sts_token: run `aliyun configure --profile %s`", cli.path, quoteName(name), quoteName(name))
	}
	switch p.Mode {
	case "AK", "StsToken", "RamRoleArn", "EcsRamRole", "OIDC", "ChainableRamRoleArn", "CloudSSO", "OAuth", "External":
		return fmt.Sprintf("credentials file %q: profile %q (mode %s) gave no credentials (its sign-in, role or command failed): check it with `aliyun configure list` and try `aliyun sts GetCallerIdentity --profile %s`",
			cli.path, quoteName(name), quoteName(p.Mode), quoteName(name))
	}
	return fmt.Sprintf("credentials file %q: profile %q has mode %q, which is not supported: use AK, StsToken, RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn, CloudSSO, OAuth or External",
		cli.path, quoteName(name), quoteName(p.Mode))
}

// fromEnv adds which variable named the file, when one did.
func fromEnv(msg, envVar string) string {
	if envVar == "" {
		return msg
	}
	return msg + " (the file named by " + envVar + ")"
}

// quoteName makes a name from a file or the environment safe to show and
// short enough for one line.
func quoteName(s string) string {
	s = safetext.Line(s)
	if r := []rune(s); len(r) > 64 {
		s = string(r[:64]) + "..."
	}
	return s
}
