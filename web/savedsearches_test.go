package web

import (
	"bytes"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestSavedSearchPages: the search page's save form keeps the search and
// its filters, 我的检索 counts a new match and offers delete to the owner,
// the indicator page lists its query pack, the export is a workbook, and
// the Chinese pages use full-width punctuation.
func TestSavedSearchPages(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "旧.txt", "杭州市学分银行建设实施意见")
	zhou := s.login("zhou")
	_, body := zhou.get("/search?q=" + url.QueryEscape("学分银行") + "&city=330100")
	for _, want := range []string{`action="/saved-searches"`, `name="city" value="330100"`, "保存检索", "/search/export?city=330100&amp;q="} {
		if !strings.Contains(body, want) {
			t.Errorf("the search page lacks %q", want)
		}
	}
	resp, _ := zhou.post("/saved-searches", url.Values{"q": {"学分银行"}, "city": {"330100"}, "name": {"杭州学分银行"}, "pack": {"2.3.1"}})
	if resp.StatusCode != 200 || resp.Request.URL.Query().Get("saved") == "" || resp.Request.URL.Query().Get("city") != "330100" {
		t.Fatalf("after saving: %d at %s", resp.StatusCode, resp.Request.URL)
	}
	s.env.Upload("330100", "新.txt", "杭州市学分银行管理办法")

	pages := map[string][]string{
		"/saved-searches":   {"杭州学分银行", "自上次查看以来新增 1 条", `/delete"`, "杭州"},
		"/indicators/2.3.1": {`id="querypack"`, "杭州学分银行", "自上次查看以来新增 1 条"},
	}
	for path, wants := range pages {
		_, body := zhou.get(path)
		for _, want := range wants {
			if !strings.Contains(body, want) {
				t.Errorf("%s lacks %q", path, want)
			}
		}
		if m := halfWidthInChinese.FindAllString(html.UnescapeString(textOf(body)), 5); m != nil {
			t.Errorf("%s: half-width punctuation next to Chinese %q", path, m)
		}
	}
	// Another user sees the pack search, not as theirs.
	_, body = s.login("li").get("/indicators/2.3.1")
	if !strings.Contains(body, "自上次查看以来新增 1 条") {
		t.Errorf("the reviewer's view of the pack lacks its count")
	}
	_, body = s.login("li").get("/saved-searches")
	if strings.Contains(body, "杭州学分银行") || !strings.Contains(body, "还没有保存的检索") {
		t.Errorf("the reviewer's 我的检索 lists another user's search")
	}

	resp, _ = zhou.get("/search/export?q=" + url.QueryEscape("学分银行"))
	if resp.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("export: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	_, raw := zhou.get("/search/export?q=" + url.QueryEscape("学分银行"))
	f, err := excelize.OpenReader(bytes.NewReader([]byte(raw)))
	if err != nil {
		t.Fatal(err)
	}
	if rows, _ := f.GetRows("检索结果"); len(rows) != 3 {
		t.Errorf("the export holds %d rows, want a header and 2 hits", len(rows))
	}
	// Who chose English gets the export in English.
	zhou.english()
	resp, raw = zhou.get("/search/export?q=" + url.QueryEscape("学分银行"))
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "search-results-") {
		t.Errorf("English export named %q", cd)
	}
	if f, err = excelize.OpenReader(bytes.NewReader([]byte(raw))); err != nil {
		t.Fatal(err)
	}
	if rows, _ := f.GetRows("Results"); len(rows) != 3 || rows[0][0] != "Title" {
		t.Errorf("English export: %q, want sheet Results headed Title and 2 hits", rows)
	}
}
