package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestPastedPassageStaysOutOfTheAddressInARealBrowser: in headless
// Chromium an expert pastes 1,500 characters of a 工作总结 into the search
// box and searches. The form posts them (they would make an address of
// some 13.5 KB, which nginx refuses): the results stand at an address
// under 200 bytes that names the passage by its key, with the summary and
// its eleven districts' copies; page 2 holds the last two, the back button
// returns to page 1, and a short query afterwards is a plain address again
// without the CSRF token in it.
func TestPastedPassageStaysOutOfTheAddressInARealBrowser(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2018"
	if _, err := runCLI(t, "user", "add", "--data", s.dataDir, "--name", "zhou", "--role", "expert", "--password", pw); err != nil {
		t.Fatalf("add the expert: %v", err)
	}
	texts := map[string]string{"2018年工作总结.txt": testenv.WorkSummary, "老年教育方案.txt": testenv.Unrelated}
	for i, text := range testenv.DistrictSummaries(11) {
		texts[fmt.Sprintf("片区总结%d.txt", i+1)] = text
	}
	for name, text := range texts {
		status, body := s.upload(map[string]string{"city": "330200", "doc_type": "work_summary"}, upload{name: name, body: []byte(text)})
		if status != 201 {
			t.Fatalf("upload %s: %d %v", name, status, body)
		}
		s.waitDone(uploadedDocuments(t, body)[0]["id"].(string))
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	address := func() string { return eval[string](u, `location.pathname + location.search`) }
	hits := `document.querySelectorAll('article.hit').length`

	u.login(s.base, "zhou", pw)
	pasted, err := json.Marshal(testenv.SummaryPassage)
	if err != nil {
		t.Fatal(err)
	}
	// Pasted: the text put in the box at once, as a paste does.
	u.do("open the search page", chromedp.Navigate(s.base+"/search"), chromedp.WaitVisible(css(`#q`)))
	// How the form is sent, noted past the page for the results to tell:
	// a listener after the page's own sees the method it chose.
	const noteMethod = `document.querySelector('form[role=search]').addEventListener('submit', function (e) {
		sessionStorage.setItem('sent', e.target.method); }), true`
	if !eval[bool](u, `(document.getElementById('q').value = `+string(pasted)+`, `+noteMethod+`)`) {
		t.Fatal("could not paste the passage")
	}
	u.do("search", chromedp.Click(css(`form[role=search] button[type=submit]`)))
	u.waitFor("the passage's results", `!!document.getElementById('passage-notice')`)
	first := address()
	var at *url.URL
	at, err = url.Parse(first)
	if err != nil {
		t.Fatal(err)
	}
	if at.Query().Get("q") != "" || len(at.Query().Get("passage")) != 32 || len(first) >= 200 {
		t.Fatalf("the passage's results are at %.300s (%d bytes), want /search?passage=KEY under 200 bytes", first, len(first))
	}
	if sent := eval[string](u, `sessionStorage.getItem('sent')`); sent != "post" {
		t.Errorf("the form sent the passage by %q, want post: in an address it is some 13.5 KB", sent)
	}
	if count := u.text(`#resultcount`); !strings.Contains(count, "共 12 条结果") {
		t.Errorf("the passage found %q, want the summary and its 11 copies", count)
	}
	// A one-line box drops a paste's line breaks, as it did when pasted.
	if got, want := eval[string](u, `document.getElementById('q').value`), strings.ReplaceAll(testenv.SummaryPassage, "\n", ""); got != want {
		t.Errorf("the search box holds %d characters, want the passage pasted (%d)", len([]rune(got)), len([]rune(want)))
	}

	u.do("page 2", chromedp.Click(css(`a[rel=next]`)))
	u.waitFor("page 2", `location.search.indexOf('page=2') >= 0 && document.readyState === 'complete' && `+hits+` === 2`)
	if second := address(); strings.Contains(second, "q=") || !strings.Contains(second, at.Query().Get("passage")) || len(second) >= 200 {
		t.Errorf("page 2 is at %.300s, want the passage's key and no q, under 200 bytes", second)
	}
	// history.back, not NavigateBack: a page restored from the
	// back-forward cache fires no load event to wait for.
	if !eval[bool](u, `(history.back(), true)`) {
		t.Fatal("could not go back")
	}
	u.waitFor("page 1 again", `location.search.indexOf('page=2') < 0 && document.readyState === 'complete' && `+hits+` === 10`)
	if back := address(); back != first {
		t.Errorf("back from page 2 at %s, want %s", back, first)
	}

	if !eval[bool](u, `(document.getElementById('q').value = '学分银行', `+noteMethod+`, document.querySelector('form[role=search] button[type=submit]').click(), true)`) {
		t.Fatal("could not search for a short query")
	}
	u.waitFor("the short query's results", `location.search.indexOf('q=') >= 0`)
	if short := eval[string](u, `decodeURIComponent(location.search)`); !strings.Contains(short, "q=学分银行") || strings.Contains(short, "csrf_token") || strings.Contains(short, "passage=") {
		t.Errorf("a short query after the passage is at %s, want a plain address with q and no token", short)
	}
	if sent := eval[string](u, `sessionStorage.getItem('sent')`); sent != "get" {
		t.Errorf("the form sent a short query by %q, want get", sent)
	}
}
