package panes

import (
	"strings"

	"github.com/immtui/immtui/imm"
)

// ossObject is the "OSS object" section: what OSS stores with the object
// (storage, versions, checksums, expiry), the HTTP headers it serves it
// with, its encryption, and its tags and user metadata.
func ossObject(d *doc, f *imm.File) {
	rows := []kv{
		{k: "Storage class", v: f.OSSStorageClass},
		{k: "Object type", v: f.OSSObjectType},
		{k: "ACL", v: f.ObjectACL},
		{k: "ETag", v: f.ETag},
		{k: "CRC64", v: f.OSSCRC64},
		{k: "Content MD5", v: f.ContentMd5},
		{k: "File hash", v: f.FileHash},
		{k: "Version", v: f.OSSVersionId},
		{k: "Delete marker", v: f.OSSDeleteMarker},
	}
	rows = append(rows, expiration(f.OSSExpiration)...)
	rows = append(rows,
		kv{k: "Cache-Control", v: f.CacheControl},
		kv{k: "Content-Disposition", v: f.ContentDisposition},
		kv{k: "Content-Encoding", v: f.ContentEncoding},
		kv{k: "Content-Language", v: f.ContentLanguage},
		kv{k: "CORS allow origin", v: f.AccessControlAllowOrigin},
		kv{k: "CORS request method", v: f.AccessControlRequestMethod},
		kv{k: "Encryption", v: f.ServerSideEncryption},
		kv{k: "Data encryption", v: f.ServerSideDataEncryption},
		kv{k: "Encryption key ID", v: f.ServerSideEncryptionKeyId},
		kv{k: "Customer key algorithm", v: f.ServerSideEncryptionCustomerAlgorithm},
		kv{k: "Tag count", v: nonZero(f.OSSTaggingCount)},
	)
	for _, r := range sortedMap(f.OSSTagging) {
		rows = append(rows, kv{k: "Tag " + r.k, v: r.v})
	}
	for _, r := range sortedMap(f.OSSUserMeta) {
		rows = append(rows, kv{k: "Meta " + r.k, v: r.v})
	}
	d.section("OSS object", rows)
}

// expiration reads OSS's x-oss-expiration header, `expiry-date="Sat, 01
// Jan 2022 00:00:00 GMT", rule-id="rule"`, into a row per part. Anything
// else (IMM also sends a bare time) is one row, as sent.
func expiration(s string) []kv {
	if s == "" {
		return nil
	}
	pairs, ok := quotedPairs(s)
	if !ok {
		return []kv{{k: "Expiration", v: s}}
	}
	rows := make([]kv, 0, len(pairs))
	for _, p := range pairs {
		switch p.k {
		case "expiry-date":
			rows = append(rows, kv{k: "Expires", v: p.v})
		case "rule-id":
			rows = append(rows, kv{k: "Expiry rule", v: p.v})
		default:
			rows = append(rows, kv{k: "Expiration " + p.k, v: p.v})
		}
	}
	return rows
}

// quotedPairs splits `a="x", b="y"` into its pairs; ok is false unless the
// whole of s has that form (values hold no quote: OSS writes none).
func quotedPairs(s string) (pairs []kv, ok bool) {
	rest := strings.TrimSpace(s)
	for rest != "" {
		name, after, found := strings.Cut(rest, `="`)
		name = strings.TrimSpace(name)
		if !found || name == "" || strings.ContainsAny(name, `", `) {
			return nil, false
		}
		val, tail, closed := strings.Cut(after, `"`)
		if !closed {
			return nil, false
		}
		pairs = append(pairs, kv{k: name, v: val})
		tail = strings.TrimSpace(tail)
		if tail != "" {
			if tail[0] != ',' {
				return nil, false
			}
			tail = strings.TrimSpace(tail[1:])
			if tail == "" {
				return nil, false
			}
		}
		rest = tail
	}
	return pairs, len(pairs) > 0
}
