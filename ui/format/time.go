package format

import (
	"fmt"
	"math"
	"time"
)

// One rule for the zone of a time: a time the API sent keeps the offset it
// was sent with (a photo's ProduceTime is where it was taken, not where
// the browser runs), whether it is still the text (Time) or the seconds
// and offset a cluster row keeps of it (UnixAt), so a list and the header
// of one of its rows show the same clock. No time is shown in the local
// zone: the frame is the same wherever the browser runs.

// Precision is how much of a time is shown.
type Precision int

const (
	Minute Precision = iota // tables: "2024-05-01 14:03"
	Second                  // details: "2024-05-01 14:03:59 +08:00"
)

// Time shows an API time (RFC 3339, often to the nanosecond) in its own
// offset; "" for none, anything unreadable as sent.
func Time(s string, p Precision) string {
	if s == "" {
		return ""
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return s
	}
	return at(t, p)
}

// UnixAt shows unix seconds at offset minutes east of UTC, as Time shows
// the text they were parsed from; "" for none.
func UnixAt(sec int64, offset int, p Precision) string {
	if sec <= 0 {
		return ""
	}
	return at(time.Unix(sec, 0).In(time.FixedZone("", offset*60)), p)
}

func at(t time.Time, p Precision) string {
	if p == Minute {
		return t.Format("2006-01-02 15:04")
	}
	if _, off := t.Zone(); off == 0 {
		return t.Format("2006-01-02 15:04:05 UTC")
	}
	return t.Format("2006-01-02 15:04:05 -07:00")
}

// Clock renders milliseconds as m:ss.mmm (h:mm:ss.mmm past an hour).
func Clock(ms int64) string {
	sign := ""
	if ms < 0 {
		sign, ms = "-", -ms
	}
	h, m := ms/3600000, ms/60000%60
	s, milli := ms/1000%60, ms%1000
	if h > 0 {
		return fmt.Sprintf("%s%d:%02d:%02d.%03d", sign, h, m, s, milli)
	}
	return fmt.Sprintf("%s%d:%02d.%03d", sign, m, s, milli)
}

// ClipRange renders a TimeRange in ms ([start] or [start, end]).
func ClipRange(tr []int64) string {
	switch len(tr) {
	case 0:
		return ""
	case 1:
		return Clock(tr[0])
	default:
		return Clock(tr[0]) + "-" + Clock(tr[1])
	}
}

// Seconds renders a duration in seconds as m:ss.mmm; "" for none.
func Seconds(v float64) string {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return Clock(int64(math.Round(v * 1000)))
}
