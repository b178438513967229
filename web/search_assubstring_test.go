package web

import (
	"html"
	"net/url"
	"strings"
	"testing"
)

// TestSearchPageSaysWhatItsWordsMissed: a search whose word a document
// holds where its segmentation made other words of it (健全 in
// 建立|健|全市) finds nothing, and says under the results how many
// documents hold it, with a link to the search of substrings, in Chinese
// and in English; that search finds the document with 健全 marked and
// says its results may hold words inside other words, which 市长 in
// 南京市长江大桥 shows, and its hit opens the document with 健全 marked; a
// search that found all it could says nothing.
func TestSearchPageSaysWhatItsWordsMissed(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "网络.txt", "建立健全市、区(县)、街道(乡镇)、社区(村)四级社区教育网络。")
	s.env.Upload("330100", "大桥.txt", "南京市长江大桥是城市交通的重要通道。")
	zhou := s.login("zhou")
	substring := "/search?match=substring&q=" + url.QueryEscape("健全")
	for _, tt := range []struct {
		lang, path string
		want       []string
		link       string // the link under the results, "" for none
	}{
		{"zh", "/search?q=" + url.QueryEscape("健全"),
			[]string{"没有找到与“健全”相关的材料。", "另有 1 份材料含有“健全”，但它在文中与相邻的字组成了别的词，未按词匹配。", "查看这些材料"}, substring},
		{"en", "/search?q=" + url.QueryEscape("健全"),
			[]string{"1 more document holds “健全”, but the text makes other words of it with the characters beside it, so it was not matched as a word.", "Show them"}, substring},
		{"zh", substring, []string{"共 1 条结果", "已按字串检索：结果中的词可能是其他词的一部分（如“市长”在“南京市长江大桥”中）"}, ""},
		{"en", substring, []string{"Searched as strings of characters: a word found may be part of another word (市长 in 南京市长江大桥)"}, ""},
		{"zh", "/search?q=" + url.QueryEscape("市长"), []string{"另有 1 份材料含有“市长”"}, "/search?match=substring&q=" + url.QueryEscape("市长")},
		{"zh", "/search?match=substring&q=" + url.QueryEscape("市长"), []string{"共 1 条结果", "南京市长江大桥是城市交通"}, ""},
		{"zh", "/search?q=" + url.QueryEscape("社区教育网络"), []string{"共 1 条结果"}, ""},
	} {
		zhou.get("/lang?to=" + tt.lang + "&next=/")
		resp, body := zhou.get(tt.path)
		if resp.StatusCode != 200 {
			t.Fatalf("%s in %s: %d", tt.path, tt.lang, resp.StatusCode)
		}
		text := html.UnescapeString(textOf(body))
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s in %s: want %q: %s", tt.path, tt.lang, w, text[max(0, len(text)-600):])
			}
		}
		page := html.UnescapeString(body)
		if got := strings.Contains(page, `id="as-substring"`); got != (tt.link != "") {
			t.Errorf("%s in %s: line under the results %v, want %v", tt.path, tt.lang, got, tt.link != "")
		}
		if tt.link != "" && !strings.Contains(page, `href="`+tt.link+`"`) {
			t.Errorf("%s in %s: no link to %s: %.800s", tt.path, tt.lang, tt.link, page)
		}
	}
	zhou.get("/lang?to=zh&next=/")
	_, body := zhou.get(substring)
	if !strings.Contains(body, "<mark>健全</mark>") || !strings.Contains(body, `name="match" value="substring"`) {
		t.Errorf("search of substrings: want 健全 marked and the form to keep match: %.1500s", body)
	}
	// Its hit opens the document with 健全 marked there too.
	i := strings.Index(body, `<h2><a href="/documents/`)
	if i < 0 {
		t.Fatalf("search of substrings: no hit: %.1500s", body)
	}
	href := html.UnescapeString(strings.SplitN(body[i+len(`<h2><a href="`):], `"`, 2)[0])
	if !strings.Contains(href, "match=substring") {
		t.Errorf("hit link %s does not keep match=substring", href)
	}
	_, doc := zhou.get(href)
	if !strings.Contains(doc, "<mark>健全</mark>") {
		t.Errorf("document %s: 健全 is not marked: %.1500s", href, doc)
	}
	_, doc = zhou.get(strings.Replace(href, "match=substring", "match=word", 1))
	if strings.Contains(doc, "<mark>健全</mark>") {
		t.Errorf("document opened from a search of words: 健全 marked inside other words")
	}
}
