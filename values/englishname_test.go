package values_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestValueErrorsNameTheIndicatorInEnglish: a value of 3.1.3 (市民年参与学习
// 活动人次, in 万人次) given in 场 is refused naming the indicator by its
// framework's English name in English (the probe saw "the indicator 3.1.3
// 市民年参与学习活动人次"), by its Chinese name in Chinese; so is a rate's
// indicator given in 人.
func TestValueErrorsNameTheIndicatorInEnglish(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "huodong.txt", "全年举办学习活动342场，成人年参与学习率为56.5%。")
	for _, tt := range []struct{ indicator, value, unit, zh, en string }{
		{"3.1.3", "342", "场", "指标 3.1.3 市民年参与学习活动人次", "the indicator 3.1.3 Yearly participation in learning events"},
		{"5.1.1", "56.5", "人", "指标 5.1.1 成人年参与学习率", "The indicator 5.1.1 Adult participation rate"},
	} {
		_, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: tt.indicator, Value: values.Written(tt.value),
			Unit: tt.unit, Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "全年举办学习活动342场"}})
		w := catalog.MessageWords(err)
		if err == nil || !strings.Contains(w.Chinese, tt.zh) || !strings.Contains(w.English, tt.en) {
			t.Errorf("%s in %s: %q / %q, want %q / %q", tt.indicator, tt.unit, w.Chinese, w.English, tt.zh, tt.en)
		}
	}
}
