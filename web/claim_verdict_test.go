package web

import (
	"context"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// TestClaimSentBackShowsWhyBesideItsStatus: the reason a reviewer sent a
// claim back was only deep in 处理记录 (probe s36 finding 11). Judged 证据不足
// or 与证据矛盾, the claim's page says 审核意见：…（reviewer，time） right under
// its status; verified or pending again after an edit, it says nothing
// there. Adding and removing a citation are named so in the history, not
// 修改定性描述.
func TestClaimSentBackShowsWhyBesideItsStatus(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	doc := s.env.Upload("330100", "学分银行通知.txt", "杭州市建立学分银行，推进学习成果认证。市人大常委会审议通过终身学习促进条例。")
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	li := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	verdictLine := regexp.MustCompile(`(?s)<p class="verdict-last" id="claim-verdict"[^>]*>(.*?)</p>`)
	for _, tt := range []struct {
		verdict, comment string
		want             string // "" for no line
	}{
		{"insufficient", "所引文件是学分银行通知，请补充条例文本及人大公告", "审核意见：所引文件是学分银行通知，请补充条例文本及人大公告（li，"},
		{"contradicted", "通知未说条例已颁布", "审核意见：通知未说条例已颁布（li，"},
		{"verified", "", ""},
	} {
		c, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: 2018, Indicator: "1.1.2", Statement: "杭州市终身学习促进条例已颁布",
			Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "建立学分银行"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.env.Claims.Review(ctx, li, c.ID, tt.verdict, tt.comment); err != nil {
			t.Fatal(err)
		}
		_, page := s.login("wang").get("/claims/" + c.ID)
		m := verdictLine.FindStringSubmatch(page)
		switch {
		case tt.want == "" && m != nil:
			t.Errorf("%s claim: a verdict line %q, want none", tt.verdict, textOf(m[1]))
		case tt.want != "" && (m == nil || !strings.Contains(html.UnescapeString(m[1]), tt.want)):
			t.Errorf("%s claim: verdict line %q, want %q: %.1200s", tt.verdict, m, tt.want, textOf(page))
		case tt.want != "" && strings.Index(page, `id="claim-verdict"`) > strings.Index(page, `id="statement"`):
			t.Errorf("%s claim: the reviewer's comment comes after the statement, not beside the status", tt.verdict)
		}
	}

	c, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: 2018, Indicator: "1.1.1", Statement: "杭州市终身学习促进条例已颁布",
		Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "建立学分银行"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Claims.Review(ctx, li, c.ID, "insufficient", "请补充条例文本"); err != nil {
		t.Fatal(err)
	}
	b := s.login("wang")
	if resp, page := b.post("/claims/"+c.ID+"/citations", url.Values{"document_id": {doc.ID}, "page": {"1"}, "quote": {"终身学习促进条例"}}); resp.StatusCode != 200 {
		t.Fatalf("add a citation: %d %.800s", resp.StatusCode, textOf(page))
	}
	_, page := b.get("/claims/" + c.ID)
	if strings.Contains(page, `id="claim-verdict"`) {
		t.Errorf("pending again after a citation was added: the old verdict's comment still stands beside the status")
	}
	if resp, page := b.post("/claims/"+c.ID+"/citations/1/delete", url.Values{}); resp.StatusCode != 200 {
		t.Fatalf("remove a citation: %d %.800s", resp.StatusCode, textOf(page))
	}
	_, page = b.get("/claims/" + c.ID)
	text := textOf(page)
	for _, want := range []string{"wang · 添加引用", "wang · 删除引用"} {
		if !strings.Contains(text, want) {
			t.Errorf("the claim's history lacks %q: %.2000s", want, text)
		}
	}
	if strings.Contains(text, "修改定性描述") && strings.Count(text, "修改定性描述") > strings.Count(page, `<summary>修改定性描述</summary>`) {
		t.Errorf("the claim's history still calls a citation change 修改定性描述: %.2000s", text)
	}
}
