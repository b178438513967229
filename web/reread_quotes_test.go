package web

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestRereadMarksQuotesFoundOnTheClaimPage: a claim whose quote was saved
// not found in the garbage an older reader gave reads 引文已在该页找到 on
// its page once the admin's 重新读取 has read the text anew, and the
// audit log on /admin says the system looked for it again and found it.
func TestRereadMarksQuotesFoundOnTheClaimPage(t *testing.T) {
	s := newSite(t)
	oldText, oldFields, claim := claimOnOutdatedText(t, s)
	admin := s.login("admin")
	_, body := admin.get("/claims/" + claim.ID)
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "所引文档中未找到该引文\uFF08请核对页码或原文\uFF09") {
		t.Fatalf("the claim page before the reading lacks 所引文档中未找到该引文（请核对页码或原文）: %.600s", text)
	}
	_, body = admin.get("/admin")
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "原来未找到的引文在新读出的文字中重新查找") {
		t.Errorf("the admin page does not say that quotes are looked for again: %.600s", from(text, "新版读取器"))
	}
	if err := s.env.Ingest.StartReread(testenv.Admin); err != nil {
		t.Fatal(err)
	}
	s.env.WaitRereadDone(oldText.ID, oldFields.ID)

	_, body = admin.get("/claims/" + claim.ID)
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "引文已在该页找到") {
		t.Errorf("the claim page after the reading lacks 引文已在该页找到: %.600s", text)
	}
	_, body = admin.get("/admin")
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "文字重新读取后复核引文 · 引文已在该页找到") {
		t.Errorf("the audit log lacks the system's 文字重新读取后复核引文 · 引文已在该页找到: %.1500s", from(text, "审计日志"))
	}
}

// from is text from the first mark on, or all of it when mark is not
// there: what a failing test shows of a page.
func from(text, mark string) string {
	if i := strings.Index(text, mark); i >= 0 {
		return text[i:]
	}
	return text
}

// TestQuoteFoundOnAnotherPageInTheAuditLog: a quote a text read anew has
// on another page than the one its citation names is not said to be
// missing from the document: the audit log names the page it is on.
func TestQuoteFoundOnAnotherPageInTheAuditLog(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	d := s.env.Upload("330100", "学习活动周.txt", "杭州市终身学习活动周期间共开展学习活动1260场。")
	claim, err := s.env.Claims.Create(ctx, testenv.Admin, claims.Input{City: "330100", Round: 2017, Indicator: "1.1.1",
		Statement: "杭州市终身学习活动周开展学习活动1260场",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "共开展学习活动1260场"}}})
	if err != nil {
		t.Fatal(err)
	}
	quotes, err := s.env.Catalog.QuotesIn(ctx, d.SHA256)
	if err != nil || len(quotes) != 1 || quotes[0].Owner != claim.ID {
		t.Fatalf("quotes in the text: %+v, %v; want the claim's", quotes, err)
	}
	// As the text read anew would have it: the quote on page 2.
	if _, err := s.env.Catalog.RecordQuotesFoundAgain(ctx, []catalog.QuoteFoundAgain{{Quote: quotes[0], FoundOnPage: 2}}); err != nil {
		t.Fatal(err)
	}
	_, body := s.login("admin").get("/admin")
	text := html.UnescapeString(textOf(body))
	if want := "文字重新读取后复核引文 · 引文在第 2 页找到，不在所注页码"; !strings.Contains(text, want) {
		t.Errorf("the audit log lacks %s: %.1500s", want, from(text, "审计日志"))
	}
	if strings.Contains(text, "复核引文 · 所引文档中未找到该引文") {
		t.Errorf("the audit log says a quote found on page 2 is not in the document: %.1500s", from(text, "审计日志"))
	}
}
