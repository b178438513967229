package values_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

const plausiblePage = "2018年，市教育局组织开展成人学习情况抽样调查，成人年参与学习率为56.5%，人均受教育年限为10.8年，专职教师1,086人。"

// TestRecordRefusesImplausibleValues: a rate over 100% (a year typed
// for a rate) and a negative count or number of years are refused, each
// about the field value in Chinese and English; years of schooling over
// 30 are saved with a warning; an ordinary value has none.
func TestRecordRefusesImplausibleValues(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "diaocha.txt", plausiblePage)
	record := func(indicator, value, unit, quote string) (*catalog.Value, error) {
		return e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: indicator, Value: values.Written(value), Unit: unit,
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: quote}})
	}
	for _, tt := range []struct {
		indicator, value, unit, quote string
		zh, en                        string
	}{
		{"5.1.1", "2018", "%", "2018年，市教育局", "指标 5.1.1 成人年参与学习率 是比例\uFF0C不能超过 100%\uFF08填写的是 2018\uFF09",
			"Indicator 5.1.1 Adult participation rate is a rate and cannot be over 100% (2018 was entered)"},
		{"5.2.1", "-5", "年", "人均受教育年限为10.8年", "指标 5.2.1 人均受教育年限 的数值不能为负数\uFF08填写的是 -5\uFF09",
			"The value of indicator 5.2.1 Mean years of schooling cannot be negative (-5 was entered)"},
		{"2.3.3", "负1086", "人", "专职教师1,086人", "的数值不能为负数\uFF08填写的是 负1086\uFF09", "cannot be negative"},
	} {
		_, err := record(tt.indicator, tt.value, tt.unit, tt.quote)
		var ce *catalog.Error
		es := catalog.Each(err)
		if len(es) == 1 {
			ce = es[0]
		}
		if ce == nil || ce.Code != catalog.EINVALID || ce.Field != "value" || !strings.Contains(ce.Message, tt.zh) || !strings.Contains(ce.English, tt.en) {
			t.Errorf("record %s %q%s: %#v, want EINVALID about value saying %q and %q", tt.indicator, tt.value, tt.unit, err, tt.zh, tt.en)
		}
	}
	for _, tt := range []struct {
		indicator, value, unit, quote, warning string
	}{
		{"5.2.1", "十二万", "年", "人均受教育年限为10.8年", "指标 5.2.1 人均受教育年限 的数值 120000 年超过 30 年\uFF0C很少见"},
		{"5.2.1", "10.8", "年", "人均受教育年限为10.8年", ""},
		{"5.1.1", "56.5%", "", "成人年参与学习率为56.5%", ""},
	} {
		v, err := record(tt.indicator, tt.value, tt.unit, tt.quote)
		if err != nil {
			t.Errorf("record %s %q: %v", tt.indicator, tt.value, err)
			continue
		}
		got := ""
		for _, w := range v.Warnings {
			got += w.Chinese
		}
		if tt.warning == "" && got != "" || !strings.Contains(got, tt.warning) {
			t.Errorf("record %s %q: warnings %q, want %q", tt.indicator, tt.value, got, tt.warning)
		}
		if tt.warning != "" && (len(v.Warnings) != 1 || !strings.Contains(v.Warnings[0].English, "120000 years, is over 30 years")) {
			t.Errorf("record %s %q: warnings %+v, want one in English too", tt.indicator, tt.value, v.Warnings)
		}
	}
}

// TestLedgerRefusesImplausibleRows: the ledger's rows go through the
// same check, a bad row named by its number, nothing imported; a row that
// is only unlikely comes in with its warning, named by its row.
func TestLedgerRefusesImplausibleRows(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "diaocha.txt", plausiblePage)
	ledger := func(rows ...[]any) []byte {
		f := excelize.NewFile()
		_ = f.SetSheetRow("Sheet1", "A1", &[]any{"指标编码", "数值", "单位", "文档编号", "页码", "引文"})
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			_ = f.SetSheetRow("Sheet1", cell, &r)
		}
		var b bytes.Buffer
		_ = f.Write(&b)
		return b.Bytes()
	}
	_, err := e.Values.Import(ctx, coordA, hangzhou, 2017, bytes.NewReader(ledger(
		[]any{"5.2.1", "10.8", "年", d.ID, 1, "人均受教育年限为10.8年"},
		[]any{"5.1.1", "2018", "%", d.ID, 1, "2018年，市教育局"},
	)))
	msg := catalog.ErrorMessage(err)
	if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(msg, "第 3 行\uFF1A指标 5.1.1 成人年参与学习率 是比例") || strings.Contains(msg, "第 2 行") {
		t.Errorf("a ledger with a rate of 2018%%: %v, want row 3 refused alone", err)
	}
	if list, _ := e.Values.List(ctx, admin, values.Filter{}); len(list) != 0 {
		t.Errorf("a refused ledger stored %d values", len(list))
	}
	vs, err := e.Values.Import(ctx, coordA, hangzhou, 2017, bytes.NewReader(ledger(
		[]any{"5.1.1", "56.5", "%", d.ID, 1, "成人年参与学习率为56.5%"},
		[]any{"5.2.1", "2018", "年", d.ID, 1, "2018年，市教育局"},
	)))
	if err != nil || len(vs) != 2 {
		t.Fatalf("a ledger with an unlikely row: %v, %v; want both imported", vs, err)
	}
	if len(vs[0].Warnings) != 0 || len(vs[1].Warnings) != 1 || !strings.HasPrefix(vs[1].Warnings[0].Chinese, "第 3 行\uFF1A指标 5.2.1") ||
		!strings.HasPrefix(vs[1].Warnings[0].English, "Row 3: ") {
		t.Errorf("ledger warnings: %+v and %+v, want row 3's alone, named by its row", vs[0].Warnings, vs[1].Warnings)
	}
}
