package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestSearchYearIsTheAPIsRule: the search page reads its year as the API
// and a saved search do (search.ParseYear, 1900 to 2200), so a year the
// page searched is one the user can save: 2500 or 99999 answers 400
// naming the years, in English too, where the page searched it and the
// save then refused it; 2017 is searched.
func TestSearchYearIsTheAPIsRule(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	wang := s.login("wang")
	for _, y := range []string{"2500", "99999", "-1"} {
		resp, body := wang.get("/search?q=" + "学分银行" + "&year=" + y)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "应为 1900 至 2200 年间的四位数字") {
			t.Errorf("year=%s: %d, want 400 naming 1900 to 2200: %.600s", y, resp.StatusCode, textOf(body))
		}
	}
	if resp, body := wang.get("/search?q=学分银行&year=2500&lang=en"); resp.StatusCode != http.StatusBadRequest ||
		!strings.Contains(body, "should be four digits from 1900 to 2200") {
		t.Errorf("English year=2500: %d, want 400 naming 1900 to 2200: %.600s", resp.StatusCode, textOf(body))
	}
	if resp, body := wang.get("/search?q=学分银行&year=2017"); resp.StatusCode != http.StatusOK {
		t.Errorf("year=2017: %d, want 200: %.600s", resp.StatusCode, textOf(body))
	}
}
