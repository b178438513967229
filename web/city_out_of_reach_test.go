package web

import (
	"html"
	"strings"
	"testing"
)

// TestListsOfAnotherCitySaySo: 宁波's coordinator following a link to
// 杭州's document list or to 杭州's page of an indicator is told, in
// Chinese and English, that 杭州 is not among the cities the account may
// see (404), as /assignments and /departments say, not shown an empty
// list that reads as "杭州 has no 佐证材料"; 杭州's coordinator still sees
// 杭州's document on both.
func TestListsOfAnotherCitySaySo(t *testing.T) {
	s := newSite(t)
	s.env.AddUser("ningbo", "coordinator", "330200")
	s.env.UploadLinked("330100", []struct{ File, Text, Indicator string }{
		{"学分银行实施办法.txt", "杭州市学分银行实施办法，推进学习成果认证与转换。", "2.3.1"},
	})
	for _, page := range []string{"/documents?city=330100", "/indicators/2.3.1?city=330100"} {
		for _, tt := range []struct {
			user    string
			english bool
			status  int
			want    string
		}{
			{"ningbo", false, 404, "城市 330100 不在您的账号可查看的城市范围内"},
			{"ningbo", true, 404, "330100 is not among the cities your account may see"},
			{"wang", false, 200, "学分银行实施办法"},
		} {
			b := s.login(tt.user)
			if tt.english {
				b.english()
			}
			resp, body := b.get(page)
			if text := html.UnescapeString(textOf(body)); resp.StatusCode != tt.status || !strings.Contains(text, tt.want) {
				t.Errorf("%s opens %s (english %v): %d, want %d and %q: %.500s", tt.user, page, tt.english, resp.StatusCode, tt.status, tt.want, text)
			}
		}
	}
}
