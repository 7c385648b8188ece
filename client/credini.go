package client

import (
	"bytes"
	"strings"

	"gopkg.in/ini.v1"
)

const fixINI = "fix that line (each line is [section], key = value or a # comment), or point ALIBABA_CLOUD_CREDENTIALS_FILE elsewhere"

// loadINI reads and parses an ~/.alibabacloud/credentials file with the
// parser credentials-go uses, so it fails exactly where the chain would.
// The parser's messages quote the offending line (a secret, often), so
// they are replaced by ours: the line is found by parsing ever longer
// prefixes of the file, and the problem is named from the error's kind.
func loadINI(path string) (*ini.File, error) {
	b, err := readCredFile(path)
	if err != nil {
		return nil, err
	}
	f, err := ini.Load(b)
	if err == nil {
		return f, nil
	}
	e := &CredentialFileError{Path: path, Problem: iniProblem(err), Fix: fixINI}
	lines := bytes.SplitAfter(b, []byte{'\n'})
	if len(lines) <= 5000 { // quadratic, but credentials files are a few lines
		n := 0
		for i, l := range lines {
			n += len(l)
			if _, perr := ini.Load(b[:n]); perr != nil {
				e.Line, e.Problem = i+1, iniProblem(perr)
				break
			}
		}
	}
	return nil, e
}

// iniProblem names what ini.v1 found wrong, from the error's type or the
// fixed start of its message, never from the quoted line.
func iniProblem(err error) string {
	msg := err.Error()
	switch {
	case ini.IsErrDelimiterNotFound(err):
		return "the line is neither [section] nor key = value (no '=' found)"
	case ini.IsErrEmptyKeyName(err):
		return "the line has no key name before '='"
	case strings.HasPrefix(msg, "unclosed section"):
		return "a [section] header has no closing ']'"
	case strings.HasPrefix(msg, "missing closing key quote"):
		return "a quote opened on this line is not closed"
	case strings.HasPrefix(msg, "BOM"):
		return "the file's byte-order mark cannot be read"
	}
	return "not a valid INI file"
}

// iniSection is the section the chain reads ([default] unless
// ALIBABA_CLOUD_PROFILE names another) and what is missing from it.
func iniSectionProblem(f *ini.File, path, name string) *CredentialFileError {
	fix := "add it, or set ALIBABA_CLOUD_PROFILE / --profile to a section that exists"
	s, err := f.GetSection(name)
	if err != nil {
		return &CredentialFileError{Path: path, Problem: "has no [" + quoteName(name) + "] section", Fix: fix}
	}
	need := map[string][]string{
		"access_key":   {"access_key_id", "access_key_secret"},
		"ecs_ram_role": {"role_name"},
		"ram_role_arn": {"access_key_id", "access_key_secret", "role_arn", "role_session_name"},
	}
	typ := s.Key("type").String()
	keys, ok := need[typ]
	if !ok {
		return &CredentialFileError{Path: path, Problem: "section [" + quoteName(name) + "] has no type = access_key, ecs_ram_role or ram_role_arn",
			Fix: "set its type"}
	}
	for _, k := range keys {
		if !s.HasKey(k) || s.Key(k).String() == "" {
			return &CredentialFileError{Path: path, Problem: "section [" + quoteName(name) + "] of type " + typ + " has no " + k, Fix: "add it"}
		}
	}
	return nil
}
