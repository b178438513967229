package values_test

import (
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// unitsPage writes numbers in many units, as a city's summary does.
const unitsPage = "杭州市2017年终身学习工作总结\n举办学习活动周活动56场，专职教师1,086人，社区学校342所，" +
	"全年参与学习12.3万人次，人均受教育年限10.8年，社区教育经费85 万元，人均藏书1.2册，成人年参与学习率达到56.5%。"

// TestValueFoundHeedsThePassageUnit: a number the passage writes in a
// unit that counts something else (56场 for 56%, 1,086人 for years) is
// not found as it is: value_found is false and the passage's unit is
// kept for the reviewer (单位不符), and so is 人次 for 人. A unit of the
// same family (所 for 个), or none, still finds it, 万 and 亿 counted.
func TestValueFoundHeedsThePassageUnit(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "zongjie.txt", unitsPage)
	tests := []struct {
		indicator, value, unit, quote string
		found                         bool
		passageUnit                   string
	}{
		{"5.1.1", "56", "%", "举办学习活动周活动56场", false, "场"},
		{"5.2.1", "1086", "年", "专职教师1,086人", false, "人"},
		{"5.2.1", "342", "年", "社区学校342所", false, "所"},
		{"2.2.1", "56.5", "个", "成人年参与学习率达到56.5%", false, "%"},
		{"1.3.1", "85", "元/人", "社区教育经费85 万元", false, "万元"},
		{"3.1.3", "12.3", "人次", "全年参与学习12.3万人次", false, "万人次"},
		// 人次 counts visits: 12.3万 people are not 12.3万 attendances.
		{"2.3.3", "123000", "人", "全年参与学习12.3万人次", false, "人次"},
		// The same family, or the same quantity counted out.
		{"2.2.1", "342", "个", "社区学校342所", true, ""},
		{"3.1.3", "12.3", "", "全年参与学习12.3万人次", true, ""},
		{"5.2.1", "10.8", "年", "人均受教育年限10.8年", true, ""},
		{"3.2.2", "1.2", "", "人均藏书1.2册", true, ""},
		{"5.1.1", "56.5", "%", "成人年参与学习率达到56.5%", true, ""},
		// Not there at all: no unit to blame.
		{"5.1.1", "57", "%", "成人年参与学习率达到56.5%", false, ""},
	}
	for _, tt := range tests {
		v, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: tt.indicator, Value: values.Written(tt.value),
			Unit: tt.unit, Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: tt.quote}})
		if err != nil {
			t.Errorf("record %s %q %s: %v", tt.indicator, tt.value, tt.unit, err)
			continue
		}
		if v.ValueFound != tt.found || v.PassageUnit != tt.passageUnit {
			t.Errorf("record %s %q %s citing %q: value_found %v passage unit %q, want %v %q", tt.indicator, tt.value, tt.unit,
				tt.quote, v.ValueFound, v.PassageUnit, tt.found, tt.passageUnit)
		}
		got, err := e.Values.Get(ctx, admin, v.ID)
		if err != nil || got.PassageUnit != v.PassageUnit || got.ValueFound != v.ValueFound {
			t.Errorf("record %s %q: stored %+v, %v; want passage unit %q kept", tt.indicator, tt.value, got, err, v.PassageUnit)
		}
	}
}
