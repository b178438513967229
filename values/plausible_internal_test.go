package values

import (
	"strings"
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

// TestPlausibleBounds: each row of bounds lets its most through and
// refuses or warns of a little more, in the indicator's unit as the
// framework writes it; the cases name every row, so a row added without
// one fails here.
func TestPlausibleBounds(t *testing.T) {
	tests := []struct {
		name, unit   string
		most, past   float64
		refused      bool
		wantInWarned string
	}{
		{"比例", "%", 100, 100.5, true, ""},
		{"受教育年限", "年", 30, 31, false, "超过 30 年"},
		{"人数", "人", 1.4e9, 1.5e9, false, "超过 14 亿"},
		{"万人", "万人", 14e4, 15e4, false, "按指标单位“万人”填写"},
		{"万人次", "万人次", 14e4, 1256000, false, "按指标单位“万人次”填写"},
		{"人均藏书", "册/人", 20, 5000, false, "是人均数\uFF0C数值 5000册/人 超过 20册/人"},
		{"人均经费", "元/人", 1000, 30000000, false, "是人均数\uFF0C数值 30000000元/人 超过 1000元/人"},
		{"学习基地数", "个", 5e7, 1e8, false, "超过 5000 万\uFF0C多于任何城市的常住人口"},
		{"学习活动场次", "场", 5e7, 6e7, false, "超过 5000 万"},
	}
	covered := make(map[*bound]bool)
	for _, tt := range tests {
		ind := &catalog.Indicator{Code: "3.2.2", Name: "市民学习指标", Unit: tt.unit}
		b, _ := boundOf(tt.unit)
		if b == nil {
			t.Errorf("%s: no bound for %s", tt.name, tt.unit)
			continue
		}
		covered[b] = true
		if w, err := plausible(ind, tt.most, ""); len(w) != 0 || err != nil {
			t.Errorf("%s: %v %s: %v, %v; want it taken without a warning", tt.name, tt.most, tt.unit, w, err)
		}
		w, err := plausible(ind, tt.past, "")
		switch {
		case tt.refused && err == nil:
			t.Errorf("%s: %v %s taken, want it refused", tt.name, tt.past, tt.unit)
		case !tt.refused && (err != nil || len(w) != 1 || !strings.Contains(w[0].Chinese, tt.wantInWarned) || w[0].English == ""):
			t.Errorf("%s: %v %s: %+v, %v; want one warning saying %q, in English too", tt.name, tt.past, tt.unit, w, err, tt.wantInWarned)
		}
		if _, err := plausible(ind, -1, "-1"); err == nil {
			t.Errorf("%s: -1 %s taken, want a negative count refused", tt.name, tt.unit)
		}
	}
	for i := range bounds {
		if !covered[&bounds[i]] {
			t.Errorf("bounds row %+v has no case here", bounds[i])
		}
	}
	// A count with no bound (人次, 册 as a total, 平方米) is never warned of.
	for _, unit := range []string{"人次", "册", "平方米"} {
		ind := &catalog.Indicator{Code: "2.2.1", Name: "市民终身学习基地数量", Unit: unit}
		if w, err := plausible(ind, 5e9, ""); len(w) != 0 || err != nil {
			t.Errorf("5e9 %s: %v, %v; want no bound", unit, w, err)
		}
	}
}
