package values_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestRoughNumbers: a number written roughly (十多万, 一万多, 三十余, 二十几
// 万, 上万) reads as a rough number, the least it may be and the first it
// may not reach (十几万 from 11万, 十多万 from just above 10万, 三十多 from
// 31), never as an
// exact value; 近十万 and 将近3000 (nearly) are rough ones under the
// figure (TestQualifiedFigures); 近万 gives no number; 数千 and 几十 are
// rough ones, 2000 up to 10000 and 20 up to 100; 最近三年 is three.
func TestRoughNumbers(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		text        string
		written     string
		least, upTo float64
	}{
		{"参与学习的市民十多万人。", "十多万", 100000, 200000},
		{"老年大学学员一万多人。", "一万多", 10000, 20000},
		{"全市学分银行开户十余万人。", "十余万", 100000, 200000},
		{"建成社区学校三十多所。", "三十多", 31, 40},
		{"建成社区学校300多所。", "300多", 300, 400},
		{"开设课程二十几万课时。", "二十几万", 210000, 300000},
		{"培训学员一万二千多人次。", "一万二千多", 12000, 13000},
		{"培训学员1.5万余人次。", "1.5万余", 15000, 16000},
		{"每年上万人次参加讲座。", "上万", 10000, inf},
		{"上千所学校参与。", "上千", 1000, inf},
		{"全市建成社区学校一百几十所。", "一百几十", 110, 200},
		{"参加培训一千几百人。", "一千几百", 1100, 2000},
		{"志愿者三万几千人。", "三万几千", 31000, 40000},
		{"学员达十多万。", "十多万", 100000, 200000},
		{"吸引十多万市民参与。", "十多万", 100000, 200000},
		{"服务十几万人次。", "十几万", 110000, 200000},
		{"建成学习中心十几个。", "十几", 11, 20},
		{"辍学率为3多‰。", "3多‰", 0.3, 0.4},
		{"数千名志愿者。", "数千", 2000, 10000},
		{"几十所学校。", "几十", 20, 100},
	}
	for _, tt := range tests {
		ns := values.FindNumbers(tt.text)
		if len(ns) != 1 {
			t.Errorf("FindNumbers(%q) = %v, want one rough number", tt.text, ns)
			continue
		}
		n := ns[0]
		if !n.Approx || n.Text != tt.written || n.Value != tt.least || n.Upper != tt.upTo {
			t.Errorf("FindNumbers(%q) = %q approx %v from %v to %v, want %q from %v to %v", tt.text, n.Text, n.Approx, n.Value, n.Upper,
				tt.written, tt.least, tt.upTo)
		}
	}
	for _, text := range []string{"近万人参加。",
		"吸引成千上万人参与。", "线上万人同时学习。", "楼上万人围观。", "会上万人齐声朗读。", "再加上万名志愿者。"} {
		if ns := values.FindNumbers(text); len(ns) > 0 {
			t.Errorf("FindNumbers(%q) = %v, want no number", text, ns)
		}
	}
	exact := map[string][]float64{
		"最近三年培训一万二千人。":  {3, 12000},
		"附近3所学校开放场地。":   {3},
		"学员达到一万二千。":     {12000},
		"全年举办讲座120场。":   {120},
		"数据截至2023年底。":   {2023},
		"投入经费1200万余元。":  {12000000},
		"近三年培训一万二千人。":   {3, 12000},
		"近5年新建社区学校20所。": {5, 20},
		"近两年举办讲座120场。":  {2, 120},
		"参与率下降-30多。":    {-30},
	}
	for text, want := range exact {
		var got []float64
		for _, n := range values.FindNumbers(text) {
			if n.Approx != (text == "投入经费1200万余元。") {
				t.Errorf("FindNumbers(%q): %q approx %v", text, n.Text, n.Approx)
			}
			got = append(got, n.Value)
		}
		if !slices.Equal(got, want) {
			t.Errorf("FindNumbers(%q) = %v, want %v", text, got, want)
		}
	}
	for _, typed := range []string{"十多万", "十余万", "十几万", "一万多", "上万", "一百多个", "300多所", "十多万人"} {
		if n, err := values.ParseNumber(typed); err == nil || !strings.Contains(err.Error(), "是约数") {
			t.Errorf("ParseNumber(%q) = %v, %v; want it refused as a rough number (是约数): a value is an exact number", typed, n.Value, err)
		}
	}
}

// TestOneThatCountsNothing: a lone 一 is a count where a measure word
// follows and something is counted (获批一项国家级课题 is 1项), not in 一部分,
// 一方面, 作为一项重要工作, 是一个系统工程 or 一项长期任务.
func TestOneThatCountsNothing(t *testing.T) {
	for text, want := range map[string][]float64{
		"一部分市民参与线上学习。":        nil,
		"一方面加强队伍建设，另一方面完善制度。": nil,
		"把学习型城市建设作为一项重要工作。":   nil,
		"这是一个系统工程，也是一项长期任务。":  nil,
		"从一个方面反映了市民的学习热情。":    nil,
		"为全民终身学习贡献一份力量。":      nil,
		"获批一项国家级课题。":          {1},
		"建成一个市民学习中心，一所社区大学。":  {1, 1},
		"评选出一批学习型社区，共二十个。":    {1, 20},
	} {
		var got []float64
		for _, n := range values.FindNumbers(text) {
			got = append(got, n.Value)
		}
		if !slices.Equal(got, want) {
			t.Errorf("FindNumbers(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestRecordAgainstARoughNumber: a value cited from a passage that writes
// its number roughly is found there when it lies within what the passage
// says (12万 or 10.5万 in 十多万人, 300多所 for 320所, 15万 in 十几万人次, 32%
// and 30.5% in 百分之三十多) and not otherwise (9万, 10万 or 25万 in 十多万人,
// 25万 in 十几万人次, 30% or 45% in 百分之三十多); one found so is recorded
// with a warning that the passage's number is a rough one. Digits parted
// by one space in the stored text (1 200人; 社区学校　12　120人 from a table
// row, which the stored text makes 社区学校12 120人) are read joined and
// group by group: a value found either way is recorded found with a
// warning naming both readings.
func TestRecordAgainstARoughNumber(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "zongjie.txt", "全年存入学分银行的社会培训成果达十多万人，全市认定市民终身学习基地300多个。"+
		"全年服务市民十几万人次。学习型社区创建达标比例达百分之三十多。老年大学新招学员1 200人。\n\n社区学校\u300012\u3000120人\n\n")
	const rough, spaced = "是约数", "可能是千位以空格分组的"
	for _, tt := range []struct {
		indicator, value, quote string
		found                   bool
		warning                 string
	}{
		{"2.3.3", "120000", "社会培训成果达十多万人", true, rough},
		{"2.3.3", "12万", "社会培训成果达十多万人", true, rough},
		{"2.3.3", "10.5万", "社会培训成果达十多万人", true, rough},
		{"2.3.3", "100000", "社会培训成果达十多万人", false, ""}, // more than 10万
		{"2.3.3", "90000", "社会培训成果达十多万人", false, ""},
		{"2.3.3", "25万", "社会培训成果达十多万人", false, ""},
		{"2.2.1", "320", "认定市民终身学习基地300多个", true, rough},
		{"2.2.1", "420", "认定市民终身学习基地300多个", false, ""},
		{"3.1.3", "15", "全年服务市民十几万人次", true, rough},
		{"3.1.3", "25", "全年服务市民十几万人次", false, ""},
		{"2.3.3", "150000", "全年服务市民十几万人次", false, ""}, // people are not visits
		{"4.1.2", "32%", "学习型社区创建达标比例达百分之三十多", true, rough},
		{"4.1.2", "30.5%", "学习型社区创建达标比例达百分之三十多", true, rough},
		{"4.1.2", "30%", "学习型社区创建达标比例达百分之三十多", false, ""},
		{"4.1.2", "45%", "学习型社区创建达标比例达百分之三十多", false, ""},
		{"2.3.3", "1200", "老年大学新招学员1 200人", true, spaced},
		{"2.3.3", "200", "老年大学新招学员1 200人", true, spaced},
		{"2.3.3", "120", "社区学校12 120人", true, spaced},
		{"2.3.3", "12120", "社区学校12 120人", true, spaced},
	} {
		v, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: tt.indicator, Value: values.Written(tt.value),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: tt.quote}})
		if err != nil {
			t.Fatalf("record %s %s: %v", tt.indicator, tt.value, err)
		}
		if !v.Citation.QuoteFound || v.ValueFound != tt.found {
			t.Errorf("record %s %s citing %q: quote_found %v, value_found %v, want %v", tt.indicator, tt.value, tt.quote, v.Citation.QuoteFound, v.ValueFound, tt.found)
		}
		warned := ""
		if len(v.Warnings) == 1 {
			warned = v.Warnings[0].Chinese
		}
		if tt.warning == "" && len(v.Warnings) > 0 || tt.warning != "" && !strings.Contains(warned, tt.warning) {
			t.Errorf("record %s %s citing %q: warnings %v, want one saying %q", tt.indicator, tt.value, tt.quote, v.Warnings, tt.warning)
		}
	}
}

// TestPageContextMarksARoughNumberWhole: the reviewer's page context of a
// value found in a rough number marks it whole as the page writes it
// (十多万, not the 十 of it), the unit after it.
func TestPageContextMarksARoughNumberWhole(t *testing.T) {
	e := testenv.New(t)
	id, list := recordOneOn(t, e, "全年存入学分银行的社会培训成果达十多万人，学习型城市建设迈上新台阶。",
		"2.3.3", "12万", "社会培训成果达十多万人")
	got, err := e.Values.PageContexts(ctx, list)
	if err != nil {
		t.Fatal(err)
	}
	if c := got[id]; c.Number != "十多万" || !strings.HasSuffix(c.Before, "社会培训成果达") || !strings.HasPrefix(c.After, "人") {
		t.Errorf("context of 12万 in 十多万人: %+v", c)
	}
}
