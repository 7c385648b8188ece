package panes

import (
	"strings"
	"testing"

	"github.com/immtui/immtui/imm"
)

func TestOverviewShowsTimesToTheSecondWithTheFilesOwnOffset(t *testing.T) {
	f := &imm.File{URI: "oss://b/a.jpg", ProduceTime: "2024-07-01T18:12:03.044333108+08:00",
		CreateTime: "2024-07-02T01:02:03Z", FileModifiedTime: "yesterday"}
	out := show(t, "Overview", f, 100, 60).View()
	for _, want := range []string{"Produced       2024-07-01 18:12:03 +08:00", "Indexed        2024-07-02 01:02:03 UTC",
		"File modified  yesterday"} {
		if !strings.Contains(out, want) {
			t.Fatalf("overview lacks %q:\n%s", want, out)
		}
	}
}
