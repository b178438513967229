package report_test

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
)

// TestClaimQuoteNotFoundIsShownMarked: a claim cites one page of a
// document twice, once with words the page has and once with words it has
// not. The report lists both quotes, the missing one marked as a value's
// missing number is (原文中未找到该引文, quote not found in the source
// text), in DOCX and XLSX, Chinese and English; it used to list the
// document once with the first quote only.
func TestClaimQuoteNotFoundIsShownMarked(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "xuefen.txt", "杭州市建立学分银行制度,开展学习成果认证。")
	const found, missing = "建立学分银行制度", "全市发放学习卡100万张"
	if _, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: found}, {DocumentID: d.ID, Page: 1, Quote: missing}}}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang report.Lang
		mark string
	}{
		{report.Chinese, "\uFF08原文中未找到该引文\uFF09"},
		{report.English, " (quote not found in the source text)"},
	} {
		r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
		if err != nil {
			t.Fatal(err)
		}
		r.Lang = tt.lang
		text, _, _ := docx(t, r)
		if !strings.Contains(text, found) || !strings.Contains(text, missing+tt.mark) || strings.Contains(text, found+tt.mark) {
			t.Errorf("DOCX (%s) does not list %q and %q marked %q: %.1500s", tt.lang, found, missing, tt.mark, text)
		}
		if cell := xlsxRows(t, r)["2.3.1"]; len(cell) < 6 || !strings.Contains(strings.Join(cell, "\t"), "“"+missing+"”"+tt.mark) {
			t.Errorf("XLSX (%s) row 2.3.1 %q does not mark %q", tt.lang, cell, missing)
		}
	}
}

// TestClaimQuoteOnAnotherPageNamesThatPage: a claim cites page 2 of a
// document with words that are on its page 1. The report does not say the
// quote is not in the document; it says it is not on page 2 but on page 1
// (（第2页未找到该引文，见第1页）, (not on p. 2; on p. 1)).
func TestClaimQuoteOnAnotherPageNamesThatPage(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "gongzuo.txt", "杭州市建立学分银行制度。\n— 1 —\f开展学习成果认证。\n— 2 —")
	const quote = "建立学分银行制度"
	if _, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 2, Quote: quote}}}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang       report.Lang
		mark, lost string
	}{
		{report.Chinese, "\uFF08第2页未找到该引文\uFF0C见第1页\uFF09", "原文中未找到该引文"},
		{report.English, " (not on p. 2; on p. 1)", "quote not found in the source text"},
	} {
		r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
		if err != nil {
			t.Fatal(err)
		}
		r.Lang = tt.lang
		text, _, _ := docx(t, r)
		if !strings.Contains(text, quote+tt.mark) || strings.Contains(text, tt.lost) {
			t.Errorf("DOCX (%s) does not mark %q %q (nor without %q): %.1500s", tt.lang, quote, tt.mark, tt.lost, text)
		}
		if cell := strings.Join(xlsxRows(t, r)["2.3.1"], "\t"); !strings.Contains(cell, "“"+quote+"”"+tt.mark) || strings.Contains(cell, tt.lost) {
			t.Errorf("XLSX (%s) row 2.3.1 %q does not mark %q %q", tt.lang, cell, quote, tt.mark)
		}
	}
}
