package search

import (
	"fmt"

	"github.com/mattn/go-runewidth"
)

// Error is a query that does not compile. It points at the word that is
// wrong, in bytes (to slice the text) and in terminal cells (to draw a
// marker under the prompt, where CJK characters take two cells).
type Error struct {
	Offset, End int    // byte range of the wrong word in the text
	Column      int    // cells before Offset
	Width       int    // cells of the wrong word (at least 1)
	Message     string // what is wrong and how to say it instead
}

func (e *Error) Error() string {
	return fmt.Sprintf("column %d: %s", e.Column+1, e.Message)
}

// errAt builds an Error for text[start:end].
func errAt(text string, start, end int, format string, a ...any) *Error {
	start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
	w := runewidth.StringWidth(text[start:end])
	return &Error{Offset: start, End: end, Column: runewidth.StringWidth(text[:start]), Width: max(1, w),
		Message: fmt.Sprintf(format, a...)}
}

// closest is the candidate nearest to s (edit distance at most 2, and
// less than s is long), or "".
func closest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := distance(s, c); d < bestD && d < len([]rune(s)) {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance over runes, with a swap of two
// neighbours counting as one edit ("lable" is one edit from "label").
func distance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			c := 1
			if x[i-1] == y[j-1] {
				c = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+c)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}
