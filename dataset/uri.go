package dataset

import (
	"strconv"
	"strings"
	"time"
)

// uri names a file the way phones, cameras and people name them, under
// dated album folders, and makes it unique in the dataset. It also picks
// the vocabulary entry of documents, audio and other files (p.item).
func (g *gen) uri(p *plan) string {
	v := g.v
	t := p.produce.In(cst)
	var b strings.Builder
	b.WriteString("oss://")
	switch p.kind {
	case kindImage, kindVideo:
		b.WriteString(v.Buckets[0])
		if p.kind == kindImage {
			b.WriteString("/photos/")
		} else {
			b.WriteString("/videos/")
		}
		b.WriteString(strconv.Itoa(t.Year()))
		b.WriteByte('/')
		b.WriteString(t.Format("2006-01"))
		switch {
		case p.place >= 0:
			b.WriteByte(' ')
			b.WriteString(g.places[p.place].p.Album)
		case p.camera < 0:
			b.WriteString(" 微信")
		}
		b.WriteByte('/')
		b.WriteString(g.mediaName(p, t))
	case kindAudio:
		b.WriteString(v.Buckets[1])
		if g.r.chance(0.25) {
			b.WriteString("/recordings/")
			if g.r.chance(0.5) {
				b.WriteString("录音 " + t.Format("2006-01-02 15.04") + ".m4a")
			} else {
				b.WriteString("Voice Memo " + t.Format("20060102 150405") + ".m4a")
			}
			p.item = -1
			break
		}
		p.item = g.r.IntN(len(v.Music))
		a := &v.Music[p.item]
		p.track = g.r.IntN(len(a.Tracks))
		ext := pick(g.r, []string{"mp3", "m4a", "flac"})
		b.WriteString("/music/" + a.Artist + "/" + a.Album + "/")
		if p.track < 9 {
			b.WriteByte('0')
		}
		b.WriteString(strconv.Itoa(p.track+1) + " " + a.Tracks[p.track] + "." + ext)
	case kindDocument:
		p.item = g.r.IntN(len(v.Documents))
		d := &v.Documents[p.item]
		b.WriteString(v.Buckets[1] + "/documents/" + strconv.Itoa(t.Year()) + "/" + d.Filename + "." + d.Ext)
	default:
		p.item = g.r.IntN(len(v.Others))
		o := &v.Others[p.item]
		b.WriteString(v.Buckets[1] + "/backup/" + o.Name + "." + o.Ext)
	}
	return g.unique(b.String())
}

// mediaName is the file name a device gives a photo or video.
func (g *gen) mediaName(p *plan, t time.Time) string {
	g.serial++
	n := strconv.Itoa(g.serial)
	if len(n) < 4 {
		n = strings.Repeat("0", 4-len(n)) + n
	}
	if p.camera < 0 {
		switch {
		case p.kind == kindVideo:
			return "微信视频_" + t.Format("20060102150405") + ".mp4"
		case g.v.Scenes[p.scene].TextHeavy && g.r.chance(0.5):
			return "截屏" + t.Format("2006-01-02 15.04.05") + ".png"
		case g.v.Scenes[p.scene].TextHeavy:
			return "Screenshot_" + t.Format("2006-01-02-15-04-05") + "-" + strconv.Itoa(t.Nanosecond()/1e6) + "_com.tencent.mm.png"
		default:
			return "微信图片_" + t.Format("20060102150405") + ".jpg"
		}
	}
	c := &g.v.Cameras[p.camera]
	if p.kind == kindVideo {
		switch c.Make {
		case "Apple", "Canon":
			return "IMG_" + n + ".MOV"
		case "SONY", "FUJIFILM", "DJI":
			return "DSC_" + n + ".MP4"
		default:
			return "VID_" + t.Format("20060102_150405") + ".mp4"
		}
	}
	switch c.Make {
	case "Apple", "Canon":
		return "IMG_" + n + "." + c.Ext
	case "SONY":
		return "DSC0" + n + "." + c.Ext
	case "FUJIFILM":
		return "DSCF" + n + "." + c.Ext
	case "DJI":
		return "DJI_" + n + "." + c.Ext
	default:
		return "IMG_" + t.Format("20060102_150405") + "." + c.Ext
	}
}

// unique returns uri, or uri with " (n)" before the extension if a file of
// that name exists, as a desktop sync client renames duplicates.
func (g *gen) unique(uri string) string {
	if _, dup := g.uris[uri]; !dup {
		g.uris[uri] = struct{}{}
		return uri
	}
	dot := strings.LastIndexByte(uri, '.')
	stem, ext := uri[:dot], uri[dot:]
	for n := g.dups[uri] + 2; ; n++ {
		u := stem + " (" + strconv.Itoa(n) + ")" + ext
		if _, dup := g.uris[u]; !dup {
			g.dups[uri] = n
			g.uris[u] = struct{}{}
			return u
		}
	}
}
