package web

import (
	"context"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestLinkQuoteNotInTheTextIsMarked: a link's quote the document does not
// say (这句话不在文中) is marked 引文未在原文中找到 beside it on the
// document's page and on the indicator's page, one written on another
// page 引文不在第 1 页（在第 2 页）, and one the text has carries no mark:
// a reviewer never reads a typo as the document's words.
func TestLinkQuoteNotInTheTextIsMarked(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "社区教育年报.txt", "第一页：杭州市建立学分银行。\f第二页：开展全民终身学习活动月。")
	wang := s.login("wang")
	for _, l := range []struct{ code, page, quote string }{
		{"1.1.1", "1", "这句话不在文中"},
		{"2.3.1", "1", "建立学分银行"},
		{"2.3.1", "1", "开展全民终身学习活动月"},
	} {
		if resp, body := wang.post("/documents/"+doc.ID+"/links", url.Values{"indicator": {l.code}, "page": {l.page}, "quote": {l.quote}}); resp.StatusCode != 200 {
			t.Fatalf("link %s: %d %.300s", l.code, resp.StatusCode, textOf(body))
		}
	}
	_, body := wang.get("/documents/" + doc.ID)
	item := func(code string) string {
		return html.UnescapeString(textOf(regexp.MustCompile(`(?s)<li class="link-item" data-code="` + regexp.QuoteMeta(code) + `">.*?</li>`).FindString(body)))
	}
	if it := item("1.1.1"); !strings.Contains(it, "“这句话不在文中” 引文未在原文中找到，请核对原文") {
		t.Errorf("the document's link 1.1.1 reads %q, want its quote marked 引文未在原文中找到", it)
	}
	it := item("2.3.1")
	if !strings.Contains(it, "“开展全民终身学习活动月” 引文不在第 1 页（在第 2 页），请核对页码") {
		t.Errorf("the document's link 2.3.1 reads %q, want the passage on page 2 marked 引文不在第 1 页", it)
	}
	if strings.Count(it, "引文") != 1 {
		t.Errorf("the document's link 2.3.1 reads %q, want the quote found (建立学分银行) unmarked", it)
	}
	card := func(code string) string {
		_, body := wang.get("/indicators/" + code)
		return html.UnescapeString(textOf(regexp.MustCompile(`(?s)<article class="card hit">\s*<h2><a href="/documents/` + doc.ID + `[^"]*">.*?</article>`).FindString(body)))
	}
	if c := card("1.1.1"); !strings.Contains(c, "第 1 页 这句话不在文中 引文未在原文中找到，请核对原文") {
		t.Errorf("the indicator page 1.1.1 shows the document as %q, want its quote marked 引文未在原文中找到", c)
	}
	c := card("2.3.1")
	if !strings.Contains(c, "开展全民终身学习活动月 引文不在第 1 页（在第 2 页），请核对页码") || strings.Count(c, "引文") != 1 {
		t.Errorf("the indicator page 2.3.1 shows the document as %q, want only the passage on page 2 marked", c)
	}
}

// TestCarriedLinkQuoteNotInTheTextIsMarked: a link carried into 2018
// whose quote the document does not say is marked on /carryovers, before
// the coordinator confirms it, and one whose quote the text has is not.
func TestCarriedLinkQuoteNotInTheTextIsMarked(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	d := s.env.Upload("330100", "社区教育年报.txt", "杭州市建立学分银行制度。")
	for _, l := range []*catalog.Link{
		{DocumentID: d.ID, IndicatorCode: "1.1.1", Page: 1, Quote: "这句话不在文中"},
		{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1, Quote: "建立学分银行制度"},
	} {
		if err := s.env.Ingest.AddLink(ctx, testenv.Admin, l); err != nil {
			t.Fatal(err)
		}
	}
	wang := s.login("wang")
	if resp, body := wang.post("/carryovers", url.Values{"city": {"330100"}, "round": {"2018"}}); resp.StatusCode != 200 {
		t.Fatalf("carry-over button: %d: %.300s", resp.StatusCode, textOf(body))
	}
	_, body := wang.get("/carryovers?city=330100&round=2018")
	text := html.UnescapeString(textOf(body))
	if !strings.Contains(text, "“这句话不在文中” 引文未在原文中找到，请核对原文") {
		t.Errorf("/carryovers does not mark the carried link's quote 这句话不在文中:\n%.2000s", text)
	}
	if strings.Count(text, "引文未在原文中找到") != 1 || strings.Contains(text, "“建立学分银行制度”") {
		t.Errorf("/carryovers marks a quote the text has:\n%.2000s", text)
	}
}
