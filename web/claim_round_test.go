package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestClaimFormTakesItsRound: the web claim form writes a 定性描述 for the
// round chosen, not only the current one; a round that is no year comes
// back beside its field with the statement kept, and is never taken for
// the current round.
func TestClaimFormTakesItsRound(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	wang := s.login("wang")
	if _, body := wang.get("/claims/new?indicator=2.3.1&round=2017"); !strings.Contains(body, `name="round" inputmode="numeric" value="2017"`) {
		t.Fatalf("the claim form has no round field: %.800s", textOf(body))
	}
	form := func(round string) url.Values {
		return url.Values{"indicator": {"2.3.1"}, "round": {round}, "statement": {"杭州市2017年建立学分银行"},
			"document_id": {doc.ID}, "page": {"1"}, "quote": {"建立学分银行"}}
	}
	for _, tt := range []struct{ round, want string }{
		{"2017年度", "监测轮次应为四位年份"},
		{"1999", "监测轮次 1999 不存在"},
	} {
		resp, body := wang.post("/claims", form(tt.round))
		if resp.StatusCode != 400 || !strings.Contains(body, `id="n-round-err">`+tt.want) || !strings.Contains(body, "杭州市2017年建立学分银行") {
			t.Errorf("round %q: %d, want 400 saying %q beside the round, the statement kept: %.1200s", tt.round, resp.StatusCode, tt.want, textOf(body))
		}
	}
	if list, _ := s.env.Claims.List(context.Background(), testenv.Admin, catalog.ClaimFilter{City: "330100"}); len(list) != 0 {
		t.Fatalf("a refused claim was stored: %+v", list)
	}
	if resp, body := wang.post("/claims", form("2017")); resp.StatusCode != 200 || !strings.Contains(resp.Request.URL.Path, "/claims/") {
		t.Fatalf("a claim for 2017: %d at %s: %.600s", resp.StatusCode, resp.Request.URL, textOf(body))
	}
	list, err := s.env.Claims.List(context.Background(), testenv.Admin, catalog.ClaimFilter{City: "330100"})
	if err != nil || len(list) != 1 || list[0].Round != 2017 {
		t.Errorf("claims after writing one for 2017: %+v %v, want one in round 2017", list, err)
	}
}
