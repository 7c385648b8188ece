package panes

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/safetext"
)

// overview is the file at a glance: identity, status, times, EXIF,
// insights, crops, OSS attributes and custom labels.
type overview struct{}

func (overview) title() string { return "Overview" }
func (overview) empty() string { return "nothing known about this file" }

func (overview) fields() []string {
	return []string{
		"Filename", "OSSURI", "MediaType", "ContentType", "Size",
		"ImageWidth", "ImageHeight", "VideoWidth", "VideoHeight", "Orientation",
		"Duration", "FormatName", "FormatLongName", "PageCount", "FigureCount", "Title",
		"ProduceTime", "FileCreateTime", "FileModifiedTime", "CreateTime", "UpdateTime",
		"ObjectStatus", "Reason",
		"EXIF", "ImageScore", "Insights", "CroppingSuggestions", "CustomLabels",
		"OSSStorageClass", "OSSObjectType", "OSSCRC64", "OSSVersionId", "OSSExpiration",
		"OSSTagging", "OSSTaggingCount", "OSSUserMeta", "ETag", "ContentMd5", "FileHash",
		"ObjectACL",
	}
}

func (overview) lines(d *doc, f *imm.File) {
	s := d.s
	status := kv{k: "Status", v: f.ObjectStatus}
	reason := kv{k: "Reason", v: f.Reason}
	// A file that is not indexed shows why first: that is what someone
	// triaging it came for.
	problem := true
	switch st := strings.ToLower(f.ObjectStatus); {
	case st == "indexed":
		problem = false
		status.style = &s.Good
		reason.style = &s.Muted
	case st == "":
		problem = false
	case strings.Contains(st, "fail") || strings.Contains(st, "error"):
		status.style, reason.style = &s.Error, &s.Error
	default:
		status.style, reason.style = &s.Warn, &s.Warn
	}
	if problem {
		d.section("Index status", []kv{status, reason})
	}

	size := ""
	if f.Size > 0 {
		size = humanSize(f.Size)
		if f.Size >= 1024 {
			size += " (" + groupDigits(f.Size) + " bytes)"
		}
	}
	d.section("File", []kv{
		{k: "Filename", v: f.Filename},
		{k: "URI", v: f.URI},
		{k: "OSS URI", v: unless(f.OSSURI, f.URI)},
		{k: "Media type", v: f.MediaType},
		{k: "Content type", v: f.ContentType},
		{k: "Size", v: size},
		{k: "Dimensions", v: dims(f.ImageWidth, f.ImageHeight)},
		{k: "Video size", v: dims(f.VideoWidth, f.VideoHeight)},
		{k: "Orientation", v: nonZero(f.Orientation)},
		{k: "Duration", v: seconds(f.Duration)},
		{k: "Format", v: joinNonEmpty(" - ", f.FormatName, f.FormatLongName)},
		{k: "Pages", v: nonZero(f.PageCount)},
		{k: "Faces", v: nonZero(f.FigureCount)},
		{k: "Title", v: f.Title},
	})

	if !problem {
		d.section("Index status", []kv{status, reason})
	}
	d.section("Times", []kv{
		{k: "Produced", v: stamp(f.ProduceTime)},
		{k: "File created", v: stamp(f.FileCreateTime)},
		{k: "File modified", v: stamp(f.FileModifiedTime)},
		{k: "Indexed", v: stamp(f.CreateTime)},
		{k: "Index updated", v: stamp(unless(f.UpdateTime, f.CreateTime))},
	})

	if f.ImageScore != nil {
		d.title("Image score")
		q := f.ImageScore.OverallQualityScore
		d.add(s.Key.Render("Overall quality") + "  " + s.Bar(float64(q), 10) + " " + s.Value.Render(conf(q)))
	}
	insights(d, f.Insights)
	crops(d, f.CroppingSuggestions)

	if f.EXIF != "" {
		d.title("EXIF")
		if rows, ok := parseEXIF(f.EXIF); ok {
			if len(rows) == 0 {
				d.note("empty EXIF")
			}
			d.kvs(rows)
		} else {
			d.note("EXIF is not valid JSON; shown as sent:")
			d.para(f.EXIF, s.Value, 2)
		}
	}

	oss := []kv{
		{k: "Storage class", v: f.OSSStorageClass},
		{k: "Object type", v: f.OSSObjectType},
		{k: "ACL", v: f.ObjectACL},
		{k: "ETag", v: f.ETag},
		{k: "CRC64", v: f.OSSCRC64},
		{k: "Content MD5", v: f.ContentMd5},
		{k: "File hash", v: f.FileHash},
		{k: "Version", v: f.OSSVersionId},
		{k: "Expiration", v: f.OSSExpiration},
		{k: "Tag count", v: nonZero(f.OSSTaggingCount)},
	}
	for _, r := range sortedMap(f.OSSTagging) {
		oss = append(oss, kv{k: "Tag " + r.k, v: r.v})
	}
	for _, r := range sortedMap(f.OSSUserMeta) {
		oss = append(oss, kv{k: "Meta " + r.k, v: r.v})
	}
	d.section("OSS", oss)

	if len(f.CustomLabels) > 0 {
		d.title("Custom labels")
		d.kvs(sortedMap(f.CustomLabels))
	}
}

func insights(d *doc, in *imm.Insights) {
	if in == nil {
		return
	}
	for _, x := range []struct {
		name string
		i    *imm.Insight
	}{{"Image", in.Image}, {"Video", in.Video}} {
		if x.i == nil || (x.i.Caption == "" && x.i.Description == "") {
			continue
		}
		d.section("Insights: "+x.name, []kv{{k: "Caption", v: x.i.Caption}, {k: "Description", v: x.i.Description}})
	}
}

func crops(d *doc, cs []imm.CroppingSuggestion) {
	if len(cs) == 0 {
		return
	}
	d.title("Cropping suggestions")
	rows := make([]kv, 0, len(cs))
	for _, c := range cs {
		v := "confidence " + conf(c.Confidence)
		if b := boundary(c.Boundary); b != "" {
			v += ", " + b
		}
		rows = append(rows, kv{k: safetext.Line(c.AspectRatio), v: v})
	}
	d.kvs(rows)
}

func dims(w, h int64) string {
	if w == 0 && h == 0 {
		return ""
	}
	return fmt.Sprintf("%d x %d", w, h)
}

func nonZero(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

// unless returns v, or "" when it only repeats other.
func unless(v, other string) string {
	if v == other {
		return ""
	}
	return v
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func anyValue(rows []kv) bool {
	for _, r := range rows {
		if r.v != "" {
			return true
		}
	}
	return false
}
