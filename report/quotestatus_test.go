package report_test

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
)

// statusOf is the report's status of the key indicator code.
func statusOf(t *testing.T, r *report.Report, code string) string {
	t.Helper()
	for _, a := range r.Areas {
		for _, it := range a.Items {
			if it.Indicator.Code == code {
				return it.Status
			}
		}
	}
	t.Fatalf("the report has no indicator %s", code)
	return ""
}

// TestQuoteNotFoundIsNoEvidenceUntilVerified: an indicator whose only
// citation quotes words its document's text does not have (OCR read 8.6
// FAK. for 8.6万人次) was 有证据 in the report while the pack's manifest
// said （引文未找到） (probe s43 finding 6). It is 引文未找到 now, and once a
// reviewer verified the claim against the original's image, 已核实（引文在
// 文字中未找到）: verified, the mark kept.
func TestQuoteNotFoundIsNoEvidenceUntilVerified(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "读书驿站.txt", "全区建成读书驿站，年接待读者8.6 FAK.")
	c, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "全区建成读书驿站，接待读者众多。",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "年接待读者8.6万人次"}}})
	if err != nil {
		t.Fatal(err)
	}
	build := func() *report.Report {
		r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if got := statusOf(t, build(), "2.3.1"); got != report.QuoteNotFound {
		t.Errorf("2.3.1 resting on a quote not found: %q, want %q", got, report.QuoteNotFound)
	}
	rev := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	if _, err := e.Claims.Give(ctx, rev, c.ID, claims.Verdict{Verdict: "verified", Comment: "已核对扫描件原图，识别有误",
		Seen: catalog.IfMatch{c.Version()}, QuoteChecked: true}); err != nil {
		t.Fatal(err)
	}
	r := build()
	if got := statusOf(t, r, "2.3.1"); got != "已核实（引文在文字中未找到）" {
		t.Errorf("2.3.1 verified on a quote not found: %q, want 已核实（引文在文字中未找到）", got)
	}
	r.Lang = report.English
	if row := xlsxRows(t, r)["2.3.1"]; !containsCell(row, "Verified (quote not found in the text)") {
		t.Errorf("English XLSX row 2.3.1 %q does not say Verified (quote not found in the text)", row)
	}
}

func containsCell(row []string, want string) bool {
	for _, c := range row {
		if c == want {
			return true
		}
	}
	return false
}
