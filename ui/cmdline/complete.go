package cmdline

import (
	"strings"

	"github.com/immtui/immtui/imm"
)

// Complete extends line (the text before the cursor) as far as the
// candidates for its last word agree: a command name, or for sort a key
// and an order. A word with one candidate is completed and followed by a
// space. It returns the new line and, when several candidates remain, them
// (for a hint).
func Complete(line string) (string, []string) {
	fields := strings.Fields(line)
	ends := line == "" || strings.HasSuffix(line, " ")
	var word string
	if !ends {
		word = fields[len(fields)-1]
		fields = fields[:len(fields)-1]
	}
	var cands []string
	switch {
	case len(fields) == 0:
		cands = Names()
	case len(fields) == 1 && strings.EqualFold(fields[0], "sort"):
		cands = imm.SortKeys
	case len(fields) == 2 && strings.EqualFold(fields[0], "sort"):
		cands = Orders
	default:
		return line, nil // IDs and URIs: nothing to offer
	}
	var match []string
	for _, c := range cands {
		if hasPrefixFold(c, word) {
			match = append(match, c)
		}
	}
	head := line[:len(line)-len(word)]
	switch len(match) {
	case 0:
		return line, nil
	case 1:
		return head + match[0] + " ", nil
	}
	common := match[0]
	for _, m := range match[1:] {
		common = commonPrefixFold(common, m)
	}
	if len(common) > len(word) {
		return head + common, match
	}
	return line, match
}

// commonPrefixFold is the longest prefix of a that b shares, ignoring case
// (the candidates are ASCII).
func commonPrefixFold(a, b string) string {
	n := 0
	for n < len(a) && n < len(b) && strings.EqualFold(a[n:n+1], b[n:n+1]) {
		n++
	}
	return a[:n]
}
