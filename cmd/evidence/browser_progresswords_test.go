package main

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestTheBoardsEnglishHeadingsKeepTheirWordsOnAPhone: at 390 px in
// English, the board's progress table broke its one-word headings
// inside the word (T/a/s/k/s, Sub/mit/ted, Over/due), the page's
// overflow-wrap letting the table shrink to fit. Each heading keeps its
// word whole; the table scrolls sideways in its frame instead.
func TestTheBoardsEnglishHeadingsKeepTheirWordsOnAPhone(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2018"
	s.withDepartment(pw, "指标编码,责任单位,截止日期,联系人\n"+
		"2.3.1,市教育局,2018-07-15,王老师 0571-85251234\n2.3.3,市文广新局,2099-07-15,李老师\n")
	u.login(s.base, "wang", pw)
	u.do("the board in English on a phone", chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(s.base+"/lang?to=en&next=%2Fassignments%3Fcity%3D330100"),
		chromedp.WaitVisible(chromedp.CSS(`#progress thead th`)))
	// Each heading: its text and the rows of text it is laid out on.
	heads := eval[[][2]any](u, `Array.from(document.querySelectorAll('#progress thead th')).map(th => {
		const r = document.createRange(); r.selectNodeContents(th);
		return [th.textContent.trim(), new Set(Array.from(r.getClientRects()).filter(b => b.width > 0).map(b => Math.round(b.top))).size]; })`)
	if len(heads) < 8 {
		t.Fatalf("the progress table has %d headings, want 8: %v", len(heads), heads)
	}
	for _, h := range heads {
		if n, _ := h[1].(float64); n != 1 {
			t.Errorf("the heading %q is laid out on %v lines at 390 px, want its word whole on one", h[0], h[1])
		}
	}
}
