package web

import (
	"net/url"
	"strings"
	"testing"
)

// TestSavedSearchPageKeepsMatchSubstring: the search page of a search of
// substrings saves it with match=substring; the saved search opens
// matching substrings (finding 健全 where the text cut it 建立|健|全市),
// and 我的检索 says it matches strings.
func TestSavedSearchPageKeepsMatchSubstring(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "网络.txt", "建立健全市、区（县）、街道（乡镇）、社区（村）四级社区教育网络。")
	zhou := s.login("zhou")
	_, body := zhou.get("/search?q=" + url.QueryEscape("健全") + "&match=substring")
	form := body[strings.Index(body, `id="save-search"`):]
	form = form[:strings.Index(form, "</form>")]
	if !strings.Contains(form, `name="match" value="substring"`) {
		t.Fatalf("the save form of a search of substrings does not keep the match: %s", form)
	}
	resp, _ := zhou.post("/saved-searches", url.Values{"q": {"健全"}, "match": {"substring"}, "name": {"健全（字串）"}})
	if resp.StatusCode != 200 || resp.Request.URL.Query().Get("match") != "substring" {
		t.Fatalf("after saving: %d at %s, want match=substring kept", resp.StatusCode, resp.Request.URL)
	}
	id := resp.Request.URL.Query().Get("saved")
	resp, body = zhou.get("/saved-searches/" + id)
	if resp.Request.URL.Query().Get("match") != "substring" || !strings.Contains(body, "<mark>健全</mark>") {
		t.Errorf("the saved search opens at %s without finding 健全 as a substring", resp.Request.URL)
	}
	_, body = zhou.get("/saved-searches")
	if !strings.Contains(body, "按字串匹配") {
		t.Errorf("我的检索 does not say the search matches strings")
	}
}
