package values_test

import (
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestValueWrittenWithItsUnit: a coordinator types the number with its
// unit in one box, as the ledger or the passage writes it (123.4万人次,
// 12.3万人, 123个); it counts as the number in that unit, reads as typed,
// and a unit that is not the indicator's is still refused.
func TestValueWrittenWithItsUnit(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "tongji.txt", ledgerPage+"全年市民参与学习活动123.4万人次。")
	tests := []struct {
		indicator, value string
		number           float64
		found            bool
		quote            string
	}{
		{"3.1.3", "123.4万人次", 123.4, true, "全年市民参与学习活动123.4万人次"},
		{"3.1.3", "1234000人次", 123.4, true, "全年市民参与学习活动123.4万人次"},
		{"3.1.3", "123.4 万人次", 123.4, true, "全年市民参与学习活动123.4万人次"},
		{"2.3.3", "12.3万人", 123000, true, "社会培训成果达12.3万人"},
		{"2.2.1", "１２３个", 123, true, "认定市民终身学习基地１２３个"},
	}
	for _, tt := range tests {
		v, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: tt.indicator, Value: values.Written(tt.value),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: tt.quote}})
		if err != nil {
			t.Errorf("record %s %q: %v", tt.indicator, tt.value, err)
			continue
		}
		if v.Number != tt.number || v.ValueFound != tt.found || v.Given != tt.value {
			t.Errorf("record %s %q: number %v found %v given %q, want %v %v %q", tt.indicator, tt.value, v.Number, v.ValueFound,
				v.Given, tt.number, tt.found, tt.value)
		}
	}
	if _, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: "3.1.3", Value: "123.4万元",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "全年市民参与学习活动123.4万人次"}}); err == nil {
		t.Errorf("123.4万元 for an indicator in 万人次 was accepted")
	}
}
