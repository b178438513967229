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

// TestChangeOfARateIsInPoints: the change of a percentage is counted in
// percentage points (58.6% after 56% rose 2.6 个百分点, not 2.6%), of a
// per-mille rate in per-mille points; any other unit keeps its own
// (万人次, 个, 元/人), and a value already in points changes by points.
func TestChangeOfARateIsInPoints(t *testing.T) {
	for _, tt := range []struct {
		name      string
		now, then Value
		unit      string
		english   string
	}{
		{"成人年参与学习率", Value{Number: 58.6, Unit: "%"}, Value{Number: 56, Unit: "%"}, "个百分点", "2.6 percentage points"},
		{"全角百分号", Value{Number: 61.2, Unit: "％"}, Value{Number: 58.6, Unit: "%"}, "个百分点", "2.6 percentage points"},
		{"百分比", Value{Number: 61.2, Unit: "百分比"}, Value{Number: 58.6, Unit: "百分比"}, "个百分点", "2.6 percentage points"},
		{"千分率", Value{Number: 3.5, Unit: "‰"}, Value{Number: 2.9, Unit: "‰"}, "个千分点", "0.6 per-mille points"},
		{"百分点本身", Value{Number: 3.1, Unit: "个百分点"}, Value{Number: 2.5, Unit: "个百分点"}, "个百分点", "0.6 percentage points"},
		{"万人次", Value{Number: 92.3, Unit: "万人次"}, Value{Number: 86, Unit: "万人次"}, "万人次", "63,000 attendances"},
		{"个", Value{Number: 130, Unit: "个"}, Value{Number: 123, Unit: "个"}, "个", "7"},
	} {
		c := tt.now.CompareWith(&tt.then)
		if !c.Comparable || c.Unit != tt.unit {
			t.Errorf("%s: %+v, want the change in %s", tt.name, c, tt.unit)
			continue
		}
		if got := AmountIn(c.Change, c.Unit, true); got != tt.english {
			t.Errorf("%s: change in English %q, want %q", tt.name, got, tt.english)
		}
	}
}
