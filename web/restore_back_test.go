package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// TestRestoreSaysWhatCameBackAndWhatStayed: two claims cite 杭州's 学分银行
// rules, one found 属实, one 与证据矛盾; the rules are deleted and the second
// claim is then found 证据不足. 恢复 on the tombstone asks, and says after it
// that one verdict came back and one item stays as it is; the first
// claim's 处理记录 shows its verdict restored with the document.
func TestRestoreSaysWhatCameBackAndWhatStayed(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	li := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	d := s.env.Upload("330100", "学分银行管理办法.txt", "杭州市学分银行管理办法：全市建成社区学校120所。")
	var ids []string
	for _, tt := range []struct{ verdict, comment string }{{"verified", ""}, {"contradicted", "原文为120所"}} {
		c, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: 2018, Indicator: "1.1.2", Statement: "全市建成社区学校120所",
			Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "全市建成社区学校120所"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.env.Claims.Review(ctx, li, c.ID, tt.verdict, tt.comment); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	if _, err := s.env.Documents.Delete(ctx, admin, d.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Claims.Review(ctx, li, ids[1], "insufficient", "出处已删除"); err != nil {
		t.Fatal(err)
	}
	b := s.login("wang")
	_, page := b.post("/documents/"+d.ID+"/restore", url.Values{})
	if text := textOf(page); !strings.Contains(text, "删除后无人再动过的，恢复为删除前的状态") {
		t.Errorf("the restore's question does not say what comes back: %.1500s", text)
	}
	_, page = b.post("/documents/"+d.ID+"/restore", url.Values{"confirm": {"1"}})
	text := textOf(page)
	for _, want := range []string{"因删除而清除的审核结论 1 项、退回的任务 0 项已恢复为删除前的状态", "另有 1 项在删除后已被修改、重新审核或重新提交，未恢复，保持现状"} {
		if !strings.Contains(text, want) {
			t.Errorf("the page after the restore lacks %q: %.1500s", want, text)
		}
	}
	_, page = s.login("li").get("/claims/" + ids[0])
	history := textOf(cutBetween(page, `<h2>处理记录</h2>`, `</ol>`))
	if want := "wang · 随文档恢复，定性描述的审核结论恢复 · 属实"; !strings.Contains(history, want) {
		t.Errorf("the claim's history lacks %q: %s", want, history)
	}
}
