package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// findChromium returns Debian's chromium; without it a local run skips and
// CI (CI=true) fails.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed; .ci/run installs Debian's chromium")
	}
	t.Skip("chromium is not installed (apt-get install chromium); in CI this fails")
	return ""
}

// newBrowser starts headless Chromium with the flags this closed network
// needs, in a fresh profile, and returns a context for its tab with a
// deadline for the whole walk.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(findChromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	// The first call starts the browser and must not carry a deadline.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancel3 := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(cancel3)
	return ctx
}

// ui drives one tab and fails the test on the first error.
type ui struct {
	t   *testing.T
	ctx context.Context
}

func (u ui) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	u.t.Helper()
	if err := chromedp.Do(u.ctx, actions...); err != nil {
		u.t.Fatalf("%s: %v", step, err)
	}
}

func (u ui) text(sel string) string {
	u.t.Helper()
	s, err := chromedp.Run(u.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		u.t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

func (u ui) attr(sel, name string) string {
	u.t.Helper()
	a, err := chromedp.Run(u.ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
	if err != nil {
		u.t.Fatalf("attribute %s of %s: %v", name, sel, err)
	}
	return a.Value
}

func eval[T any](u ui, expr string) T {
	u.t.Helper()
	v, err := chromedp.Run(u.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		u.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it holds.
func (u ui) waitFor(what, cond string) {
	u.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(u.ctx, chromedp.Evaluate[bool](cond)); err == nil && ok {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	u.t.Fatalf("%s: not within 60s", what)
}

// shot saves a screenshot of the page under dir and checks it is not blank.
func (u ui) shot(dir, name string) {
	u.t.Helper()
	buf, err := chromedp.Run(u.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		u.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
		u.t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		u.t.Fatalf("screenshot %s is not a PNG: %v", name, err)
	}
	if n := colours(img); n < 8 {
		u.t.Errorf("screenshot %s looks blank (%d colours)", name, n)
	}
}

func colours(img image.Image) int {
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[r>>8<<16|g>>8<<8|bl>>8] = true
		}
	}
	return len(seen)
}

// fitsTheWidth fails when the page is wider than its window: the root
// element's scrollWidth beyond its clientWidth, the layout's width (on an
// emulated phone innerWidth grows with what sticks out, so a check
// against it cannot fail). It names the elements
// whose right edge passes the window, the innermost first, for whoever
// mends it.
func (u ui) fitsTheWidth(page string) {
	u.t.Helper()
	w, cw := eval[int](u, `document.documentElement.scrollWidth`), eval[int](u, `document.documentElement.clientWidth`)
	if w <= cw {
		return
	}
	wide := eval[[]string](u, `(function () {
		var cw = document.documentElement.clientWidth, out = [];
		document.querySelectorAll('body *').forEach(function (e) {
			var r = e.getBoundingClientRect();
			if (r.right > cw + 1 && !Array.prototype.some.call(e.children, function (c) { return c.getBoundingClientRect().right > cw + 1; })) {
				out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : '') +
					' “' + (e.textContent || '').trim().slice(0, 30) + '” to ' + Math.round(r.right) + ' px');
			}
		});
		return out.slice(0, 8);
	})()`)
	u.t.Errorf("%s at %d px is %d px wide: %v", page, cw, w, wide)
}

// labelsByControls checks every visible field's label sits with its box:
// right before it on the same line, or just above it. A row of fields that
// wraps once left 监测轮次 at the end of one line and its box at the start
// of the next, under another label.
func (u ui) labelsByControls(page string) {
	u.t.Helper()
	apart := eval[[]string](u, `(function(){
		var out=[];
		document.querySelectorAll('label[for]').forEach(function(l){
			var c=document.getElementById(l.htmlFor);
			if(!c||!l.checkVisibility()||!c.checkVisibility()||c.type==='checkbox'||c.type==='radio')return;
			var a=l.getBoundingClientRect(), b=c.getBoundingClientRect();
			if(a.right<=0)return; // a label for screen readers only
			var r=document.createRange(); r.selectNodeContents(l);
			var lines=r.getClientRects(), last=lines.length?lines[lines.length-1]:a;
			var beside=b.left>=last.right-2&&b.left-last.right<60&&b.top<last.bottom&&b.bottom>last.top;
			var below=b.top>=a.bottom-4&&b.top-a.bottom<24&&b.left<a.right&&b.right>a.left;
			if(!beside&&!below)out.push(l.textContent.trim());
		});
		return out;})()`)
	for _, l := range apart {
		u.t.Errorf("%s: the label %s is away from its box", page, l)
	}
}

// buttonsLegible checks every visible button's text stands out from what
// is behind it (contrast at least 3:1, WCAG's floor for large text), so no
// button is white on white.
func (u ui) buttonsLegible(page string) {
	u.t.Helper()
	faint := eval[[]string](u, `(function(){
		function rgb(s){var m=s.match(/[\d.]+/g);return m?m.map(Number):[0,0,0,0];}
		function behind(el){
			for(;el;el=el.parentElement){var c=rgb(getComputedStyle(el).backgroundColor);if(c.length<4||c[3]>0.5)return c;}
			return [255,255,255];
		}
		function lum(c){var a=c.slice(0,3).map(function(v){v/=255;return v<=0.03928?v/12.92:Math.pow((v+0.055)/1.055,2.4);});
			return 0.2126*a[0]+0.7152*a[1]+0.0722*a[2];}
		var out=[];
		document.querySelectorAll('button').forEach(function(b){
			if(!b.checkVisibility()||!b.textContent.trim())return;
			var f=lum(rgb(getComputedStyle(b).color)),g=lum(behind(b));
			var ratio=(Math.max(f,g)+0.05)/(Math.min(f,g)+0.05);
			if(ratio<3)out.push(b.textContent.trim()+' '+ratio.toFixed(2));
		});
		return out;})()`)
	for _, b := range faint {
		u.t.Errorf("%s: the button %s (contrast) cannot be read", page, b)
	}
}

// focusShows tabs through the whole page and checks that every control
// Tab reaches shows where the focus is (an outline or a shadow): the date
// box of a task's deadline took the focus without a mark.
func (u ui) focusShows(page string) {
	u.t.Helper()
	n := eval[int](u, `Array.from(document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')).filter(function (e) { return e.checkVisibility() && e.tabIndex >= 0; }).length`)
	u.do("focus at the top of "+page, chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`))
	unmarked := map[string]bool{}
	for i := 0; i < n; i++ {
		u.do("tab", chromedp.KeyEvent("\t"))
		if r := eval[string](u, `(function () {
			var e = document.activeElement, s;
			if (!e || e === document.body) { return ''; }
			s = getComputedStyle(e);
			if ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none') { return ''; }
			return e.tagName.toLowerCase() + (e.name ? '[name=' + e.name + ']' : '') + ' ' + (e.textContent || '').trim().slice(0, 20);
		})()`); r != "" {
			unmarked[r] = true
		}
	}
	for r := range unmarked {
		u.t.Errorf("%s: %s takes the focus without showing it", page, r)
	}
}

func (u ui) login(base, user, password string) {
	u.t.Helper()
	u.do("login as "+user,
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.CSS(`#username`)),
		chromedp.SendKeys(chromedp.CSS(`#username`), user),
		chromedp.SendKeys(chromedp.CSS(`#password`), password),
		chromedp.Submit(chromedp.CSS(`#password`)),
		// Signed in on any page: a contributor starts at 我的任务, the
		// others at search.
		chromedp.WaitVisible(chromedp.CSS(`form[action="/logout"]`)))
}

func (u ui) logout() {
	u.t.Helper()
	u.do("logout", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)), chromedp.WaitVisible(chromedp.CSS(`#username`)))
}

// cellClass is the class of the heat-map cell of an indicator and a city.
func (u ui) cellClass(base, code, city string) string {
	u.t.Helper()
	// The cell's link carries the round shown (&round=) once there is one.
	href := fmt.Sprintf("/indicators/%s?city=%s", code, city)
	sel := fmt.Sprintf(`table.heat td a[href=%q], table.heat td a[href^=%q]`, href, href+"&")
	u.do("heat map", chromedp.Navigate(base+"/indicators"), chromedp.WaitVisible(chromedp.CSS(sel)))
	return eval[string](u, fmt.Sprintf(`document.querySelector(%q).parentElement.className`, sel))
}

// TestWebUIInARealBrowser walks the main flows as the users would: a
// coordinator uploads, searches, opens a hit at its page, links a document
// and writes a claim; a reviewer verifies it; the heat map follows; the
// page switches to English; an admin opens the admin page; every page fits
// a phone.
func TestWebUIInARealBrowser(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2017"
	s.addAccounts(pw, [][]string{{"wang", "coordinator", "--city", "330100"}, {"li", "reviewer"}, {"boss", "admin"}})
	// EVIDENCE_SCREENSHOTS keeps the screenshots for a person to look at.
	shots := os.Getenv("EVIDENCE_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", shots)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	// 登录, first with a wrong password.
	u.do("login page", chromedp.Navigate(s.base+"/login"), chromedp.WaitVisible(css(`#username`)))
	u.shot(shots, "login")
	u.do("wrong password", chromedp.SendKeys(css(`#username`), "wang"), chromedp.SendKeys(css(`#password`), "错误的密码"),
		chromedp.Submit(css(`#password`)), chromedp.WaitVisible(css(`.error`)))
	if msg := u.text(`.error`); !strings.Contains(msg, "用户名或密码错误") {
		t.Errorf("login error %q", msg)
	}
	u.login(s.base, "wang", pw)

	// 上传: three Chinese files, progress, then indexed.
	var files []string
	for _, f := range []string{"ningbo-policy.pdf", "hangzhou-summary.docx", "chengdu-news-gb18030.txt"} {
		abs, _ := filepath.Abs(filepath.Join("testdata", f))
		files = append(files, abs)
	}
	u.do("upload", chromedp.Navigate(s.base+"/upload"), chromedp.WaitVisible(css(`#files`)),
		chromedp.SetUploadFiles(css(`#files`), files),
		chromedp.SetValue(css(`#doc_type`), "work_summary"),
		chromedp.Click(css(`#uploadform button[type=submit]`)))
	u.waitFor("three files indexed", `document.querySelectorAll('#outcomes .docstatus[data-status="indexed"]').length === 3`)
	u.shot(shots, "upload")

	// 检索, then open a hit at its page.
	u.do("search", chromedp.Navigate(s.base+"/search?q=学分银行"), chromedp.WaitVisible(css(`.hit`)))
	frag, href := u.text(`.hit .frag`), u.attr(`.hit .frag a.page`, "href")
	if !strings.Contains(frag, "学分银行") || !strings.Contains(href, "page=") {
		t.Errorf("hit fragment %q links to %q", frag, href)
	}
	u.fitsTheWidth("search at 1280 px")
	u.shot(shots, "search")
	u.do("open hit", chromedp.Click(css(`.hit .frag a.page`)), chromedp.WaitVisible(css(`.pagetext`)))
	pageNum, marked := u.attr(`.pagetext`, "data-page"), u.text(`.pagetext mark`)
	if !strings.Contains(href, "page="+pageNum) || marked != "学分银行" {
		t.Errorf("document opened at page %s (link %s), marked %q", pageNum, href, marked)
	}
	loc, err := chromedp.Run(u.ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	docID := strings.Split(strings.TrimPrefix(loc, s.base+"/documents/"), "?")[0]
	if src := u.attr(`.pdfview iframe`, "src"); !strings.HasSuffix(src, "#page="+pageNum) {
		t.Errorf("inline PDF view at %q, want page %s", src, pageNum)
	}
	u.shot(shots, "document")

	// 指标: link the document and see the heat-map cell change.
	before := u.cellClass(s.base, "2.3.1", "330100")
	u.do("link", chromedp.Navigate(s.base+"/documents/"+docID), chromedp.WaitVisible(css(`#link-indicator`)),
		chromedp.SetValue(css(`#link-indicator`), "2.3.1"), chromedp.Click(css(`#linkform button`)),
		chromedp.WaitVisible(css(`li.link-item[data-code="2.3.1"]`)))
	after := u.cellClass(s.base, "2.3.1", "330100")
	if before != "none" || after != "linked" {
		t.Errorf("heat-map cell 2.3.1 × 杭州: %q before linking, %q after; want none then linked", before, after)
	}
	u.shot(shots, "indicators")

	// 撰写定性描述 citing the document.
	u.do("write claim", chromedp.Navigate(s.base+"/claims/new?indicator=2.3.1"), chromedp.WaitVisible(css(`#n-st`)),
		chromedp.SendKeys(css(`#n-st`), "杭州市建立了学分银行"),
		chromedp.SendKeys(css(`#n-doc`), docID),
		chromedp.SendKeys(css(`#n-page`), pageNum),
		chromedp.SendKeys(css(`#n-quote`), "学分银行"),
		chromedp.Click(css(`#claimform button[type=submit]`)),
		chromedp.WaitVisible(css(`#claim-status`)))
	claimURL, err := chromedp.Run(u.ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if st := u.attr(`#claim-status`, "data-status"); st != "pending" {
		t.Errorf("new claim status %q", st)
	}
	u.logout()

	// 审核 as the reviewer.
	u.login(s.base, "li", pw)
	u.do("queue", chromedp.Navigate(s.base+"/review"), chromedp.WaitVisible(css(`.claim-row a`)))
	u.shot(shots, "review")
	u.do("verify", chromedp.Navigate(claimURL), chromedp.WaitVisible(css(`#reviewform`)),
		chromedp.Click(css(`#reviewform input[value="verified"]`)),
		chromedp.Click(css(`#reviewform button[type=submit]`)),
		chromedp.WaitVisible(css(`#claim-status[data-status="verified"]`)))
	u.shot(shots, "claim")
	if got := u.cellClass(s.base, "2.3.1", "330100"); got != "verified" {
		t.Errorf("heat-map cell after the verdict: %q, want verified", got)
	}

	// English, then back.
	u.do("english", chromedp.Navigate(s.base+"/search"), chromedp.Click(css(`.who a[lang]`)), chromedp.WaitVisible(css(`h1`)))
	if h1 := u.text(`h1`); h1 != "Search evidence" {
		t.Errorf("English heading %q", h1)
	}
	u.do("chinese", chromedp.Click(css(`.who a[lang]`)), chromedp.WaitVisible(css(`h1`)))
	if h1 := u.text(`h1`); h1 != "检索佐证材料" {
		t.Errorf("Chinese heading %q", h1)
	}
	u.logout()

	// 管理 as admin, then every page at phone width.
	u.login(s.base, "boss", pw)
	u.do("admin page", chromedp.Navigate(s.base+"/admin"), chromedp.WaitVisible(css(`#userform`)))
	u.shot(shots, "admin")
	u.do("phone width", chromedp.EmulateViewport(390, 844))
	for _, page := range []string{"/search?q=学分银行", "/indicators", "/documents/" + docID, "/upload", "/review?status=verified",
		"/admin", strings.TrimPrefix(claimURL, s.base)} {
		u.do("open "+page, chromedp.Navigate(s.base+page), chromedp.WaitVisible(css(`main`)))
		u.fitsTheWidth(page + " at 390 px")
	}
	u.shot(shots, "indicators-390")
	u.checkKeyboard()
}

// checkKeyboard checks that every form control of the page is labelled and
// that tabbing reaches the main navigation.
func (u ui) checkKeyboard() {
	u.t.Helper()
	labelled := eval[bool](u, `Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea')).every(function (el) {
		return (el.labels && el.labels.length > 0) || el.getAttribute('aria-label');
	})`)
	if !labelled {
		u.t.Errorf("a form control on the last page has no label")
	}
	var seen []string
	for i := 0; i < 12; i++ {
		u.do("tab", chromedp.KeyEvent("\t"))
		seen = append(seen, eval[string](u, `document.activeElement.tagName + ':' + (document.activeElement.textContent || '').trim().slice(0, 10)`))
	}
	if joined := strings.Join(seen, " "); !strings.Contains(joined, "A:检索") {
		u.t.Errorf("tabbing did not reach the navigation: %s", joined)
	}
}
