package web

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// newBadge finds the title of each hit badged 新 on the search page.
var newBadge = regexp.MustCompile(`<h2><a [^>]*>([^<]*)</a> <span class="badge new-hit">`)

// TestOpenedSavedSearchMarksTheNewHits: zhou saves 学分银行 while 杭州市学分银行
// 建设实施意见 is archived; 杭州市学分银行管理办法 arrives after. 我的检索
// says 自上次查看以来新增 1 条, and opening it shows both hits with the
// new one alone badged 新 and the count beside the search's name, though
// opening resets the count. Opened again, nothing is new and nothing is
// badged; English says New.
func TestOpenedSavedSearchMarksTheNewHits(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "旧.txt", "杭州市学分银行建设实施意见")
	zhou := s.login("zhou")
	resp, _ := zhou.post("/saved-searches", url.Values{"q": {"学分银行"}, "city": {"330100"}, "name": {"杭州学分银行"}})
	id := resp.Request.URL.Query().Get("saved")
	if resp.StatusCode != 200 || id == "" {
		t.Fatalf("after saving: %d at %s", resp.StatusCode, resp.Request.URL)
	}
	s.env.Upload("330100", "新.txt", "杭州市学分银行管理办法")
	if _, list := zhou.get("/saved-searches"); !strings.Contains(list, "自上次查看以来新增 1 条") {
		t.Fatalf("我的检索 does not count the new match: %.600s", textOf(list))
	}

	_, page := zhou.get("/saved-searches/" + id)
	if got := newBadge.FindAllStringSubmatch(page, -1); len(got) != 1 || got[0][1] != "杭州市学分银行管理办法" || strings.Count(page, `class="card hit`) != 2 {
		t.Errorf("opening the saved search badges %q among %d hits, want 杭州市学分银行管理办法 alone among 2", got, strings.Count(page, `class="card hit`))
	}
	if !strings.Contains(page, `<span id="saved-opened-new">（1 条为上次查看以来新增，标有“新”）</span>`) {
		t.Errorf("the opened search does not say how many are new: %.600s", textOf(page))
	}

	zhou.english()
	_, page = zhou.get("/saved-searches/" + id)
	if strings.Contains(page, "new-hit") || strings.Contains(page, "saved-opened-new") {
		t.Errorf("opened again, the search still badges hits as new: %.600s", textOf(page))
	}
	s.env.Upload("330100", "再新.txt", "杭州市学分银行积分细则")
	_, page = zhou.get("/saved-searches/" + id)
	if got := newBadge.FindAllStringSubmatch(page, -1); len(got) != 1 || !strings.Contains(page, `<span class="badge new-hit">New</span>`) {
		t.Errorf("the English page badges %q, want one hit badged New", got)
	}
}
