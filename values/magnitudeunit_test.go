package values_test

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestMagnitudeAndUnitWithoutSpace: 1.2万 with the unit 人次 for 3.1.3 (in
// 万人次) reads 1.2万人次 on /values, /compare and in the report, as 23个
// and 12000人 do (the probe saw 1.2万 人次); so does a bare number in
// another unit (12 万人次 typed as 120000 人次 reads 120000人次, where it
// kept a space), and a value saved before with the space reads without it.
func TestMagnitudeAndUnitWithoutSpace(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "huodong.txt", "全年市民参与学习活动1.2万人次，另有120000人次参加线上学习。")
	for _, tt := range []struct{ value, unit, quote, want string }{
		{"1.2万", "人次", "市民参与学习活动1.2万人次", "1.2万人次"},
		{"120000", "人次", "另有120000人次参加线上学习", "120000人次"},
	} {
		v, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: "3.1.3", Value: values.Written(tt.value),
			Unit: tt.unit, Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: tt.quote}})
		if err != nil {
			t.Fatalf("record %s %s: %v", tt.value, tt.unit, err)
		}
		if got := v.Written(); got != tt.want {
			t.Errorf("record %s with unit %s: written %q, want %q", tt.value, tt.unit, got, tt.want)
		}
	}
	old := catalog.Value{Given: "1.2万 人次", Unit: "万人次"}
	if got := old.Written(); got != "1.2万人次" {
		t.Errorf("a value saved as %q: written %q, want 1.2万人次", old.Given, got)
	}
}
