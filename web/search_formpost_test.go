package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
)

// searchForm matches the search page's form and what it holds.
var searchForm = regexp.MustCompile(`(?s)<form method="([a-z]+)" action="/search" role="search"[^>]*>(.*?)</form>`)

// TestTheSearchFormPostsWithoutTheScript: the search page's form, as a
// browser without JavaScript sends it, is a POST carrying the session's
// CSRF token; 杭州's coordinator pastes 1,500 characters of a 工作总结
// into it, and no request the browser makes (the POST, the redirect it
// follows) carries a word of the passage in its address, the results
// standing at /search?passage=KEY. A short query (学分银行 in 杭州) is sent
// on by a 303 to its usual shareable address, /search?q=…&city=330100.
func TestTheSearchFormPostsWithoutTheScript(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "2018年工作总结.txt", testenv.WorkSummary)
	wang := s.login("wang")
	_, page := wang.get("/search")
	form := searchForm.FindStringSubmatch(page)
	if form == nil || form[1] != "post" {
		method := "none"
		if form != nil {
			method = form[1]
		}
		t.Fatalf("the search form's method: %s, want post to /search", method)
	}
	token := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(form[2])
	if token == nil || token[1] != wang.csrf {
		t.Fatalf("the search form carries no CSRF token of the session: %.300s", form[2])
	}
	var asked []string
	c := *wang.c
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if req.Method != http.MethodGet {
			t.Errorf("the redirect to %s is a %s, want GET", req.URL, req.Method)
		}
		asked = append(asked, req.URL.String())
		return nil
	}
	send := func(q string) *http.Response {
		t.Helper()
		asked = nil
		form := url.Values{"csrf_token": {token[1]}, "q": {q}, "city": {"330100"}, "indicator": {""}, "doc_type": {""},
			"issued_from": {""}, "issued_to": {""}, "sort": {""}}
		asked = append(asked, s.srv.URL+"/search")
		resp, err := c.PostForm(s.srv.URL+"/search", form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	resp := send(testenv.SummaryPassage)
	clause := string([]rune(testenv.SummaryPassage)[10:22])
	for _, a := range asked {
		if u, _ := url.QueryUnescape(a); strings.Contains(u, clause) || len(a) > 300 {
			t.Errorf("a request of the posted passage's search is at %.200s…, carrying the passage", a)
		}
	}
	if at := resp.Request.URL; resp.StatusCode != http.StatusOK || len(asked) != 2 || len(at.Query().Get("passage")) != 32 || at.Query().Get("city") != "330100" {
		t.Errorf("the posted passage's search ends at %s (%d) after %q, want one redirect to /search?passage=KEY&city=330100", at, resp.StatusCode, asked)
	}

	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp = send("学分银行")
	want := "/search?" + url.Values{"q": {"学分银行"}, "city": {"330100"}}.Encode()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
		t.Errorf("a short query posted: %d to %q, want 303 to %s", resp.StatusCode, resp.Header.Get("Location"), want)
	}
}
