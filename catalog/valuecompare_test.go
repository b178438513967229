package catalog

import "testing"

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
