package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// TestReviseFormAsksAboutQuoteNotInText: a claim judged 证据不足 whose
// quote is not in its document's text (OCR read 8.6 FAK.) was revised
// (改判) to 属实 with no tick box asked (review s43 finding 1). The 改判
// form now carries the version shown and the tick box 引文在文字中未找到，
// 已核对原件图像; 属实 without it is not saved, neither asked to be
// confirmed nor sent confirmed, and ticked it is confirmed and saved.
func TestReviseFormAsksAboutQuoteNotInText(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	doc := s.env.Upload("330100", "读书驿站建设情况.txt", "全区建成读书驿站36个，年接待读者8.6 FAK.")
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	c, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: 2018, Indicator: "1.1.2", Statement: "全区建成读书驿站36个，年接待读者8.6万人次。",
		Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "年接待读者8.6万人次"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Claims.Review(ctx, &catalog.User{Username: "li", Role: catalog.RoleReviewer}, c.ID, "insufficient", "引文在原文中未找到"); err != nil {
		t.Fatal(err)
	}
	li := s.login("li")
	_, page := li.get("/claims/" + c.ID)
	revise := cutBetween(page, `id="reviseform"`, `</form>`)
	if !strings.Contains(revise, `name="quote_checked"`) || !strings.Contains(revise, "引文在文字中未找到，已核对原件图像") {
		t.Fatalf("the 改判 form has no tick box for the quote not in the text: %.1500s", textOf(revise))
	}
	version := versionIn(t, page, "reviseform")
	form := url.Values{"revise": {"1"}, "previous": {"insufficient"}, "version": {version}, "verdict": {"verified"}, "comment": {"已找到原件"}}
	_, body := li.post("/claims/"+c.ID+"/review", form)
	if !strings.Contains(html.UnescapeString(body), `id="revise-quote-checked-err">第 1 条引文在所引文档的文字中未找到`) {
		t.Fatalf("改判为属实 without the tick: %.1500s; want the question beside the tick box", textOf(body))
	}
	form.Set("confirm", "1")
	li.post("/claims/"+c.ID+"/review", form)
	if got := s.claimStatus(c.ID); got != catalog.ClaimInsufficient {
		t.Fatalf("after 改判为属实 sent confirmed without the tick the claim is %s, want insufficient", got)
	}
	form.Del("confirm")
	form.Set("quote_checked", "1")
	_, body = li.post("/claims/"+c.ID+"/review", form)
	for _, field := range []string{`name="quote_checked" value="1"`, `name="version" value="` + version + `"`} {
		if !strings.Contains(body, field) {
			t.Fatalf("the 改判 confirmation does not carry %s: %.1500s", field, textOf(body))
		}
	}
	form.Set("confirm", "1")
	li.post("/claims/"+c.ID+"/review", form)
	if got := s.claimStatus(c.ID); got != catalog.ClaimVerified {
		t.Fatalf("after 改判为属实 ticked and confirmed the claim is %s, want verified", got)
	}
}

// TestReviseFormIsForTheClaimShown: the reviewer opens a claim judged 证据
// 不足; meanwhile an admin rewrites the verdict's comment. The 改判 sent
// from the page already open named the right previous verdict and was
// saved (review s43 finding 1); it is now refused saying the claim
// changed since, and the claim keeps 证据不足.
func TestReviseFormIsForTheClaimShown(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	doc := s.env.Upload("330100", "社区学习共同体培育计划.txt", "杭州市计划培育社区学习共同体300个，覆盖全部街道。")
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	c, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: 2018, Indicator: "1.1.2", Statement: "计划培育社区学习共同体300个。",
		Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "培育社区学习共同体300个"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Claims.Review(ctx, &catalog.User{Username: "li", Role: catalog.RoleReviewer}, c.ID, "insufficient", "缺少验收材料"); err != nil {
		t.Fatal(err)
	}
	li := s.login("li")
	_, page := li.get("/claims/" + c.ID)
	shown := versionIn(t, page, "reviseform")
	if _, err := s.env.Claims.Revise(ctx, &catalog.User{Username: "admin", Role: catalog.RoleAdmin}, c.ID, "insufficient", "缺少验收材料和责任单位的统计台账"); err != nil {
		t.Fatal(err)
	}
	resp, body := li.post("/claims/"+c.ID+"/review", url.Values{"revise": {"1"}, "previous": {"insufficient"}, "version": {shown},
		"verdict": {"verified"}, "comment": {"计划文件已足以佐证"}, "confirm": {"1"}})
	if resp.StatusCode != http.StatusPreconditionFailed || !strings.Contains(html.UnescapeString(body), "定性描述在您打开页面后已被修改") {
		t.Fatalf("改判 sent from the page opened before the admin's comment: %d %.1500s; want that the claim changed", resp.StatusCode, textOf(body))
	}
	if got := s.claimStatus(c.ID); got != catalog.ClaimInsufficient {
		t.Fatalf("the claim is %s after the refused 改判, want insufficient", got)
	}
}
