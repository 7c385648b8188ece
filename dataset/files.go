package dataset

import (
	"strconv"
	"strings"
	"time"

	"github.com/immtui/immtui/imm"
)

// kind is what a generated file is; it decides the fields it gets.
type kind uint8

const (
	kindImage kind = iota
	kindVideo
	kindAudio
	kindDocument
	kindOther
)

// plan is what is decided about a file before its fields are built.
type plan struct {
	kind    kind
	failed  bool      // indexing failed: ObjectStatus Failed with a Reason
	scene   int       // index into Vocab.Scenes (images and videos)
	place   int       // index into g.places, -1 for none
	camera  int       // index into Vocab.Cameras, -1 for phone apps (WeChat, screenshots)
	produce time.Time // when it was taken or written
	faces   int       // face slots before clustering
	item    int       // the vocabulary entry it was made from (document, album track, other file)
	track   int       // track number within the album (audio)
	rich    bool      // full per-file detail (see richFiles)
}

// richFiles bounds how many files get full per-file detail (random label
// confidences, video clips, long EXIF, cropping suggestions). Past it,
// files share read-only label slices and get a short EXIF, which keeps
// 100,000 clusters (about 300,000 files) within seconds and about a
// gigabyte. The rich files are spread evenly through the dataset.
const richFiles = 20_000

// face slot markers besides a cluster index.
const (
	slotIndependent = -1
	slotUnavailable = -2
)

// slot is one face to draw: its file, its cluster (or a marker) and
// whether it is misclustered (a face of someone else, low confidence).
type slot struct {
	file         int32
	cluster      int32
	guaranteed   bool // the cluster's first face: never reassigned
	misclustered bool
}

// files plans every file, spreads faces so each cluster has at least one,
// then builds the File models.
func (g *gen) files() []imm.File {
	plans := g.plan()
	slots := g.faceSlots(plans)
	// Group slots by file (counting sort keeps the draw order within a file).
	start := make([]int32, len(plans)+1)
	for _, s := range slots {
		start[s.file+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	byFile := make([]slot, len(slots))
	next := append([]int32(nil), start[:len(plans)]...)
	for _, s := range slots {
		byFile[next[s.file]] = s
		next[s.file]++
	}
	out := make([]imm.File, len(plans))
	for i := range plans {
		f := &out[i]
		p := &plans[i]
		g.base(f, p)
		if p.failed {
			g.fail(f)
			continue
		}
		switch p.kind {
		case kindImage:
			g.image(f, p, byFile[start[i]:start[i+1]])
		case kindVideo:
			g.video(f, p, byFile[start[i]:start[i+1]])
		case kindAudio:
			g.audio(f, p)
		case kindDocument:
			g.document(f, p)
		default:
			g.other(f, p)
		}
	}
	return out
}

// plan decides the kind, scene, place and time of every file. Photos and
// videos come in events: a run of files sharing a scene, a place and a day,
// as a camera roll does.
func (g *gen) plan() []plan {
	n := g.o.Files
	kinds := make([]kind, 0, n)
	add := func(k kind, count int) {
		for range count {
			kinds = append(kinds, k)
		}
	}
	add(kindVideo, n*9/100)
	add(kindAudio, n*4/100)
	add(kindDocument, n*6/100)
	add(kindOther, n*3/100)
	add(kindImage, n-len(kinds))
	g.r.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })

	plans := make([]plan, n)
	stride := (n + richFiles - 1) / richFiles
	var ev plan
	left := 0
	for i := range plans {
		p := &plans[i]
		p.kind = kinds[i]
		p.rich = i%stride == 0
		p.place, p.camera, p.scene = -1, -1, -1
		p.produce = g.r.timeBefore(g.o.Now.Add(-2*time.Hour), 6*365*24*time.Hour)
		if p.kind != kindImage && p.kind != kindVideo {
			p.failed = p.kind == kindDocument && g.r.chance(0.03)
			continue
		}
		if left == 0 {
			ev = g.event()
			left = 1 + g.r.IntN(24)
		}
		left--
		p.scene, p.place, p.camera = ev.scene, ev.place, ev.camera
		p.produce = ev.produce.Add(time.Duration(g.r.Int64N(int64(5 * time.Hour))))
		if p.produce.After(g.o.Now) {
			p.produce = g.o.Now.Add(-time.Minute)
		}
		sc := &g.v.Scenes[p.scene]
		if p.kind == kindVideo && sc.TextHeavy {
			p.scene = g.peopleScene()
			sc = &g.v.Scenes[p.scene]
		}
		p.failed = g.r.chance(0.03)
		if p.failed || !sc.People {
			continue
		}
		switch x := g.r.Float64(); {
		case x < 0.06:
			p.faces = 0
		case x < 0.50:
			p.faces = 1
		case x < 0.75:
			p.faces = 2
		case x < 0.95:
			p.faces = 3 + g.r.IntN(3)
		default:
			p.faces = 6 + g.r.IntN(5)
		}
		if p.kind == kindVideo && p.faces > 4 {
			p.faces = 4
		}
	}
	return plans
}

// event is a scene at a place on a day, taken with one device.
func (g *gen) event() plan {
	ev := plan{place: -1, camera: -1}
	ev.scene = g.r.IntN(len(g.v.Scenes))
	sc := &g.v.Scenes[ev.scene]
	if !sc.TextHeavy {
		ev.camera = g.r.IntN(len(g.v.Cameras))
		if g.r.chance(0.8) {
			ev.place = g.r.IntN(len(g.places))
		}
	} else if g.r.chance(0.3) {
		ev.camera = g.r.IntN(len(g.v.Cameras)) // a photo of a receipt rather than a screenshot
	}
	// Events happen in the daytime: 08:00 to 19:00 local (+08:00).
	day := g.r.timeBefore(g.o.Now.Add(-24*time.Hour), 6*365*24*time.Hour).In(cst)
	day = time.Date(day.Year(), day.Month(), day.Day(), 8, 0, 0, 0, cst)
	ev.produce = day.Add(time.Duration(g.r.Int64N(int64(11 * time.Hour))))
	return ev
}

func (g *gen) peopleScene() int {
	for {
		i := g.r.IntN(len(g.v.Scenes))
		if g.v.Scenes[i].People {
			return i
		}
	}
}

// faceSlots lists every face to draw and assigns each a cluster: first one
// face per cluster (so every cluster has a file and a cover), then the rest
// by weight, with a few percent misclustered, independent or unavailable.
func (g *gen) faceSlots(plans []plan) []slot {
	var slots []slot
	var capable []int32 // indexed images and videos
	for i := range plans {
		p := &plans[i]
		if p.failed || (p.kind != kindImage && p.kind != kindVideo) {
			continue
		}
		capable = append(capable, int32(i))
		for range p.faces {
			slots = append(slots, slot{file: int32(i)})
		}
	}
	if len(capable) == 0 {
		// Too few files for faces: make the first file an indexed photo.
		plans[0] = plan{kind: kindImage, scene: g.peopleScene(), place: -1, camera: 0, produce: plans[0].produce}
		capable = append(capable, 0)
	}
	for len(slots) < g.o.Clusters {
		f := pick(g.r, capable)
		if plans[f].kind == kindImage && !g.v.Scenes[plans[f].scene].People {
			plans[f].scene = g.peopleScene()
		}
		plans[f].faces++
		slots = append(slots, slot{file: f})
	}
	g.r.Shuffle(len(slots), func(i, j int) { slots[i], slots[j] = slots[j], slots[i] })
	perm := g.r.Perm(g.o.Clusters)
	for k := range slots {
		s := &slots[k]
		if k < len(perm) {
			s.cluster, s.guaranteed = int32(perm[k]), true
			continue
		}
		switch x := g.r.Float64(); {
		case x < 0.025:
			s.cluster = slotIndependent
		case x < 0.035:
			s.cluster = slotUnavailable
		default:
			s.cluster = int32(g.sampleCluster())
			s.misclustered = g.r.chance(0.03)
		}
	}
	return slots
}

// base fills what every file has: identity, path, OSS attributes, times.
func (g *gen) base(f *imm.File, p *plan) {
	f.URI = g.uri(p)
	f.OSSURI = f.URI
	f.Filename = f.URI[strings.LastIndexByte(f.URI, '/')+1:]
	f.ObjectId = g.r.hexString(32)
	f.ObjectType = "file"
	f.OwnerId = g.owner
	f.ProjectName, f.DatasetName = g.o.Project, g.o.Dataset
	ext := f.Filename[strings.LastIndexByte(f.Filename, '.')+1:]
	f.ContentType = g.v.ContentTypes[ext]
	if c, ok := g.v.Containers[ext]; ok {
		f.ContentType = c.ContentType
	}
	if f.ContentType == "" {
		f.ContentType = "application/octet-stream"
	}
	f.MediaType = [...]string{"image", "video", "audio", "document", "other"}[p.kind]
	f.ETag, f.ContentMd5, f.FileHash, f.OSSCRC64 = g.r.ossDigests()
	f.OSSStorageClass = pick(g.r, g.v.StorageClasses)
	f.OSSObjectType = "Normal"
	f.ObjectACL = "default"
	if g.r.chance(0.2) {
		f.OSSTagging = map[string]any{"backup": "nas-01", "year": strconv.Itoa(p.produce.Year())}
		f.OSSTaggingCount = 2
	}
	if g.r.chance(0.3) {
		f.OSSUserMeta = map[string]any{"uploader": "immtui-sync", "client": "ossutil 1.7.19"}
	}
	if g.r.chance(0.08) {
		f.CustomLabels = g.customLabels(g.v.FileLabels)
	}
	f.ProduceTime = stamp(p.produce)
	f.FileCreateTime = stamp(p.produce.Add(time.Duration(g.r.Int64N(int64(3 * time.Second)))))
	f.FileModifiedTime = f.FileCreateTime
	if g.r.chance(0.1) {
		f.FileModifiedTime = stamp(g.notAfterNow(p.produce.Add(time.Duration(g.r.Int64N(int64(30 * 24 * time.Hour))))))
	}
	uploaded := g.notAfterNow(p.produce.Add(time.Duration(g.r.Int64N(int64(72 * time.Hour)))))
	f.CreateTime = stamp(uploaded)
	f.UpdateTime = f.CreateTime
	if g.r.chance(0.2) {
		f.UpdateTime = stamp(uploaded.Add(time.Duration(g.r.Int64N(int64(g.o.Now.Sub(uploaded)) + 1))))
	}
	f.ObjectStatus = "Indexed"
}

// fail marks a file whose indexing failed: it keeps its OSS attributes but
// has no analysis results, and says why in Reason.
func (g *gen) fail(f *imm.File) {
	e := pick(g.r, g.v.Failures)
	f.ObjectStatus = "Failed"
	f.Reason = "[" + e.Code + "] " + e.Message + " status: " + strconv.Itoa(e.Status) + ", requestId: " + g.r.requestID()
	f.Size = 1024 + g.r.Int64N(8<<20)
}

// other is a file IMM stores but does not analyse.
func (g *gen) other(f *imm.File, p *plan) {
	f.MediaType = g.v.Others[p.item].MediaType
	f.Size = 4096 + g.r.Int64N(200<<20)
}

// notAfterNow keeps generated times in the past of Options.Now.
func (g *gen) notAfterNow(t time.Time) time.Time {
	if t.After(g.o.Now) {
		return g.o.Now.Add(-time.Second)
	}
	return t
}
