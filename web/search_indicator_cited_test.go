package web

import (
	"context"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// TestSearchPageByIndicatorFindsCitedDocuments: 杭州's 工作总结, linked to
// nothing, is not found by 学分银行 with 指标=2.3.1 and the page says
// that without the filter it would be; once a 定性描述 of 2.3.1 cites it,
// it is that indicator's evidence, as the indicator page lists it, and
// the same search finds it at once, to the expert and to 杭州's
// coordinator alike (probe s41 #3).
func TestSearchPageByIndicatorFindsCitedDocuments(t *testing.T) {
	s := newSite(t)
	d := s.env.Upload("330100", "学分银行工作总结.txt", "杭州市建立了学分银行，累计存入学分十二万。")
	page := "/search?q=" + url.QueryEscape("学分银行") + "&indicator=2.3.1"
	zhou, wang := s.login("zhou"), s.login("wang")
	_, body := zhou.get(page)
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "去掉“指标=2.3.1”可找到 1 条") || strings.Contains(body, d.ID) {
		t.Fatalf("before any claim: %.600s; want nothing found and the hint 去掉“指标=2.3.1”可找到 1 条", text)
	}
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	if _, err := s.env.Claims.Create(context.Background(), coord, claims.Input{Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "建立了学分银行"}}}); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string]*browser{"zhou": zhou, "wang": wang} {
		resp, body := b.get(page)
		text := html.UnescapeString(textOf(body))
		if resp.StatusCode != 200 || !strings.Contains(text, "共 1 条结果") || !strings.Contains(body, d.ID) || strings.Contains(text, "去掉“指标") {
			t.Errorf("%s after the claim citing %s: %d %.600s; want it found, 共 1 条结果", name, d.ID, resp.StatusCode, text)
		}
	}
}
