package views

import (
	"strconv"
	"strings"

	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/ui/theme"
)

// queryJSON is the Files view's compiled query as sent, above the table
// (i): wrapped to the width, in at most half the height, and scrolled
// with J and K when longer (a bare word alone makes seven conditions).
type queryJSON struct {
	text  string // the JSON
	shown bool
	top   int // the first line shown

	// wrapped is text wrapped at width wrapW, kept between frames.
	wrapped []string
	wrapW   int
}

// rows is the JSON wrapped to w cells, escaped (IMM values are untrusted).
func (q *queryJSON) rows(w int) []string {
	if q.wrapW != w || q.wrapped == nil {
		q.wrapped, q.wrapW = nil, w
		for _, l := range strings.Split(q.text, "\n") {
			q.wrapped = append(q.wrapped, safetext.Wrap(safetext.Line(l), w)...)
		}
	}
	return q.wrapped
}

// room is the lines the JSON may take in a view of h lines: half, the
// rest the table's (none below 4 lines).
func room(h int) int {
	if h < 4 {
		return 0
	}
	return max((h-1)/2, 1)
}

// scrolls reports whether the JSON is shown and longer than its room.
func (q *queryJSON) scrolls(w, h int) bool {
	return q.shown && w > 0 && room(h) > 1 && len(q.rows(w)) > room(h)
}

// window is the first line shown and how many: one line of the room is
// the scroll line when the JSON scrolls.
func (q *queryJSON) window(w, h int) (top, n int) {
	rows, most := q.rows(w), room(h)
	if len(rows) <= most || most < 2 {
		return 0, min(len(rows), most) // too little room to scroll: cut
	}
	n = most - 1
	return min(max(q.top, 0), len(rows)-n), n
}

// scroll moves by half the lines shown, dir +1 down, -1 up.
func (q *queryJSON) scroll(dir, w, h int) {
	top, n := q.window(w, h)
	q.top = top + dir*max(n/2, 1)
	q.top, _ = q.window(w, h)
}

// lines is what is drawn: the window of the JSON, then, when it scrolls,
// which lines these are and the keys that move them.
func (q *queryJSON) lines(st *theme.Styles, w, h int) []string {
	if room(h) == 0 || w <= 0 {
		return nil
	}
	rows := q.rows(w)
	top, n := q.window(w, h)
	out := make([]string, 0, n+1)
	for _, l := range rows[top : top+n] {
		out = append(out, st.Muted.Render(l))
	}
	if q.scrolls(w, h) {
		where := "lines " + strconv.Itoa(top+1) + "-" + strconv.Itoa(top+n) + " of " + strconv.Itoa(len(rows)) + ": J/K scroll, i hides"
		out = append(out, st.Muted.Render(st.Truncate(where, w)))
	}
	return out
}
