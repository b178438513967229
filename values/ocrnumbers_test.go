package values_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// ocrStatsPage is a scan's text as OCR read it before its spaces inside
// numbers were taken out (stored texts keep it until read again), and a
// summary that writes a count as 约数.
const ocrStatsPage = "杭州市人力资源和社会保障局关于2018年度企业职工教育培训经费提取情况的统计报告\n" +
	"按工资总额的1. 5% 至2. 5% 足额提取员工教育培训经费的企业比例为87 . 6%.\n" +
	"说明:1.企业数以年报为准;3. 2016年底数据不计.\n" +
	"1. 50%以上的社区建有学校,计为已建3. 2016 年底,目标任务 3. 5个街道.\n" +
	"建成 50 座漂流书亭，放置图书5000余册，供市民免费阅读。\n全年培训企业职工1200余人。"

// TestValueFoundInOCRSpacedNumbers: a value cited from a text OCR read
// with spaces inside a decimal (87 . 6%) is found, and said to be read
// past OCR's spaces (value_spaced); an item's number (at a line's start,
// after a space) or one before a year, spaced or not, is no decimal; a
// value that is the bound of a rough number (1200 of 1200余人) is not
// found but said to be written roughly (RoughBound), where a value that
// is not there at all gets no such words, nor one whose passage counts
// something else (5000余册 for books per resident: 单位不符).
func TestValueFoundInOCRSpacedNumbers(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "统计报告.txt", ocrStatsPage)
	tests := []struct {
		name, indicator, value, quote string
		found                         bool
		spaced, rough                 string
	}{
		{"小数点两边的空格", "1.3.2", "87.6%", "企业比例为87 . 6%", true, "87 . 6", ""},
		{"小数点后的空格", "1.3.2", "1.5%", "按工资总额的1. 5% 至2. 5%", true, "1. 5", ""},
		{"条目编号不是小数", "1.3.2", "3.2016", "3. 2016年底数据不计", false, "", ""},
		{"行首条目编号后的百分数", "1.3.2", "1.50%", "1. 50%以上的社区建有学校", false, "", ""},
		{"隔空格的年份", "1.3.2", "3.2016", "计为已建3. 2016 年底", false, "", ""},
		{"空格后的条目编号", "3.2.2", "3.5", "目标任务 3. 5个街道", false, "", ""},
		{"约数的下限", "2.3.3", "1200", "全年培训企业职工1200余人", false, "", "1200余"},
		{"原文中没有", "2.3.3", "1300", "全年培训企业职工1200余人", false, "", ""},
		{"人均数引了总数的约数", "3.2.2", "5000", "放置图书5000余册", false, "", ""},
	}
	for _, tt := range tests {
		v, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: tt.indicator, Value: values.Written(tt.value),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: tt.quote}})
		if err != nil {
			t.Errorf("%s: record %q: %v", tt.name, tt.value, err)
			continue
		}
		if !v.Citation.QuoteFound {
			t.Errorf("%s: quote %q not found on its page", tt.name, tt.quote)
		}
		if v.ValueFound != tt.found {
			t.Errorf("%s: %q citing %q: value_found %v, want %v", tt.name, tt.value, tt.quote, v.ValueFound, tt.found)
		}
		if got := spacedOf(v); got != tt.spaced {
			t.Errorf("%s: %q citing %q: spaced %q, want %q", tt.name, tt.value, tt.quote, got, tt.spaced)
		}
		if got := values.RoughBound(tt.quote, v); got != tt.rough {
			t.Errorf("%s: %q citing %q: RoughBound %q, want %q", tt.name, tt.value, tt.quote, got, tt.rough)
		}
	}
}

// spacedOf is the digits v's quote writes its number in past spaces, and
// checks that recording warned of them in words naming the decimal point.
func spacedOf(v *catalog.Value) string {
	sp := values.SpacedIn(v.Citation.Quote, v)
	if sp == "" || !strings.Contains(sp, ".") {
		return sp
	}
	for _, w := range v.Warnings {
		if strings.Contains(w.Chinese, "小数点旁多出了空格") {
			return sp
		}
	}
	return "no warning for " + sp
}
