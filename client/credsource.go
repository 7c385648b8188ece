package client

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// CredentialSource names where credentials come from, never what they
// are: it holds no key, secret or token.
type CredentialSource struct {
	Provider string // credentials-go's name: env, oidc_role_arn, cli_profile, profile, ecs_ram_role, credential_uri, static; "" = none
	Profile  string // the profile or section used, when the provider has one
	Mode     string // the aliyun CLI profile's mode (AK, StsToken, RamRoleArn, ...) or the INI section's type
	File     string // the file it is read from
}

// Description is the provider in words.
func (s CredentialSource) Description() string {
	switch s.Provider {
	case "env":
		return "environment variables (ALIBABA_CLOUD_ACCESS_KEY_ID)"
	case "oidc_role_arn":
		return "OIDC role (ALIBABA_CLOUD_ROLE_ARN)"
	case "cli_profile":
		return "aliyun CLI profile"
	case "profile":
		return "credentials file"
	case "ecs_ram_role":
		return "ECS RAM role (instance metadata service)"
	case "credential_uri":
		return "credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI)"
	case "static":
		return "keys given to immtui"
	case "":
		return "none found"
	}
	return s.Provider
}

// String reads, e.g., `aliyun CLI profile "work" (mode AK, /home/u/.aliyun/config.json)`.
func (s CredentialSource) String() string {
	out := s.Description()
	if s.Profile != "" {
		out += fmt.Sprintf(" %q", quoteName(s.Profile))
	}
	var extra []string
	if s.Mode != "" {
		extra = append(extra, "mode "+quoteName(s.Mode))
	}
	if s.File != "" {
		extra = append(extra, s.File)
	}
	if len(extra) > 0 {
		out += " (" + strings.Join(extra, ", ") + ")"
	}
	return out
}

// PredictCredentialSource says which source of the default chain would
// answer, from the environment and the files alone: it makes no request
// (the metadata service is not asked; it is named when nothing before it
// has keys and it is not disabled).
func PredictCredentialSource() CredentialSource {
	if os.Getenv("ALIBABA_CLOUD_ACCESS_KEY_ID") != "" && os.Getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET") != "" {
		return CredentialSource{Provider: "env"}
	}
	if os.Getenv("ALIBABA_CLOUD_ROLE_ARN") != "" && os.Getenv("ALIBABA_CLOUD_OIDC_PROVIDER_ARN") != "" &&
		(os.Getenv("ALIBABA_CLOUD_OIDC_TOKEN_FILE") != "" || os.Getenv("ALIBABA_CLOUD_OIDC_TOKEN") != "") {
		return CredentialSource{Provider: "oidc_role_arn"}
	}
	profile := os.Getenv("ALIBABA_CLOUD_PROFILE")
	cli, iniFile := chainFiles()
	if cli != nil {
		if conf, err := loadCLIConfig(cli.path); err == nil {
			name := profile
			if name == "" {
				name = conf.Current
			}
			for _, p := range conf.Profiles {
				if p != nil && p.Name == name {
					return CredentialSource{Provider: "cli_profile", Profile: name, Mode: p.Mode, File: cli.path}
				}
			}
		}
	}
	if iniFile != nil {
		if f, err := loadINI(iniFile.path); err == nil {
			name := profile
			if name == "" {
				name = "default"
			}
			if sec, err := f.GetSection(name); err == nil {
				return CredentialSource{Provider: "profile", Profile: name, Mode: sec.Key("type").String(), File: iniFile.path}
			}
		}
	}
	if !strings.EqualFold(os.Getenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED"), "true") {
		return CredentialSource{Provider: "ecs_ram_role", Profile: os.Getenv("ALIBABA_CLOUD_ECS_METADATA")}
	}
	if os.Getenv("ALIBABA_CLOUD_CREDENTIALS_URI") != "" {
		return CredentialSource{Provider: "credential_uri"}
	}
	return CredentialSource{}
}

// CredentialSource is the source that gave this client its credentials:
// ok is false until one has answered (credentials are asked for on the
// first request). The profile and file are the ones the chain read.
func (c *Client) CredentialSource() (src CredentialSource, ok bool) {
	switch {
	case c.cfg.AccessKeyID != "":
		return CredentialSource{Provider: "static"}, true
	case c.chain == nil:
		return CredentialSource{}, false
	}
	name := c.chain.provider()
	if name == "" {
		return CredentialSource{}, false
	}
	src = PredictCredentialSource()
	if src.Provider != name { // a source changed since; name the one that answered
		src = CredentialSource{Provider: name}
	}
	return src, true
}

// CLIProfileNamed finds a profile in the aliyun CLI's config file
// (ALIBABA_CLOUD_CONFIG_FILE or ~/.aliyun/config.json): name "" is the
// file's "current" one. It returns the profile's name, its region_id
// (maybe "") and the file; ok is false when the file or the profile is
// missing or unreadable (CheckCredentialFiles reports a broken file).
func CLIProfileNamed(name string) (profile, region, file string, ok bool) {
	file = os.Getenv("ALIBABA_CLOUD_CONFIG_FILE")
	if file == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", "", "", false
		}
		file = filepath.Join(home, ".aliyun", "config.json")
	}
	conf, err := loadCLIConfig(file)
	if err != nil {
		return "", "", file, false
	}
	if name == "" {
		name = conf.Current
	}
	for _, p := range conf.Profiles {
		if p != nil && p.Name == name {
			return name, strings.TrimSpace(p.RegionID), file, true
		}
	}
	return "", "", file, false
}
