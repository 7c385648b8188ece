package emulator

import (
	"encoding/base64"
	"hash/fnv"
	"strconv"
	"strings"
)

// NextToken: opaque to clients, stable for the life of the server (the
// served data never changes). A token names the listing it belongs to
// (kind, project/dataset scope, and a fingerprint of sort, order and
// filters) and where the next page starts: a position in that listing, or
// for name-ordered lists the last name returned, so "start after" holds
// even if another listing is asked for in between.

const tokenVersion = "v1"

type pageToken struct {
	Kind        string // action family, e.g. "clusters"
	Scope       string // "project/dataset" or "" for projects
	Fingerprint string // hash of the parameters that shape the listing
	Pos         int    // index of the first item of the next page
	After       string // for name-ordered lists: the last name returned
}

func (t pageToken) encode() string {
	raw := strings.Join([]string{tokenVersion, t.Kind, t.Scope, t.Fingerprint, strconv.Itoa(t.Pos), t.After}, "\x00")
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// decodeToken parses s and checks that it belongs to the listing described
// by want (Kind, Scope and Fingerprint). An empty s is the first page.
func decodeToken(s string, want pageToken) (pageToken, *apiError) {
	if s == "" {
		return pageToken{Kind: want.Kind, Scope: want.Scope, Fingerprint: want.Fingerprint}, nil
	}
	bad := func(why string) (pageToken, *apiError) {
		return pageToken{}, errInvalid("NextToken", why+"; pass the NextToken of the previous answer unchanged, with the same parameters")
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return bad("it is not a token this server issued")
	}
	parts := strings.Split(string(raw), "\x00")
	if len(parts) != 6 || parts[0] != tokenVersion {
		return bad("it is not a token this server issued")
	}
	t := pageToken{Kind: parts[1], Scope: parts[2], Fingerprint: parts[3], After: parts[5]}
	if t.Kind != want.Kind || t.Scope != want.Scope {
		return bad("it belongs to another listing")
	}
	if t.Fingerprint != want.Fingerprint {
		return bad("it was issued for a different sort, order or filter")
	}
	t.Pos, err = strconv.Atoi(parts[4])
	if err != nil || t.Pos < 0 {
		return bad("its position is damaged")
	}
	return t, nil
}

// fingerprint hashes the strings that shape a listing.
func fingerprint(parts ...string) string {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return strconv.FormatUint(h.Sum64(), 36)
}
