package state

import (
	"context"

	"github.com/immtui/immtui/imm"
)

// refreshPrefix marks the group of a refresh: it never joins a flight that
// began before the user asked for fresh data.
const refreshPrefix = "!"

// File returns the file at uri with at least fields (nil: all fields). Fields
// cached from any earlier fetch are answered without a request; otherwise the
// missing fields are fetched, coalesced with other requests of the same field
// set made within the window. The File must not be modified.
func (s *Store) File(ctx context.Context, uri string, fields []string) (*imm.File, error) {
	return s.file(ctx, uri, fields, false)
}

// RefreshFile drops fields (nil: everything) of uri from the cache and
// fetches them again.
func (s *Store) RefreshFile(ctx context.Context, uri string, fields []string) (*imm.File, error) {
	return s.file(ctx, uri, fields, true)
}

// CachedFile returns the cached file at uri if it holds every field of fields
// (nil: all). It never does I/O.
func (s *Store) CachedFile(uri string, fields []string) (*imm.File, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.files.Get(uri); ok && e.has(fields) {
		s.stats.CacheHits++ // the UI asks here first: most hits are here
		return e.file, true
	}
	return nil, false
}

func (s *Store) file(ctx context.Context, uri string, fields []string, refresh bool) (*imm.File, error) {
	if err := s.lockOpen(ctx); err != nil {
		return nil, err
	}
	e, _ := s.files.Get(uri)
	if refresh {
		if e = dropFields(e, fields); e == nil {
			s.files.Remove(uri)
		} else {
			s.files.Add(uri, e)
		}
	} else if e.has(fields) {
		s.stats.CacheHits++
		s.mu.Unlock()
		return e.file, nil
	}
	group := e.missingGroup(fields)
	var f *flight[*imm.File]
	if refresh {
		group = refreshPrefix + group
	} else if f = s.fileLd.findLocked(uri, func(g string) bool { return groupCovers(g, group) }); f != nil {
		s.fileLd.joinLocked(f)
	}
	if f == nil {
		f = s.fileLd.requestLocked(group, uri)
	}
	s.mu.Unlock()
	return s.fileLd.wait(ctx, f)
}

// fetchFiles is the file loader's call: one BatchGetFileMeta for uris with
// the fields of group, merged into the cache.
func (s *Store) fetchFiles(ctx context.Context, group string, uris []string) (map[string]*imm.File, error) {
	fields := groupFields(group)
	req := imm.BatchGetFileMetaRequest{ProjectName: s.project, DatasetName: s.dataset, URIs: uris}
	if fields != nil {
		req.WithFields = append([]string{uriField}, fields...)
	}
	resp, err := s.api.BatchGetFileMeta(ctx, req)
	if err != nil {
		return nil, err
	}
	return s.installFiles(matchFiles(uris, resp.Files), fields), nil
}

// installFiles merges fetched files (by URI) holding fields (nil: all) into
// the cache and returns the merged files. Merging runs outside the lock (a
// merge of Files with extras goes through JSON); an entry that changed
// meanwhile is merged again against its new value.
func (s *Store) installFiles(got map[string]*imm.File, fields []string) map[string]*imm.File {
	s.mu.Lock()
	before := make(map[string]*fileEntry, len(got))
	for uri := range got {
		before[uri], _ = s.files.Peek(uri)
	}
	s.mu.Unlock()
	merged := make(map[string]*fileEntry, len(got))
	for uri, f := range got {
		merged[uri] = mergeFile(before[uri], f, fields)
	}
	out := make(map[string]*imm.File, len(got))
	s.mu.Lock()
	defer s.mu.Unlock()
	for uri, e := range merged {
		if now, _ := s.files.Peek(uri); now != before[uri] {
			e = mergeFile(now, got[uri], fields)
		}
		s.files.Add(uri, e)
		out[uri] = e.file
	}
	return out
}

// matchFiles pairs the files of an answer with the URIs asked for, by URI
// (see askedKey); an answer without URIs but with one file per URI is
// matched by position (the API answers in request order).
func matchFiles(uris []string, files []imm.File) map[string]*imm.File {
	asked := askedKey(uris)
	out := make(map[string]*imm.File, len(files))
	for i := range files {
		f := files[i] // a copy: a cached File must not pin the whole answer
		u, ok := asked(f.URI)
		if !ok && f.URI == "" && len(files) == len(uris) {
			u, ok = uris[i], true
		}
		if ok {
			f.URI = u
			out[u] = &f
		}
	}
	return out
}

// askedKey returns a lookup from a key as answered to the key as asked.
// Identifiers come back exactly as sent (the client leaves URIs and IDs
// unsanitised because they are request keys), so the match is exact: two
// URIs that differ only in control characters stay two files.
func askedKey(keys []string) func(answered string) (string, bool) {
	exact := make(map[string]bool, len(keys))
	for _, k := range keys {
		exact[k] = true
	}
	return func(a string) (string, bool) { return a, exact[a] }
}
