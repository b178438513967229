package report_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

// TestLongEvidenceListFitsACell: an indicator with more evidence than an
// Excel cell holds (32,767 characters) lists whole lines and says how many
// more there are, in the report's language, instead of being cut in the
// middle of a title without a word.
func TestLongEvidenceListFitsACell(t *testing.T) {
	for _, lang := range []report.Lang{report.Chinese, report.English} {
		var ev []report.Evidence
		for i := range 400 {
			ev = append(ev, report.Evidence{DocumentID: fmt.Sprint(i), Title: fmt.Sprintf("关于印发杭州市第%d批社区学习共同体建设典型案例汇编的通知（附件：各区县、市属高校及社会培训机构推荐名单与评审意见）", i),
				DocNumber: fmt.Sprintf("杭教〔2017〕%d号", i), IssuedOn: "2017-03-12", Page: 1})
		}
		r := &report.Report{City: catalog.City{Code: "330100", Name: "杭州"}, Round: 2017, Lang: lang,
			Areas: []report.Area{{Code: "1", Name: "组织领导", Items: []report.Item{{
				Indicator: catalog.Indicator{Code: "1.1.1", Name: "学习型城市建设规划", Kind: catalog.Qualitative, Level: catalog.KeyLevel},
				Status:    report.Present, Evidence: ev}}}}}
		var buf bytes.Buffer
		if err := r.WriteXLSX(&buf); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows(f.GetSheetList()[1])
		f.Close()
		cell := rows[1][8]
		lines := strings.Split(cell, "\n")
		last := lines[len(lines)-1]
		if n := len([]rune(cell)); n > 32767 {
			t.Fatalf("%s: evidence cell of %d characters", lang, n)
		}
		want := map[report.Lang]string{report.Chinese: "条未列出", report.English: "more not shown"}[lang]
		if !strings.HasPrefix(last, "…") || !strings.Contains(last, want) || !strings.Contains(last, "DOCX") {
			t.Errorf("%s: evidence cell ends %q, want a line of its own saying how many more (%q) and where they are", lang, last, want)
		}
		for _, l := range lines[:len(lines)-1] {
			if !strings.HasSuffix(l, "第1页") && !strings.HasSuffix(l, "p. 1") {
				t.Errorf("%s: line %q is cut short", lang, l)
				break
			}
		}
	}
}
