package dataset

import "github.com/immtui/immtui/imm"

// FilesPer counts the files per value of values (empty values left out; a
// file counts once per value however often it holds it): what an IMM
// aggregation over the dataset should answer, computed from the files
// themselves.
func (d *Dataset) FilesPer(values func(f imm.File) []string) map[string]int64 {
	out := map[string]int64{}
	for _, f := range d.Files {
		seen := map[string]bool{}
		for _, v := range values(f) {
			if v != "" && !seen[v] {
				seen[v] = true
				out[v]++
			}
		}
	}
	return out
}
