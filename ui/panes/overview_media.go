package panes

import (
	"fmt"
	"strings"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/ui/format"
)

// mediaTags are the container's tags (what a player shows as title,
// artist, album) and its start time.
func mediaTags(d *doc, f *imm.File) {
	d.section("Media tags", []kv{
		{k: "Title", v: f.Title},
		{k: "Artist", v: f.Artist},
		{k: "Album artist", v: f.AlbumArtist},
		{k: "Album", v: f.Album},
		{k: "Composer", v: f.Composer},
		{k: "Performer", v: f.Performer},
		{k: "Language", v: f.Language},
		{k: "Start time", v: format.Seconds(f.StartTime)},
	})
}

// audioCovers are the pictures embedded in an audio file, each with what
// IMM found in it: size, score, crops, EXIF and text.
func audioCovers(d *doc, covers []imm.Image) {
	for i, c := range covers {
		name := "Audio cover"
		if len(covers) > 1 {
			name = fmt.Sprintf("Audio cover %d", i+1)
		}
		rows := []kv{{k: "Dimensions", v: dims(c.ImageWidth, c.ImageHeight)}}
		if c.ImageScore != nil {
			rows = append(rows, kv{k: "Quality", v: format.Confidence(c.ImageScore.OverallQualityScore)})
		}
		d.title(name)
		if !anyValue(rows) {
			d.note("(nothing known of this cover)")
		}
		d.kvs(rows)
		crops(d, name+": cropping suggestions", c.CroppingSuggestions)
		exif(d, name+": EXIF", c.EXIF)
		if len(c.OCRContents) > 0 {
			d.title(name + ": text")
			ocrBlocks(d, c.OCRContents)
		}
	}
}

// elements are a document's structural parts: each with its type and
// similarity, its contents (text, image or link, with where it sits in
// time) and its relations to other elements.
func elements(d *doc, els []imm.Element) {
	if len(els) == 0 {
		return
	}
	d.title(fmt.Sprintf("Document elements (%d)", len(els)))
	for i, e := range els {
		if i > 0 {
			d.add("")
		}
		rows := []kv{
			{k: "Element", v: e.ObjectId},
			{k: "Type", v: e.ElementType},
			{k: "Similarity", v: confOrEmpty(e.SemanticSimilarity)},
		}
		for _, c := range e.ElementContents {
			rows = append(rows, kv{k: "Content " + orDash(c.Type), v: c.Content, block: true})
			rows = append(rows, kv{k: "  URL", v: c.URL}, kv{k: "  Time", v: format.ClipRange(c.TimeRange)})
		}
		for _, r := range e.ElementRelations {
			rows = append(rows, kv{k: "Related", v: strings.TrimSpace(r.ObjectId + " (" + orDash(r.Type) + ")")})
		}
		d.kvs(rows)
	}
}
