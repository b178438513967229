package web

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestRereadMarksQuotesFoundOnTheClaimPage: a claim whose quote was saved
// not found in the garbage an older reader gave reads 引文已在该页找到 on
// its page once the admin's 重新读取 has read the text anew, and the
// audit log on /admin says the system looked for it again and found it.
func TestRereadMarksQuotesFoundOnTheClaimPage(t *testing.T) {
	s := newSite(t)
	oldText, oldFields := s.env.OutdatedArchive("330100", "wang")
	claim, err := s.env.Claims.Create(context.Background(), testenv.Admin, claims.Input{City: "330100", Round: 2017, Indicator: "1.1.1",
		Statement: "宁波市终身学习活动周开展学习活动1260场",
		Citations: []claims.CitationInput{{DocumentID: oldText.ID, Page: 1, Quote: "共开展学习活动" + testenv.OutdatedWords}}})
	if err != nil {
		t.Fatal(err)
	}
	admin := s.login("admin")
	_, body := admin.get("/claims/" + claim.ID)
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "引文未在文档中找到") {
		t.Fatalf("the claim page before the reading lacks 引文未在文档中找到: %.600s", text)
	}
	_, body = admin.get("/admin")
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "原来未找到的引文在新读出的文字中重新查找") {
		t.Errorf("the admin page does not say that quotes are looked for again: %.600s", text[strings.Index(text, "新版读取器"):])
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
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "重新读取后复核引文 · 引文已在该页找到") {
		t.Errorf("the audit log lacks the system's 重新读取后复核引文 · 引文已在该页找到: %.1500s", text[strings.Index(text, "审计日志"):])
	}
}
