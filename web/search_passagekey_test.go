package web

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
)

// hrefs are the addresses of a page's links.
var hrefs = regexp.MustCompile(`href="([^"]*)"`)

// TestSearchFormKeepsAPastedPassageOutOfTheAddress: an expert pastes
// 1,500 characters of a 工作总结 into the search box, which posts them
// (ux.js does so past 200 characters): the search is shown at an address
// of under 200 bytes naming the passage by its key, with the summary
// and the eleven districts' copies found and the passage searched; no
// link of the page (pages, facets, documents, export) carries the
// passage, page 2 holds the last two, and a document opened from it
// marks the passage. An old address with the passage in q is sent to the
// same short one; a key the archive does not keep says so.
func TestSearchFormKeepsAPastedPassageOutOfTheAddress(t *testing.T) {
	s := newSite(t)
	summary := s.env.Upload("330200", "2018年工作总结.txt", testenv.WorkSummary)
	for i, text := range testenv.DistrictSummaries(11) {
		s.env.Upload("330200", fmt.Sprintf("片区总结%d.txt", i+1), text)
	}
	s.env.Upload("330200", "老年教育方案.txt", testenv.Unrelated)
	zhou := s.login("zhou")

	resp, body := zhou.post("/search", url.Values{"q": {testenv.SummaryPassage}, "city": {"330200"}})
	at := resp.Request.URL
	if resp.StatusCode != http.StatusOK || at.Path != "/search" || at.Query().Get("q") != "" || !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(at.Query().Get("passage")) {
		t.Fatalf("the posted passage's search is at %s (%d), want /search?passage=KEY without q", at, resp.StatusCode)
	}
	if n := len(at.RequestURI()); n >= 200 {
		t.Errorf("the passage's search address is %d bytes, want under 200: %s", n, at.RequestURI())
	}
	if !strings.Contains(textOf(body), "共 12 条结果") || !strings.Contains(body, `id="passage-notice"`) {
		t.Fatalf("the passage's search does not list the 12 summaries as a passage search: %.500s", textOf(body))
	}
	clause := string([]rune(testenv.SummaryPassage)[10:22])
	noPassageIn := func(page, body string) {
		t.Helper()
		for _, m := range hrefs.FindAllStringSubmatch(body, -1) {
			link := strings.ReplaceAll(m[1], "&amp;", "&")
			u, err := url.Parse(link)
			if err != nil {
				t.Fatalf("%s: link %q: %v", page, link, err)
			}
			if q := u.Query().Get("q"); strings.Contains(q, clause) || strings.Contains(u.Path, clause) || len(link) > 300 {
				t.Errorf("%s: the link %.120s… carries the passage", page, link)
			}
		}
	}
	noPassageIn("page 1", body)
	key := at.Query().Get("passage")
	next := regexp.MustCompile(`<a href="([^"]+)" rel="next"`).FindStringSubmatch(body)
	if next == nil || !strings.Contains(next[1], "passage="+key) {
		t.Fatalf("page 1 of 12 has no link to page 2 naming the passage: %v", next)
	}
	_, page2 := zhou.get(strings.ReplaceAll(next[1], "&amp;", "&"))
	if n := strings.Count(page2, `<article class="card hit`); n != 2 || !strings.Contains(page2, `id="passage-notice"`) {
		t.Errorf("page 2 holds %d hits, want the last 2 of the passage's search: %.400s", n, textOf(page2))
	}
	noPassageIn("page 2", page2)

	doc := regexp.MustCompile(`href="(/documents/` + summary.ID + `[^"]*)"`).FindStringSubmatch(body)
	if doc == nil || !strings.Contains(doc[1], "passage="+key) {
		t.Fatalf("the summary's link does not name the passage by its key: %v", doc)
	}
	if _, page := zhou.get(strings.ReplaceAll(doc[1], "&amp;", "&")); !strings.Contains(page, "<mark>") {
		t.Errorf("the summary opened from the passage's search marks nothing")
	}

	resp, _ = zhou.get("/search?q=" + url.QueryEscape(testenv.SummaryPassage) + "&city=330200")
	if got := resp.Request.URL.RequestURI(); got != at.RequestURI() {
		t.Errorf("an address with the passage in q ends at %.200s, want %s", got, at.RequestURI())
	}
	resp, body = zhou.get("/search?passage=" + strings.Repeat("0", 32))
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(textOf(body), "请重新粘贴段落检索") {
		t.Errorf("a key not kept: %d %.300s, want 404 saying to paste the passage again", resp.StatusCode, textOf(body))
	}
}
