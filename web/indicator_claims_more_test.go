package web

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// TestIndicatorPageSaysWhenClaimsAreLeftOut: past the list's limit the
// indicator page says how many claims it left out and links to the review
// queue filtered to the indicator, instead of dropping them unsaid.
func TestIndicatorPageSaysWhenClaimsAreLeftOut(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	old := indicatorClaimsLimit
	indicatorClaimsLimit = 2
	t.Cleanup(func() { indicatorClaimsLimit = old })
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	for _, statement := range []string{"杭州市已建成学分银行", "杭州市学分银行已认证学习成果", "杭州市学分银行覆盖各区"} {
		if _, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: 2018, Indicator: "2.3.1", Statement: statement,
			Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "建立学分银行"}}}); err != nil {
			t.Fatal(err)
		}
	}
	b := s.login("wang")
	_, page := b.get("/indicators/2.3.1")
	part := regexp.MustCompile(`(?s)<section class="card claims".*?</section>`).FindString(page)
	if n := strings.Count(part, "<li>"); n != 2 {
		t.Errorf("%d claims listed, want 2 (the limit): %q", n, textOf(part))
	}
	if !strings.Contains(html.UnescapeString(part), `<a href="/review?indicator=2.3.1&round=2018">另有 1 条定性描述未列出，请到审核列表查看</a>`) {
		t.Errorf("the page does not say a claim was left out: %q", html.UnescapeString(part))
	}
	indicatorClaimsLimit = 3
	if _, page = b.get("/indicators/2.3.1"); strings.Contains(page, "未列出") {
		t.Errorf("all three claims listed, yet the page says some were left out")
	}
}
