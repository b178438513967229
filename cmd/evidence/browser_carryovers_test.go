package main

import (
	"cmp"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestCarryoversFitAPhone opens 结转事项核对 (/carryovers) as 杭州's
// coordinator on a phone 390 px wide, in Chinese and in English, with a
// carried link to a document named with no place to wrap (longName), a
// claim and a value waiting (待确认): the page does not scroll sideways
// (the scrolling element no wider than the window) and every row's
// buttons, 确认沿用 and 本轮不用, are on the screen, not in a table
// scrolled aside.
func TestCarryoversFitAPhone(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2018"
	coord := addUser(t, s.dataDir, "--name", "wang", "--role", "coordinator", "--city", "330100", "--password", pw)
	status, body := s.upload(map[string]string{"city": "330100", "doc_type": "work_summary", "round": "2017",
		"doc_number": "杭教职成〔2017〕123456789号"},
		upload{name: longName, body: []byte("杭州市学分银行工作总结\n全市学分银行累计开户学习者12000人，认定市民终身学习基地123个。")})
	if status != 201 {
		t.Fatalf("upload: %d %v", status, body)
	}
	doc := uploadedDocuments(t, body)[0]["id"].(string)
	s.waitDone(doc)
	as := func(token, method, path, body string) {
		t.Helper()
		req, _ := http.NewRequest(method, s.base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		if code, m := s.do(req); code/100 != 2 {
			t.Fatalf("%s %s: %d %v", method, path, code, m)
		}
	}
	as(coord, "POST", "/api/v1/links", fmt.Sprintf(`{"document_id":%q,"indicator":"2.3.1","page":1}`, doc))
	as(coord, "POST", "/api/v1/claims", fmt.Sprintf(`{"city":"330100","round":2017,"indicator":"2.3.1",
		"statement":"杭州市建立了覆盖全市的学分银行，累计开户学习者达到一万二千人，认定市民终身学习基地一百二十三个",
		"citations":[{"document_id":%q,"page":1,"quote":"累计开户学习者12000人"}]}`, doc))
	as(coord, "POST", "/api/v1/values", fmt.Sprintf(`{"city":"330100","round":2017,"indicator":"2.2.1","value":"123",
		"citation":{"document_id":%q,"page":1,"quote":"认定市民终身学习基地123个"}}`, doc))
	as("", "POST", "/api/v1/rounds/2018/carryover", `{"city":"330100"}`)

	// EVIDENCE_SCREENSHOTS keeps the screenshots for a person to look at.
	shots := cmp.Or(os.Getenv("EVIDENCE_SCREENSHOTS"), t.TempDir())
	u.login(s.base, "wang", pw)
	u.do("a phone 390 px wide", chromedp.EmulateViewport(390, 844))
	for _, lang := range []string{"zh", "en"} {
		at := " (" + lang + ")"
		u.do("open 结转事项核对"+at, chromedp.Navigate(s.base+"/lang?to="+lang+"&next=/carryovers%3Fcity%3D330100%26round%3D2018"),
			chromedp.WaitVisible(chromedp.CSS(`table.carryovers tbody tr`)))
		if n := eval[int](u, `document.querySelectorAll('table.carryovers tbody tr[data-state="to_confirm"]').length`); n != 3 {
			t.Fatalf("carried items waiting%s: %d, want the link, the claim and the value", at, n)
		}
		if sw, iw := eval[int](u, `document.scrollingElement.scrollWidth`), eval[int](u, `innerWidth`); sw > iw {
			t.Errorf("结转事项核对%s scrolls sideways: %d px wide in a window of %d px", at, sw, iw)
		}
		u.fitsTheWidth("结转事项核对 at 390 px" + at)
		u.shot(shots, "carryovers-390-"+lang)
		// Usable, not only narrow: the item itself is read at the card's
		// width, and a year is not broken digit by digit.
		if w, iw := eval[int](u, `Math.round(Math.min.apply(null, Array.from(document.querySelectorAll('table.carryovers tbody tr')).map(function (tr) {
				return tr.cells[2].getBoundingClientRect().width; })))`), eval[int](u, `innerWidth`); w < iw*6/10 {
			t.Errorf("结转事项核对%s: the carried items are read in a column %d px wide on a screen of %d px", at, w, iw)
		}
		if broken := eval[[]string](u, `Array.from(document.querySelectorAll('table.carryovers tbody tr')).filter(function (tr) {
				var r = document.createRange(); r.selectNodeContents(tr.cells[3]); return r.getClientRects().length > 1;
			}).map(function (tr) { return tr.cells[3].textContent.trim(); })`); len(broken) > 0 {
			t.Errorf("结转事项核对%s: the round an item came from is broken over lines: %v", at, broken)
		}
		if off := eval[[]string](u, `Array.from(document.querySelectorAll('table.carryovers button')).filter(function (b) {
				var r = b.getBoundingClientRect(); return r.left < 0 || r.right > innerWidth;
			}).map(function (b) { return b.textContent.trim(); })`); len(off) > 0 {
			t.Errorf("结转事项核对%s: buttons off the screen at 390 px: %v", at, off)
		}
	}
}
