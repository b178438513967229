package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestContributorOnAPhone walks what a department's staff (责任单位) do
// from a phone: log in and open 我的任务. At 375×812 (device scale 3) and
// 414×896 (scale 2), with touch, no page scrolls sideways and every
// control is a finger's size (40 px); the user name is not capitalised by
// the phone's keyboard.
func TestContributorOnAPhone(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	const pw = "学习型城市建设2018"
	if _, err := runCLI(t, "user", "add", "--data", data, "--name", "jiaoyu", "--role", "contributor", "--password", pw,
		"--city", "330100", "--department", "市教育局"); err != nil {
		t.Fatalf("add jiaoyu: %v", err)
	}
	table := filepath.Join(dir, "责任分解表.csv")
	if err := os.WriteFile(table, []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2099-03-31,张老师 0571-85251234\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := runCLI(t, "assignments", "import", table, "--data", data, "--city", "330100", "--round", "2018"); err != nil {
		t.Fatalf("import the responsibility table: %v\n%s", err, out)
	}
	s := startServer(t, data)
	u := ui{t: t, ctx: newBrowser(t)}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	for _, phone := range []struct {
		w, h  int64
		scale float64
	}{{375, 812, 3}, {414, 896, 2}} {
		at := fmt.Sprintf(" at %d px", phone.w)
		u.do("a phone"+at, chromedp.EmulateViewport(phone.w, phone.h, chromedp.EmulateScale(phone.scale), chromedp.EmulateMobile, chromedp.EmulateTouch))
		u.do("the login page"+at, chromedp.Navigate(s.base+"/login"), chromedp.WaitVisible(css(`#username`)))
		if got := eval[string](u, `document.getElementById('username').autocapitalize`); got != "none" {
			t.Errorf("the user name field capitalises as %q, want none (a phone's keyboard types Jiaoyu for jiaoyu)", got)
		}
		u.fitsAPhone("the login page" + at)
		u.login(s.base, "jiaoyu", pw)
		u.do("我的任务"+at, chromedp.Navigate(s.base+"/tasks"), chromedp.WaitVisible(css(`article.task input[type=file]`)))
		u.fitsAPhone("我的任务" + at)
		u.logout()
	}
}

// fitsAPhone checks a page on a phone: nothing wider than the screen, and
// every control one taps — the header's links, fields, lists, buttons, a
// link standing alone — at least 40 px each way. A link inside a sentence
// is text and is left out.
func (u ui) fitsAPhone(page string) {
	u.t.Helper()
	if w, iw := eval[int](u, `document.scrollingElement.scrollWidth`), eval[int](u, `innerWidth`); w > iw {
		u.t.Errorf("%s scrolls sideways: %d px wide on a %d px screen", page, w, iw)
	}
	small := eval[[]string](u, `(function () {
		var out = [];
		document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary').forEach(function (e) {
			if (!e.checkVisibility() || e.type === 'checkbox' || e.type === 'radio') { return; }
			var r = e.getBoundingClientRect();
			if (r.right <= 0 || r.width === 0) { return; } // a skip link waiting off screen
			if (e.tagName === 'A' && !e.closest('.top') && e.parentElement.textContent.trim() !== e.textContent.trim()) { return; }
			if (r.height < 40 || r.width < 40) {
				out.push(e.tagName.toLowerCase() + (e.name ? '[name=' + e.name + ']' : '') + ' “' + (e.textContent || '').trim().slice(0, 16) + '” ' + Math.round(r.width) + '×' + Math.round(r.height));
			}
		});
		return out;
	})()`)
	for _, s := range small {
		u.t.Errorf("%s: %s px is too small to tap", page, s)
	}
}
