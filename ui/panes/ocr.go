package panes

import (
	"fmt"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/format"
)

// ocrPane shows each recognised text block with its confidence, language
// and position, then the file's full OCR text. Both are blocks: their line
// breaks are the text's.
type ocrPane struct{}

func (ocrPane) title() string    { return "OCR" }
func (ocrPane) fields() []string { return []string{"OCRContents", "OCRTexts"} }
func (ocrPane) empty() string    { return "no OCR text in this file" }
func (ocrPane) multilingual()    {}

func (ocrPane) lines(d *doc, f *imm.File) {
	if len(f.OCRContents) > 0 {
		d.title(fmt.Sprintf("Text blocks (%d)", len(f.OCRContents)))
		// Blocks keep their number in the file whichever are shown.
		idx := make([]int, len(f.OCRContents))
		for i := range idx {
			idx[i] = i
		}
		first := true
		byLanguage(d, idx, func(i int) string { return f.OCRContents[i].Language }, func(_ string, group []int, _ bool) {
			for _, i := range group {
				if !first {
					d.add("")
				}
				first = false
				ocrBlock(d, i, f.OCRContents[i])
			}
		})
	}
	if f.OCRTexts != "" {
		d.title("Full text")
		d.para(f.OCRTexts, d.s.Value, 0)
	}
}

// ocrBlocks draws recognised text blocks (a file's, or an audio cover's):
// a head line with number, confidence and language, where the block is,
// and its text.
func ocrBlocks(d *doc, blocks []imm.OCRContents) {
	for i, c := range blocks {
		if i > 0 {
			d.add("")
		}
		ocrBlock(d, i, c)
	}
}

// ocrBlock draws block i (numbered from 1).
func ocrBlock(d *doc, i int, c imm.OCRContents) {
	s := d.s
	head := s.Key.Render(fmt.Sprintf("#%d", i+1)) + "  " +
		s.Bar(c.Confidence, 10) + " " + s.Value.Render(format.Confidence(c.Confidence))
	if c.Language != "" {
		head += "  " + s.Muted.Render(safetext.Line(c.Language))
	}
	d.add(head)
	if b := withPolygon(c.Boundary); b != "" {
		d.para(b, s.Muted, 2)
	}
	if c.Contents == "" {
		d.para("(empty block)", s.Muted, 2)
	} else {
		d.para(c.Contents, s.Value, 2)
	}
}
