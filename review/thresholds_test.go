package review

import (
	"strings"
	"testing"
)

func TestLowClusterIsStrictlyBelowAndIgnoresUnsent(t *testing.T) {
	th := Default()
	for conf, want := range map[float64]bool{0: false, 0.2: true, 0.69: true, 0.7: false, 0.95: false} {
		if got := th.LowCluster(conf); got != want {
			t.Errorf("LowCluster(%v) = %v, want %v", conf, got, want)
		}
	}
	if got := th.Describe("low-cluster-confidence"); got != "cluster confidence below 0.7" {
		t.Errorf("Describe = %q", got)
	}
}

func TestEveryThresholdHasANameADefaultAndADescription(t *testing.T) {
	th := Default()
	for _, n := range Names() {
		v, ok := th.Get(n)
		if !ok || v == 0 {
			t.Errorf("%s: default %v, ok %v", n, v, ok)
		}
		if d := th.Describe(n); d == "" || strings.Contains(d, "%!") {
			t.Errorf("%s: Describe = %q", n, d)
		}
	}
	if got := th.Describe("age-off-curve"); got != "age more than 10 years off the cluster's age curve" {
		t.Errorf("age-off-curve: %q", got)
	}
}

func TestSetValidatesNamesAndBounds(t *testing.T) {
	th := Default()
	if err := th.SetText("max-yaw", "40"); err != nil || th.MaxYaw != 40 {
		t.Fatalf("max-yaw 40: %v, %v", err, th.MaxYaw)
	}
	for _, c := range []struct{ name, value, want string }{
		{"max-yaw", "200", "threshold max-yaw must be between 0 and 180, not 200"},
		{"low-cluster-confidence", "-0.1", "between 0 and 1"},
		{"age-curve-min-faces", "2.5", "must be a whole number"},
		{"max-yaw", "forty", `"forty" is not a number`},
		{"yaw", "40", `no threshold "yaw"; the thresholds are low-cluster-confidence,`},
	} {
		err := th.SetText(c.name, c.value)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %s: err %v, want %q", c.name, c.value, err, c.want)
		}
	}
	if th.MaxYaw != 40 {
		t.Errorf("a refused value changed max-yaw to %v", th.MaxYaw)
	}
}

func TestNudgeStepsAndStaysInBounds(t *testing.T) {
	th := Default()
	if err := th.Nudge("low-cluster-confidence", -1); err != nil || th.LowClusterConfidence != 0.65 {
		t.Errorf("0.7 - step = %v (%v)", th.LowClusterConfidence, err)
	}
	th.LowClusterConfidence = 1
	if err := th.Nudge("low-cluster-confidence", +1); err != nil || th.LowClusterConfidence != 1 {
		t.Errorf("1 + step = %v (%v)", th.LowClusterConfidence, err)
	}
	if err := th.Nudge("nope", 1); err == nil {
		t.Error("unknown name nudged")
	}
}
