package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestEverydayUseInARealBrowser walks the comforts of issue 16 as an
// admin would: the page thumbnail of a PDF hit loads as a PNG; "/" jumps
// to the search box; at 390 px the facets wait behind a 筛选 button that
// opens them; a confirmation focuses 取消 and answers Esc, the citation picker
// Esc; English pages name indicators and cities in English. Then the main
// pages are photographed at 1280 and 390 px, none scrolling sideways and
// every button legible (取消关联 and 停用 were once white on white) and
// every label beside or above its box.
func TestEverydayUseInARealBrowser(t *testing.T) {
	start := time.Now()
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2017"
	if _, err := runCLI(t, "user", "add", "--data", s.dataDir, "--name", "boss", "--role", "admin", "--password", pw); err != nil {
		t.Fatalf("add boss: %v", err)
	}
	var ids []string
	for _, f := range []struct{ file, city string }{{"ningbo-policy.pdf", "330200"}, {"hangzhou-summary.docx", "330100"}} {
		body, err := os.ReadFile(filepath.Join("testdata", f.file))
		if err != nil {
			t.Fatal(err)
		}
		status, out := s.upload(map[string]string{"city": f.city, "doc_type": "policy"}, upload{name: f.file, body: body})
		if status != 201 {
			t.Fatalf("upload %s: %d %v", f.file, status, out)
		}
		id := uploadedDocuments(t, out)[0]["id"].(string)
		s.waitDone(id)
		ids = append(ids, id)
	}
	pdfID := ids[0]
	if status, out := s.send("POST", "/api/v1/claims", fmt.Sprintf(`{"city":"330200","indicator":"2.3.1","statement":"宁波市建立了学分银行",
		"citations":[{"document_id":%q,"page":2,"quote":"建立宁波市学分银行"}]}`, pdfID)); status != 201 {
		t.Fatalf("claim: %d %v", status, out)
	}
	// A link (its 取消关联 button) and a second account (its 停用 button).
	if status, out := s.send("POST", "/api/v1/links", fmt.Sprintf(`{"document_id":%q,"indicator":"2.3.1","page":2}`, pdfID)); status != 201 {
		t.Fatalf("link: %d %v", status, out)
	}
	if _, err := runCLI(t, "user", "add", "--data", s.dataDir, "--name", "li", "--role", "expert"); err != nil {
		t.Fatalf("add li: %v", err)
	}
	shots := os.Getenv("EVIDENCE_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", shots)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	u.login(s.base, "boss", pw)

	// The PDF hit's thumbnail: the passage's page, a PNG, status 200.
	u.do("search", chromedp.Navigate(s.base+"/search?q=学分银行"), chromedp.WaitVisible(css(`.hit`)))
	thumb := fmt.Sprintf(`.hit .thumb img[src^="/api/v1/documents/%s/pages/"]`, pdfID)
	u.waitFor("the thumbnail loads", fmt.Sprintf(`(function(){var i=document.querySelector(%q);return !!i&&i.complete&&i.naturalWidth>0})()`, thumb))
	got, err := chromedp.Run(u.ctx, chromedp.Evaluate[string](fmt.Sprintf(`fetch(document.querySelector(%q).src).then(function(r){
		return r.arrayBuffer().then(function(b){var a=new Uint8Array(b);
			return r.status+' '+r.headers.get('content-type')+' '+String.fromCharCode(a[1],a[2],a[3]);});})`, thumb), chromedp.EvalAwaitPromise))
	if err != nil || got != "200 image/png PNG" {
		t.Errorf("the thumbnail answers %q (%v), want 200 image/png PNG", got, err)
	}
	if src := u.attr(thumb, "src"); !strings.Contains(src, "/pages/2/") || u.attr(thumb, "loading") != "lazy" {
		t.Errorf("thumbnail %q (loading=%s), want the passage's page 2, loaded lazily", src, u.attr(thumb, "loading"))
	}
	if n := eval[int](u, `document.querySelectorAll('.hit .thumb img').length`); n != 1 {
		t.Errorf("%d thumbnails among the hits, want 1 (the Word file has none)", n)
	}

	// "/" jumps to the search box, except while typing in a field.
	eval[bool](u, `document.activeElement.blur(), true`)
	u.do("slash", chromedp.KeyEvent("/"))
	if id := eval[string](u, `document.activeElement.id`); id != "q" {
		t.Errorf(`after "/" the focus is on %q, want the search box`, id)
	}
	u.do("slash in a field", chromedp.Focus(css(`input[name=issued_from]`)), chromedp.KeyEvent("/"))
	if id := eval[string](u, `document.activeElement.name`); id != "issued_from" {
		t.Errorf(`"/" typed in the date field moved the focus to %q`, id)
	}
	if v := eval[string](u, `document.querySelector('input[name=issued_from]').value`); v != "/" {
		t.Errorf(`"/" typed in the date field gave %q, want it typed (2018/3/20 is a date)`, v)
	}
	u.do("slash elsewhere", chromedp.Navigate(s.base+"/documents"), chromedp.WaitVisible(css(`#doctable`)),
		chromedp.KeyEvent("/"), chromedp.WaitVisible(css(`#q`)))
	u.waitFor(`"/" on the documents page focuses the search box`, `document.activeElement && document.activeElement.id === 'q'`)

	// A confirmation: the focus is on 取消, never on the destructive
	// button, so a second Enter (a double key press) goes back instead of
	// deleting; Esc cancels; only a deliberate press of the button deletes.
	u.do("delete asks", chromedp.Navigate(s.base+"/documents"), chromedp.WaitVisible(css(`#doctable`)), chromedp.Click(css(fmt.Sprintf(`input.pick[value=%q]`, ids[1]))), chromedp.Click(css(`#bulk-delete`)),
		chromedp.WaitVisible(css(`#confirm`)))
	if focused := eval[bool](u, `document.activeElement.hasAttribute('data-cancel')`); !focused {
		t.Errorf("the confirmation's focus is on %q, not on 取消: Enter would act", eval[string](u, `document.activeElement.outerHTML.slice(0, 80)`))
	}
	u.shot(shots, "confirm-1280")
	u.do("Enter goes back", chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(css(`#doctable`)))
	u.do("delete asks again", chromedp.Click(css(fmt.Sprintf(`input.pick[value=%q]`, ids[1]))), chromedp.Click(css(`#bulk-delete`)),
		chromedp.WaitVisible(css(`#confirm`)), chromedp.KeyEvent(kb.Escape), chromedp.WaitVisible(css(`#doctable`)))
	u.do("delete confirmed", chromedp.Click(css(fmt.Sprintf(`input.pick[value=%q]`, ids[1]))), chromedp.Click(css(`#bulk-delete`)),
		chromedp.WaitVisible(css(`#confirm`)), chromedp.Click(css(`#confirm`)), chromedp.WaitVisible(css(`.flash`)))
	if msg := u.text(`.flash`); !strings.Contains(msg, "已删除 1 份文档") {
		t.Errorf("the confirmation's button: %q", msg)
	}

	// The citation picker: Enter searches, Esc closes the hits.
	u.do("picker", chromedp.Navigate(s.base+"/claims/new?indicator=2.3.1&city=330200"), chromedp.WaitVisible(css(`[data-pick-q]`)),
		chromedp.SendKeys(css(`[data-pick-q]`), "学分银行"+kb.Enter), chromedp.WaitVisible(css(`.pick-hit`)),
		chromedp.Focus(css(`[data-pick-q]`)), chromedp.KeyEvent(kb.Escape))
	if n := eval[int](u, `document.querySelectorAll('[data-pick-hits] li').length`); n != 0 {
		t.Errorf("Esc left %d picker hits open", n)
	}

	// English names.
	u.do("english", chromedp.Navigate(s.base+"/indicators"), chromedp.Click(css(`.who a[lang]`)), chromedp.WaitVisible(css(`table.heat`)))
	page := u.text(`main`)
	for _, want := range []string{"City-level decision or plan on building a learning city", "Hangzhou", "Ningbo"} {
		if !strings.Contains(page, want) {
			t.Errorf("the English indicators page lacks %q", want)
		}
	}
	u.shot(shots, "indicators-en-1280")
	u.do("english at 390 px", chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(css(`table.heat`)))
	u.fitsTheWidth("English indicators at 390 px")
	u.shot(shots, "indicators-en-390")
	u.do("back to 1280 px", chromedp.EmulateViewport(1280, 900))
	u.do("chinese", chromedp.Click(css(`.who a[lang]`)), chromedp.WaitVisible(css(`table.heat`)))
	// The heat map's hundreds of links are skipped by a link before them:
	// Enter on it, and the next Tab is in the framework.
	u.do("focus the skip link", chromedp.Focus(css(`section[aria-labelledby=heat] a.skip`)))
	if near := eval[bool](u, `(() => { const a = document.activeElement.getBoundingClientRect(), h = document.getElementById('heat').getBoundingClientRect(); return Math.abs(a.top - h.top) < 60 && a.top >= 0 && a.bottom <= innerHeight })()`); !near {
		t.Errorf("the focused skip link shows far from the heat map's heading or off screen")
	}
	u.do("skip the heat map", chromedp.KeyEvent(kb.Enter), chromedp.KeyEvent(kb.Tab))
	if in := eval[bool](u, `!!document.activeElement.closest('section.tree')`); !in {
		t.Errorf("Tab after the skip link is on %q, not in the framework", eval[string](u, `document.activeElement.outerHTML.slice(0, 120)`))
	}

	// Facets: beside the results at 1280 px, behind 筛选 at 390 px.
	u.do("facets wide", chromedp.Navigate(s.base+"/search?q=学分银行"), chromedp.WaitVisible(css(`.facetbox ul`)))
	u.do("phone width", chromedp.EmulateViewport(390, 844), chromedp.Navigate(s.base+"/search?q=学分银行"), chromedp.WaitVisible(css(`.hit`)))
	if eval[bool](u, `document.getElementById('facetbox').open`) || eval[bool](u, `document.querySelector('.facetbox ul').checkVisibility()`) {
		t.Errorf("at 390 px the facets are open")
	}
	if before := eval[bool](u, `document.querySelector('.facetbox summary').getBoundingClientRect().top < document.querySelector('.hit').getBoundingClientRect().top`); !before {
		t.Errorf("at 390 px the 筛选 button comes after the results")
	}
	if s := u.text(`.facetbox summary`); s != "筛选" {
		t.Errorf("the facets button reads %q", s)
	}
	u.shot(shots, "search-facets-closed-390")
	u.do("open facets", chromedp.Click(css(`.facetbox summary`)), chromedp.WaitVisible(css(`.facetbox ul`)))
	if !eval[bool](u, `document.querySelector('.facetbox ul').checkVisibility()`) {
		t.Errorf("the 筛选 button did not open the facets")
	}
	u.shot(shots, "search-facets-open-390")
	u.do("wide again", chromedp.EmulateViewport(1280, 900))

	// The main pages at both widths.
	pages := []struct{ name, path, ready string }{
		{"search", "/search?q=学分银行", `.hit`},
		{"document", "/documents/" + pdfID + "?q=学分银行&page=2", `.pagetext`},
		{"documents", "/documents", `#doctable`},
		{"indicators", "/indicators", `table.heat`},
		{"indicator", "/indicators/2.3.1?city=330200", `main h1`},
		{"review", "/review", `.claim-row a`},
		{"upload", "/upload", `#files`},
		{"assignments", "/assignments?city=330200", `#progress`},
		{"departments", "/departments?city=330200", `#departments`},
		{"saved-searches", "/saved-searches", `main h1`},
		{"claim-new", "/claims/new?city=330200&indicator=2.3.1", `main h1`},
		{"compare", "/compare?city=330200", `main h1`},
		{"values", "/values", `main h1`},
		{"carryovers", "/carryovers?city=330200", `main h1`},
		{"admin", "/admin", `#users`},
	}
	for _, width := range []int64{1280, 390} {
		u.do(fmt.Sprintf("width %d", width), chromedp.EmulateViewport(width, 900))
		for _, p := range pages {
			u.do("open "+p.path, chromedp.Navigate(s.base+p.path), chromedp.WaitVisible(css(p.ready)))
			u.fitsTheWidth(fmt.Sprintf("%s at %d px", p.path, width))
			u.buttonsLegible(fmt.Sprintf("%s at %d px", p.path, width))
			u.labelsByControls(fmt.Sprintf("%s at %d px", p.path, width))
			u.shot(shots, fmt.Sprintf("%s-%d", p.name, width))
		}
		u.do("open the claim", chromedp.Navigate(s.base+"/review"), chromedp.WaitVisible(css(`.claim-row a`)),
			chromedp.Click(css(`.claim-row a`)), chromedp.WaitVisible(css(`#claim-status`)))
		u.fitsTheWidth(fmt.Sprintf("claim at %d px", width))
		u.shot(shots, fmt.Sprintf("claim-%d", width))
	}
	t.Logf("walk took %s", time.Since(start).Round(time.Millisecond))
}
