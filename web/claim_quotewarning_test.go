package web

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// TestClaimPageWarnsOfAQuoteOnAnotherPage: a citation whose quote is on
// page 2, not the page 1 given, is warned of on the claim's page as a
// value import warns (引文不在第 1 页，在第 2 页；请核对页码), in English
// too, not only noted.
func TestClaimPageWarnsOfAQuoteOnAnotherPage(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "总结.txt", "杭州市2017年社区教育工作总结\f全年共举办342场市民大讲堂。")
	c, err := s.env.Claims.Create(context.Background(), &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"},
		claims.Input{Indicator: "3.1.2", Statement: "杭州市全年共举办342场市民大讲堂",
			Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "全年共举办342场市民大讲堂"}}})
	if err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	for _, want := range []string{"引文不在第 1 页\uFF0C在第 2 页\uFF1B请核对页码", "The quote is not on page 1 but on page 2; check the page number"} {
		if strings.HasPrefix(want, "The") {
			wang.english()
		}
		_, body := wang.get("/claims/" + c.ID)
		if got := html.UnescapeString(body); !strings.Contains(got, `class="error quote-warning" role="note">`+want) {
			t.Errorf("claim page: want the warning %q: %.2000s", want, textOf(body))
		}
	}
}

// TestClaimPageWarnsOfAQuoteNotInTheDocument: a quote found nowhere in
// its document is warned of on the claim's page in the API's words
// (所引文档中未找到该引文（请核对页码或原文）), in English too, with the
// class and role of the other-page warning: one wording for both.
func TestClaimPageWarnsOfAQuoteNotInTheDocument(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "总结.txt", "杭州市2017年社区教育工作总结\f全年共举办342场市民大讲堂。")
	c, err := s.env.Claims.Create(context.Background(), &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"},
		claims.Input{Indicator: "3.1.2", Statement: "杭州市全年共举办五百场市民大讲堂",
			Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "全年共举办五百场市民大讲堂"}}})
	if err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	for _, want := range []string{"所引文档中未找到该引文\uFF08请核对页码或原文\uFF09", "The quote is not in the cited document (check the page or the document's words)"} {
		if strings.HasPrefix(want, "The") {
			wang.english()
		}
		_, body := wang.get("/claims/" + c.ID)
		if got := html.UnescapeString(body); !strings.Contains(got, `class="error quote-warning" role="note">`+want) {
			t.Errorf("claim page: want the warning %q: %.2000s", want, textOf(body))
		}
	}
}
