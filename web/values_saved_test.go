package web

import (
	"html"
	"net/url"
	"strings"
	"testing"
)

// TestValueSavedSaysWhatWasChecked: recording a value says whether its
// passage was found on the page cited, elsewhere or nowhere, whether the
// number is in it, and which earlier value of the round it replaced.
func TestValueSavedSaysWhatWasChecked(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "统计.txt", "全市认定市民终身学习基地123个。\f成人年参与学习率达到85.3%。")
	wang := s.login("wang")
	tests := []struct {
		form       url.Values
		want, lack string
	}{
		{url.Values{"indicator": {"2.2.1"}, "value": {"123"}, "page": {"1"}, "quote": {"认定市民终身学习基地123个"}}, "在所引页面中找到了该数值", "替换"},
		{url.Values{"indicator": {"2.2.1"}, "value": {"124"}, "page": {"1"}, "quote": {"认定市民终身学习基地123个"}}, "所引原文中没有这个数值", ""},
		{url.Values{"indicator": {"5.1.1"}, "value": {"85.3%"}, "page": {"1"}, "quote": {"成人年参与学习率达到85.3%"}}, "所引原文不在第 1 页\uFF0C而在第 2 页", "替换"},
		{url.Values{"indicator": {"5.1.1"}, "value": {"85.3%"}, "page": {"2"}, "quote": {"开户人数达到十五万"}}, "第 2 页没有找到所引原文", ""},
	}
	for i, tt := range tests {
		resp, body := wang.post("/documents/"+doc.ID+"/values", tt.form)
		text := html.UnescapeString(textOf(body))
		if resp.StatusCode != 200 || !strings.Contains(text, tt.want) || (tt.lack != "" && strings.Contains(text, tt.lack)) {
			t.Errorf("value %d %v: %d, want %q: %.500s", i+1, tt.form, resp.StatusCode, tt.want, text)
		}
		// A second value of the round for the same indicator says which
		// it replaced.
		if i == 1 || i == 3 {
			was := map[int]string{1: "123个", 3: "85.3%"}[i]
			if !strings.Contains(text, "本轮该指标原有的数值 "+was+" 已被替换") {
				t.Errorf("value %d does not say it replaced %s: %.500s", i+1, was, text)
			}
		}
	}
}
