package values_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestRecordWarnsOfACountNoCityHasAndAShareTypedAsAFraction: 1亿 个
// learning sites for 2.2.1 and 0.568 for a share in % are saved, each
// with a warning in Chinese and English (a count past 5000 万; 是否应为
// 56.8%？), which the values list says again; 56.8% and 0.568 found as
// written in its passage are not (probe s48 #7).
func TestRecordWarnsOfACountNoCityHasAndAShareTypedAsAFraction(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "jidi.txt", "全市已认定市民终身学习基地5000多个，成人年参与学习率为56.8%，老年人参与老年教育比例为0.568%。")
	record := func(indicator, value, quote string) *catalog.Value {
		t.Helper()
		v, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: indicator, Value: values.Written(value),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: quote}})
		if err != nil {
			t.Fatalf("record %s %q: %v, want it saved", indicator, value, err)
		}
		return v
	}
	for _, tt := range []struct {
		indicator, value, quote string
		zh, en                  string
	}{
		{"2.2.1", "1亿", "市民终身学习基地5000多个", "指标 2.2.1 市民终身学习基地\uFF08体验基地\uFF09数量 的数值 100000000个 超过 5000 万\uFF0C多于任何城市的常住人口\uFF0C很少见",
			"is over 50 million, more than any city's residents"},
		{"5.1.1", "0.568", "成人年参与学习率为56.8%", "指标 5.1.1 成人年参与学习率 的单位是 %\uFF0C所填数值 0.568 小于 1\uFF1B是否应为 56.8%\uFF1F",
			"Indicator 5.1.1 Adult participation rate is in %, and the value entered, 0.568, is below 1; did you mean 56.8%?"},
	} {
		v := record(tt.indicator, tt.value, tt.quote)
		if len(v.Warnings) != 1 || !strings.Contains(v.Warnings[0].Chinese, tt.zh) || !strings.Contains(v.Warnings[0].English, tt.en) {
			t.Errorf("record %s %q: warnings %+v, want one saying %q and %q", tt.indicator, tt.value, v.Warnings, tt.zh, tt.en)
		}
		list, err := e.Values.List(ctx, coordA, values.Filter{City: hangzhou, Indicator: tt.indicator})
		if err != nil || len(list) != 1 || !strings.Contains(words(list[0].Warnings), tt.zh) {
			t.Errorf("list %s: %+v, %v; want the warning %q beside the value", tt.indicator, list, err, tt.zh)
		}
	}
	for _, tt := range []struct{ indicator, value, quote string }{
		{"2.2.1", "5000", "市民终身学习基地5000多个"},
		{"5.1.1", "56.8%", "成人年参与学习率为56.8%"},
		{"5.1.1", "56.8", "成人年参与学习率为56.8%"},
		{"5.1.2", "0.568", "老年人参与老年教育比例为0.568%"},
		{"5.1.2", "0.568%", "老年人参与老年教育比例为0.568%"},
	} {
		if v := record(tt.indicator, tt.value, tt.quote); strings.Contains(words(v.Warnings), "很少见") || strings.Contains(words(v.Warnings), "是否应为") {
			t.Errorf("record %s %q: warnings %+v, want no plausibility warning", tt.indicator, tt.value, v.Warnings)
		}
	}
}

// words is warnings' Chinese, one after another.
func words(warnings []catalog.Words) string {
	var b strings.Builder
	for _, w := range warnings {
		b.WriteString(w.Chinese)
	}
	return b.String()
}
