package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestAPassageLinkOfOneCityReadsAsUnknownInAnother: 杭州's coordinator
// pastes a paragraph of a 工作总结; the link to its search opened by 上海's
// coordinator (a shared link, a proxy's log) is the answer of a key never
// kept, 404 asking to paste the passage again, with nothing of the
// passage on the page; an expert, who sees 杭州 too, opens it. The same
// paragraph pasted by 上海's coordinator is kept under another key.
func TestAPassageLinkOfOneCityReadsAsUnknownInAnother(t *testing.T) {
	s := newSite(t)
	s.env.AddUser("zhao", "coordinator", "310000")
	wang, zhao, zhou := s.login("wang"), s.login("zhao"), s.login("zhou")
	resp, _ := wang.post("/search", url.Values{"q": {testenv.SummaryPassage}})
	key := resp.Request.URL.Query().Get("passage")
	if key == "" {
		t.Fatalf("杭州's passage search is at %s, want /search?passage=KEY", resp.Request.URL)
	}
	clause := string([]rune(testenv.SummaryPassage)[10:22])
	_, unknown := zhao.get("/search?passage=" + strings.Repeat("0", 32))
	resp, body := zhao.get("/search?passage=" + key)
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(textOf(body), "请重新粘贴段落检索") || strings.Contains(body, clause) {
		t.Errorf("上海's coordinator opens 杭州's passage link: %d %.300s; want 404 asking to paste again, without the passage", resp.StatusCode, textOf(body))
	}
	if textOf(body) != textOf(unknown) {
		t.Errorf("杭州's key reads to 上海 otherwise than a key never kept:\n%.300s\nwant\n%.300s", textOf(body), textOf(unknown))
	}
	resp, body = zhou.get("/search?passage=" + key)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, clause) {
		t.Errorf("an expert opens 杭州's passage link: %d %.300s; want the passage searched", resp.StatusCode, textOf(body))
	}
	resp, _ = zhao.post("/search", url.Values{"q": {testenv.SummaryPassage}})
	if other := resp.Request.URL.Query().Get("passage"); other == "" || other == key {
		t.Errorf("上海's coordinator pastes the paragraph: kept under %q, want a key other than 杭州's %s", other, key)
	}
}
