package config

import (
	"strings"
)

// keyLines maps each key of a TOML document ("review.low_cluster_confidence")
// to the line where it is set. BurntSushi/toml knows these positions but
// keeps them private, and reports only the first decoding error; the config
// is checked key by key (every problem reported, every good value kept), so
// the lines come from this scan. It understands table headers, dotted and
// quoted keys, and skips multi-line strings; a key it cannot place gets
// line 0, and the message then names the key alone.
func keyLines(doc string) map[string]int {
	lines := map[string]int{}
	table := ""
	inMulti := "" // the delimiter of the multi-line string being skipped
	for i, raw := range strings.Split(doc, "\n") {
		line := strings.TrimSpace(raw)
		if inMulti != "" {
			if strings.Contains(line, inMulti) {
				inMulti = ""
			}
			continue
		}
		if line == "" || line[0] == '#' {
			continue
		}
		if line[0] == '[' {
			name := strings.Trim(stripComment(line), "[] \t")
			table = joinKey(splitKey(name))
			if _, ok := lines[table]; !ok {
				lines[table] = i + 1
			}
			continue
		}
		eq := strings.IndexByte(line, '=')
		if eq <= 0 {
			continue
		}
		key := joinKey(splitKey(line[:eq]))
		if table != "" {
			key = table + "." + key
		}
		if _, ok := lines[key]; !ok {
			lines[key] = i + 1
		}
		value := strings.TrimSpace(line[eq+1:])
		for _, d := range []string{`"""`, `'''`} {
			if strings.HasPrefix(value, d) && !strings.Contains(value[len(d):], d) {
				inMulti = d
			}
		}
	}
	return lines
}

// splitKey splits a dotted key, unquoting its parts.
func splitKey(s string) []string {
	var parts []string
	for _, p := range strings.Split(s, ".") {
		p = strings.TrimSpace(p)
		if len(p) >= 2 && (p[0] == '"' || p[0] == '\'') && p[len(p)-1] == p[0] {
			p = p[1 : len(p)-1]
		}
		parts = append(parts, p)
	}
	return parts
}

func joinKey(parts []string) string { return strings.Join(parts, ".") }

func stripComment(s string) string {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		return s[:i]
	}
	return s
}
