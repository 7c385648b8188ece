// Package format turns the numbers, times and identifiers of the models
// into the text the screens draw. Every screen formats through it, so a
// count, a confidence or a time reads the same everywhere.
//
// Nothing here escapes text: callers pass the result through safetext
// where it is drawn, like any other text.
package format

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Glyphs are the choices that depend on the terminal: East Asian ambiguous
// characters (±, °, …) take one cell in some terminals and two in others,
// so where the terminal counts them wide (ASCII), plain ASCII stands in.
// The root decides once and hands the value down; nothing is global.
type Glyphs struct{ ASCII bool }

// PlusMinus is "±", or "+/-".
func (g Glyphs) PlusMinus() string {
	if g.ASCII {
		return "+/-"
	}
	return "±"
}

// Degree is "°", or " deg ".
func (g Glyphs) Degree() string {
	if g.ASCII {
		return " deg "
	}
	return "°"
}

// Ellipsis marks cut text: "…", or "~".
func (g Glyphs) Ellipsis() string {
	if g.ASCII {
		return "~"
	}
	return "…"
}

// Count writes n with thousands separators: 13107200 is "13,107,200".
func Count(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Plural is n and the noun n asks for: "1 call", "2 calls", "1,000 calls".
func Plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Count(n) + " " + many
}

// Size renders a byte count in binary units ("1.5 MiB"); under 1 KiB it
// stays exact ("1000 B").
func Size(n int64) string {
	if n < 1024 {
		return strconv.FormatInt(n, 10) + " B"
	}
	units := []string{"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	v := float64(n)
	u := -1
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	return fmt.Sprintf("%.1f %s", v, units[u])
}

// Decimal formats v with at most prec decimals and no trailing zeros.
func Decimal(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// Confidence renders a 0..1 score with two decimals, or "-" for 0: a model
// cannot tell a score the server left out from a sent 0, and a detected
// attribute with a real 0 confidence does not occur.
func Confidence(v float64) string {
	if v == 0 {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// Ages renders a cluster's youngest, average and oldest age as "21-30-44",
// or "-" when the server sent none.
func Ages(lo, avg, hi float64) string {
	if lo == 0 && avg == 0 && hi == 0 {
		return "-"
	}
	r := func(f float64) string { return strconv.Itoa(int(math.Floor(f + 0.5))) }
	return r(lo) + "-" + r(avg) + "-" + r(hi)
}

// Bitrate renders bits per second in decimal units, as players do.
func Bitrate(bps int64) string {
	switch {
	case bps <= 0:
		return ""
	case bps >= 1_000_000:
		return Decimal(float64(bps)/1e6, 2) + " Mb/s"
	case bps >= 1000:
		return Decimal(float64(bps)/1e3, 1) + " kb/s"
	}
	return strconv.FormatInt(bps, 10) + " b/s"
}

// FrameRate renders ffprobe's rational rates: "30000/1001" is "29.97 fps",
// "25/1" is "25 fps". Anything it cannot read is shown as sent.
func FrameRate(s string) string {
	if s == "" {
		return ""
	}
	num, den, ok := strings.Cut(s, "/")
	if !ok {
		den = "1"
	}
	n, err1 := strconv.ParseFloat(strings.TrimSpace(num), 64)
	d, err2 := strconv.ParseFloat(strings.TrimSpace(den), 64)
	if err1 != nil || err2 != nil || d == 0 || math.IsNaN(n/d) || math.IsInf(n/d, 0) {
		return s
	}
	return Decimal(n/d, 2) + " fps"
}
