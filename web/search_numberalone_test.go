package web

import (
	"html"
	"net/url"
	"strings"
	"testing"
)

// TestSearchPageSuggestsTheNumberAlone: 12.5万人 found nothing in a text
// writing 12.5万人次 and the page only said 减少检索词…换一个说法 (probe
// s43 #9). It says why and offers the number alone, 试试只搜数字：
// “12.5万”（1 份材料）, linked to that search, in Chinese and English.
func TestSearchPageSuggestsTheNumberAlone(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "活动周总结.txt", "全年市民学习活动周参与市民达12.5万人次。")
	zhou := s.login("zhou")
	link := `href="/search?q=` + url.QueryEscape("12.5万") + `"`
	for _, tt := range []struct{ lang, want, link string }{
		{"zh", "带单位的数字只匹配单位相同的写法（如“人”不匹配“人次”）；试试只搜数字：", "“12.5万”（1 份材料）"},
		{"en", "A number with its unit finds that unit only (人 does not find 人次). Try the number alone:", "“12.5万” (1 document)"},
	} {
		zhou.get("/lang?to=" + tt.lang + "&next=/")
		_, body := zhou.get("/search?q=" + url.QueryEscape("12.5万人"))
		if text := html.UnescapeString(textOf(body)); !strings.Contains(text, tt.want+" "+tt.link) {
			t.Errorf("12.5万人 in %s: want %q then the link %q: %s", tt.lang, tt.want, tt.link, text[max(0, len(text)-600):])
		}
		if page := html.UnescapeString(body); !strings.Contains(page, link) {
			t.Errorf("12.5万人 in %s: no link %s", tt.lang, link)
		}
	}
	zhou.get("/lang?to=zh&next=/")
	if _, body := zhou.get("/search?q=" + url.QueryEscape("12.5万")); strings.Contains(body, "search-number-alone") ||
		!strings.Contains(html.UnescapeString(textOf(body)), "共 1 条结果") {
		t.Errorf("12.5万 finds its document and suggests nothing")
	}
}
