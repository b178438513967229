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

// TestPlausibleWarnsPastChinasPopulation: a count of people past 14 亿
// is warned of, and so is one of visits in a unit in 万 (1256000 typed
// for 万人次, meaning 人次); a count of visits in 人次 (an online
// platform's) may pass it without a warning.
func TestPlausibleWarnsPastChinasPopulation(t *testing.T) {
	for _, tt := range []struct {
		unit   string
		number float64
		warned bool
	}{
		{"人", 1.5e9, true},
		{"万人", 15e4, true},
		{"万人次", 1256000, true},
		{"人次", 2e9, false},
		{"人次", 1.2e9, false},
		{"万人次", 125.6, false},
	} {
		ind := &catalog.Indicator{Code: "3.1.3", Name: "市民年参与学习活动人次", Unit: tt.unit}
		warnings, err := plausible(ind, tt.number, "")
		if err != nil || (len(warnings) == 1) != tt.warned {
			t.Errorf("%v %s: warnings %+v, %v; want warned %v", tt.number, tt.unit, warnings, err, tt.warned)
		}
	}
}
