package dataset

import (
	"math"
	"strconv"
	"strings"

	"github.com/immtui/immtui/assets"
	"github.com/immtui/immtui/imm"
)

// image fills a photo, screenshot or saved picture.
func (g *gen) image(f *imm.File, p *plan, slots []slot) {
	sc := &g.v.Scenes[p.scene]
	var w, h int64
	f.Orientation = 1
	if p.camera >= 0 {
		c := &g.v.Cameras[p.camera]
		w, h = c.Width, c.Height
		if g.r.chance(0.4) { // held upright
			w, h = h, w
		}
		f.EXIF = g.exif(p, w, h)
		f.Size = w * h * int64(g.r.IntN(30)+15) / 100
	} else {
		w, h = 1080, 1440
		if sc.TextHeavy {
			w, h = 1179, 2556
		}
		f.Size = w * h * int64(g.r.IntN(20)+10) / 100
	}
	f.ImageWidth, f.ImageHeight = w, h
	g.place(f, p)
	l := g.lang()
	f.Labels = g.labels(p.scene, l, 0, p.rich)
	var lines []string
	switch {
	case sc.TextHeavy:
		lines = sc.OCR
	case len(sc.OCR) > 0 && g.r.chance(0.5):
		lines = g.someLines(sc.OCR, 1+g.r.IntN(2))
	case g.r.chance(0.05):
		lines = []string{pick(g.r, g.v.Signs)}
	}
	f.OCRContents, f.OCRTexts = g.ocr(lines, w, h)
	f.ImageScore = &imm.ImageScore{OverallQualityScore: g.r.score(0.3, 0.95)}
	if p.rich {
		f.CroppingSuggestions = g.crops(w, h)
	}
	f.Insights = g.insights(p.scene, l, false)
	f.Figures = g.figures(slots, p, w, h)
	f.FigureCount = int64(len(f.Figures))
}

// place adds where a file was taken: coordinates, addresses in both
// languages (shared, read-only) and the time zone.
func (g *gen) place(f *imm.File, p *plan) {
	if p.place < 0 {
		return
	}
	pl := &g.places[p.place]
	f.LatLong = pl.latLong
	f.Addresses = pl.addresses
	f.Timezone = pl.p.Timezone
}

// insights are the scene's caption and description in the file's language
// (zh-Hans when both), shared by every file of that scene: read-only.
func (g *gen) insights(scene int, l lang, video bool) *imm.Insights {
	k := 0
	if l == langEn {
		k = 1
	}
	if video {
		k += 2
	}
	if g.insightCache == nil {
		g.insightCache = make([][4]*imm.Insights, len(g.v.Scenes))
	}
	if in := g.insightCache[scene][k]; in != nil {
		return in
	}
	sc := &g.v.Scenes[scene]
	one := &imm.Insight{Caption: sc.CaptionZh, Description: sc.DescriptionZh}
	if l == langEn {
		one = &imm.Insight{Caption: sc.CaptionEn, Description: sc.DescriptionEn}
	}
	in := &imm.Insights{Image: one}
	if video {
		in = &imm.Insights{Video: one}
	}
	g.insightCache[scene][k] = in
	return in
}

// exif is the EXIF of a camera photo.
func (g *gen) exif(p *plan, w, h int64) string {
	c := &g.v.Cameras[p.camera]
	t := p.produce.In(cst)
	e := exifBuilder{b: g.buf[:0]}
	defer func() { g.buf = e.b }()
	e.add("Make", c.Make)
	e.add("Model", c.Model)
	e.add("DateTime", t.Format("2006:01:02 15:04:05"))
	if !p.rich {
		e.add("PixelXDimension", strconv.FormatInt(w, 10))
		e.add("PixelYDimension", strconv.FormatInt(h, 10))
		return e.String()
	}
	e.add("LensModel", c.Lens)
	e.add("Software", c.Software)
	e.add("DateTimeOriginal", t.Format("2006:01:02 15:04:05"))
	e.add("OffsetTimeOriginal", "+08:00")
	e.add("ExposureTime", "1/"+strconv.Itoa(pick(g.r, []int{30, 60, 120, 250, 500, 1000, 2000})))
	e.add("FNumber", pick(g.r, []string{"1.5", "1.8", "2.2", "2.8", "4", "5.6", "8"}))
	e.add("ISOSpeedRatings", strconv.Itoa(pick(g.r, []int{50, 64, 100, 200, 400, 800, 1600, 3200})))
	e.add("FocalLength", pick(g.r, []string{"5.7 mm", "6.86 mm", "24 mm", "35 mm", "50 mm", "105 mm"}))
	e.add("Flash", pick(g.r, []string{"Flash did not fire, compulsory flash mode", "Flash fired, auto mode"}))
	e.add("Orientation", "1")
	e.add("PixelXDimension", strconv.FormatInt(w, 10))
	e.add("PixelYDimension", strconv.FormatInt(h, 10))
	e.add("ColorSpace", "1")
	if p.place >= 0 {
		pl := g.places[p.place].p
		e.add("GPSLatitudeRef", map[bool]string{true: "N", false: "S"}[pl.Latitude >= 0])
		e.add("GPSLatitude", dms(pl.Latitude))
		e.add("GPSLongitudeRef", map[bool]string{true: "E", false: "W"}[pl.Longitude >= 0])
		e.add("GPSLongitude", dms(pl.Longitude))
	}
	return e.String()
}

// video fills a video: container, streams, subtitles, scenes, captions and
// the faces seen in it.
func (g *gen) video(f *imm.File, p *plan, slots []slot) {
	v := g.v
	sc := &v.Scenes[p.scene]
	res := pick(g.r, v.Resolutions)
	codec := &v.VideoCodecs[0]
	if p.camera >= 0 && v.Cameras[p.camera].Make == "Apple" && g.r.chance(0.7) {
		codec = &v.VideoCodecs[1]
	}
	dur := math.Round(g.r.between(3, 120)*1000) / 1000
	if g.r.chance(0.05) {
		dur = math.Round(g.r.between(300, 1800)*1000) / 1000
	}
	durMS := int64(dur * 1000)
	rate := pick(g.r, v.FrameRates)
	num, den, _ := strings.Cut(rate, "/")
	fps := atof(num) / atof(den)
	coded := res
	rotate := "0"
	if res.Height > res.Width { // phones record landscape and rotate on display
		coded.Width, coded.Height, rotate = res.Height, res.Width, "90"
	}
	vbit := coded.Width * coded.Height * int64(3+g.r.IntN(5))
	vs := imm.VideoStream{
		Index: 0, Width: coded.Width, Height: coded.Height, Bitrate: vbit,
		FrameCount: int64(dur * fps), BitDepth: codec.BitDepth, Level: pick(g.r, codec.Levels),
		Duration: dur, CodecName: codec.Name, CodecLongName: codec.LongName,
		CodecTag: codec.Tag, CodecTagString: codec.TagString, CodecTimeBase: den + "/" + strconv.Itoa(2*int(atof(num))),
		Profile: pick(g.r, codec.Profiles), PixelFormat: codec.PixelFormat,
		ColorSpace: "bt709", ColorRange: "tv", ColorTransfer: "bt709", ColorPrimaries: "bt709",
		Language: "und", TimeBase: "1/600", Rotate: rotate, FrameRate: rate, AverageFrameRate: rate,
		DisplayAspectRatio: res.Aspect, SampleAspectRatio: "1:1",
	}
	if vs.Profile != "Constrained Baseline" {
		vs.HasBFrames = 1 + g.r.Int64N(2)
	}
	// IMM sends the first stream's Index 0, a StartTime of 0 and every
	// stream field ffprobe reports, 0 included.
	vs.KeepZero("Index", "StartTime")
	keepZero(&vs.Extras, "HasBFrames", vs.HasBFrames)
	if codec.BitDepth == 10 { // iPhone HDR
		vs.ColorSpace, vs.ColorTransfer, vs.ColorPrimaries = "bt2020nc", "arib-std-b67", "bt2020"
	}
	ac := &v.AudioCodecs[0]
	rateHz := pick(g.r, []int64{44100, 48000})
	as := imm.AudioStream{
		Index: 1, Bitrate: pick(g.r, []int64{96000, 128000, 192000, 256000}), Channels: 2, SampleRate: rateHz,
		FrameCount: int64(dur * float64(rateHz) / 1024), Duration: dur, CodecName: ac.Name, CodecLongName: ac.LongName,
		CodecTag: ac.Tag, CodecTagString: ac.TagString, CodecTimeBase: "1/" + strconv.FormatInt(rateHz, 10),
		ChannelLayout: "stereo", SampleFormat: ac.SampleFormat, TimeBase: "1/" + strconv.FormatInt(rateHz, 10), Language: "und",
	}
	if g.r.chance(0.15) {
		as.Channels, as.ChannelLayout = 1, "mono"
	}
	as.KeepZero("StartTime")
	f.VideoStreams = []imm.VideoStream{vs}
	f.AudioStreams = []imm.AudioStream{as}
	l := g.lang()
	if g.r.chance(0.25) {
		key := "zh-Hans"
		if l == langEn {
			key = "en"
		}
		lines := g.someLines(v.Subtitles[key], 2+g.r.IntN(3))
		f.Subtitles = []imm.SubtitleStream{{
			Index: 2, Bitrate: 40 + g.r.Int64N(80), Width: coded.Width, Height: 60, Duration: dur,
			CodecName: "mov_text", CodecLongName: "MOV text", CodecTag: "0x67337874", CodecTagString: "tx3g",
			Content: strings.Join(lines, "\n"), Language: key,
		}}
		f.Subtitles[0].KeepZero("StartTime")
	}
	ext := f.Filename[strings.LastIndexByte(f.Filename, '.')+1:]
	if c, ok := v.Containers[ext]; ok {
		f.FormatName, f.FormatLongName = c.FormatName, c.FormatLongName
	} else {
		f.FormatName, f.FormatLongName = "mov,mp4,m4a,3gp,3g2,mj2", "QuickTime / MOV"
	}
	f.StreamCount = int64(len(f.VideoStreams) + len(f.AudioStreams) + len(f.Subtitles))
	f.ProgramCount = 1
	f.Bitrate = vbit + as.Bitrate
	f.Duration = dur
	f.Size = int64(float64(f.Bitrate) * dur / 8)
	f.VideoWidth, f.VideoHeight = res.Width, res.Height
	f.KeepZero("StartTime", "Orientation") // as IMM reports a video
	g.place(f, p)
	f.Labels = g.labels(p.scene, l, durMS, p.rich)
	f.SceneElements = g.scenes(sc, l, durMS)
	f.Insights = g.insights(p.scene, l, true)
	f.Figures = g.figures(slots, p, res.Width, res.Height)
	f.FigureCount = int64(len(f.Figures))
}

func atof(s string) float64 {
	x, _ := strconv.ParseFloat(s, 64)
	return x
}

// scenes splits a video into 2 to 4 shots, each with the scene's most
// specific labels.
func (g *gen) scenes(sc *assets.Scene, l lang, durMS int64) []imm.SceneElement {
	n := 2 + g.r.IntN(3)
	out := make([]imm.SceneElement, n)
	step := durMS / int64(n)
	for i := range out {
		from, to := int64(i)*step, int64(i+1)*step
		if i == n-1 {
			to = durMS
		}
		leaf := sc.Labels[i%len(sc.Labels)]
		path := g.v.LabelPath(leaf)
		node := path[len(path)-1]
		lb := imm.Label{
			LabelLevel: int64(len(path)), LabelConfidence: g.r.score(0.7, 0.99), CentricScore: g.r.score(0.5, 0.95),
			LabelName: node.Zh, Language: "zh-Hans",
		}
		if len(path) > 1 {
			lb.ParentLabelName = path[len(path)-2].Zh
		}
		lb.KeepZero("LabelAlias")
		if l == langEn {
			lb.LabelName, lb.Language = node.En, "en"
			if len(path) > 1 {
				lb.ParentLabelName = path[len(path)-2].En
			}
		}
		out[i] = imm.SceneElement{
			TimeRange:  []int64{from, to},
			FrameTimes: []int64{from + (to-from)/3, from + 2*(to-from)/3},
			Labels:     []imm.Label{lb},
		}
		out[i].KeepZero("VideoStreamIndex") // the scenes are of the first stream
	}
	return out
}

// audio fills a music track or a voice recording.
func (g *gen) audio(f *imm.File, p *plan) {
	ext := f.Filename[strings.LastIndexByte(f.Filename, '.')+1:]
	ac := &g.v.AudioCodecs[0]
	switch ext {
	case "mp3":
		ac = &g.v.AudioCodecs[1]
	case "flac":
		ac = &g.v.AudioCodecs[2]
	}
	dur := math.Round(g.r.between(140, 320)*1000) / 1000
	bitrate := pick(g.r, []int64{192000, 256000, 320000})
	if ext == "flac" {
		bitrate = 800000 + g.r.Int64N(300000)
	}
	as := imm.AudioStream{
		Bitrate: bitrate, Channels: 2, SampleRate: 44100, FrameCount: int64(dur * 44100 / 1152),
		Duration: dur, CodecName: ac.Name, CodecLongName: ac.LongName, CodecTag: ac.Tag, CodecTagString: ac.TagString,
		CodecTimeBase: "1/44100", ChannelLayout: "stereo", SampleFormat: ac.SampleFormat, TimeBase: "1/44100",
	}
	if p.item < 0 { // a voice memo
		dur = math.Round(g.r.between(8, 1800)*1000) / 1000
		as.Duration, as.Bitrate, as.Channels, as.ChannelLayout, as.SampleRate = dur, 64000, 1, "mono", 48000
		as.FrameCount, as.CodecTimeBase, as.TimeBase = int64(dur*48000/1024), "1/48000", "1/48000"
		as.Language, f.Language = "chi", "chi"
	} else {
		a := &g.v.Music[p.item]
		f.Title, f.Artist, f.AlbumArtist, f.Album = a.Tracks[p.track], a.Artist, a.Artist, a.Album
		f.Composer, f.Performer = a.Composer, a.Artist
		f.Language = "chi"
		if ocrLanguage(f.Title) == "en" {
			f.Language = "eng"
		}
		as.Language = f.Language
		if g.r.chance(0.4) {
			as.Lyric = "[00:12.00]" + f.Title + "\n[00:18.50]" + a.Album
		}
		cover := imm.Image{
			ImageWidth: 600, ImageHeight: 600,
			EXIF:       `{"FileSize":{"value":"` + strconv.Itoa(40000+g.r.IntN(80000)) + `"},"Format":{"value":"jpg"}}`,
			ImageScore: &imm.ImageScore{OverallQualityScore: g.r.score(0.5, 0.9)},
			CroppingSuggestions: []imm.CroppingSuggestion{{
				AspectRatio: "1:1", Confidence: g.r.score(0.7, 0.95), Boundary: rect(0, 0, 600, 600),
			}},
		}
		cover.OCRContents, _ = g.ocr([]string{a.Album, a.Artist}, 600, 600)
		f.AudioCovers = []imm.Image{cover}
	}
	as.KeepZero("Index", "StartTime") // the only stream
	f.AudioStreams = []imm.AudioStream{as}
	if c, ok := g.v.Containers[ext]; ok {
		f.FormatName, f.FormatLongName = c.FormatName, c.FormatLongName
	}
	f.StreamCount, f.ProgramCount = 1, 0
	f.Duration, f.Bitrate = dur, as.Bitrate
	f.Size = int64(float64(as.Bitrate) * dur / 8)
	f.KeepZero("StartTime", "ProgramCount") // an audio file has no programs
}

// document fills an office document or PDF: its structure as Elements,
// and for scanned PDFs the OCR of every paragraph.
func (g *gen) document(f *imm.File, p *plan) {
	d := &g.v.Documents[p.item]
	f.Title = d.Title
	f.PageCount = int64(1 + len(d.Paragraphs)/2 + g.r.IntN(8))
	f.Size = 20000 + g.r.Int64N(5<<20)
	f.SemanticTypes = []string{"content"}
	els := make([]imm.Element, 0, len(d.Paragraphs)+2)
	titleID := g.r.hexString(8)
	els = append(els, imm.Element{
		ObjectId: titleID, ElementType: "title",
		ElementContents: []imm.ElementContent{{Type: "text", Content: d.Title}},
	})
	child := []imm.ElementRelation{{ObjectId: titleID, Type: "parent"}}
	for _, para := range d.Paragraphs {
		els = append(els, imm.Element{
			ObjectId: g.r.hexString(8), ElementType: "narrative-text",
			ElementContents:  []imm.ElementContent{{Type: "text", Content: para}},
			ElementRelations: child,
		})
	}
	if len(d.Table) > 0 {
		rows := make([]imm.ElementContent, len(d.Table))
		for i, row := range d.Table {
			rows[i] = imm.ElementContent{Type: "text", Content: strings.Join(row, "\t")}
		}
		els = append(els, imm.Element{
			ObjectId: g.r.hexString(8), ElementType: "table", ElementContents: rows, ElementRelations: child,
		})
	}
	f.Elements = els
	if d.Ext == "pdf" && g.r.chance(0.6) { // a scan: the text came from OCR
		lines := append([]string{d.Title}, d.Paragraphs...)
		f.OCRContents, f.OCRTexts = g.ocr(lines, 2480, 3508)
	}
	f.Labels = g.labels(documentScene, g.lang(), 0, p.rich)
}
