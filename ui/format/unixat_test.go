package format

import (
	"testing"
	"time"
)

func TestUnixAtShowsWhatTimeShowsForTheSameText(t *testing.T) {
	for _, text := range []string{
		"2021-06-29T14:50:13.011643661+08:00",
		"2021-06-29T06:50:13Z",
		"2021-06-29T01:20:13-05:30",
		"2024-12-31T23:59:59+14:00",
	} {
		p, err := time.Parse(time.RFC3339Nano, text)
		if err != nil {
			t.Fatal(err)
		}
		_, off := p.Zone()
		for _, prec := range []Precision{Minute, Second} {
			if got, want := UnixAt(p.Unix(), off/60, prec), Time(text, prec); got != want {
				t.Errorf("UnixAt(%s, %d) = %q, want Time's %q", text, off/60, got, want)
			}
		}
	}
	if got := UnixAt(1624949413, 8*60, Second); got != "2021-06-29 14:50:13 +08:00" {
		t.Errorf("UnixAt(+08:00) = %q", got)
	}
	if UnixAt(0, 480, Second) != "" {
		t.Error("no time is not blank")
	}
}
