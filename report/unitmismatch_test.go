package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// TestReportSaysUnitMismatch: a value whose passage writes its number in
// another unit (56场 cited for 56%) is reported with both units
// (单位不符), in the DOCX and the XLSX, rather than as found or merely
// not found.
func TestReportSaysUnitMismatch(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "zongjie.txt", "2017年举办全民终身学习活动周活动56场。")
	if _, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "5.1.1", Value: "56", Unit: "%",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "举办全民终身学习活动周活动56场"}}); err != nil {
		t.Fatal(err)
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	want := "\uFF08单位不符\uFF1A原文中该数字的单位是“场”\uFF0C数值的单位是“%”\uFF09"
	if text, _, _ := docx(t, r); !strings.Contains(text, want) {
		t.Errorf("DOCX lacks %q: %.800s", want, text)
	}
	var buf bytes.Buffer
	if err := r.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	found := false
	for _, sheet := range f.GetSheetList()[1:] {
		rows, _ := f.GetRows(sheet)
		for _, row := range rows {
			if len(row) > 6 && row[0] == "5.1.1" {
				found = strings.Contains(row[6], want)
				if !found {
					t.Errorf("XLSX 数值出处 of 5.1.1: %q, want %q", row[6], want)
				}
			}
		}
	}
	if !found {
		t.Errorf("XLSX has no 5.1.1 row saying %q", want)
	}
	r.Lang = report.English
	if text, _, _ := docx(t, r); !strings.Contains(text, "(unit mismatch: the source text writes the number in events, the value is in %)") {
		t.Errorf("English DOCX lacks the unit mismatch: %.800s", text)
	}
}

// TestReportSaysUnitMismatchOfScale: 12500 typed with the unit 万人 for
// 2.3.3 (counted in 人), citing a passage that says 12,500人, is stored
// as 125000000 人; the passage's unit is the value's own, so the report
// names the value as typed and as stored instead of “人” twice; in
// English with no 万 in a number: 12,500 in units of 10,000 people, that
// is 125 million people.
func TestReportSaysUnitMismatchOfScale(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "xuefen.txt", "截至2017年底，存入学分银行的社会培训成果人数达到12,500人。")
	if _, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "2.3.3", Value: "12500", Unit: "万人",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "存入学分银行的社会培训成果人数达到12,500人"}}); err != nil {
		t.Fatal(err)
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	text, _, _ := docx(t, r)
	if want := "（单位不符：原文中该数字的单位是“人”，填报的是“12500万人”，即 125000000人）"; !strings.Contains(text, want) {
		t.Errorf("DOCX lacks %q: %.1200s", want, text[strings.Index(text, "2.3.3"):])
	}
	r.Lang = report.English
	text, _, _ = docx(t, r)
	if want := "(unit mismatch: the source text writes the number in people, the value was given as 12,500 in units of 10,000 people, that is 125 million people)"; !strings.Contains(text, want) {
		t.Errorf("English DOCX lacks %q: %.1200s", want, text[strings.Index(text, "2.3.3"):])
	}
}

// TestReportSaysPerCapitaMismatch: the probe's 5000 for 3.2.2 人均公共图
// 书馆藏书量 (册/人), citing “放置图书5000余册”, is reported as 单位不符
// (册 against 册/人) and with the warning that 5000 books per resident is
// unlikely, in each language.
func TestReportSaysPerCapitaMismatch(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "yuedu.txt", "建成50座漂流书亭，放置图书5000余册，供市民免费阅读。")
	if _, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "3.2.2", Value: "5000",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "放置图书5000余册"}}); err != nil {
		t.Fatal(err)
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	text, _, _ := docx(t, r)
	for _, want := range []string{"\uFF08单位不符\uFF1A原文中该数字的单位是“册”\uFF0C数值的单位是“册/人”\uFF09",
		"\uFF08指标 3.2.2 人均公共图书馆藏书量 是人均数\uFF0C数值 5000册/人 超过 20册/人\uFF0C很少见\uFF1B请核对是否填成了总数\uFF09"} {
		if !strings.Contains(text, want) {
			t.Errorf("DOCX lacks %q: %.800s", want, text)
		}
	}
	r.Lang = report.English
	text, _, _ = docx(t, r)
	for _, want := range []string{"(unit mismatch: the source text writes the number in volumes, the value is in volumes per person)",
		"(Indicator 3.2.2 Public-library books per resident counts per resident, and the value 5,000 volumes per person is over 20 volumes per person"} {
		if !strings.Contains(text, want) {
			t.Errorf("English DOCX lacks %q: %.1200s", want, text)
		}
	}
}
