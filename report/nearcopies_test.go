package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
)

// TestReportListsBornDigitalNearDuplicatesApart: a 征求意见稿 and its
// final version, both born digital and recorded near duplicates of each
// other, are two documents: the report lists both, neither as a copy of
// the other (only a scan read by OCR folds under its near duplicate).
func TestReportListsBornDigitalNearDuplicatesApart(t *testing.T) {
	e := testenv.New(t)
	body := "各区、县（市）教育局：为推进学分银行建设，现将有关事项通知如下。一、建立市民终身学习账户，记录学习成果。二、学分认定与转换按有关规定执行。"
	draft := e.Upload(hangzhou, "学分银行通知（征求意见稿）.txt", "关于推进学分银行建设的通知（征求意见稿）\n\n"+body)
	final := e.Upload(hangzhou, "学分银行通知.txt", "关于推进学分银行建设的通知\n\n"+body+"三、本通知自发布之日起施行。")
	if err := e.Catalog.AddNearDuplicates(ctx, draft.ID, []catalog.NearDuplicate{{ID: final.ID, Similarity: 0.93}}); err != nil {
		t.Fatal(err)
	}
	for _, d := range []*catalog.Document{draft, final} {
		if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1"}); err != nil {
			t.Fatal(err)
		}
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	row := strings.Join(xlsxRows(t, r)["2.3.1"], "\n")
	if strings.Contains(row, "另有") || strings.Count(row, "《") != 2 {
		t.Errorf("XLSX 2.3.1 row %q, want the draft and the final listed apart, neither a copy", row)
	}
}
