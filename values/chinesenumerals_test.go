package values_test

import (
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestRecordFindsNumbersInChineseNumerals: a passage that writes the
// number in Chinese numerals (一万二千人, 十二万人次), half in them
// (1万2千人) or in the financial ones (壹万贰仟) has it, whether the
// coordinator typed it in digits, in 万 or in numerals too; a larger
// number holding the same numerals (十一万二千人) and a number in another
// unit (一万二千元) do not.
func TestRecordFindsNumbersInChineseNumerals(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "zongjie.txt", "杭州市二〇二四年终身学习工作总结\n"+
		"全年存入学分银行的社会培训成果达一万二千人，另有1万2千人参加线上学习，壹万贰仟人参加考试。"+
		"市民参与学习活动十二万人次，老年大学学员达两万人次。"+
		"全市共有十一万二千人报名，投入经费一万二千元。")
	tests := []struct {
		indicator, value, unit, quote string
		found                         bool
	}{
		{"2.3.3", "12000", "人", "社会培训成果达一万二千人", true},
		{"2.3.3", "1.2万", "人", "社会培训成果达一万二千人", true},
		{"2.3.3", "一万二千", "人", "社会培训成果达一万二千人", true},
		{"2.3.3", "12,000人", "", "社会培训成果达一万二千人", true},
		{"2.3.3", "12000", "人", "另有1万2千人参加线上学习", true},
		{"2.3.3", "12000", "人", "壹万贰仟人参加考试", true},
		{"3.1.3", "12", "", "市民参与学习活动十二万人次", true},
		{"3.1.3", "120000", "人次", "市民参与学习活动十二万人次", true},
		{"3.1.3", "2", "", "老年大学学员达两万人次", true},
		// Not there: another number, the same numerals inside a larger
		// number, a section of a number, another unit.
		{"2.3.3", "12001", "人", "社会培训成果达一万二千人", false},
		{"2.3.3", "2000", "人", "另有1万2千人参加线上学习", false},
		{"2.3.3", "12000", "人", "全市共有十一万二千人报名", false},
		{"2.3.3", "12000", "人", "投入经费一万二千元", false},
	}
	for _, tt := range tests {
		v, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: tt.indicator, Value: values.Written(tt.value),
			Unit: tt.unit, Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: tt.quote}})
		if err != nil {
			t.Fatalf("record %s %q%s: %v", tt.indicator, tt.value, tt.unit, err)
		}
		if !v.Citation.QuoteFound {
			t.Fatalf("record %s citing %q: quote not found on the page", tt.indicator, tt.quote)
		}
		if v.ValueFound != tt.found {
			t.Errorf("record %s %q%s citing %q: value_found %v (passage unit %q), want %v",
				tt.indicator, tt.value, tt.unit, tt.quote, v.ValueFound, v.PassageUnit, tt.found)
		}
	}
}
