package panes

import (
	"slices"
	"strings"
)

// langChoice is which languages a pane shows of text IMM sends in several
// (labels, addresses, OCR blocks): the user's own, or every one with the
// user's first. L switches.
type langChoice struct {
	user string // BCP 47 ("zh-Hans", "en-US"); "" = none known
	all  bool
}

// multilingual marks a pane content whose entries carry a language; the
// text pane gives it the L key.
type multilingual interface {
	multilingual()
}

// byLanguage splits items by language (case aside: "zh-hans" is
// "zh-Hans") in the order the user reads them, dropping the languages not
// shown; each group is drawn by draw, and a note says what is hidden.
func byLanguage[T any](d *doc, items []T, lang func(T) string, draw func(lang string, group []T, many bool)) {
	var langs []string
	for _, it := range items {
		l := lang(it)
		if !slices.ContainsFunc(langs, func(x string) bool { return strings.EqualFold(x, l) }) {
			langs = append(langs, l)
		}
	}
	shown, hidden := d.lang.order(langs)
	if _, h := (langChoice{user: d.lang.user}).order(langs); h > 0 {
		d.langHides = true
	}
	for _, l := range shown {
		var group []T
		for _, it := range items {
			if strings.EqualFold(lang(it), l) {
				group = append(group, it)
			}
		}
		draw(l, group, len(shown) > 1)
	}
	d.langNote(shown, hidden, langs)
}

// langRank says how well lang serves a reader of user: 0 the same tag, 1
// the same Chinese script (zh-CN reads zh-Hans), 2 the same language, -1
// not at all.
func langRank(lang, user string) int {
	l, u := strings.ToLower(lang), strings.ToLower(user)
	switch {
	case l == "" || u == "":
		return -1
	case l == u:
		return 0
	case chineseScript(l) != "" && chineseScript(l) == chineseScript(u):
		return 1
	case primary(l) == primary(u):
		return 2
	}
	return -1
}

func primary(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		return tag[:i]
	}
	return tag
}

// chineseScript is "hans" or "hant" for a Chinese tag, by its script or
// its region ("" when it names neither, or is not Chinese).
func chineseScript(tag string) string {
	if primary(tag) != "zh" {
		return ""
	}
	for _, part := range strings.FieldsFunc(tag, func(r rune) bool { return r == '-' || r == '_' })[1:] {
		switch part {
		case "hans", "cn", "sg", "my":
			return "hans"
		case "hant", "tw", "hk", "mo":
			return "hant"
		}
	}
	return ""
}

// order is the languages of a file to show, best for the user first, and
// how many are hidden: with all off only the best one is shown (every one
// when none serves the user, so nothing is hidden for want of a match).
func (c langChoice) order(langs []string) (shown []string, hidden int) {
	var uniq []string
	for _, l := range langs {
		if !slices.Contains(uniq, l) {
			uniq = append(uniq, l)
		}
	}
	rank := func(l string) int {
		if r := langRank(l, c.user); r >= 0 {
			return r
		}
		return 3
	}
	slices.SortStableFunc(uniq, func(a, b string) int { return rank(a) - rank(b) })
	if c.all || len(uniq) <= 1 || rank(uniq[0]) == 3 {
		return uniq, 0
	}
	return uniq[:1], len(uniq) - 1
}

// langNote says which languages are hidden and how to see them.
func (d *doc) langNote(shown []string, hidden int, all []string) {
	if hidden == 0 {
		return
	}
	var others []string
	for _, l := range all {
		if !slices.Contains(shown, l) {
			others = append(others, langName(l))
		}
	}
	d.note("also in " + strings.Join(others, ", ") + ": L shows every language")
}

func langName(l string) string {
	if l == "" {
		return "unknown language"
	}
	return l
}
