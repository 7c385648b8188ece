package dataset

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/immtui/immtui/imm"
)

// lang is the language a file's labels and captions come in.
type lang uint8

const (
	langZh lang = iota
	langEn
	langBoth
)

func (g *gen) lang() lang {
	switch x := g.r.Float64(); {
	case x < 0.65:
		return langZh
	case x < 0.9:
		return langEn
	default:
		return langBoth
	}
}

// documentScene stands for documents in the label cache.
const documentScene = -1

var documentLabels = []string{"Text"}

// labels returns a scene's labels in the API's hierarchy: each label with
// its ancestors (level 1 to 3), ParentLabelName naming the level above,
// once per language. Rich files get their own copy with drawn confidences
// and, for videos (durationMS > 0), Clips; the others share one read-only
// slice per scene and language.
func (g *gen) labels(scene int, l lang, durationMS int64, rich bool) []imm.Label {
	t := g.labelTemplate(scene, l)
	if !rich {
		return t
	}
	out := make([]imm.Label, len(t))
	copy(out, t)
	for i := range out {
		depth := float64(out[i].LabelLevel - 1)
		// Broader labels are surer and less central.
		out[i].LabelConfidence = g.r.score(0.9-0.08*depth, 1-0.03*depth)
		out[i].CentricScore = g.r.score(0.3+0.2*depth, 0.6+0.13*depth)
		if durationMS > 0 {
			out[i].Clips = g.clips(durationMS)
		}
	}
	return out
}

func (g *gen) labelTemplate(scene int, l lang) []imm.Label {
	if g.labelCache == nil {
		g.labelCache = make([][3][]imm.Label, len(g.v.Scenes)+1)
	}
	leaves := documentLabels
	if scene != documentScene {
		leaves = g.v.Scenes[scene].Labels
	}
	slot := &g.labelCache[scene+1][l]
	if *slot != nil {
		return *slot
	}
	var out []imm.Label
	for _, zh := range []bool{true, false} {
		if (zh && l == langEn) || (!zh && l == langZh) {
			continue
		}
		var done []string
		for _, leaf := range leaves {
			path := g.v.LabelPath(leaf)
			for depth, n := range path {
				if containsString(done, n.En) {
					continue
				}
				done = append(done, n.En)
				lb := imm.Label{LabelLevel: int64(depth + 1)}
				if zh {
					lb.LabelName, lb.LabelAlias, lb.Language = n.Zh, n.AliasZh, "zh-Hans"
					if depth > 0 {
						lb.ParentLabelName = path[depth-1].Zh
					}
				} else {
					lb.LabelName, lb.LabelAlias, lb.Language = n.En, n.AliasEn, "en"
					if depth > 0 {
						lb.ParentLabelName = path[depth-1].En
					}
				}
				d := float64(depth)
				lb.LabelConfidence = g.r.score(0.9-0.08*d, 1-0.03*d)
				lb.CentricScore = g.r.score(0.3+0.2*d, 0.6+0.13*d)
				keepZero(&lb.Extras, "LabelAlias", lb.LabelAlias) // IMM sends "" for a label without alias
				out = append(out, lb)
			}
		}
	}
	*slot = out
	return out
}

func containsString(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// clips are one or two time ranges in milliseconds within a video.
func (g *gen) clips(durationMS int64) []imm.Clip {
	n := 1 + g.r.IntN(2)
	out := make([]imm.Clip, n)
	step := durationMS / int64(n)
	for i := range out {
		from := int64(i)*step + g.r.Int64N(max(1, step/2))
		to := min(durationMS, from+max(500, g.r.Int64N(max(1, step-(from-int64(i)*step)))))
		out[i].TimeRange = []int64{from, to}
	}
	return out
}

// ocrLanguage is the language IMM's OCR reports for a text block (the
// published example uses "zh-hans").
func ocrLanguage(s string) string {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return "zh-hans"
		}
	}
	return "en"
}

// ocr lays lines of text out as blocks down a w×h image, and returns them
// with OCRTexts (the lines joined).
func (g *gen) ocr(lines []string, w, h int64) ([]imm.OCRContents, string) {
	if len(lines) == 0 {
		return nil, ""
	}
	out := make([]imm.OCRContents, len(lines))
	lineH := max(12, h/int64(3*len(lines)+2))
	for i, s := range lines {
		width := min(w-10, int64(len([]rune(s)))*lineH*3/4+g.r.Int64N(lineH))
		top := lineH + int64(i)*lineH*3/2 + g.r.Int64N(max(1, lineH/4))
		out[i] = imm.OCRContents{
			Contents:   s,
			Confidence: g.r.score(0.8, 0.995),
			Language:   ocrLanguage(s),
			Boundary:   rect(5+g.r.Int64N(max(1, w-width-5)), min(top, h-lineH), max(1, width), lineH),
		}
	}
	return out, strings.Join(lines, "\n")
}

// someLines picks up to n lines from s, keeping their order.
func (g *gen) someLines(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	start := g.r.IntN(len(s) - n + 1)
	return s[start : start+n]
}

// crops suggests crops of a w×h image for common aspect ratios.
func (g *gen) crops(w, h int64) []imm.CroppingSuggestion {
	ratios := [...]struct {
		name string
		x, y int64
	}{{"1:1", 1, 1}, {"4:3", 4, 3}, {"16:9", 16, 9}, {"2:3", 2, 3}, {"3:4", 3, 4}}
	first := g.r.IntN(len(ratios))
	n := 1 + g.r.IntN(3)
	out := make([]imm.CroppingSuggestion, n)
	for i := range out {
		r := ratios[(first+i)%len(ratios)]
		cw, ch := w, w*r.y/r.x
		if ch > h {
			cw, ch = h*r.x/r.y, h
		}
		out[i] = imm.CroppingSuggestion{
			AspectRatio: r.name,
			Confidence:  g.r.score(0.6, 0.95),
			Boundary:    rect(g.r.Int64N(w-cw+1), g.r.Int64N(h-ch+1), cw, ch),
		}
	}
	return out
}

// exifBuilder writes EXIF as the API sends it: a JSON object of
// {"Tag":{"value":"..."}}, serialised into a string.
type exifBuilder struct{ b []byte }

func (e *exifBuilder) add(tag, value string) {
	if value == "" {
		return
	}
	if len(e.b) == 0 {
		e.b = append(e.b, '{')
	} else {
		e.b = append(e.b, ',')
	}
	e.b = appendJSONString(e.b, tag)
	e.b = append(e.b, `:{"value":`...)
	e.b = appendJSONString(e.b, value)
	e.b = append(e.b, '}')
}

func (e *exifBuilder) String() string {
	if len(e.b) == 0 {
		return "{}"
	}
	e.b = append(e.b, '}')
	return string(e.b)
}

// appendJSONString appends s as a JSON string literal.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// dms formats a coordinate as EXIF GPS degrees, minutes and seconds.
func dms(x float64) string {
	if x < 0 {
		x = -x
	}
	d := int(x)
	m := int((x - float64(d)) * 60)
	s := (x - float64(d) - float64(m)/60) * 3600
	return strconv.Itoa(d) + "deg " + strconv.Itoa(m) + "' " + strconv.FormatFloat(s, 'f', 2, 64) + `"`
}
