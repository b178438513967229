package values_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// restatedPage writes 3.1.3 (万人次) and 2.3.3 (人) as a city's summary
// does.
const restatedPage = "杭州市2017年学习活动统计\n全年市民参与学习活动125.6万人次，社会培训成果达12.3万人，老年人参与老年教育比例为９５％。\n线上学习平台访问1千万人次，社区讲座听众5百万人次。"

// TestScaleWrittenTwice: a number written with 万 or 亿 and a unit that
// starts with one (125.6万 | 万人次) is the number the two say once
// (125.6万人次), never 10,000 times more; the indicator's own unit typed
// gives what leaving it blank gives (the form's 单位(留空即指标单位)),
// in full-width digits or grouped alike, and a unit that counts something
// else is still refused.
func TestScaleWrittenTwice(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "huodong.txt", restatedPage)
	const visits, trained = "全年市民参与学习活动125.6万人次", "社会培训成果达12.3万人"
	tests := []struct {
		indicator, value, unit, quote string
		number                        float64
		written                       string
	}{
		// 3.1.3 is counted in 万人次.
		{"3.1.3", "125.6万", "", visits, 125.6, "125.6万人次"},
		{"3.1.3", "125.6万", "万人次", visits, 125.6, "125.6万人次"},
		{"3.1.3", "１２５．６万", "万人次", visits, 125.6, "125.6万人次"},
		{"3.1.3", "125.6万", "万人次 ", visits, 125.6, "125.6万人次"},
		{"3.1.3", "125.6", "万人次", visits, 125.6, "125.6万人次"},
		{"3.1.3", "125.6", "", visits, 125.6, "125.6万人次"},
		{"3.1.3", "1,256,000", "人次", visits, 125.6, "1,256,000人次"},
		{"3.1.3", "1256000人次", "万人次", visits, 125.6, "1256000人次"},
		{"3.1.3", "125.6万人次", "万人次", visits, 125.6, "125.6万人次"},
		{"3.1.3", "125.6万", "人次", visits, 125.6, "125.6万人次"},
		{"3.1.3", "0.01256亿", "万人次", visits, 125.6, "0.01256亿人次"},
		{"3.1.3", "0.01256亿", "亿人次", visits, 125.6, "0.01256亿人次"},
		{"3.1.3", "1,256万", "万人次", "这一句不在页上", 1256, "1,256万人次"},
		// 千 and 百 are not 万: 1千 | 万人次 is 1千万人次, a count of 万人次.
		{"3.1.3", "1千", "万人次", "线上学习平台访问1千万人次", 1000, "1千万人次"},
		{"3.1.3", "5百", "万人次", "社区讲座听众5百万人次", 500, "5百万人次"},
		// 2.3.3 is counted in 人.
		{"2.3.3", "12.3万", "万人", trained, 123000, "12.3万人"},
		{"2.3.3", "１２.３万", "万人", trained, 123000, "12.3万人"},
		{"2.3.3", "12.3万", "人", trained, 123000, "12.3万人"},
		{"2.3.3", "12.3", "万人", trained, 123000, "12.3万人"},
		{"2.3.3", "0.00123亿", "万人", trained, 123000, "0.00123亿人"},
		{"2.3.3", "十二万三千", "万人", trained, 123000, "十二万三千人"},
		// 5.1.2 is a percentage: typed in full width, it is shown half-width
		// (Given keeps what was typed).
		{"5.1.2", "９５％", "", "老年人参与老年教育比例为９５％", 95, "95%"},
		{"5.1.2", "９５％", "％", "老年人参与老年教育比例为９５％", 95, "95%"},
		{"5.1.2", "９５", "％", "老年人参与老年教育比例为９５％", 95, "95%"},
		{"5.1.2", "百分之九十五", "", "老年人参与老年教育比例为９５％", 95, "百分之九十五"},
	}
	for _, tt := range tests {
		v, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: tt.indicator, Value: values.Written(tt.value),
			Unit: tt.unit, Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: tt.quote}})
		if err != nil {
			t.Errorf("record %s %q | %q: %v", tt.indicator, tt.value, tt.unit, err)
			continue
		}
		if !strings.HasPrefix(v.Given, strings.TrimSpace(tt.value)) {
			t.Errorf("record %s %q | %q: Given %q, want what was typed", tt.indicator, tt.value, tt.unit, v.Given)
		}
		found := tt.quote != "这一句不在页上"
		if v.Number != tt.number || v.Written() != tt.written || v.ValueFound != found || v.PassageUnit != "" {
			t.Errorf("record %s %q | %q: number %v written %q value_found %v passage unit %q, want %v %q %v and none",
				tt.indicator, tt.value, tt.unit, v.Number, v.Written(), v.ValueFound, v.PassageUnit, tt.number, tt.written, found)
		}
	}
	for _, unit := range []string{"万元", "元", "万个"} {
		if _, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: "3.1.3", Value: "125.6万", Unit: unit,
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: visits}}); err == nil {
			t.Errorf("125.6万 | %s for an indicator in 万人次 was accepted", unit)
		}
	}
}

// TestLedgerScaleWrittenTwice: a ledger's row 125.6万 | 万人次 imports as
// 125.6 万人次, found on the page, as the form records it.
func TestLedgerScaleWrittenTwice(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "huodong.txt", restatedPage)
	f := excelize.NewFile()
	for i, r := range [][]any{
		{"指标编码", "数值", "单位", "文档编号", "页码", "引文"},
		{"3.1.3", "125.6万", "万人次", d.ID, 1, "全年市民参与学习活动125.6万人次"},
		{"2.3.3", "12.3万", "万人", d.ID, 1, "社会培训成果达12.3万人"},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		_ = f.SetSheetRow("Sheet1", cell, &r)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	vs, err := e.Values.Import(ctx, coordA, hangzhou, 2017, &b)
	if err != nil || len(vs) != 2 {
		t.Fatalf("import a ledger: %v, %v; want two values", vs, err)
	}
	for i, want := range []struct {
		number  float64
		written string
	}{{125.6, "125.6万人次"}, {123000, "12.3万人"}} {
		if v := vs[i]; v.Number != want.number || v.Written() != want.written || !v.ValueFound {
			t.Errorf("ledger row %s %q: number %v written %q value_found %v, want %v %q true", v.Indicator, v.Given, v.Number,
				v.Written(), v.ValueFound, want.number, want.written)
		}
	}
}

// TestRecordWarnsOfMorePeopleThanChina: a count of people or visits past
// China's population in the indicator's unit (1256000 typed for 3.1.3 in
// 万人次, meaning 人次) is saved with a warning to check the 万, in
// Chinese and English; the city's real count has none.
func TestRecordWarnsOfMorePeopleThanChina(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "huodong.txt", restatedPage)
	for _, tt := range []struct {
		indicator, value, unit, quote, zh, en string
	}{
		{"3.1.3", "1256000", "", "全年市民参与学习活动125.6万人次", "指标 3.1.3 市民年参与学习活动人次 的数值 1256000万人次 超过 14 亿\uFF0C很少见\uFF1B请核对数值是否按指标单位“万人次”填写\uFF0C或在单位栏填写数值所用的单位\uFF08如“人次”\uFF09",
			"The value of indicator 3.1.3 Yearly participation in learning events, 12.56 billion attendances, is over 1.4 billion, which is rare; check that the number is in the indicator's unit, “10,000 attendances”, or enter the unit it is in (such as “attendances”)"},
		{"2.3.3", "15亿", "万人", "社会培训成果达12.3万人", "的数值 1500000000人 超过 14 亿\uFF0C很少见\uFF1B请核对数值的位数和单位", "1.5 billion people, is over 1.4 billion"},
		{"3.1.3", "125.6万", "万人次", "全年市民参与学习活动125.6万人次", "", ""},
		{"2.3.3", "12.3", "万人", "社会培训成果达12.3万人", "", ""},
	} {
		v, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: tt.indicator, Value: values.Written(tt.value), Unit: tt.unit,
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: tt.quote}})
		if err != nil {
			t.Errorf("record %s %q | %q: %v", tt.indicator, tt.value, tt.unit, err)
			continue
		}
		if tt.zh == "" {
			if len(v.Warnings) != 0 {
				t.Errorf("record %s %q | %q: warnings %+v, want none", tt.indicator, tt.value, tt.unit, v.Warnings)
			}
			continue
		}
		if len(v.Warnings) != 1 || !strings.Contains(v.Warnings[0].Chinese, tt.zh) || !strings.Contains(v.Warnings[0].English, tt.en) {
			t.Errorf("record %s %q | %q: warnings %+v, want one saying %q and %q", tt.indicator, tt.value, tt.unit, v.Warnings, tt.zh, tt.en)
		}
	}
}
