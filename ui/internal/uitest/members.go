package uitest

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/state"
)

// MemberCall records one ClusterFiles request.
type MemberCall struct {
	ClusterID, Token string
	Fields           []string
}

// ClusterFiles serves the files holding a face of the cluster, sorted by
// URI, MemberPageSize (default 100) per page after token (an offset). The
// files' fields count as fetched, as the store's cache would have them.
// With MemberGate set, the call waits for a value on it or for ctx to end.
func (f *Fake) ClusterFiles(ctx context.Context, clusterID, token string, fields []string) (state.FilePage, error) {
	f.mu.Lock()
	gate := f.MemberGate
	f.MemberCalls = append(f.MemberCalls, MemberCall{clusterID, token, fields})
	f.stats.Calls++
	f.mu.Unlock()
	return f.gatedPage(ctx, gate, func() (state.FilePage, error) {
		if f.MemberErr != nil {
			return state.FilePage{}, f.MemberErr
		}
		return f.queryPageLocked(token, fields, f.MemberPageSize, "RID-MEMBERS-", func(file *imm.File) bool {
			for i := range file.Figures {
				if file.Figures[i].FigureClusterId == clusterID {
					return true
				}
			}
			return false
		}), nil
	})
}

// Members returns a copy of the ClusterFiles calls.
func (f *Fake) Members() []MemberCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]MemberCall(nil), f.MemberCalls...)
}

// AddFile registers a file (replacing one at its URI).
func (f *Fake) AddFile(file *imm.File) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.FileMap[file.URI] = file
}

// OtherCluster is the cluster of the stray faces AddMembers puts in some
// member files: faces a members list of the cluster must not show.
const OtherCluster = "Cluster-other-0000"

// AddMembers registers n image files holding faces of clusterID at
// oss://demo-bucket/members/NNNN.jpg, with cluster confidences spread over
// 0.05..0.99 (ties of confidence every 50 files, told apart by quality).
// Every seventh file holds a second face of the cluster, every third a face
// of OtherCluster. It returns the number of faces of clusterID.
func (f *Fake) AddMembers(clusterID string, n int) (faces int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := 0; i < n; i++ {
		uri := fmt.Sprintf("oss://demo-bucket/members/%04d.jpg", i)
		file := &imm.File{URI: uri, Filename: fmt.Sprintf("%04d.jpg", i), MediaType: "image",
			ObjectStatus: "Normal", ProduceTime: fmt.Sprintf("2024-05-%02dT10:%02d:00+08:00", 1+i%28, i%60)}
		file.Figures = append(file.Figures, imm.Figure{
			FigureId: fmt.Sprintf("face-%04d-a", i), FigureClusterId: clusterID, FigureType: "face",
			FigureClusterConfidence: 0.05 + float64((i*37)%50)/50*0.94, FaceQuality: float64(1+i%9) / 10,
			Sharpness: 0.5, Age: int64(30 + i%5), AgeSD: 3, Gender: "female", Emotion: "happiness",
		})
		faces++
		if i%7 == 0 {
			file.Figures = append(file.Figures, imm.Figure{
				FigureId: fmt.Sprintf("face-%04d-b", i), FigureClusterId: clusterID, FigureType: "face",
				FigureClusterConfidence: 0.9, FaceQuality: 0.8, Gender: "female",
			})
			faces++
		}
		if i%3 == 0 {
			file.Figures = append(file.Figures, imm.Figure{
				FigureId: fmt.Sprintf("face-%04d-x", i), FigureClusterId: OtherCluster, FigureType: "face",
				FigureClusterConfidence: 0.01, FaceQuality: 0.01,
			})
		}
		f.FileMap[uri] = file
	}
	return faces
}

// ProblemCall records one ProblemFiles request.
type ProblemCall struct {
	Token  string
	Fields []string
}

// ProblemFiles serves the files whose ObjectStatus is not "Indexed", sorted
// by URI, ProblemPageSize (default 100) per page after token (an offset),
// marking their fields fetched as the store's cache would. It fails with
// ProblemErr while set, and waits on ProblemGate like ClusterFiles does on
// MemberGate.
func (f *Fake) ProblemFiles(ctx context.Context, token string, fields []string) (state.FilePage, error) {
	f.mu.Lock()
	gate := f.ProblemGate
	f.ProblemCalls = append(f.ProblemCalls, ProblemCall{token, fields})
	f.stats.Calls++
	f.mu.Unlock()
	return f.gatedPage(ctx, gate, func() (state.FilePage, error) {
		if f.ProblemErr != nil {
			return state.FilePage{}, f.ProblemErr
		}
		return f.queryPageLocked(token, fields, f.ProblemPageSize, "RID-PROBLEMS-", func(file *imm.File) bool {
			return f.ProblemFilterIgnored || file.ObjectStatus != "Indexed"
		}), nil
	})
}

// gatedPage waits for a value on gate (if set) or for ctx to end, then
// answers page() with f.mu held.
func (f *Fake) gatedPage(ctx context.Context, gate chan struct{}, page func() (state.FilePage, error)) (state.FilePage, error) {
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
		}
	}
	if err := ctx.Err(); err != nil {
		return state.FilePage{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return page()
}

// queryPageLocked serves one SimpleQuery-like page of the files that match,
// in URI order, with the offset as NextToken, and records the fields the
// page fetched for each file (as the store's cache would). f.mu is held.
func (f *Fake) queryPageLocked(token string, fields []string, size int, rid string, match func(*imm.File) bool) state.FilePage {
	var uris []string
	for uri, file := range f.FileMap {
		if match(file) {
			uris = append(uris, uri)
		}
	}
	sort.Strings(uris)
	if size <= 0 {
		size = 100
	}
	off, _ := strconv.Atoi(token)
	end := min(off+size, len(uris))
	p := state.FilePage{Token: token, RequestId: rid + token}
	if token == "" {
		p.TotalHits = int64(len(uris))
	}
	for _, uri := range uris[min(off, end):end] {
		p.Files = append(p.Files, f.FileMap[uri])
		if f.fetched[uri] == nil {
			f.fetched[uri] = map[string]bool{}
		}
		for _, k := range fieldKey(fields) {
			f.fetched[uri][k] = true
		}
	}
	if end < len(uris) {
		p.NextToken = strconv.Itoa(end)
	}
	return p
}

// Problems returns a copy of the ProblemFiles calls.
func (f *Fake) Problems() []ProblemCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]ProblemCall(nil), f.ProblemCalls...)
}

// ProblemReasons are the Reasons AddProblems cycles through: two codes,
// one without a code, one without an HTTP status.
var ProblemReasons = []string{
	"[InternalError] The request has been failed due to some unknown error. status: 500, requestId: CC5ACFBD-BB7A-496D-A9D6-0001",
	"[InvalidArgument] The file format is not supported. status: 400, requestId: CC5ACFBD-BB7A-496D-A9D6-0002",
	"[InternalError] The request has been failed due to some unknown error. status: 500, requestId: CC5ACFBD-BB7A-496D-A9D6-0003",
	"timed out while decoding",
}

// AddProblems registers n files at oss://demo-bucket/problems/NNNN.jpg
// with ObjectStatus "Failed" (every fifth "Processing") and a Reason from
// ProblemReasons, and one Indexed file the list must not show.
func (f *Fake) AddProblems(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := 0; i < n; i++ {
		uri := fmt.Sprintf("oss://demo-bucket/problems/%04d.jpg", i)
		status := "Failed"
		if i%5 == 4 {
			status = "Processing"
		}
		f.FileMap[uri] = &imm.File{URI: uri, Filename: fmt.Sprintf("p%04d.jpg", n-i), MediaType: "image",
			ObjectStatus: status, Reason: ProblemReasons[i%len(ProblemReasons)],
			UpdateTime: fmt.Sprintf("2024-06-%02dT08:%02d:00+08:00", 1+i%28, i%60)}
	}
	ok := "oss://demo-bucket/problems/indexed.jpg"
	f.FileMap[ok] = &imm.File{URI: ok, Filename: "indexed.jpg", MediaType: "image", ObjectStatus: "Indexed"}
}
