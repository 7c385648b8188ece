package panes

import (
	"fmt"
	"sort"
	"strings"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/format"
	"github.com/immtui/immtui/ui/widgets/table"
)

// labelsPane shows the label hierarchy: each label under its parent (same
// language), indented by depth, with its confidence as a bar, its level
// and, on the line below, the time ranges of the video where it was seen.
// A video's scenes follow, each with its own labels the same way.
type labelsPane struct{}

func (labelsPane) title() string    { return "Labels" }
func (labelsPane) fields() []string { return []string{"Labels", "SceneElements"} }
func (labelsPane) empty() string    { return "no labels in this file" }
func (labelsPane) multilingual()    {}

// labelCols: the level goes first when narrow, then the alias, the
// centric score and the language (the highest Drop first).
var labelCols = []table.Column{
	{Title: "Label", Min: 24, Flex: 1},
	{Title: "Confidence", Min: 15},
	{Title: "Lvl", Min: 3, Right: true, Drop: 4},
	{Title: "Centric", Min: 7, Right: true, Drop: 2},
	{Title: "Lang", Min: 10, Drop: 1}, // BCP 47: "zh-Hant-TW"
	{Title: "Alias", Min: 12, Drop: 3},
}

// labelNode is one label placed in the tree.
type labelNode struct {
	l      *imm.Label
	depth  int
	orphan bool // its parent is not among the file's labels
}

// labelTree orders labels parent first, children under their parent by
// confidence. A label whose parent is missing (or which sits in a parent
// cycle) is shown as a root and marked orphan, so nothing is hidden.
func labelTree(labels []imm.Label) []labelNode {
	type key struct{ lang, name string }
	byName := make(map[key]int, len(labels))
	for i, l := range labels {
		k := key{l.Language, l.LabelName}
		if _, dup := byName[k]; !dup {
			byName[k] = i
		}
	}
	children := make(map[int][]int)
	var roots []int
	for i, l := range labels {
		p, ok := byName[key{l.Language, l.ParentLabelName}]
		if l.ParentLabelName == "" || !ok || p == i {
			roots = append(roots, i)
			continue
		}
		children[p] = append(children[p], i)
	}
	order := func(ix []int) {
		sort.SliceStable(ix, func(a, b int) bool {
			la, lb := labels[ix[a]], labels[ix[b]]
			if la.LabelLevel != lb.LabelLevel {
				return la.LabelLevel < lb.LabelLevel
			}
			return la.LabelConfidence > lb.LabelConfidence
		})
	}
	order(roots)
	out := make([]labelNode, 0, len(labels))
	seen := make([]bool, len(labels))
	var visit func(i, depth int, orphan bool)
	visit = func(i, depth int, orphan bool) {
		if seen[i] {
			return
		}
		seen[i] = true
		out = append(out, labelNode{l: &labels[i], depth: depth, orphan: orphan})
		kids := children[i]
		order(kids)
		for _, c := range kids {
			visit(c, depth+1, false)
		}
	}
	for _, r := range roots {
		l := labels[r]
		visit(r, 0, l.ParentLabelName != "")
	}
	// Labels left are in a parent cycle: nothing reached them.
	for i := range labels {
		if !seen[i] {
			visit(i, 0, true)
		}
	}
	return out
}

func (labelsPane) lines(d *doc, f *imm.File) {
	if len(f.Labels) == 0 && len(f.SceneElements) == 0 {
		return
	}
	widths := table.Widths(labelCols, d.w)
	if len(f.Labels) > 0 {
		labelTables(d, f.Labels, widths)
	}
	if len(f.SceneElements) == 0 {
		return
	}
	d.title(fmt.Sprintf("Scenes (%d)", len(f.SceneElements)))
	for i, sc := range f.SceneElements {
		if i > 0 {
			d.add("")
		}
		head := []string{fmt.Sprintf("Scene %d", i+1)}
		if r := format.ClipRange(sc.TimeRange); r != "" {
			head = append(head, r)
		}
		head = append(head, fmt.Sprintf("video stream %d", sc.VideoStreamIndex))
		var frames []string
		for _, ms := range sc.FrameTimes {
			frames = append(frames, format.Clock(ms))
		}
		d.para(strings.Join(head, "  "), d.s.Key, 0)
		if len(frames) > 0 {
			d.para("frames at "+strings.Join(frames, ", "), d.s.Muted, 2)
		}
		if len(sc.Labels) == 0 {
			d.para("(no labels in this scene)", d.s.Muted, 2)
			continue
		}
		labelTables(d, sc.Labels, widths)
	}
}

// labelTables draws a table of labels per language shown, the user's
// first; each language is its own tree (a parent is in its language).
func labelTables(d *doc, labels []imm.Label, widths []int) {
	first := true
	byLanguage(d, labels, func(l imm.Label) string { return l.Language }, func(lang string, group []imm.Label, many bool) {
		if many {
			if !first {
				d.add("") // not blank(): a lazy row reads as empty until drawn
			}
			d.para(langName(lang), d.s.Key, 0)
		}
		first = false
		labelTable(d, group, widths)
	})
}

// labelTable draws labels as a tree table (header, one row per label, its
// clips under it).
func labelTable(d *doc, labels []imm.Label, widths []int) {
	s := d.s
	d.add(table.Header(labelCols, widths, s.ColHeader))
	barW := 0
	if cw := widths[1]; cw >= 10 {
		barW = cw - 5
	}
	for _, n := range labelTree(labels) {
		d.addLazy(func() string { return labelRow(d, n, widths, barW) })
		// Clips go under the label, wrapped: a list of time ranges is
		// too long for a cell and cutting it would hide ranges.
		var clips []string
		for _, c := range n.l.Clips {
			if r := format.ClipRange(c.TimeRange); r != "" {
				clips = append(clips, r)
			}
		}
		if len(clips) > 0 {
			indent := min(2*n.depth+2, d.w/2)
			d.para("clips "+strings.Join(clips, ", "), s.Muted, indent)
		}
	}
}

// labelRow renders one label's table row.
func labelRow(d *doc, n labelNode, widths []int, barW int) string {
	s := d.s
	l := n.l
	name := strings.Repeat("  ", min(n.depth, 8)) + safetext.Line(l.LabelName)
	var nameStyle = &s.Value
	if n.orphan {
		name += " (under " + safetext.Line(l.ParentLabelName) + ")"
		nameStyle = &s.Muted
	}
	cells := []table.Cell{
		{Text: name, Style: nameStyle},
		{},
		{Text: nonZero(l.LabelLevel)},
		{Text: format.Confidence(l.CentricScore)},
		{Text: l.Language, Style: &s.Muted},
		{Text: l.LabelAlias},
	}
	if barW > 0 {
		cells[1] = table.Cell{Text: s.Bar(float64(l.LabelConfidence), barW) + " " + format.Confidence(l.LabelConfidence), Styled: true}
	} else {
		cells[1] = table.Cell{Text: format.Confidence(l.LabelConfidence)}
	}
	return table.Line(labelCols, widths, cells, s.Value)
}
