package web

import (
	"html"
	"strings"
	"testing"
)

// TestListsOfAnUnknownCitySaySo: a page asked for a city the archive does
// not have — 杭州 typed for its code — says there is no such city code
// (400), in Chinese and English, as the search and the API do (probe
// s55): not "not among your cities" to 杭州's own coordinator, nor an
// empty list to an admin, which reads as "杭州 has no 佐证材料"; the
// review and value queues say it above the empty queue.
func TestListsOfAnUnknownCitySaySo(t *testing.T) {
	s := newSite(t)
	for _, page := range []string{"/documents?city=杭州", "/indicators/2.3.1?city=杭州", "/departments?city=杭州"} {
		for _, tt := range []struct {
			user    string
			english bool
			want    string
		}{
			{"wang", false, "未知的城市代码“杭州”"},
			{"admin", false, "未知的城市代码“杭州”"},
			{"admin", true, "Unknown city code"},
		} {
			b := s.login(tt.user)
			if tt.english {
				b.english()
			}
			resp, body := b.get(page)
			if text := html.UnescapeString(textOf(body)); resp.StatusCode != 400 || !strings.Contains(text, tt.want) || strings.Contains(text, "不在您的账号") {
				t.Errorf("%s opens %s (english %v): %d, want 400 and %q: %.400s", tt.user, page, tt.english, resp.StatusCode, tt.want, text)
			}
		}
	}
	for _, page := range []string{"/review?city=杭州", "/values?city=杭州"} {
		resp, body := s.login("li").get(page)
		if text := html.UnescapeString(textOf(body)); resp.StatusCode != 200 || !strings.Contains(text, "未知的城市代码“杭州”") {
			t.Errorf("li opens %s: %d, want the queue saying 未知的城市代码“杭州”: %.400s", page, resp.StatusCode, text)
		}
	}
}
