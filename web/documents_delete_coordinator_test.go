package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// TestCoordinatorBulkDeletesAsTheAPIAllows: the API lets 杭州's coordinator
// delete a document nothing cites, but /documents offered the coordinator
// no delete and answered 403 只有管理员可以删除文档 (probe s30 §27). Now
// the list offers it with the rule, the confirmation names the document
// that goes and the cited one that stays with why, the confirmed delete
// removes only the first, and a choice of only cited documents is refused
// with the real reason.
func TestCoordinatorBulkDeletesAsTheAPIAllows(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	stray := s.env.Upload("330100", "老年教育2020.txt", "杭州市老年教育工作要点。")
	cited := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行。")
	wangUser := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	if _, err := s.env.Claims.Create(ctx, wangUser, claims.Input{Round: 2018, Indicator: "2.3.1", Statement: "建立学分银行。",
		Citations: []claims.CitationInput{{DocumentID: cited.ID, Page: 1, Quote: "杭州市建立学分银行"}}}); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	if _, body := wang.get("/documents"); !strings.Contains(body, `id="bulk-delete"`) || !strings.Contains(textOf(body), "本市协调员可以删除没有被任何定性描述或数值引用的文档") {
		t.Errorf("/documents offers the coordinator no delete, or not its rule: %.400s", textOf(body))
	}
	resp, body := wang.post("/documents/bulk", url.Values{"ids": {cited.ID}, "action": {"delete"}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(textOf(body), "已被 1 处定性描述或数值引用") || strings.Contains(body, "只有管理员可以删除文档") {
		t.Errorf("deleting only the cited document: %d %.400s; want 403 saying it is cited", resp.StatusCode, textOf(body))
	}
	_, body = wang.post("/documents/bulk", url.Values{"ids": {stray.ID, cited.ID}, "action": {"delete"}})
	items := regexp.MustCompile(`(?s)<ul class="confirm-items">.*?</ul>`).FindString(body)
	kept := regexp.MustCompile(`(?s)<ul class="confirm-kept" id="confirm-kept">.*?</ul>`).FindString(body)
	if !strings.Contains(items, stray.Title) || strings.Contains(items, cited.Title) ||
		!strings.Contains(textOf(kept), cited.Title+"：这份文档已被 1 处定性描述或数值引用") {
		t.Fatalf("the confirmation: going %q, kept %q; want %s going, %s kept with why", textOf(items), textOf(kept), stray.Title, cited.Title)
	}
	form := url.Values{"action": {"delete"}, "confirm": {"1"}}
	for _, m := range regexp.MustCompile(`name="ids" value="([^"]+)"`).FindAllStringSubmatch(body, -1) {
		form.Add("ids", m[1])
	}
	resp, body = wang.post("/documents/bulk", form)
	if resp.StatusCode != http.StatusOK || !strings.Contains(textOf(body), "已删除 1 份文档") {
		t.Errorf("the confirmed delete: %d %.400s", resp.StatusCode, textOf(body))
	}
	if d, _ := s.env.Catalog.Document(ctx, stray.ID); d != nil {
		t.Errorf("老年教育2020.txt, cited by nothing, is still there")
	}
	if d, _ := s.env.Catalog.Document(ctx, cited.ID); d == nil {
		t.Errorf("学分银行.txt, cited by a claim, was deleted by the coordinator")
	}
}
