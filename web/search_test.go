package web

import (
	"html"
	"net/url"
	"strings"
	"testing"
)

// TestSearchPageOffersToDropAFilter checks the empty state: a search that
// finds nothing only because of one filter says which, with the count and
// a link to the search without it.
func TestSearchPageOffersToDropAFilter(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "学习周.txt", "全市组织市民学习周,全年参与学习的市民达12.3万人次。")
	zhou := s.login("zhou")
	resp, body := zhou.get("/search?q=" + url.QueryEscape("学习周") + "&year=2018")
	if resp.StatusCode != 200 {
		t.Fatalf("search page: %d", resp.StatusCode)
	}
	text := html.UnescapeString(textOf(body))
	if !strings.Contains(text, "去掉“年份=2018”可找到 1 条") {
		t.Errorf("empty state does not offer to drop the year: %.400s", text)
	}
	if !strings.Contains(body, `href="/search?q=`+url.QueryEscape("学习周")+`"`) {
		t.Errorf("no link to the search without the year: %.600s", body)
	}
	// Traditional characters and a number with its unit find the document.
	for _, q := range []string{"學習周", "12.3万"} {
		_, body := zhou.get("/search?q=" + url.QueryEscape(q))
		if !strings.Contains(html.UnescapeString(textOf(body)), "共 1 条结果") {
			t.Errorf("search %q: %.300s", q, textOf(body))
		}
	}
}
