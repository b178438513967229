package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// TestReportGivesValuesAsWritten: the report's value and unit columns
// hold a value as its coordinator wrote it (12.3万 and 人, not 123000),
// as the values page shows it (12.3万人); a plain number stays a number.
// In English the units are named as the English pages name them (个 is
// count, 元/人 yuan per person, a gap's unit too) and the number is in
// English form, no 万 left in it: 123,000 people, as the English values
// page shows it; the Chinese report keeps 12.3万人 as typed.
func TestReportGivesValuesAsWritten(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "tongji.txt", "全年存入学分银行的社会培训成果达12.3万人，认定市民终身学习基地123个。")
	record := func(code, value, unit, quote string) {
		t.Helper()
		if _, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: code, Value: values.Written(value), Unit: unit,
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: quote}}); err != nil {
			t.Fatal(err)
		}
	}
	record("2.3.3", "12.3万", "人", "社会培训成果达12.3万人")
	record("2.2.1", "123个", "个", "认定市民终身学习基地123个")
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	zh := xlsxRows(t, r)
	if got := zh["2.3.3"]; got[4] != "12.3万" || got[5] != "人" {
		t.Errorf("XLSX 2.3.3 value and unit %q %q, want 12.3万 人 as written", got[4], got[5])
	}
	if got := zh["2.2.1"]; got[4] != "123" || got[5] != "个" {
		t.Errorf("XLSX 2.2.1 value and unit %q %q, want 123 个", got[4], got[5])
	}

	r.Lang = report.English
	en := xlsxRows(t, r)
	for code, want := range map[string][2]string{"2.3.3": {"123,000", "people"}, "2.2.1": {"123", "count"}, "1.3.1": {"Gap", "yuan per person"}} {
		if got := en[code]; got[4] != want[0] || got[5] != want[1] {
			t.Errorf("English XLSX %s value and unit %q %q, want %q %q", code, got[4], got[5], want[0], want[1])
		}
	}
	text, _, _ := docx(t, r)
	for _, want := range []string{"Value: 123,000 people", "Value: 123", "Status: No evidence", "Value: Not reported"} {
		if !strings.Contains(text, want) {
			t.Errorf("English DOCX lacks %q", want)
		}
	}
	for _, bad := range []string{"123 count", "Status: Gap", "Value: Gap"} {
		if strings.Contains(text, bad) {
			t.Errorf("English DOCX says %q", bad)
		}
	}
	if strings.Contains(text, "Value: 12.3万") || strings.Contains(text, "123000") {
		t.Errorf("English DOCX gives 12.3万 as typed or as 123000, not as 123,000")
	}
	r.Lang = report.Chinese
	if text, _, _ := docx(t, r); !strings.Contains(text, "12.3万人") || strings.Contains(text, "123,000") {
		t.Errorf("Chinese DOCX does not keep 12.3万人 as typed")
	}
	text, _, _ = docx(t, r)
	for _, want := range []string{"状态：缺少佐证", "数值：未填报"} {
		if !strings.Contains(text, want) {
			t.Errorf("Chinese DOCX lacks %q for an indicator without evidence or value", want)
		}
	}
	if strings.Contains(text, "状态：缺 ") || strings.Contains(text, "数值：缺") {
		t.Errorf("Chinese DOCX still says 缺 in a sentence")
	}
}
