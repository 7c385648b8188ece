package review

import "testing"

func TestLowClusterIsStrictlyBelowAndIgnoresUnsent(t *testing.T) {
	th := Default()
	for conf, want := range map[float64]bool{0: false, 0.2: true, 0.69: true, 0.7: false, 0.95: false} {
		if got := th.LowCluster(conf); got != want {
			t.Errorf("LowCluster(%v) = %v, want %v", conf, got, want)
		}
	}
	if got := th.Describe(); got != "below 0.7" {
		t.Errorf("Describe = %q", got)
	}
}
