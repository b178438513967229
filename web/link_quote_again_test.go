package web

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestLinkingAgainWithAQuoteKeepsIt: a document linked to 2.3.1 without a
// quote (an accepted suggestion) is linked again from its page with a
// quote and page typed: where the form answered 409 and dropped the
// quote, the link now has it (已关联…已补充引文); a second passage, on
// another page, is added after it and both are listed; the same quote
// again changes nothing and says so. The indicator's page shows both.
func TestLinkingAgainWithAQuoteKeepsIt(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学分银行制度.txt",
		"杭州市终身学习学分银行管理办法\n第一条 为建立学分银行制度，制定本办法。\f第十条 学分银行为学习者建立终身学习档案。")
	wang := s.login("wang")
	linkItem := func(body string) string {
		t.Helper()
		item := regexp.MustCompile(`(?s)<li class="link-item" data-code="2\.3\.1">.*?</li>`).FindString(body)
		return html.UnescapeString(textOf(item))
	}
	for _, c := range []struct {
		name, page, quote, flash string
		shown                    []string
	}{
		{"no quote", "", "", "已把《" + doc.Title + "》关联到指标 2.3.1", nil},
		{"a quote for the link without one", "1", "为建立学分银行制度，制定本办法",
			"《" + doc.Title + "》已关联指标 2.3.1，已补充引文", []string{"第 1 页 · “为建立学分银行制度，制定本办法”"}},
		{"a passage on another page", "2", "学分银行为学习者建立终身学习档案",
			"《" + doc.Title + "》已关联指标 2.3.1，已补充引文", []string{"“为建立学分银行制度，制定本办法”", "第 2 页 “学分银行为学习者建立终身学习档案”"}},
		{"the same passage again", "2", "学分银行为学习者建立终身学习档案",
			"《" + doc.Title + "》已关联指标 2.3.1，且已有这段引文，未作改动", []string{"第 2 页 “学分银行为学习者建立终身学习档案”"}},
	} {
		resp, body := wang.post("/documents/"+doc.ID+"/links", url.Values{"indicator": {"2.3.1"}, "page": {c.page}, "quote": {c.quote}})
		text := html.UnescapeString(textOf(body))
		if resp.StatusCode != 200 || !strings.Contains(text, c.flash) {
			t.Errorf("%s: %d, want %q: %.600s", c.name, resp.StatusCode, c.flash, text)
			continue
		}
		item := linkItem(body)
		for _, w := range c.shown {
			if !strings.Contains(item, w) {
				t.Errorf("%s: the link reads %q, want %q in it", c.name, item, w)
			}
		}
		if strings.Count(item, "学分银行为学习者建立终身学习档案") > 1 {
			t.Errorf("%s: a passage is listed twice: %q", c.name, item)
		}
	}
	// The indicator's page shows the linked document with both passages.
	_, body := wang.get("/indicators/2.3.1")
	card := regexp.MustCompile(`(?s)<article class="card hit">\s*<h2><a href="/documents/` + doc.ID + `[^"]*">.*?</article>`).FindString(body)
	text := html.UnescapeString(textOf(card))
	for _, w := range []string{"第 1 页 为建立学分银行制度，制定本办法", "第 2 页 学分银行为学习者建立终身学习档案"} {
		if !strings.Contains(text, w) {
			t.Errorf("the indicator's page shows the linked document as %q, want %q in it", text, w)
		}
	}
}
