package web

import (
	"bytes"
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
)

// TestHeatMapCompareAndReportAgreeOnAQuoteNotFound: 杭州's only claim
// (定性描述) of 2.3.1 quotes 年接待读者8.6万人次, which OCR read 8.6 FAK.:
// the quote is on no page of the document's text. The report said
// 引文未找到 while the heat map showed ◆ 已提交定性描述 and /compare 有证据
// (review s43 #3). Now the heat map's cell, /compare (the page and the
// status the API answers) and the report's 状态 say one state: 引文未找到,
// and once a reviewer verified the claim against the original's image,
// 已核实（引文在文字中未找到）.
func TestHeatMapCompareAndReportAgreeOnAQuoteNotFound(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "读书驿站.txt", "全区建成读书驿站，年接待读者8.6 FAK.")
	c, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "全区建成读书驿站，接待读者众多。",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "年接待读者8.6万人次"}}})
	if err != nil {
		t.Fatal(err)
	}
	agree := func(when, words, symbol, status string) { agreeOn231(t, s, coord, when, words, symbol, status) }
	agree("quote not found", "引文未找到", "◇", "quote_not_found")
	rev := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	if _, err := s.env.Claims.Give(ctx, rev, c.ID, claims.Verdict{Verdict: "verified", Comment: "已核对扫描件原图，识别有误",
		Seen: catalog.IfMatch{c.Version()}, QuoteChecked: true}); err != nil {
		t.Fatal(err)
	}
	agree("verified on the original's image", "已核实\uFF08引文在文字中未找到\uFF09", "✔※", "verified_quote_not_found")
}

// TestALinkWithoutAQuoteHidesNoClaimsQuoteNotFound: 杭州's only claim of
// 2.3.1 quotes words on no page of 读书驿站's text, and the department's
// 工作总结 is linked to 2.3.1 without a quote. The link made the whole
// indicator sound: the heat map said ◆ 已提交定性描述, /compare and the
// report 有证据, and the reviewer was not warned (review s44 #5). The
// state follows the claims' citations: 引文未找到 on every view.
func TestALinkWithoutAQuoteHidesNoClaimsQuoteNotFound(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	d := s.env.Upload("330100", "读书驿站.txt", "全区建成读书驿站，年接待读者8.6 FAK.")
	if _, err := s.env.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "全区建成读书驿站，接待读者众多。",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "年接待读者8.6万人次"}}}); err != nil {
		t.Fatal(err)
	}
	summary := s.env.Upload("330100", "工作总结.txt", "2017年杭州市学习型城市建设工作总结：新建社区学习点三十个。")
	if err := s.env.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: summary.ID, IndicatorCode: "2.3.1"}); err != nil {
		t.Fatal(err)
	}
	agreeOn231(t, s, coord, "a claim's quote not found, another document linked without a quote", "引文未找到", "◇", "quote_not_found")
}

// agreeOn231 checks that 杭州's 2.3.1 in 2017 says words (symbol on the
// heat map, status on /compare and in the comparison the API answers) on
// the heat map, /compare, the report's 状态 and report.xlsx's 状态 column.
func agreeOn231(t *testing.T, s *site, coord *catalog.User, when, words, symbol, status string) {
	t.Helper()
	ctx := context.Background()
	b := s.login("wang")
	_, body := b.get("/indicators?round=2017")
	m := regexp.MustCompile(`href="/indicators/2\.3\.1\?city=330100(?:&amp;round=\d+)?" aria-label="([^"]*)" title="[^"]*">([^<]*)</a>`).FindStringSubmatch(body)
	if m == nil || html.UnescapeString(m[1]) != "2.3.1 杭州\uFF1A"+words || m[2] != symbol {
		t.Errorf("%s: heat-map cell of 杭州 2.3.1: %q, want %s shown %s", when, m, words, symbol)
	}
	_, page := b.get("/compare?city=330100&rounds=2017")
	row := regexp.MustCompile(`(?s)<tr data-code="2\.3\.1">.*?</tr>`).FindString(page)
	if !strings.Contains(row, `class="status-`+status+`"`) || !strings.Contains(textOf(row), words) {
		t.Errorf("%s: 2.3.1 on /compare: %q, want status-%s saying %s", when, textOf(row), status, words)
	}
	cmp, err := s.env.Coverage.Compare(ctx, coord, "330100", []int{2017})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range cmp.Indicators {
		if r.Code == "2.3.1" && r.Rounds[0].Status != status {
			t.Errorf("%s: 2.3.1's status in the comparison (the API's): %s, want %s", when, r.Rounds[0].Status, status)
		}
	}
	r, err := report.NewService(s.env.Catalog).Build(ctx, coord, "330100", 2017)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range r.Areas {
		for _, it := range a.Items {
			if it.Indicator.Code == "2.3.1" && it.Status != words {
				t.Errorf("%s: 2.3.1's 状态 in the report: %q, want %q", when, it.Status, words)
			}
		}
	}
	if got := xlsxStatus(t, r, "2.3.1"); got != words {
		t.Errorf("%s: 2.3.1's 状态 in report.xlsx: %q, want %q", when, got, words)
	}
}

// xlsxStatus is the 状态 column (the fourth) of code's row in report.xlsx.
func xlsxStatus(t *testing.T, r *report.Report, code string) string {
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
	for _, sheet := range f.GetSheetList()[1:] {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			if len(row) > 3 && row[0] == code {
				return row[3]
			}
		}
	}
	return ""
}
