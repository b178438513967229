package values

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestPlausibleLetsAChangeBeNegative: an indicator whose name says it
// measures a change (增长率) takes a negative rate and one over 100%,
// which a share (参与率) does not, and a fall written with a minus is
// found in its passage.
func TestPlausibleLetsAChangeBeNegative(t *testing.T) {
	growth := &catalog.Indicator{Code: "9.1", Name: "社区教育经费增长率", Unit: "%"}
	share := &catalog.Indicator{Code: "5.1.1", Name: "成人年参与学习率", Unit: "%"}
	for _, n := range []float64{-2.3, 150} {
		if _, err := plausible(growth, n, ""); err != nil {
			t.Errorf("growth rate %v: %v, want it taken", n, err)
		}
		if _, err := plausible(share, n, ""); err == nil {
			t.Errorf("share %v: taken, want it refused", n)
		}
	}
	if found, _ := findInPassage("社区教育经费较上年增长率为-2.3%", "。", -2.3, -2.3, "%"); !found {
		t.Errorf("-2.3%% not found in a passage that writes it")
	}
}
