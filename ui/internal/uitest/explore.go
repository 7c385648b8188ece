package uitest

import (
	"context"
	"fmt"
	"time"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/search"
	"github.com/immtui/immtui/state"
)

// FilesCall records one Files request.
type FilesCall struct {
	Query  state.FilesQuery
	Token  string
	Fields []string
}

// ExploreData is what the explore calls answer: set its fields before the
// views ask. FilesMatch, when set, picks the files a query lists (the
// fake does not evaluate SimpleQuery); nil lists every file.
type ExploreData struct {
	Overview    state.Overview
	OverviewErr error
	Years       []state.YearCount
	Labels      []*state.LabelNode
	Places      []*state.PlaceNode
	FilesMatch  func(q state.FilesQuery, f *imm.File) bool
	FilesErr    error
	// FilesPageSize is the files a page holds (0: 100, IMM's most).
	FilesPageSize int
	FilesGate     chan struct{}
	FilesCalls    []FilesCall
	OverviewCalls int
}

// Explore is the fake's explore data (created on first use).
func (f *Fake) Explore() *ExploreData {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.exploreLocked()
}

func (f *Fake) exploreLocked() *ExploreData {
	if f.explore == nil {
		f.explore = &ExploreData{}
	}
	return f.explore
}

// Overview answers ExploreData.Overview.
func (f *Fake) Overview(ctx context.Context) (state.Overview, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	e := f.exploreLocked()
	e.OverviewCalls++
	f.stats.Calls += 3
	if err := ctx.Err(); err != nil {
		return state.Overview{}, err
	}
	return e.Overview, e.OverviewErr
}

// Files serves the files FilesMatch keeps, in URI order, 100 a page.
func (f *Fake) Files(ctx context.Context, q state.FilesQuery, token string, fields []string) (state.FilePage, error) {
	f.mu.Lock()
	e := f.exploreLocked()
	e.FilesCalls = append(e.FilesCalls, FilesCall{q, token, fields})
	gate := e.FilesGate
	f.stats.Calls++
	f.mu.Unlock()
	return f.gatedPage(ctx, gate, func() (state.FilePage, error) {
		if e.FilesErr != nil {
			return state.FilePage{}, e.FilesErr
		}
		return f.queryPageLocked(token, fields, e.FilesPageSize, "RID-FILES-", func(file *imm.File) bool {
			return e.FilesMatch == nil || e.FilesMatch(q, file)
		}), nil
	})
}

// FilesRequests returns a copy of the Files calls.
func (f *Fake) FilesRequests() []FilesCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]FilesCall(nil), f.exploreLocked().FilesCalls...)
}

// Years answers ExploreData.Years.
func (f *Fake) Years(ctx context.Context, loc *time.Location) ([]state.YearCount, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.exploreLocked().Years, ctx.Err()
}

// Labels answers ExploreData.Labels.
func (f *Fake) Labels(ctx context.Context, langs []string) ([]*state.LabelNode, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.exploreLocked().Labels, ctx.Err()
}

// Places answers ExploreData.Places.
func (f *Fake) Places(ctx context.Context, langs []string) ([]*state.PlaceNode, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.exploreLocked().Places, ctx.Err()
}

// AddExplore registers n files at oss://demo-bucket/explore/NNNN with
// varied media types, sizes and times, and an overview, years, labels and
// places that describe them, so the explore screens have something to
// show.
func (f *Fake) AddExplore(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	types := []string{"image", "image", "video", "image", "audio"}
	statuses := []string{"Indexed", "Indexed", "Indexed", "Failed"}
	byType, byStatus := map[string]int64{}, map[string]int64{}
	var total float64
	for i := 0; i < n; i++ {
		t := types[i%len(types)]
		file := &imm.File{URI: fmt.Sprintf("oss://demo-bucket/explore/%04d.jpg", i), Filename: fmt.Sprintf("IMG_%04d.jpg", i),
			MediaType: t, Size: int64(1000 + i*7919%5_000_000), FigureCount: int64(i % 4),
			ProduceTime:  time.Date(2023+i%2, time.Month(1+i%12), 1+i%28, 10, 0, 0, 0, time.UTC).Format(time.RFC3339),
			ObjectStatus: statuses[i%len(statuses)]}
		if t == "video" {
			file.VideoWidth, file.VideoHeight, file.Duration = 1920, 1080, float64(5+i%300)
		} else if t == "image" {
			file.ImageWidth, file.ImageHeight = 4032, 3024
		}
		f.FileMap[file.URI] = file
		byType[t]++
		byStatus[file.ObjectStatus]++
		total += float64(file.Size)
	}
	group := func(field, name string, m map[string]int64, order []string, perFile bool) state.Grouping {
		g := state.Grouping{Field: field, PerFile: perFile}
		seen := map[string]bool{}
		for _, v := range order {
			if m[v] > 0 && !seen[v] {
				seen[v] = true
				g.Groups = append(g.Groups, state.Group{Value: v, Count: m[v], Search: search.Term(name, v)})
			}
		}
		return g
	}
	e := f.exploreLocked()
	e.Overview = state.Overview{
		Dataset: imm.Dataset{DatasetName: f.Data, FileCount: int64(n), TotalFileSize: int64(total), BindCount: 1,
			TemplateId: "Official:AllFunction"},
		Clusters: int64(len(f.Rows)), Files: int64(n), TotalSize: total, AverageSize: total / float64(max(n, 1)),
		MediaTypes:   group(search.FieldType, "type", byType, []string{"image", "video", "audio"}, true),
		Statuses:     group(search.FieldStatus, "status", byStatus, []string{"Indexed", "Failed"}, true),
		ContentTypes: group(search.FieldMIME, "mime", map[string]int64{"image/jpeg": byType["image"], "video/mp4": byType["video"]}, []string{"image/jpeg", "video/mp4"}, true),
		Labels:       group(search.FieldLabel, "label", map[string]int64{"人物": int64(n / 2), "狗": int64(n / 5), "Dog": int64(n / 5)}, []string{"人物", "狗", "Dog"}, false),
		Cities:       group(search.FieldCity, "city", map[string]int64{"杭州市": int64(n / 3), "Hangzhou": int64(n / 3)}, []string{"杭州市", "Hangzhou"}, false),
		Countries:    group(search.FieldCountry, "country", map[string]int64{"中国": int64(n / 2)}, []string{"中国"}, false),
	}
	e.Years = []state.YearCount{{Year: 2023, Count: int64((n + 1) / 2), Search: "date:2023"}, {Year: 2024, Count: int64(n / 2), Search: "date:2024"}}
	dog := &state.LabelNode{Name: "狗", Language: "zh-Hans", Parent: "动物", Count: int64(n / 5), Search: search.Term("label", "狗")}
	e.Labels = []*state.LabelNode{
		{Name: "人物", Language: "zh-Hans", Count: int64(n / 2), Search: search.Term("label", "人物")},
		{Name: "动物", Language: "zh-Hans", Count: int64(n / 5), Search: search.Term("label", "动物"), Children: []*state.LabelNode{dog}},
		{Name: "Dog", Language: "en", Count: int64(n / 5), Search: search.Term("label", "Dog")},
	}
	city := &state.PlaceNode{Kind: "city", Name: "杭州市", Language: "zh-Hans", Count: int64(n / 3), Search: search.Term("city", "杭州市")}
	prov := &state.PlaceNode{Kind: "province", Name: "浙江省", Language: "zh-Hans", Count: int64(n / 3), Search: search.Term("province", "浙江省"), Children: []*state.PlaceNode{city}}
	e.Places = []*state.PlaceNode{{Kind: "country", Name: "中国", Language: "zh-Hans", Count: int64(n / 2), Search: search.Term("country", "中国"), Children: []*state.PlaceNode{prov}}}
}
