package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestPickerPostsAPastedPassageInARealBrowser: in headless Chromium a
// coordinator writing a claim pastes 1,500 characters of his city's
// 工作总结 into the citation picker to find the document they come from.
// The picker posts them to POST /api/v1/search as JSON with the session's
// CSRF token (in an address they are some 13.5 KB, which nginx refuses
// with 414), and lists the summary; a short query afterwards is still a
// plain GET.
func TestPickerPostsAPastedPassageInARealBrowser(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2018"
	s.addAccounts(pw, [][]string{{"wang", "coordinator", "--city", "330200"}})
	for name, text := range map[string]string{"2018年工作总结.txt": testenv.WorkSummary, "老年教育方案.txt": testenv.Unrelated} {
		status, body := s.upload(map[string]string{"city": "330200", "doc_type": "work_summary"}, upload{name: name, body: []byte(text)})
		if status != 201 {
			t.Fatalf("upload %s: %d %v", name, status, body)
		}
		s.waitDone(uploadedDocuments(t, body)[0]["id"].(string))
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	pasted, err := json.Marshal(testenv.SummaryPassage)
	if err != nil {
		t.Fatal(err)
	}

	u.login(s.base, "wang", pw)
	u.do("claim form", chromedp.Navigate(s.base+"/claims/new?indicator=3.1.2"), chromedp.WaitVisible(css(`[data-pick-q]`)))
	// Every search the page asks for is noted: its method and address.
	const noteFetches = `(window.sent = [], window.fetch = (function (f) {
		return function (url, opts) { window.sent.push(((opts && opts.method) || 'GET') + ' ' + url); return f.apply(this, arguments); };
	})(window.fetch), true)`
	if !eval[bool](u, noteFetches) {
		t.Fatal("could not watch the page's requests")
	}
	// Pasted: the text put in the box at once, as a paste does.
	if !eval[bool](u, `(document.querySelector('[data-pick-q]').value = `+string(pasted)+`, true)`) {
		t.Fatal("could not paste the passage")
	}
	u.do("search the passage", chromedp.Click(css(`[data-pick-go]`)), chromedp.WaitVisible(css(`.pick-hit`)))
	sent := eval[[]string](u, `window.sent`)
	if len(sent) != 1 || sent[0] != "POST /api/v1/search" {
		t.Errorf("the picker asked %.300q for the passage, want one POST /api/v1/search without it in the address", sent)
	}
	if titles := eval[[]string](u, `Array.from(document.querySelectorAll('[data-pick-hits] > li > strong'), function (s) { return s.textContent; })`); len(titles) != 1 || !strings.Contains(titles[0], "工作总结") {
		t.Errorf("the picker's passage search lists %q, want the summary alone", titles)
	}

	if !eval[bool](u, `(window.sent = [], document.querySelector('[data-pick-q]').value = '学分银行', document.querySelector('[data-pick-go]').click(), true)`) {
		t.Fatal("could not search for a short query")
	}
	u.waitFor("the short query asked", `window.sent.length === 1`)
	if sent := eval[[]string](u, `window.sent`); len(sent) != 1 || !strings.HasPrefix(sent[0], "GET /api/v1/search?") || !strings.Contains(sent[0], "q=") {
		t.Errorf("the picker asked %q for a short query, want a plain GET /api/v1/search?q=…", sent)
	}
}
