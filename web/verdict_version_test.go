package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
)

// versionIn is the version the review form with id sends back.
func versionIn(t *testing.T, page, form string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)id="` + regexp.QuoteMeta(form) + `".*?name="version" value="([^"]*)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("form %s carries no version: %.1500s", form, textOf(page))
	}
	return m[1]
}

// TestClaimVerdictFormIsForTheTextShown: the reviewer opens a claim's page
// (计划培育…300个), the city changes the statement (已建成…3000个), and the
// 属实 sent from the page already open is not saved: the page shows the new
// text and says it changed; the claim stays 待审核. Sent again from the
// page showing the new text, the verdict is saved.
func TestClaimVerdictFormIsForTheTextShown(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	doc := s.env.Upload("330100", "社区学习共同体培育计划.txt", "杭州市计划培育社区学习共同体300个，覆盖全部街道。")
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	c, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: 2018, Indicator: "1.1.2", Statement: "计划培育社区学习共同体300个。",
		Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "培育社区学习共同体300个"}}})
	if err != nil {
		t.Fatal(err)
	}
	li := s.login("li")
	_, page := li.get("/claims/" + c.ID)
	shown := versionIn(t, page, "reviewform")
	edited := "已建成社区学习共同体3000个，覆盖全部街道。"
	if _, err := s.env.Claims.Update(ctx, wang, c.ID, &edited, nil); err != nil {
		t.Fatal(err)
	}
	resp, body := li.post("/claims/"+c.ID+"/review", url.Values{"version": {shown}, "verdict": {"verified"}, "comment": {"与原文一致"}})
	got := html.UnescapeString(body)
	if resp.StatusCode != http.StatusPreconditionFailed || !strings.Contains(got, "定性描述在您打开页面后已被修改，本次审核未保存，请核对新内容") ||
		!strings.Contains(got, "已建成社区学习共同体3000个") {
		t.Fatalf("verdict sent from the page opened before the edit: %d %.1500s; want the new text and that it changed", resp.StatusCode, textOf(body))
	}
	if now, _ := s.env.Claims.Get(ctx, wang, c.ID); now.Status != catalog.ClaimPending {
		t.Fatalf("the claim is %s after the refused verdict, want pending", now.Status)
	}
	li.post("/claims/"+c.ID+"/review", url.Values{"version": {versionIn(t, body, "reviewform")}, "verdict": {"contradicted"}, "comment": {"原文是计划培育300个"}})
	if now, _ := s.env.Claims.Get(ctx, wang, c.ID); now.Status != catalog.ClaimContradicted {
		t.Fatalf("the claim is %s after the verdict on the text shown, want contradicted", now.Status)
	}
}

// TestValueVerdictFormIsForTheNumberShown: the reviewer opens /values with
// 3000 人, the city records 30000 in its place, and the 属实 sent from the
// page already open is not saved: the page says the value changed; the
// value stays 待审核. From the page showing 30000 the verdict is saved.
func TestValueVerdictFormIsForTheNumberShown(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	doc := s.env.Upload("330100", "学分银行统计.txt", "截至年底，学分银行累计为3000名市民存入学分。")
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	record := func(n string) *catalog.Value {
		v, err := s.env.Values.Record(ctx, wang, values.Input{City: "330100", Round: 2017, Indicator: "2.2.1", Value: values.Written(n),
			Citation: claims.CitationInput{DocumentID: doc.ID, Page: 1, Quote: "学分银行累计为3000名市民存入学分"}})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	v := record("3000")
	li := s.login("li")
	list := "/values?city=330100&round=2017"
	_, page := li.get(list)
	shown := versionIn(t, page, "valuereview-"+v.ID)
	record("30000")
	resp, body := li.post("/values/"+v.ID+"/review", url.Values{"version": {shown}, "verdict": {"verified"}, "comment": {"与台账一致"}})
	if got := html.UnescapeString(body); resp.StatusCode != http.StatusPreconditionFailed || !strings.Contains(got, "数值在您打开页面后已被修改，本次审核未保存，请核对新内容") {
		t.Fatalf("verdict sent from the page opened before the value was recorded again: %d %.1500s", resp.StatusCode, textOf(body))
	}
	if now, _ := s.env.Values.Get(ctx, wang, v.ID); now.Status != catalog.ClaimPending {
		t.Fatalf("the value is %s after the refused verdict, want pending", now.Status)
	}
	_, page = li.get(list)
	li.post("/values/"+v.ID+"/review", url.Values{"version": {versionIn(t, page, "valuereview-"+v.ID)}, "verdict": {"insufficient"}, "comment": {"引文写的是3000名"}})
	if now, _ := s.env.Values.Get(ctx, wang, v.ID); now.Status != catalog.ClaimInsufficient {
		t.Fatalf("the value is %s after the verdict on the number shown, want insufficient", now.Status)
	}
}

// TestVerifiedFormAsksAboutQuoteNotInText: a claim whose quote is not in
// its document's text (OCR read 8.6 FAK.) shows a tick box 引文在文字中未找到，
// 已核对原件图像 on its review form; 属实 without it is not saved and says
// why beside it; ticked, it is saved.
func TestVerifiedFormAsksAboutQuoteNotInText(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	doc := s.env.Upload("330100", "读书驿站建设情况.txt", "全区建成读书驿站36个，年接待读者8.6 FAK.")
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	c, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: 2018, Indicator: "1.1.2", Statement: "全区建成读书驿站36个，年接待读者8.6万人次。",
		Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "年接待读者8.6万人次"}}})
	if err != nil {
		t.Fatal(err)
	}
	li := s.login("li")
	_, page := li.get("/claims/" + c.ID)
	if !strings.Contains(page, `name="quote_checked"`) || !strings.Contains(page, "引文在文字中未找到，已核对原件图像") {
		t.Fatalf("the review form has no tick box for the quote not in the text: %.1500s", textOf(page))
	}
	form := url.Values{"version": {versionIn(t, page, "reviewform")}, "verdict": {"verified"}, "comment": {"已核对扫描件原图"}}
	_, body := li.post("/claims/"+c.ID+"/review", form)
	if !strings.Contains(html.UnescapeString(body), `id="quote-checked-err">第 1 条引文在所引文档的文字中未找到`) {
		t.Fatalf("属实 without the tick: %.1500s; want the question beside the tick box", textOf(body))
	}
	if now, _ := s.env.Claims.Get(ctx, wang, c.ID); now.Status != catalog.ClaimPending {
		t.Fatalf("the claim is %s after 属实 without the tick, want pending", now.Status)
	}
	form.Set("quote_checked", "1")
	li.post("/claims/"+c.ID+"/review", form)
	if now, _ := s.env.Claims.Get(ctx, wang, c.ID); now.Status != catalog.ClaimVerified {
		t.Fatalf("the claim is %s after 属实 ticked, want verified", now.Status)
	}
}
