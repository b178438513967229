package main

import (
	"fmt"
	"os"
	"strings"
	"testing"

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
	for _, acc := range [][]string{{"wang", "coordinator", "--city", "330100"}, {"li", "reviewer"}} {
		args := append([]string{"user", "add", "--data", s.dataDir, "--name", acc[0], "--role", acc[1], "--password", pw}, acc[2:]...)
		if _, err := runCLI(t, args...); err != nil {
			t.Fatalf("add %s: %v", acc[0], err)
		}
	}
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
	u.noHorizontalScroll("claim form with the picker at 1280 px")
	u.shot(shots, "claim-picker")
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
	if loc, _ := chromedp.Run(u.ctx, chromedp.Location()); loc != claimURL {
		t.Errorf("the queue's next link went to %s, want %s", loc, claimURL)
	}
	u.do("verify", chromedp.Click(css(`#reviewform input[value="verified"]`)), chromedp.Click(css(`#reviewform button[type=submit]`)),
		chromedp.WaitVisible(css(`#claim-status[data-status="verified"]`)))
}
