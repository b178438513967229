package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestValuePageInARealBrowser: a coordinator records a value from the
// document page, finds it on /values and opens its own page from there,
// which gives its source (a link back to the document's page), the
// quoted passage and its history, in Chinese and, with ?lang=en, in
// English.
func TestValuePageInARealBrowser(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	pw, docID := coordinatorWithStatistics(t, s, "2.2.1", "杭州市2017年终身学习统计：认定市民终身学习基地123个，建立学分银行。")
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	u.login(s.base, "wang", pw)
	recordValueOnDocumentPage(u, s.base, docID)
	u.do("open the value from the list", chromedp.Navigate(s.base+"/values?city=330100&round=2017"),
		chromedp.WaitVisible(css(`a.value-open`)), chromedp.Click(css(`a.value-open`)), chromedp.WaitVisible(css(`#value-quote`)))
	if h1 := u.text(`h1`); !strings.Contains(h1, "数值 2.2.1") {
		t.Errorf("the value's page is headed %q", h1)
	}
	if q := u.text(`#value-quote`); q != "认定市民终身学习基地123个" {
		t.Errorf("the value's quoted passage %q", q)
	}
	if src := u.text(`#value-source`); !strings.Contains(src, "统计") || !strings.Contains(src, "第 1 页") {
		t.Errorf("the value's source %q, want its document and page", src)
	}
	if h := u.text(`#value-history`); !strings.Contains(h, "填报数值") {
		t.Errorf("the value's history %q, want its recording", h)
	}
	url := eval[string](u, "location.href")
	u.do("to the source", chromedp.Click(css(`#value-source a`)), chromedp.WaitVisible(css(`#valueform`)))
	u.do("in English", chromedp.Navigate(url+"?lang=en"), chromedp.WaitVisible(css(`#vsh`)))
	if h := u.text(`#vsh`); h != "Source document" {
		t.Errorf("the English page's source heading %q", h)
	}
}
