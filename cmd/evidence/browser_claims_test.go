package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestClaimWithPickedCitationInARealBrowser walks a coordinator writing a
// claim without copying a document id: search the city's documents from
// the claim form, open a hit's page, select the passage; the quote and
// page are filled from the selection. Then he corrects the statement and
// removes a citation added by mistake, and a reviewer finds the claim
// through the queue's counts and its "next" link.
func TestClaimWithPickedCitationInARealBrowser(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2017"
	s.addAccounts(pw, [][]string{{"wang", "coordinator", "--city", "330100"}, {"li", "reviewer"}})
	docs := map[string]string{}
	for city, text := range map[string]string{
		"330100": "杭州市社区教育工作总结\f2017年全年共举办342场市民大讲堂，参与市民超过八万人次。",
		"330200": "宁波市社区教育工作总结\f2017年全年共举办500场市民大讲堂。",
	} {
		status, body := s.upload(map[string]string{"city": city, "doc_type": "work_summary"},
			upload{name: city + "总结.txt", body: []byte(text)})
		if status != 201 {
			t.Fatalf("upload: %d %v", status, body)
		}
		docs[city] = uploadedDocuments(t, body)[0]["id"].(string)
		s.waitDone(docs[city])
	}
	shots := os.Getenv("EVIDENCE_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	// selectIn selects the words in the picker's page, as a mouse would.
	selectIn := func(words string) string {
		return fmt.Sprintf(`(function () {
			var el = document.querySelector('[data-pick-page]'), t = el.firstChild, i = t.textContent.indexOf(%q);
			if (i < 0) { return false; }
			var r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + %d);
			var s = window.getSelection(); s.removeAllRanges(); s.addRange(r); return true;
		})()`, words, len([]rune(words)))
	}

	u.login(s.base, "wang", pw)
	u.do("claim form", chromedp.Navigate(s.base+"/claims/new?indicator=3.1.2"), chromedp.WaitVisible(css(`#n-st`)),
		chromedp.SendKeys(css(`#n-st`), "2017年全年共举办342场大讲堂"),
		chromedp.WaitVisible(css(`[data-pick-q]`)),
		chromedp.SendKeys(css(`[data-pick-q]`), "大讲堂"),
		chromedp.Click(css(`[data-pick-go]`)),
		chromedp.WaitVisible(css(`.pick-hit`)))
	if hits := u.text(`[data-pick-hits]`); !strings.Contains(hits, "杭州") || strings.Contains(hits, "宁波") {
		t.Errorf("the picker searched beyond the city: %q", hits)
	}
	u.do("open the hit's page", chromedp.Click(css(`.pick-hit`)), chromedp.WaitVisible(css(`[data-pick-page]`)))
	// The page shows the punctuation as the document page does, full-width
	// (the text is stored with it folded to ASCII), and the quote copied
	// from it keeps it. Written with an escape: an editor may fold a typed
	// full-width comma.
	const picked = "2017年全年共举办342场市民大讲堂\uFF0C参与市民超过八万人次"
	if ok := eval[bool](u, selectIn(picked)); !ok {
		t.Fatalf("the passage %q is not on the page shown: %q", picked, u.text(`[data-pick-page]`))
	}
	u.waitFor("the quote filled from the selection", fmt.Sprintf(`document.querySelector('#n-quote').value === %q`, picked))
	if doc, page := eval[string](u, `document.querySelector('#n-doc').value`), eval[string](u, `document.querySelector('#n-page').value`); doc != docs["330100"] || page != "2" {
		t.Errorf("picked document %q page %q, want %s page 2", doc, page, docs["330100"])
	}
	u.fitsTheWidth("claim form with the picker at 1280 px")
	u.shot(shots, "claim-picker")
	// The session ends while he writes: sent, the form leads to the login
	// and back to the claim form, with everything he typed there again.
	u.keptAcrossLogin("the new claim", "claimform", "wang", pw, "#n-st", "#n-doc", "#n-page", "#n-quote")
	u.do("submit", chromedp.Click(css(`#claimform button[type=submit]`)), chromedp.WaitVisible(css(`#claim-status`)))
	claimURL, err := chromedp.Run(u.ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	claimURL, _, _ = strings.Cut(claimURL, "?")
	if found := u.attr(`article.citation`, "data-found"); found != "true" {
		t.Errorf("the picked quote was not found on its page (data-found=%q)", found)
	}

	// A second tap on a form's button while the first is on its way sends
	// nothing: two quick taps on a phone filed the same claim twice. The
	// test holds the first sending (its navigation) and taps again.
	tapped := eval[string](u, `(function () {
		var f = document.getElementById('citeform'), seen = [];
		var hold = function (e) { seen.push(e.defaultPrevented ? 'held back' : 'sent'); e.preventDefault(); };
		window.addEventListener('submit', hold);
		f.requestSubmit(); f.requestSubmit();
		window.removeEventListener('submit', hold);
		return seen.join(', ');
	})()`)
	if tapped != "sent, held back" {
		t.Errorf("two taps on 添加引用: %s; want the second held back", tapped)
	}
	u.do("reload the claim", chromedp.Reload(), chromedp.WaitVisible(css(`#citeform`)))

	// A wrong second citation, then removed; the statement corrected.
	u.do("add a citation", chromedp.SendKeys(css(`#c-doc`), docs["330100"]), chromedp.SendKeys(css(`#c-page`), "1"),
		chromedp.SendKeys(css(`#c-quote`), "社区教育工作总结"), chromedp.Click(css(`#citeform button[type=submit]`)),
		chromedp.WaitVisible(css(`#uncite-2`)))
	// The page after adding already shows a flash: wait for the removal
	// itself.
	u.do("remove it", chromedp.Click(css(`#uncite-2`)))
	u.waitFor("one citation left after removing one of two", `document.querySelectorAll('article.citation').length === 1`)
	u.do("edit the statement", chromedp.Click(css(`details summary`)), chromedp.SetValue(css(`#e-st`), "2017年全年共举办342场市民大讲堂"),
		chromedp.Click(css(`#editform button[type=submit]`)))
	u.waitFor("the statement changed", `document.querySelector('#statement').textContent === '2017年全年共举办342场市民大讲堂'`)
	u.logout()

	u.login(s.base, "li", pw)
	u.do("queue", chromedp.Navigate(s.base+"/review"), chromedp.WaitVisible(css(`#review-next`)))
	if n := u.text(`.tabs a[data-status="pending"] .count`); n != "1" {
		t.Errorf("pending count %q, want 1", n)
	}
	u.shot(shots, "review-queue")
	u.do("next", chromedp.Click(css(`#review-next`)), chromedp.WaitVisible(css(`#reviewform`)))
	// The queue keeps its round (the current one, 2018) on the claim's link.
	if loc, _ := chromedp.Run(u.ctx, chromedp.Location()); loc != claimURL+"?round=2018" {
		t.Errorf("the queue's next link went to %s, want %s?round=2018", loc, claimURL)
	}
	// On a phone the reviewer reads the cited passage, then gives the
	// verdict; on a wide screen the passages stand beside the form.
	const passageAboveForm = `document.querySelector('article.citation').getBoundingClientRect().bottom <= document.querySelector('#reviewform').getBoundingClientRect().top`
	u.do("phone width", chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(css(`#reviewform`)))
	if !eval[bool](u, passageAboveForm) {
		t.Errorf("at 390 px the verdict form comes before the cited passage")
	}
	u.fitsTheWidth("claim at 390 px")
	u.do("wide", chromedp.EmulateViewport(1280, 900), chromedp.Reload(), chromedp.WaitVisible(css(`#reviewform`)))
	if beside := eval[bool](u, `document.querySelector('#reviewform').getBoundingClientRect().right <= document.querySelector('article.citation').getBoundingClientRect().left`); !beside {
		t.Errorf("at 1280 px the verdict form is not beside the passages")
	}
	u.do("a reason typed", chromedp.Click(css(`#reviewform input[value="insufficient"]`)),
		chromedp.SendKeys(css(`#comment`), "引用的段落只写了大讲堂场次，没有写参与人次；请补充佐证材料"))
	u.keptAcrossLogin("the verdict", "reviewform", "li", pw, "#comment", `#reviewform input[value="insufficient"]`)
	u.do("verify", chromedp.Click(css(`#reviewform input[value="verified"]`)), chromedp.Click(css(`#reviewform button[type=submit]`)),
		chromedp.WaitVisible(css(`#claim-status[data-status="verified"]`)))
	// Sent, it is not kept: the page shown again has an empty box.
	kept := `sessionStorage.getItem('evidence.form.kept') || sessionStorage.getItem('evidence.form.sending') || ''`
	u.do("reload", chromedp.Navigate(claimURL), chromedp.WaitVisible(css(`main`)))
	if k := eval[string](u, kept); k != "" {
		t.Errorf("the verdict sent is still kept in the browser: %s", k)
	}
	// Text kept more than half an hour ago is not filled in: others may
	// have changed the record since.
	eval[string](u, `sessionStorage.setItem('evidence.form.kept', JSON.stringify({path: '/search', form: 'save-search',
		user: document.querySelector('.who .user').textContent.trim(), at: Date.now() - 31*60*1000,
		fields: [{name: 'name', value: '半小时前写的名称'}]})); ''`)
	u.do("a search with text kept 31 minutes ago", chromedp.Navigate(s.base+"/search?q=大讲堂"),
		chromedp.WaitVisible(css(`#save-search input[name=name]`)))
	if name := eval[string](u, `document.querySelector('#save-search input[name=name]').value`); name != "大讲堂" || eval[string](u, kept) != "" {
		t.Errorf("text kept 31 minutes ago filled the name box with %q", name)
	}
	// What the reviewer typed is not handed to another person who logs in
	// on the same tab.
	u.do("a name typed, the session ends, another logs in", chromedp.Navigate(s.base+"/search?q=大讲堂"),
		chromedp.WaitVisible(css(`#save-search input[name=name]`)),
		chromedp.SetValue(css(`#save-search input[name=name]`), "杭州大讲堂专题"),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, network.ClearBrowserCookies, cdp.Empty{})
			return err
		}),
		chromedp.Click(css(`#save-search button[type=submit]`)), chromedp.WaitVisible(css(`[data-form-lost]`)),
		chromedp.SendKeys(css(`#username`), "wang"), chromedp.SendKeys(css(`#password`), pw),
		chromedp.Submit(css(`#password`)), chromedp.WaitVisible(css(`#save-search`)))
	if name := eval[string](u, `document.querySelector('#save-search input[name=name]').value`); name != "大讲堂" || eval[string](u, kept) != "" {
		t.Errorf("the reviewer's words are kept for the coordinator who logged in after: the name box holds %q", name)
	}
	// Signing out leaves nothing typed in the tab.
	eval[string](u, `sessionStorage.setItem('evidence.form.kept', '{"path":"/search","form":"save-search","user":"wang","fields":[]}'); ''`)
	u.do("log out", chromedp.Click(css(`form[action="/logout"] button`)), chromedp.WaitVisible(css(`#password`)))
	if k := eval[string](u, kept); k != "" {
		t.Errorf("after logging out the tab still keeps %s", k)
	}
}

// keptAcrossLogin ends the session (the browser forgets its cookies) while
// the form is filled in, sends it, logs in again from the page that says
// so, and checks that back on the page the fields hold what was typed, and
// that the password was never kept.
func (u ui) keptAcrossLogin(what, form, user, password string, fields ...string) {
	u.t.Helper()
	read := `(function (sel) { var el = document.querySelector(sel); return el.type === 'radio' ? String(el.checked) : el.value; })`
	var typed []string
	for _, f := range fields {
		typed = append(typed, eval[string](u, fmt.Sprintf(`%s(%q)`, read, f)))
	}
	endSession := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, network.ClearBrowserCookies, cdp.Empty{})
		return err
	})
	u.do(what+": the session ends and the form is sent", endSession,
		chromedp.Click(chromedp.CSS(`#`+form+` button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`[data-form-lost]`)),
		chromedp.SendKeys(chromedp.CSS(`#username`), user), chromedp.SendKeys(chromedp.CSS(`#password`), password),
		chromedp.Submit(chromedp.CSS(`#password`)), chromedp.WaitVisible(chromedp.CSS(`#`+form)))
	for i, f := range fields {
		if got := eval[string](u, fmt.Sprintf(`%s(%q)`, read, f)); got != typed[i] || got == "" {
			u.t.Errorf("%s: back after logging in, %s holds %q, want %q as typed", what, f, got, typed[i])
		}
	}
	if note := u.text(`#` + form + ` [data-kept]`); !strings.Contains(note, "尚未提交") {
		u.t.Errorf("%s: the restored form says %q, want that it is not sent yet", what, note)
	}
	if stored := eval[string](u, `JSON.stringify(sessionStorage)`); strings.Contains(stored, password) {
		u.t.Errorf("%s: the password is kept in the browser: %s", what, stored)
	}
}
