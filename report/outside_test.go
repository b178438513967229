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
)

// TestRemovedIndicatorStaysInItsRoundsReport: 杭州 wrote a 定性描述 on
// 3.1.1 in 2017 and linked a document to it; the framework of 2018 drops
// 3.1.1. 2017's report still holds the claim, its verdict and the document,
// in a last area 不在当前指标体系中的指标, in XLSX and DOCX, instead of
// losing them without a word.
func TestRemovedIndicatorStaysInItsRoundsReport(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "huodongzhou.txt", "2017年杭州市举办全民终身学习活动周。")
	if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "3.1.1", Page: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "3.1.1", Statement: "杭州市2017年举办全民终身学习活动周",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "举办全民终身学习活动周"}}}); err != nil {
		t.Fatal(err)
	}
	table, fw := currentWith(t, e, func(inds []catalog.Indicator) []catalog.Indicator {
		var kept []catalog.Indicator
		for _, ind := range inds {
			if ind.Code != "3.1.1" {
				kept = append(kept, ind)
			}
		}
		return kept
	})
	if _, err := e.Framework.Import(ctx, testenv.Admin, "2018.csv", table, catalog.Framework{ID: fw.ID, Name: fw.Name, Version: "2018"}); err != nil {
		t.Fatal(err)
	}

	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	last := r.Areas[len(r.Areas)-1]
	if last.Code != report.Outside || len(last.Items) != 1 || last.Items[0].Indicator.Code != "3.1.1" {
		t.Fatalf("2017 report's last area %s %s with %d items, want 3.1.1 in 不在当前指标体系中的指标", last.Code, last.Name, len(last.Items))
	}
	it := last.Items[0]
	if len(it.Claims) != 1 || len(it.Evidence) != 1 || it.Status != report.Present {
		t.Errorf("2017 report 3.1.1: %d claims, %d documents, status %s; want 1, 1, 有证据", len(it.Claims), len(it.Evidence), it.Status)
	}
	rows := xlsxRows(t, r)
	if row := rows["3.1.1"]; len(row) < 8 || !strings.Contains(row[7], "杭州市2017年举办全民终身学习活动周【待审核】") {
		t.Errorf("2017 XLSX 3.1.1 row %q, want the claim with its verdict", row)
	}
	if text, _, _ := docx(t, r); !strings.Contains(text, "不在当前指标体系中的指标") || !strings.Contains(text, "杭州市2017年举办全民终身学习活动周") {
		t.Errorf("2017 DOCX does not keep 3.1.1: %.800s", text)
	}
}

// xlsxRows writes r as XLSX and reads its area sheets back, rows by
// indicator code.
func xlsxRows(t *testing.T, r *report.Report) map[string][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := r.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]string{}
	for _, s := range f.GetSheetList()[1:] {
		all, _ := f.GetRows(s)
		for _, row := range all[1:] {
			out[row[0]] = row
		}
	}
	return out
}
