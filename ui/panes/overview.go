package panes

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/ui/format"
)

// overview is the file at a glance: what it is, its status and times,
// image score, insights, crops, EXIF, media tags, its identity in IMM, the
// OSS object, audio covers, document elements and custom labels. A section with
// nothing in it is not drawn.
type overview struct{}

func (overview) title() string { return "Overview" }
func (overview) empty() string { return "nothing known about this file" }

func (overview) fields() []string {
	return []string{
		"Filename", "OSSURI", "MediaType", "ContentType", "Size",
		"ImageWidth", "ImageHeight", "VideoWidth", "VideoHeight", "Orientation",
		"Duration", "FormatName", "FormatLongName", "PageCount", "FigureCount", "SemanticTypes",
		"ObjectId", "ObjectType", "CustomId", "OwnerId", "ProjectName", "DatasetName", "TravelClusterId",
		"ProduceTime", "FileCreateTime", "FileModifiedTime", "FileAccessTime", "CreateTime", "UpdateTime",
		"ObjectStatus", "Reason",
		"EXIF", "ImageScore", "Insights", "CroppingSuggestions", "CustomLabels",
		"Title", "Artist", "AlbumArtist", "Album", "Composer", "Performer", "Language", "StartTime",
		"OSSStorageClass", "OSSObjectType", "OSSCRC64", "OSSVersionId", "OSSDeleteMarker", "OSSExpiration",
		"OSSTagging", "OSSTaggingCount", "OSSUserMeta", "ETag", "ContentMd5", "FileHash",
		"ObjectACL", "CacheControl", "ContentDisposition", "ContentEncoding", "ContentLanguage",
		"AccessControlAllowOrigin", "AccessControlRequestMethod",
		"ServerSideEncryption", "ServerSideDataEncryption", "ServerSideEncryptionKeyId",
		"ServerSideEncryptionCustomerAlgorithm",
		"AudioCovers", "Elements",
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
		size = format.Size(f.Size)
		if f.Size >= 1024 {
			size += " (" + format.Count(f.Size) + " bytes)"
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
		{k: "Duration", v: format.Seconds(f.Duration)},
		{k: "Format", v: joinNonEmpty(" - ", f.FormatName, f.FormatLongName)},
		{k: "Pages", v: nonZero(f.PageCount)},
		{k: "Faces", v: nonZero(f.FigureCount)},
		{k: "Semantic types", v: strings.Join(f.SemanticTypes, ", ")},
	})

	if !problem {
		d.section("Index status", []kv{status, reason})
	}
	d.section("Times", []kv{
		{k: "Produced", v: format.Time(f.ProduceTime, format.Second)},
		{k: "File created", v: format.Time(f.FileCreateTime, format.Second)},
		{k: "File modified", v: format.Time(f.FileModifiedTime, format.Second)},
		{k: "File accessed", v: format.Time(f.FileAccessTime, format.Second)},
		{k: "Indexed", v: format.Time(f.CreateTime, format.Second)},
		{k: "Index updated", v: format.Time(unless(f.UpdateTime, f.CreateTime), format.Second)},
	})

	imageScore(d, "Image score", f.ImageScore)
	insights(d, f.Insights)
	crops(d, "Cropping suggestions", f.CroppingSuggestions)
	exif(d, "EXIF", f.EXIF)

	mediaTags(d, f)
	identity(d, f)
	ossObject(d, f)
	audioCovers(d, f.AudioCovers)
	elements(d, f.Elements)

	if len(f.CustomLabels) > 0 {
		d.title("Custom labels")
		d.kvs(sortedMap(f.CustomLabels))
	}
}

// identity is what names the file inside IMM: its object ID, the
// caller's own ID for it, and where it lives.
func identity(d *doc, f *imm.File) {
	d.section("Identity", []kv{
		{k: "Object ID", v: f.ObjectId},
		{k: "Object type", v: f.ObjectType},
		{k: "Custom ID", v: f.CustomId},
		{k: "Owner ID", v: f.OwnerId},
		{k: "Project", v: f.ProjectName},
		{k: "Dataset", v: f.DatasetName},
		{k: "Travel cluster", v: f.TravelClusterId},
	})
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
		d.section("Insights: "+x.name, []kv{{k: "Caption", v: x.i.Caption, block: true}, {k: "Description", v: x.i.Description, block: true}})
	}
}

// imageScore draws IMM's quality score as a bar.
func imageScore(d *doc, title string, sc *imm.ImageScore) {
	if sc == nil {
		return
	}
	s := d.s
	d.title(title)
	q := sc.OverallQualityScore
	d.add(s.Key.Render("Overall quality") + "  " + s.Bar(q, 10) + " " + s.Value.Render(format.Confidence(q)))
}

// exif draws an EXIF string: its tags when it is the JSON object IMM
// sends, else the text as sent.
func exif(d *doc, title, text string) {
	if text == "" {
		return
	}
	d.title(title)
	if rows, ok := parseEXIF(text); ok {
		if len(rows) == 0 {
			d.note("empty EXIF")
		}
		d.kvs(rows)
		return
	}
	d.note("EXIF is not valid JSON; shown as sent:")
	d.para(text, d.s.Value, 2)
}

func crops(d *doc, title string, cs []imm.CroppingSuggestion) {
	if len(cs) == 0 {
		return
	}
	d.title(title)
	rows := make([]kv, 0, len(cs))
	for _, c := range cs {
		v := "confidence " + format.Confidence(c.Confidence)
		if b := withPolygon(c.Boundary); b != "" {
			v += ", " + b
		}
		rows = append(rows, kv{k: c.AspectRatio, v: v})
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
