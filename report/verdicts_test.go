package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/values"
)

// TestValueVerdictsReachTheReport: a reviewer's verdict on a value is in
// the report beside the number, as a claim's is beside its statement: a
// value found to contradict its source is not reported as if unreviewed.
func TestValueVerdictsReachTheReport(t *testing.T) {
	e := testenv.New(t)
	reviewer := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	d := e.Upload(hangzhou, "tongji.txt", "全年存入学分银行的社会培训成果达12.3万人，认定市民终身学习基地123个，成人年参与学习率达到85.3%。")
	record := func(indicator, value, quote string) string {
		v, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: indicator, Value: values.Written(value),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: quote}})
		if err != nil {
			t.Fatalf("record %s %s: %v", indicator, value, err)
		}
		return v.ID
	}
	verified := record("2.3.3", "12.3万", "社会培训成果达12.3万人")
	contradicted := record("2.2.1", "132", "认定市民终身学习基地123个")
	record("5.1.1", "85.3%", "成人年参与学习率达到85.3%")
	if _, err := e.Values.Review(ctx, reviewer, verified, "verified", "与统计表一致"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.Review(ctx, reviewer, contradicted, "contradicted", "原文为123个"); err != nil {
		t.Fatal(err)
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"2.3.3": "【属实】", "2.2.1": "【与证据矛盾】", "5.1.1": "【待审核】"}

	text, _, _ := docx(t, r)
	for code, mark := range want {
		i := strings.Index(text, code+" ")
		if i < 0 {
			t.Fatalf("DOCX lacks %s: %.600s", code, text)
		}
		line := text[i:]
		if j := strings.Index(line, "定性描述"); j >= 0 {
			line = line[:j]
		}
		if !strings.Contains(line, mark) {
			t.Errorf("DOCX %s: %q, want the value's verdict %s", code, line, mark)
		}
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
	got := map[string]string{}
	for _, sheet := range f.GetSheetList()[1:] {
		rows, _ := f.GetRows(sheet)
		for _, row := range rows {
			if len(row) > 6 && want[row[0]] != "" {
				got[row[0]] = row[6]
			}
		}
	}
	for code, mark := range want {
		if !strings.Contains(got[code], mark) {
			t.Errorf("XLSX 数值出处 of %s: %q, want the value's verdict %s", code, got[code], mark)
		}
	}
}
