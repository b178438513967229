package web

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestSearchPageSaysTheCityIsUnknown: a search page held to a city code
// the archive does not have says so, rather than “共 0 条结果”, which
// reads as a city without evidence (probe s36 #19).
func TestSearchPageSaysTheCityIsUnknown(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "学分银行.txt", "全市推进学分银行建设。")
	zhou := s.login("zhou")
	tests := []struct {
		city, says, not string
		status          int
	}{
		{"999999", "没有城市代码为 999999 的城市", "共 0 条结果", http.StatusBadRequest},
		{"330100", "共 1 条结果", "没有城市代码为", http.StatusOK},
		// A city's name is refused naming its code (probe s56): it was
		// “没有城市代码为 杭州 的城市”, which left the user to find 330100.
		{"杭州", "“杭州”是城市名称，不是城市代码：杭州的城市代码为 330100；请用城市代码检索，如 city=330100", "共 0 条结果", http.StatusBadRequest},
		{"杭州市", "杭州的城市代码为 330100", "共 0 条结果", http.StatusBadRequest},
	}
	for _, tt := range tests {
		resp, body := zhou.get("/search?q=" + url.QueryEscape("学分银行") + "&city=" + url.QueryEscape(tt.city))
		text := html.UnescapeString(textOf(body))
		if resp.StatusCode != tt.status || !strings.Contains(text, tt.says) || strings.Contains(text, tt.not) {
			t.Errorf("search in %s: %d %.400s; want %d saying %q, not %q", tt.city, resp.StatusCode, text, tt.status, tt.says, tt.not)
		}
	}
}
