package catalog

import (
	"strconv"
	"testing"
)

// TestCompareWith: values of two rounds compare only in one unit (a scale
// of it converts: 12.3万人 is 123000人) and when no review contradicted
// the earlier one.
func TestCompareWith(t *testing.T) {
	for _, tt := range []struct {
		name       string
		now, then  Value
		comparable bool
		change     float64
		why        string
	}{
		{"同一单位", Value{Number: 130000, Unit: "人"}, Value{Number: 123000, Unit: "人"}, true, 7000, ""},
		{"万人与人", Value{Number: 130000, Unit: "人"}, Value{Number: 12.3, Unit: "万人"}, true, 7000, ""},
		{"全角百分号", Value{Number: 85.3, Unit: "%"}, Value{Number: 80, Unit: "％"}, true, 5.3, ""},
		{"全角斜线", Value{Number: 130, Unit: "元/人"}, Value{Number: 120, Unit: "元／人"}, true, 10, ""},
		{"人次与人", Value{Number: 130000, Unit: "人"}, Value{Number: 12.3, Unit: "万人次"}, false, 0, IncomparableUnit},
		{"上一轮与证据矛盾", Value{Number: 1300, Unit: "万人次"}, Value{Number: 1234.5, Unit: "万人次", Status: ClaimContradicted}, false, 0, IncomparableContradicted},
	} {
		c := tt.now.CompareWith(&tt.then)
		if c.Comparable != tt.comparable || c.Why != tt.why || (c.Comparable && (c.Change-tt.change > 1e-9 || tt.change-c.Change > 1e-9)) {
			t.Errorf("%s: %+v, want comparable %v change %v why %q", tt.name, c, tt.comparable, tt.change, tt.why)
		}
	}
}

// TestChangeAtTheValuesPrecision: a change between rounds is written to
// as many decimals as the two values have, never the float's noise: the
// probe's values API said 2.5999999999999996 for 58.6% after 56%.
func TestChangeAtTheValuesPrecision(t *testing.T) {
	for _, tt := range []struct {
		name      string
		now, then Value
		want      string
	}{
		{"成人年参与学习率", Value{Number: 58.6, Unit: "%"}, Value{Number: 56, Unit: "%"}, "2.6"},
		{"人均藏书", Value{Number: 1.3, Unit: "册/人"}, Value{Number: 1.1, Unit: "册/人"}, "0.2"},
		{"万人与人", Value{Number: 1.92, Unit: "万人"}, Value{Number: 15600, Unit: "人"}, "0.36"},
		{"人与万人", Value{Number: 19200, Unit: "人"}, Value{Number: 1.56, Unit: "万人"}, "3600"},
		{"两位小数", Value{Number: 0.35, Unit: "%"}, Value{Number: 0.1, Unit: "%"}, "0.25"},
	} {
		c := tt.now.CompareWith(&tt.then)
		if got := strconv.FormatFloat(c.Change, 'f', -1, 64); got != tt.want {
			t.Errorf("%s: change %s, want %s", tt.name, got, tt.want)
		}
	}
}
